import type { Checkout } from '@kaquan/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, Result } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { cancelCheckout, shopKeys, useCheckout } from '../../api/shop.ts';
import { PageError, PageLoading, PageState } from '../../components/CenteredState.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { PriceBreakdown } from '../../components/price-breakdown.tsx';
import { SubPage } from '../../components/sub-page.tsx';
import { useT } from '../../i18n/index.tsx';
import { formatDuration, formatTime } from '../../lib/format-time.ts';
import { formatMoney } from '../../lib/money.ts';
import { showError } from '../../lib/show-error.ts';
import { useSecondsLeft } from '../../lib/use-seconds-left.ts';
import './shop.css';

/** Where the pay page's 取消 lands: a checkout awaiting payment, cancelled, expired, or paid. */
export function CheckoutStatusPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { merchant } = useMerchant();
  const id = Number(useParams().id);
  const query = useCheckout(id);
  const secondsLeft = useSecondsLeft(query.data?.status === 'pending' ? query.data.expiresAt : null);
  const cancel = useMutation({
    mutationFn: () => cancelCheckout(id),
    onSuccess: (next) => queryClient.setQueryData(shopKeys.checkout(id), next),
    onError: (err) => {
      showError(err, t);
      query.refetch();
    },
  });
  const path = (sub: string) => merchantPath(merchant.slug, sub);
  const title = t('checkoutStatus.title');

  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <SubPage title={title} parent="orders">
          <PageState status="empty" title={t('checkoutStatus.notFound')} description="" />
        </SubPage>
      );
    }
    return <PageError onRetry={() => query.refetch()} />;
  }

  const checkout = query.data;
  // The server moves a checkout to expired on its own schedule; past its time it cannot be paid.
  const status: Checkout['status'] =
    checkout.status === 'pending' && secondsLeft === 0 ? 'expired' : checkout.status;

  function payNow(url: string | null) {
    if (url) window.location.href = url;
  }

  async function confirmCancel() {
    if (await Dialog.confirm({ content: t('checkoutStatus.cancelConfirm') })) cancel.mutate();
  }

  function actions() {
    if (status === 'pending') {
      return (
        <>
          <Button block color="danger" size="large" onClick={() => payNow(checkout.payUrl)}>
            {t('checkoutStatus.payNow', { amount: formatMoney(checkout.totalCents) })}
          </Button>
          <Button block fill="outline" loading={cancel.isPending} onClick={confirmCancel}>
            {t('checkoutStatus.cancel')}
          </Button>
        </>
      );
    }
    if (status === 'paid' && checkout.orderId) {
      return (
        <Button
          block
          color="primary"
          size="large"
          onClick={() => navigate(path(`orders/${checkout.orderId}`))}
        >
          {t('checkoutStatus.viewOrder')}
        </Button>
      );
    }
    return (
      <Button block color="primary" size="large" onClick={() => navigate(path('shop'))}>
        {t('checkoutStatus.backToShop')}
      </Button>
    );
  }

  const view = {
    pending: {
      status: 'waiting',
      title: t('checkoutStatus.pending'),
      description: t('checkoutStatus.countdown', { time: formatDuration(secondsLeft) }),
    },
    paid: { status: 'success', title: t('checkoutStatus.paid'), description: t('checkoutStatus.paid.desc') },
    cancelled: {
      status: 'warning',
      title: t('checkoutStatus.cancelled'),
      description: t('checkoutStatus.cancelled.desc'),
    },
    expired: {
      status: 'warning',
      title: t('checkoutStatus.expired'),
      description: t('checkoutStatus.expired.desc'),
    },
  } as const;

  return (
    <SubPage title={title} parent="orders">
      <Result
        className="kq-result"
        status={view[status].status}
        title={view[status].title}
        description={view[status].description}
      />
      <div className="kq-result-actions">{actions()}</div>
      <PriceBreakdown quote={checkout.quote} totalCents={checkout.totalCents} />
      <div className="kq-meta-line">
        {t('checkoutStatus.createdAt', { time: formatTime(checkout.createdAt) })}
      </div>
    </SubPage>
  );
}
