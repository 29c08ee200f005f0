import { TabBar } from 'antd-mobile';
import { AppOutline, ShopbagOutline, UnorderedListOutline, UserOutline } from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { Outlet, useLocation, useNavigate, useOutletContext } from 'react-router-dom';
import { type MessageKey, useT } from '../i18n/index.tsx';
import { merchantPath, useMerchant } from './merchant-context.ts';

const TABS: { sub: string; title: MessageKey; icon: ReactNode }[] = [
  { sub: '', title: 'tab.home', icon: <AppOutline /> },
  { sub: 'shop', title: 'tab.shop', icon: <ShopbagOutline /> },
  { sub: 'orders', title: 'tab.orders', icon: <UnorderedListOutline /> },
  { sub: 'me', title: 'tab.me', icon: <UserOutline /> },
];

const trim = (path: string) => path.replace(/\/+$/, '');

/** The home, shop, orders and 我的 pages share a bottom tab bar. */
export function TabLayout() {
  const t = useT();
  const { merchant } = useMerchant();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const member = useOutletContext();
  const paths = TABS.map((tab) => merchantPath(merchant.slug, tab.sub));
  const active = paths.find((path) => trim(path) === trim(pathname)) ?? paths[0];

  return (
    <div className="kq-tab-page">
      <main className="kq-tab-body">
        <Outlet context={member} />
      </main>
      <TabBar className="kq-tab-bar" activeKey={active} onChange={(key) => navigate(key)} safeArea>
        {TABS.map((tab, i) => (
          <TabBar.Item key={paths[i]} icon={tab.icon} title={t(tab.title)} />
        ))}
      </TabBar>
    </div>
  );
}
