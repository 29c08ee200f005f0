import type { CommissionEntry, CommissionKind, CommissionSummary, Page } from '@kaquan/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export type CommissionStatus = CommissionEntry['status'];

export const COMMISSION_KINDS: readonly CommissionKind[] = [
  'distributor_l1',
  'distributor_l2',
  'distributor_l3',
  'team_dividend',
  'shareholder_dividend',
  'regional_agent',
];

export const COMMISSION_STATUSES: readonly CommissionStatus[] = ['pending', 'settled', 'reversed'];

export const COMMISSION_STATUS_COLORS: Record<CommissionStatus, string> = {
  pending: 'gold',
  settled: 'green',
  reversed: 'default',
};

export interface CommissionFilters {
  beneficiaryId?: number;
  orderId?: number;
  kind?: CommissionKind;
  status?: CommissionStatus;
}

export function useCommissionSummary(paging: Paging) {
  return useQuery({
    queryKey: ['commissions', 'summary', paging],
    queryFn: () => api.get<Page<CommissionSummary>>('/commissions/summary', { ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useCommissions(filters: CommissionFilters, paging: Paging) {
  return useQuery({
    queryKey: ['commissions', 'list', filters, paging],
    queryFn: () => api.get<Page<CommissionEntry>>('/commissions', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
}
