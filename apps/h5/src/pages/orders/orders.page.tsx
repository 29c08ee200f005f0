import type { OrderStatus } from '@kaquan/contracts';
import { Button, ErrorBlock, InfiniteScroll, SpinLoading, Tabs } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useOrders } from '../../api/orders.ts';
import { PageError } from '../../components/CenteredState.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { useT } from '../../i18n/index.tsx';
import { OrderCard } from './order-card.tsx';
import { ORDER_STATUS, ORDER_TABS } from './order-status.ts';
import './orders.css';

/** 我的订单: the member's paid orders by status. */
export function OrdersPage() {
  const t = useT();
  const navigate = useNavigate();
  const { merchant } = useMerchant();
  const [tab, setTab] = useState<OrderStatus | 'all'>('all');
  const orders = useOrders(tab === 'all' ? null : tab);
  const items = orders.data?.pages.flatMap((page) => page.items) ?? [];

  function body() {
    if (orders.isPending) {
      return (
        <div className="kq-block-state">
          <SpinLoading color="primary" />
        </div>
      );
    }
    if (orders.isError) return <PageError onRetry={() => orders.refetch()} />;
    if (items.length === 0) {
      return (
        <ErrorBlock className="kq-block-state" status="empty" title={t('orders.empty')} description="">
          <Button color="primary" onClick={() => navigate(merchantPath(merchant.slug, 'shop'))}>
            {t('cart.goShopping')}
          </Button>
        </ErrorBlock>
      );
    }
    return (
      <>
        {items.map((order) => (
          <OrderCard key={order.id} order={order} />
        ))}
        <InfiniteScroll
          loadMore={async () => void (await orders.fetchNextPage())}
          hasMore={orders.hasNextPage}
        >
          {orders.hasNextPage ? <SpinLoading /> : t('shop.noMore')}
        </InfiniteScroll>
      </>
    );
  }

  return (
    <div className="kq-orders">
      <div className="kq-orders-top">
        <h1 className="kq-page-title">{t('orders.title')}</h1>
        <Tabs activeKey={tab} onChange={(key) => setTab(key as OrderStatus | 'all')}>
          {ORDER_TABS.map((key) => (
            <Tabs.Tab key={key} title={key === 'all' ? t('shop.all') : t(ORDER_STATUS[key].label)} />
          ))}
        </Tabs>
      </div>
      {body()}
    </div>
  );
}
