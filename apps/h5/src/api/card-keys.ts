import type { OrderCardKey } from '@kaquan/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

/** The card keys of one of my orders, in plain text (only the buyer gets them). */
export function useOrderCardKeys(orderId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['h5', 'orders', 'card-keys', orderId],
    queryFn: () => api.get<OrderCardKey[]>(`/shop/orders/${orderId}/card-keys`),
    enabled,
  });
}
