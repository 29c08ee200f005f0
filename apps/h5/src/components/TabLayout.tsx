import { TabBar } from 'antd-mobile';
import { AppOutline, UserOutline } from 'antd-mobile-icons';
import { Outlet, useLocation, useNavigate, useOutletContext } from 'react-router-dom';
import { useT } from '../i18n/index.tsx';
import { merchantPath, useMerchant } from './merchant-context.ts';

/** The home and 我的 pages share a bottom tab bar. */
export function TabLayout() {
  const t = useT();
  const { merchant } = useMerchant();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const home = merchantPath(merchant.slug);
  const me = merchantPath(merchant.slug, 'me');
  const member = useOutletContext();
  const active = pathname.replace(/\/+$/, '') === me.replace(/\/+$/, '') ? me : home;

  return (
    <div className="kq-tab-page">
      <main className="kq-tab-body">
        <Outlet context={member} />
      </main>
      <TabBar className="kq-tab-bar" activeKey={active} onChange={(key) => navigate(key)} safeArea>
        <TabBar.Item key={home} icon={<AppOutline />} title={t('tab.home')} />
        <TabBar.Item key={me} icon={<UserOutline />} title={t('tab.me')} />
      </TabBar>
    </div>
  );
}
