import type { EvaluationPage, Page, VoucherTemplate } from '@kaquan/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export const SCORES = [5, 4, 3, 2, 1] as const;

export interface EvaluationFilters {
  templateId?: number;
  storeId?: number;
  score?: number;
}

export function useEvaluations(filters: EvaluationFilters, paging: Paging) {
  return useQuery({
    queryKey: ['evaluations', 'list', filters, paging],
    queryFn: () => api.get<EvaluationPage>('/evaluations', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
}

/** Every template of the merchant (first 100), also disabled ones: their evaluations stay. */
export function useTemplateOptions() {
  return useQuery({
    queryKey: ['voucher-templates', 'options'],
    queryFn: () =>
      api.get<Page<VoucherTemplate>>('/voucher-templates', { page: 1, pageSize: 100 }).then((p) => p.items),
  });
}
