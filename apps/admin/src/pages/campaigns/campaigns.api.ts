import type { Campaign, CampaignKind, ClaimRecord, Page, RepeatRule } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export interface CampaignFilters {
  kind?: CampaignKind;
  q?: string;
}

export function useCampaigns(filters: CampaignFilters, paging: Paging) {
  return useQuery({
    queryKey: ['campaigns', 'list', filters, paging],
    queryFn: () => api.get<Page<Campaign>>('/campaigns', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export interface ItemInput {
  id?: number;
  templateId: number;
  quantity: number;
  stock?: number | null;
}

export interface CampaignRules {
  name: string;
  startsAt?: string | null;
  endsAt?: string | null;
  storeIds?: number[];
  repeatRule?: RepeatRule;
  perMemberLimit?: number;
  cooldownSeconds?: number;
  totalLimit?: number;
}

export type CampaignInput = CampaignRules & { kind: CampaignKind; items: ItemInput[] };

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['campaigns'] });
}

export function useCreateCampaign(idempotencyKey: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CampaignInput) => api.create<Campaign>('/campaigns', input, idempotencyKey),
    onSuccess: invalidate,
  });
}

export function useUpdateCampaign() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, rules }: { id: number; rules: CampaignRules }) =>
      api.patch<Campaign>(`/campaigns/${id}`, rules),
    onSuccess: invalidate,
  });
}

export function useSetItems() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, items }: { id: number; items: ItemInput[] }) =>
      api.put<Campaign>(`/campaigns/${id}/items`, { items }),
    onSuccess: invalidate,
  });
}

export function useSetStatus() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'pause' | 'start' }) =>
      api.post<Campaign>(`/campaigns/${id}/${action}`),
    onSuccess: invalidate,
  });
}

export interface ClaimFilters {
  result?: 'granted' | 'refused';
  phone?: string;
  from?: string;
  to?: string;
}

export function useClaimRecords(id: number, filters: ClaimFilters, paging: Paging) {
  return useQuery({
    queryKey: ['campaigns', 'claims', id, filters, paging],
    queryFn: () => api.get<Page<ClaimRecord>>(`/campaigns/${id}/claims`, { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export const campaignQrUrl = (id: number, format: 'png' | 'svg', size?: number) =>
  `/api/v1/campaigns/${id}/qr.${format}${size ? `?size=${size}` : ''}`;

export const claimsCsvUrl = (id: number, filters: ClaimFilters) =>
  `/api/v1/campaigns/${id}/claims.csv${toQueryString({ ...filters })}`;
