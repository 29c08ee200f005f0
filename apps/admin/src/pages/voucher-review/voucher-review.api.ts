import type { Page, TemplateForReview, TemplateStatus, VoucherTemplate } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export function useReviewQueue(status: TemplateStatus, paging: Paging) {
  return useQuery({
    queryKey: ['review', 'voucher-templates', status, paging],
    queryFn: () => api.get<Page<TemplateForReview>>('/review/voucher-templates', { status, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useReviewDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason?: string }) =>
      reason === undefined
        ? api.post<VoucherTemplate>(`/review/voucher-templates/${id}/approve`)
        : api.post<VoucherTemplate>(`/review/voucher-templates/${id}/reject`, { reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['review', 'voucher-templates'] }),
  });
}
