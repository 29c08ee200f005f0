import type { OrderStatus } from '@kaquan/contracts';
import type { MessageKey } from '../../i18n/index.tsx';

/** How each order status is named and coloured for the buyer. */
export const ORDER_STATUS: Record<
  OrderStatus,
  { label: MessageKey; title: MessageKey; description: MessageKey; color: string }
> = {
  paid: {
    label: 'orderStatus.paid',
    title: 'orderStatus.paid.title',
    description: 'orderStatus.paid.desc',
    color: 'warning',
  },
  fulfilled: {
    label: 'orderStatus.fulfilled',
    title: 'orderStatus.fulfilled.title',
    description: 'orderStatus.fulfilled.desc',
    color: 'success',
  },
  shipped: {
    label: 'orderStatus.shipped',
    title: 'orderStatus.shipped.title',
    description: 'orderStatus.shipped.desc',
    color: 'primary',
  },
  completed: {
    label: 'orderStatus.completed',
    title: 'orderStatus.completed.title',
    description: 'orderStatus.completed.desc',
    color: 'success',
  },
  cancelled: {
    label: 'orderStatus.cancelled',
    title: 'orderStatus.cancelled.title',
    description: 'orderStatus.cancelled.desc',
    color: 'default',
  },
  refunded: {
    label: 'orderStatus.refunded',
    title: 'orderStatus.refunded.title',
    description: 'orderStatus.refunded.desc',
    color: 'default',
  },
};

/** The tabs of 我的订单; cancelled orders show under 全部 only. */
export const ORDER_TABS: (OrderStatus | 'all')[] = [
  'all',
  'paid',
  'shipped',
  'fulfilled',
  'completed',
  'refunded',
];
