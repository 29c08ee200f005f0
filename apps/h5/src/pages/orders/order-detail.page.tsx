import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, List, Toast } from 'antd-mobile';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { confirmOrder, orderKeys, useOrder } from '../../api/orders.ts';
import { PageError, PageLoading, PageState } from '../../components/CenteredState.tsx';
import { PriceBreakdown } from '../../components/price-breakdown.tsx';
import { SubPage } from '../../components/sub-page.tsx';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import { showError } from '../../lib/show-error.ts';
import { OrderCardKeys } from './order-card-keys.tsx';
import { OrderItems } from './order-items.tsx';
import { ORDER_STATUS } from './order-status.ts';
import './orders.css';

/** Where the pay page's 支付 lands: status, goods and what they delivered, shipping, prices. */
export function OrderDetailPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const query = useOrder(id);
  const confirm = useMutation({
    mutationFn: () => confirmOrder(id),
    onSuccess: (order) => {
      queryClient.setQueryData(orderKeys.detail(id), order);
      queryClient.invalidateQueries({ queryKey: orderKeys.all });
      Toast.show({ icon: 'success', content: t('order.confirmed') });
    },
    onError: (err) => showError(err, t),
  });
  const title = t('order.title');

  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <SubPage title={title} parent="orders">
          <PageState status="empty" title={t('order.notFound')} description="" />
        </SubPage>
      );
    }
    return <PageError onRetry={() => query.refetch()} />;
  }

  const order = query.data;
  const status = ORDER_STATUS[order.status];
  const { buyer } = order;
  const canConfirm = order.actions.includes('confirm');
  // Paid card keys the pool did not have yet: not "to be shipped" but waiting for the merchant's stock.
  const awaitingStock = order.items.some((i) => i.fulfilment?.status === 'awaiting_stock');

  async function confirmReceipt() {
    if (await Dialog.confirm({ content: t('order.confirmAsk') })) confirm.mutate();
  }

  const actionBar = canConfirm && (
    <Button className="kq-bar-button" color="primary" loading={confirm.isPending} onClick={confirmReceipt}>
      {t('order.confirm')}
    </Button>
  );

  return (
    <SubPage title={title} parent="orders" actionBar={actionBar || undefined}>
      <header className={`kq-order-status kq-order-status-${order.status}`} data-testid="order-status">
        <h1>{t(awaitingStock ? 'cardKey.awaiting.title' : status.title)}</h1>
        <p>{t(awaitingStock ? 'cardKey.awaiting.desc' : status.description)}</p>
      </header>
      {order.carrier && (
        <List mode="card" header={t('order.shipping')}>
          <List.Item extra={order.carrier}>{t('order.carrier')}</List.Item>
          <List.Item extra={<span className="kq-secret">{order.trackingNo}</span>}>
            {t('order.trackingNo')}
          </List.Item>
          {order.shippedAt && (
            <List.Item extra={formatTime(order.shippedAt)}>{t('order.shippedAt')}</List.Item>
          )}
        </List>
      )}
      {(buyer.name || buyer.phone || buyer.address) && (
        <List mode="card" header={buyer.address ? t('buyer.addressTitle') : t('buyer.contactTitle')}>
          <List.Item description={[buyer.region, buyer.address].filter(Boolean).join(' ') || undefined}>
            {[buyer.name, buyer.phone].filter(Boolean).join('  ')}
          </List.Item>
        </List>
      )}
      <OrderItems order={order} />
      <OrderCardKeys order={order} />
      <PriceBreakdown quote={order.quote} totalCents={order.totalCents} />
      <List mode="card" header={t('order.info')}>
        <List.Item extra={<span className="kq-secret">{order.orderNo}</span>}>{t('order.orderNo')}</List.Item>
        <List.Item extra={formatTime(order.paidAt)}>{t('order.paidAt')}</List.Item>
        {order.completedAt && (
          <List.Item extra={formatTime(order.completedAt)}>{t('order.completedAt')}</List.Item>
        )}
        {order.closedAt && <List.Item extra={formatTime(order.closedAt)}>{t('order.closedAt')}</List.Item>}
        {order.pointsEarned > 0 && (
          <List.Item extra={`+${order.pointsEarned}`}>{t('order.pointsEarned')}</List.Item>
        )}
      </List>
    </SubPage>
  );
}
