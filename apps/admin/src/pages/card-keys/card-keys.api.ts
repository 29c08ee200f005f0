import type {
  CardKey,
  CardKeyImportReport,
  CardKeyPlain,
  CardKeyPool,
  CardKeyShape,
  CardKeyState,
  ErrorBody,
  Page,
  Product,
} from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export const KEY_STATES: readonly CardKeyState[] = ['available', 'occupied', 'sold'];
export const KEY_STATE_COLORS: Record<CardKeyState, string> = {
  available: 'green',
  occupied: 'gold',
  sold: 'blue',
};
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function usePools(paging: Paging) {
  return useQuery({
    queryKey: ['card-keys', 'pools', paging],
    queryFn: () => api.get<Page<CardKeyPool>>('/card-key-pools', { ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useLowStock() {
  return useQuery({
    queryKey: ['card-keys', 'low-stock'],
    queryFn: () => api.get<CardKeyPool[]>('/card-key-pools/low-stock'),
  });
}

export function useLinkedProducts(poolId: number | null) {
  return useQuery({
    queryKey: ['card-keys', 'products', poolId],
    queryFn: () => api.get<Product[]>(`/card-key-pools/${poolId}/products`),
    enabled: poolId !== null,
  });
}

export function useKeys(poolId: number, state: CardKeyState | undefined, paging: Paging) {
  return useQuery({
    queryKey: ['card-keys', 'keys', poolId, state, paging],
    queryFn: () => api.get<Page<CardKey>>(`/card-key-pools/${poolId}/keys`, { state, ...paging }),
    placeholderData: keepPreviousData,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['card-keys'] });
}

export interface PoolInput {
  name: string;
  shape: CardKeyShape;
  lowStockThreshold: number;
  reusable: boolean;
}

export function useCreatePool() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: PoolInput) => api.create<CardKeyPool>('/card-key-pools', input),
    onSuccess: invalidate,
  });
}

export type PoolPatch = Pick<PoolInput, 'name' | 'lowStockThreshold'>;

export function useUpdatePool() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: PoolPatch }) =>
      api.patch<CardKeyPool>(`/card-key-pools/${id}`, patch),
    onSuccess: invalidate,
  });
}

/** DELETE, with the API's error shape (the shared client has no DELETE). */
async function remove(path: string): Promise<void> {
  const res = await fetch(`/api/v1${path}`, {
    method: 'DELETE',
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'zh-CN' },
  });
  if (res.ok) return;
  const body = (await res.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
  throw new ApiError(
    res.status,
    body?.error?.code ?? `HTTP_${res.status}`,
    body?.error?.message ?? res.statusText,
  );
}

export function useDeletePool() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: number) => remove(`/card-key-pools/${id}`), onSuccess: invalidate });
}

export function useDeleteKey() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: number) => remove(`/card-keys/${id}`), onSuccess: invalidate });
}

export function useRevealKey() {
  return useMutation({ mutationFn: (id: number) => api.post<CardKeyPlain>(`/card-keys/${id}/reveal`) });
}

export interface ImportInput {
  poolId: number;
  body: string | File;
  dryRun: boolean;
}

function contentTypeOf(body: string | File): string {
  if (typeof body === 'string') return 'text/plain';
  const name = body.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  if (name.endsWith('.csv')) return 'text/csv';
  return 'text/plain';
}

/** Sends pasted text or a file as the raw body; the server reads it as a stream. */
async function importKeys({ poolId, body, dryRun }: ImportInput): Promise<CardKeyImportReport> {
  const res = await fetch(`/api/v1/card-key-pools/${poolId}/imports${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      'Accept-Language': document.documentElement.lang || 'zh-CN',
      'Content-Type': contentTypeOf(body),
    },
    body,
  });
  const data = (await res.json().catch(() => undefined)) as
    | (CardKeyImportReport & Partial<ErrorBody>)
    | undefined;
  if (!res.ok)
    throw new ApiError(
      res.status,
      data?.error?.code ?? `HTTP_${res.status}`,
      data?.error?.message ?? res.statusText,
    );
  return data as CardKeyImportReport;
}

export function useImportKeys() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: importKeys,
    onSuccess: (_r, input) => (input.dryRun ? undefined : invalidate()),
  });
}

export const exportUrl = (poolId: number, format: 'csv' | 'xlsx') =>
  `/api/v1/card-key-pools/${poolId}/export?format=${format}`;
