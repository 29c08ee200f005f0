import { Button, ErrorBlock, SpinLoading } from 'antd-mobile';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useMemberMe, useStoreFromVerifyUrl } from '../../api/member.ts';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { SubPage } from '../../components/sub-page.tsx';
import { useT } from '../../i18n/index.tsx';
import { SelfVerifyPicker } from './self-verify-picker.tsx';

/** Where a store's verification QR code leads: the member picks a voucher and verifies it here. */
export function VerifyPage() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const { merchant } = useMerchant();
  const storeCode = useSearchParams()[0].get('store');
  const me = useMemberMe();
  const signedIn = me.data?.merchant.slug === merchant.slug;
  // Only a signed-in member of this merchant may look the store up; others see the code alone.
  const store = useStoreFromVerifyUrl(window.location.href, signedIn && !!storeCode);

  function storeLine() {
    if (!storeCode) return t('verify.noStore');
    if (store.isError) return t('verify.unknownStore');
    return t('verify.store', { code: storeCode });
  }

  function body() {
    if (!storeCode || store.isError) return null;
    if (me.isPending || (signedIn && store.isPending)) {
      return (
        <div className="kq-block-state">
          <SpinLoading color="primary" />
        </div>
      );
    }
    if (!signedIn) {
      return (
        <ErrorBlock className="kq-block-state" status="default" title={t('verify.signIn')} description="">
          <Button
            color="primary"
            onClick={() =>
              navigate(merchantPath(merchant.slug, 'login'), {
                state: { from: `${location.pathname}${location.search}` },
              })
            }
          >
            {t('login.submit')}
          </Button>
        </ErrorBlock>
      );
    }
    return <SelfVerifyPicker storeUrl={window.location.href} />;
  }

  return (
    <SubPage title={t('verify.title')} parent="">
      <div className="kq-verify-store" data-testid="verify-store">
        <div className="kq-verify-merchant">{merchant.name}</div>
        {store.data ? (
          <>
            <div className="kq-verify-name">{store.data.name}</div>
            {store.data.address && <div className="kq-verify-code">{store.data.address}</div>}
          </>
        ) : (
          <div className="kq-verify-code">{storeLine()}</div>
        )}
      </div>
      {body()}
    </SubPage>
  );
}
