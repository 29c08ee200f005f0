import type { Page, Store } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export interface StoreInput {
  name: string;
  address?: string;
  phone?: string;
  status?: Store['status'];
}

export function useStores(q: string, paging: Paging) {
  return useQuery({
    queryKey: ['stores', 'list', q, paging],
    queryFn: () => api.get<Page<Store>>('/stores', { q, ...paging }),
    placeholderData: keepPreviousData,
  });
}

/** Every store of the merchant (first 100), for pickers such as a verifier's store scope. */
export function useStoreOptions() {
  return useQuery({
    queryKey: ['stores', 'options'],
    queryFn: () => api.get<Page<Store>>('/stores', { page: 1, pageSize: 100 }).then((p) => p.items),
  });
}

export function useSaveStore() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: StoreInput }) =>
      id ? api.patch<Store>(`/stores/${id}`, input) : api.create<Store>('/stores', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['stores'] }),
  });
}

export const storeQrUrl = (id: number, format: 'png' | 'svg') => `/api/v1/stores/${id}/qr.${format}`;
