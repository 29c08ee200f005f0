import { ErrorBlock, NavBar } from 'antd-mobile';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useMemberMe, useStoreFromVerifyUrl } from '../../api/member.ts';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { useT } from '../../i18n/index.tsx';

/** Where a store's verification QR code leads. Member self-verification is a later feature. */
export function VerifyPage() {
  const t = useT();
  const navigate = useNavigate();
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

  return (
    <div className="kq-page">
      <NavBar className="kq-nav" backIcon onBack={() => navigate(merchantPath(merchant.slug))}>
        {t('verify.title')}
      </NavBar>
      <div className="kq-verify-store">
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
      <ErrorBlock
        className="kq-soon"
        status="busy"
        title={t('verify.comingSoon')}
        description={t('verify.description')}
      />
    </div>
  );
}
