import type { Order, OrderStatus, Page } from '@kaquan/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { nextPage, PAGE_SIZE, pageQuery } from './shop.ts';

export const orderKeys = {
  all: ['h5', 'orders'] as const,
  list: (status: OrderStatus | null) => ['h5', 'orders', 'list', status] as const,
  detail: (id: number) => ['h5', 'orders', 'detail', id] as const,
};

export function useOrders(status: OrderStatus | null) {
  return useInfiniteQuery({
    queryKey: orderKeys.list(status),
    queryFn: ({ pageParam }) =>
      api.get<Page<Order>>(`/shop/orders?${pageQuery({ status, page: pageParam, pageSize: PAGE_SIZE })}`),
    initialPageParam: 1,
    getNextPageParam: nextPage,
  });
}

export function useOrder(id: number) {
  return useQuery({
    queryKey: orderKeys.detail(id),
    queryFn: () => api.get<Order>(`/shop/orders/${id}`),
    enabled: id > 0,
  });
}

/** The buyer got a shipped order: it becomes completed. */
export const confirmOrder = (id: number) => api.post<Order>(`/shop/orders/${id}/confirm`);
