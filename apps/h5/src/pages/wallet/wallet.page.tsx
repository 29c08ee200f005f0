import { Button, ErrorBlock, InfiniteScroll, SpinLoading, Tabs } from 'antd-mobile';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useWalletVouchers, WALLET_STATES, type WalletState } from '../../api/wallet.ts';
import { PageError } from '../../components/CenteredState.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { SubPage } from '../../components/sub-page.tsx';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { VoucherCard } from './voucher-card.tsx';
import './wallet.css';

const EMPTY: Record<WalletState, { title: MessageKey; description: MessageKey }> = {
  unused: { title: 'wallet.empty.unused', description: 'wallet.empty.unused.desc' },
  used: { title: 'wallet.empty.used', description: 'wallet.empty.used.desc' },
  expired: { title: 'wallet.empty.expired', description: 'wallet.empty.expired.desc' },
  gifting: { title: 'wallet.empty.gifting', description: 'wallet.empty.gifting.desc' },
};

const isWalletState = (value: string | null): value is WalletState =>
  WALLET_STATES.includes(value as WalletState);

/** 我的卡券: the member's vouchers, by 未使用 / 已使用 / 已过期 / 赠送中. */
export function WalletPage() {
  const t = useT();
  const navigate = useNavigate();
  const { merchant } = useMerchant();
  const [params, setParams] = useSearchParams();
  const asked = params.get('state');
  const tab: WalletState = isWalletState(asked) ? asked : 'unused';
  const vouchers = useWalletVouchers(tab);
  const items = vouchers.data?.pages.flatMap((page) => page.items) ?? [];

  function body() {
    if (vouchers.isPending) {
      return (
        <div className="kq-block-state">
          <SpinLoading color="primary" />
        </div>
      );
    }
    if (vouchers.isError) return <PageError onRetry={() => vouchers.refetch()} />;
    if (items.length === 0) {
      return (
        <ErrorBlock
          className="kq-block-state"
          status="empty"
          title={t(EMPTY[tab].title)}
          description={t(EMPTY[tab].description)}
        >
          {tab === 'unused' && (
            <Button color="primary" onClick={() => navigate(merchantPath(merchant.slug, 'shop'))}>
              {t('cart.goShopping')}
            </Button>
          )}
        </ErrorBlock>
      );
    }
    return (
      <>
        {items.map((voucher) => (
          <VoucherCard key={voucher.id} voucher={voucher} />
        ))}
        <InfiniteScroll
          loadMore={async () => void (await vouchers.fetchNextPage())}
          hasMore={vouchers.hasNextPage}
        >
          {vouchers.hasNextPage ? <SpinLoading /> : t('shop.noMore')}
        </InfiniteScroll>
      </>
    );
  }

  return (
    <SubPage title={t('entry.wallet')} parent="">
      <div className="kq-wallet-tabs">
        <Tabs activeKey={tab} onChange={(key) => setParams({ state: key }, { replace: true })}>
          {WALLET_STATES.map((state) => (
            <Tabs.Tab key={state} title={t(`voucherState.${state}`)} />
          ))}
        </Tabs>
      </div>
      {body()}
    </SubPage>
  );
}
