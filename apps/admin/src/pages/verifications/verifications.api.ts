import type { Page, Verification } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, randomKey } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export const CHANNEL_COLORS: Record<Verification['channel'], string> = {
  staff: 'blue',
  admin: 'purple',
  self: 'cyan',
};

export interface VerificationFilters {
  storeId?: number;
  from?: string;
  to?: string;
}

export function useVerifications(filters: VerificationFilters, paging: Paging) {
  return useQuery({
    queryKey: ['verifications', 'list', filters, paging],
    queryFn: () => api.get<Page<Verification>>('/verifications', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
}

/** A verification can be undone until `undoUntil`, which the server clears once it is undone. */
export const canUndo = (v: Verification, now = Date.now()): boolean =>
  !v.undoneAt && !!v.undoUntil && Date.parse(v.undoUntil) > now;

/** Verifies a code at a store; failures are shown in place by the caller, not as a toast. */
export function useVerify() {
  const queryClient = useQueryClient();
  return useMutation({
    // A fresh request number per attempt: the server answers a repeated number with the first record.
    mutationFn: (body: { code: string; storeId: number }) =>
      api.post<Verification>('/verifications', { ...body, requestNo: randomKey() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['verifications', 'list'] }),
    meta: { silent: true },
  });
}

export function useUndoVerification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<Verification>(`/verifications/${id}/undo`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['verifications', 'list'] }),
  });
}
