import type { Order, OrderStatus, Page, ProductType } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'paid',
  'fulfilled',
  'shipped',
  'completed',
  'cancelled',
  'refunded',
];

export const STATUS_COLORS: Record<OrderStatus, string> = {
  paid: 'blue',
  fulfilled: 'cyan',
  shipped: 'geekblue',
  completed: 'green',
  cancelled: 'default',
  refunded: 'orange',
};

/** What staff can do to an order (the server lists them in `order.actions`; `confirm` is the buyer's). */
export type StaffAction = 'ship' | 'complete' | 'cancel' | 'refund';
export const STAFF_ACTIONS: readonly StaffAction[] = ['ship', 'complete', 'cancel', 'refund'];

export interface OrderFilters {
  status?: OrderStatus;
  type?: ProductType;
  q?: string;
  from?: string;
  to?: string;
}

export function useOrders(filters: OrderFilters, paging: Paging) {
  return useQuery({
    queryKey: ['orders', 'list', filters, paging],
    queryFn: () => api.get<Page<Order>>('/orders', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
}

/** One order, fresh from the server; the list row shows while it loads. */
export function useOrder(order: Order) {
  return useQuery({
    queryKey: ['orders', 'one', order.id],
    queryFn: () => api.get<Order>(`/orders/${order.id}`),
    placeholderData: order,
  });
}

export type ActionBody = { carrier: string; trackingNo: string } | { reason?: string };

export function useOrderAction(orderId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: StaffAction; body: ActionBody }) =>
      api.post<Order>(`/orders/${orderId}/${action}`, body),
    onSuccess: (order) => {
      queryClient.setQueryData(['orders', 'one', order.id], order);
      return queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
    },
  });
}
