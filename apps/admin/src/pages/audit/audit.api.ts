import type { AuditEntry, Page } from '@kaquan/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export interface AuditFilters {
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

export function useAudit(filters: AuditFilters, paging: Paging) {
  return useQuery({
    queryKey: ['audit', filters, paging],
    queryFn: () => api.get<Page<AuditEntry>>('/audit', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
}
