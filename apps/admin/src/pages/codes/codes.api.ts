import type { Page, Product, VoucherTemplate } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export type CodeFormat = 'mixed' | 'mixed_clear' | 'digits';
export type CodeState = 'unused' | 'redeemed' | 'disabled' | 'expired';
export type BatchStatus = 'queued' | 'running' | 'done' | 'cancelled' | 'failed';

export interface Odds {
  oneIn: number | null;
  warn: boolean;
}

export interface CodeLibrary {
  id: number;
  name: string;
  format: CodeFormat;
  templateId: number;
  reward: { productId: number; quantity: number }[];
  validFrom: string | null;
  validUntil: string | null;
  status: 'active' | 'disabled';
  codeCount: number;
  odds: Odds;
  createdAt: string;
}

export interface CodeBatch {
  id: number;
  libraryId: number;
  requested: number;
  generated: number;
  status: BatchStatus;
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  odds?: Odds;
}

export interface RedemptionCode {
  id: number;
  libraryId: number;
  batchId: number | null;
  serial: number;
  code: string;
  state: CodeState;
  memberId: number | null;
  voucherId: number | null;
  orderId: number | null;
  redeemedVia: 'online' | 'store' | null;
  redeemedAt: string | null;
  createdAt: string;
}

export interface CodeSettings {
  failWindowMinutes: number;
  maxFailures: number;
  freezeHours: number;
  ipMaxFailures: number;
  dailyLimit: number;
}

export interface CodeLinks {
  redeemUrl: string;
  redeemQr: string;
  giftCardUrl: string;
  giftCardQr: string;
}

export const STATE_COLORS: Record<CodeState, string> = {
  unused: 'green',
  redeemed: 'blue',
  disabled: 'default',
  expired: 'orange',
};

export const BATCH_COLORS: Record<BatchStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  cancelled: 'warning',
  failed: 'error',
};

export const useLibraries = () =>
  useQuery({ queryKey: ['codes', 'libraries'], queryFn: () => api.get<CodeLibrary[]>('/codes/libraries') });

export const useExchangeTemplates = () =>
  useQuery({
    queryKey: ['codes', 'templates'],
    queryFn: () => api.get<Page<VoucherTemplate>>('/voucher-templates', { pageSize: 100 }),
    select: (p) => p.items.filter((t) => t.kind === 'exchange'),
  });

export const useRewardProducts = () =>
  useQuery({
    queryKey: ['codes', 'products'],
    queryFn: () => api.get<Page<Product>>('/products', { pageSize: 100 }),
    select: (p) => p.items.filter((x) => x.type !== 'gift_card'),
  });

export function useCreateLibrary() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api.create<CodeLibrary>('/codes/libraries', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['codes', 'libraries'] }),
  });
}

/** The fields of a library that can change once it exists (its format and template cannot). */
export interface LibraryPatch {
  name?: string;
  reward?: { productId: number; quantity: number }[];
  validFrom?: string | null;
  validUntil?: string | null;
}

export function useUpdateLibrary() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; patch: LibraryPatch }) =>
      api.patch<CodeLibrary>(`/codes/libraries/${v.id}`, v.patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['codes', 'libraries'] }),
  });
}

export function useSetLibraryStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; status: 'active' | 'disabled' }) =>
      api.patch<CodeLibrary>(`/codes/libraries/${v.id}`, { status: v.status }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['codes', 'libraries'] }),
  });
}

export function useCreateBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { libraryId: number; count: number }) =>
      api.create<CodeBatch>(`/codes/libraries/${v.libraryId}/batches`, { count: v.count }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['codes', 'batches'] }),
  });
}

/** One batch, polled every second while it is being generated. */
export const useBatch = (id: number | null) =>
  useQuery({
    queryKey: ['codes', 'batch', id],
    queryFn: () => api.get<CodeBatch>(`/codes/batches/${id}`),
    enabled: id !== null,
    refetchInterval: (q) =>
      q.state.data && ['queued', 'running'].includes(q.state.data.status) ? 1000 : false,
  });

export const useBatches = () =>
  useQuery({
    queryKey: ['codes', 'batches'],
    queryFn: () => api.get<CodeBatch[]>('/codes/batches'),
    refetchInterval: (q) =>
      q.state.data?.some((b) => ['queued', 'running'].includes(b.status)) ? 1500 : false,
  });

export function useBatchAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; action: 'cancel' | 'resume' }) =>
      api.post<CodeBatch>(`/codes/batches/${v.id}/${v.action}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['codes'] }),
  });
}

export interface CodeFilters {
  libraryId?: number;
  state?: CodeState;
  code?: string;
}

export const useCodes = (filters: CodeFilters, paging: Paging) =>
  useQuery({
    queryKey: ['codes', 'list', filters, paging],
    queryFn: () => api.get<Page<RedemptionCode>>('/codes', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });

export function useSetCodeEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; action: 'disable' | 'enable' }) =>
      api.post<RedemptionCode>(`/codes/${v.id}/${v.action}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['codes', 'list'] }),
  });
}

export const useCodeSettings = () =>
  useQuery({ queryKey: ['codes', 'settings'], queryFn: () => api.get<CodeSettings>('/codes/settings') });

export function useSaveCodeSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CodeSettings) => api.put<CodeSettings>('/codes/settings', body),
    onSuccess: (next) => queryClient.setQueryData(['codes', 'settings'], next),
  });
}

export const useCodeLinks = () =>
  useQuery({ queryKey: ['codes', 'links'], queryFn: () => api.get<CodeLinks>('/codes/links') });

export const exportUrl = (batchId: number, format: 'csv' | 'xlsx') =>
  `/api/v1/codes/batches/${batchId}/export?format=${format}`;
