import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Dialog, List, Selector, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { logoutMember, queryKeys } from '../../api/member.ts';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { useSignedInMember } from '../../components/use-member.ts';
import { LANGS, type Lang, setLang, useLang, useT } from '../../i18n/index.tsx';
import { maskPhone } from '../../lib/phone.ts';
import { showError } from '../../lib/show-error.ts';
import { MemberCommerceCard } from './member-commerce.tsx';

export function MePage() {
  const t = useT();
  const lang = useLang();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { merchant } = useMerchant();
  const { member } = useSignedInMember();
  const phone = maskPhone(member.phone);

  async function logout() {
    const confirmed = await Dialog.confirm({ content: t('me.logoutConfirm') });
    if (!confirmed) return;
    try {
      await logoutMember();
    } catch (err) {
      showError(err, t);
      return;
    }
    navigate(merchantPath(merchant.slug, 'login'), { replace: true });
    queryClient.setQueryData(queryKeys.me, null);
    Toast.show({ content: t('me.loggedOut') });
  }

  return (
    <div className="kq-me">
      <header className="kq-me-header">
        <Avatar src="" className="kq-avatar" />
        <div>
          <div className="kq-me-name">{member.name || t('me.unnamed')}</div>
          <div className="kq-me-phone" data-testid="member-phone">
            {phone}
          </div>
        </div>
      </header>
      <MemberCommerceCard />
      <List mode="card">
        <List.Item onClick={() => navigate(merchantPath(merchant.slug, 'wallet'))}>
          {t('entry.wallet')}
        </List.Item>
        <List.Item onClick={() => navigate(merchantPath(merchant.slug, 'orders'))}>
          {t('entry.orders')}
        </List.Item>
        <List.Item onClick={() => navigate(merchantPath(merchant.slug, 'cart'))}>{t('cart.title')}</List.Item>
        <List.Item extra={merchant.name}>{t('me.merchant')}</List.Item>
      </List>
      <List mode="card" header={t('me.language')}>
        <List.Item>
          <Selector<Lang>
            aria-label={t('me.language')}
            columns={2}
            showCheckMark={false}
            value={[lang]}
            options={LANGS.map((value) => ({ value, label: t(`lang.${value}`) }))}
            onChange={(values) => values[0] && setLang(values[0])}
          />
        </List.Item>
      </List>
      <div className="kq-me-actions">
        <Button block color="danger" fill="outline" size="large" onClick={logout}>
          {t('me.logout')}
        </Button>
      </div>
    </div>
  );
}
