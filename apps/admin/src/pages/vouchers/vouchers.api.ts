import type { Page, Voucher, VoucherState } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export const VOUCHER_STATES: readonly VoucherState[] = ['unused', 'used', 'expired', 'disabled', 'gifting'];

export const STATE_COLORS: Record<VoucherState, string> = {
  unused: 'green',
  used: 'blue',
  expired: 'default',
  disabled: 'red',
  gifting: 'gold',
};

export const VOUCHER_KINDS = ['exchange', 'cash', 'discount', 'ticket'] as const;
export const ISSUE_CHANNELS = ['grant', 'purchase', 'code', 'campaign', 'api'] as const;

export interface VoucherFilters {
  templateId?: number;
  memberId?: number;
  state?: VoucherState;
}

export function useVouchers(filters: VoucherFilters, paging: Paging) {
  return useQuery({
    queryKey: ['vouchers', 'list', filters, paging],
    queryFn: () => api.get<Page<Voucher>>('/vouchers', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export interface GrantInput {
  templateId: number;
  memberId: number;
  count: number;
}

/** Grants with one Idempotency-Key per opened form, so a double click or a retry grants once. */
export function useGrantVouchers(idempotencyKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: GrantInput) => api.create<Voucher[]>('/vouchers/grants', input, idempotencyKey),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['vouchers', 'list'] }),
    meta: { silent: true },
  });
}
