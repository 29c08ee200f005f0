import type { Merchant, Page, StaffUser } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export interface MerchantInput {
  name: string;
  slug?: string;
  timeZone?: string;
  owner: { login: string; name: string; password: string };
}

export function useMerchants(q: string, status: Merchant['status'] | undefined, paging: Paging) {
  return useQuery({
    queryKey: ['merchants', q, status, paging],
    queryFn: () => api.get<Page<Merchant>>('/merchants', { q, status, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateMerchant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MerchantInput) =>
      api.create<{ merchant: Merchant; owner: StaffUser }>('/merchants', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['merchants'] }),
  });
}

export function useSetMerchantStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'suspend' | 'resume' }) =>
      api.post<Merchant>(`/merchants/${id}/${action}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['merchants'] }),
  });
}
