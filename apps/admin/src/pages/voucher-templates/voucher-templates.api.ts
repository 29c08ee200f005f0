import type { Page, TemplateStatus, VoucherKind, VoucherTemplate } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export const TEMPLATE_STATUSES: readonly TemplateStatus[] = [
  'pending_review',
  'active',
  'rejected',
  'disabled',
];
export const TEMPLATE_KINDS: readonly VoucherKind[] = ['exchange', 'cash', 'discount', 'ticket'];

export const TEMPLATE_STATUS_COLORS: Record<TemplateStatus, string> = {
  pending_review: 'gold',
  active: 'green',
  rejected: 'red',
  disabled: 'default',
};

export interface TemplateFilters {
  status?: TemplateStatus;
  kind?: VoucherKind;
  q?: string;
}

export function useTemplates(filters: TemplateFilters, paging: Paging) {
  return useQuery({
    queryKey: ['voucher-templates', 'list', filters, paging],
    queryFn: () => api.get<Page<VoucherTemplate>>('/voucher-templates', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
}

/** Approved templates, for choosing what to grant (the first 100, newest first as the server lists). */
export function useActiveTemplates() {
  return useQuery({
    queryKey: ['voucher-templates', 'active'],
    queryFn: () =>
      api
        .get<Page<VoucherTemplate>>('/voucher-templates', { status: 'active', page: 1, pageSize: 100 })
        .then((p) => p.items),
  });
}

/** Creates (with one Idempotency-Key per opened form) or edits a template. */
export function useSaveTemplate(idempotencyKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Record<string, unknown> }) => {
      if (id) {
        const { kind: _fixed, ...patch } = body;
        return api.patch<VoucherTemplate>(`/voucher-templates/${id}`, patch);
      }
      return api.create<VoucherTemplate>('/voucher-templates', body, idempotencyKey);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['voucher-templates'] }),
  });
}

export function useSwitchTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, to }: { id: number; to: 'disable' | 'enable' }) =>
      api.post<VoucherTemplate>(`/voucher-templates/${id}/${to}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['voucher-templates'] }),
  });
}

export type ImagePurpose = 'voucher-image' | 'voucher-logo';

export interface UploadedImage {
  url: string;
  width: number;
  height: number;
  bytes: number;
  contentType: string;
}

/**
 * Sends the file's bytes as they are. The server decides from the bytes whether it is a JPEG or
 * PNG of the right size, and answers its refusal in the caller's language.
 */
export async function uploadTemplateImage(
  file: Blob,
  purpose: ImagePurpose,
  lang: string,
): Promise<UploadedImage> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/media/images?purpose=${purpose}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Accept-Language': lang,
        'Content-Type': file.type.startsWith('image/') ? file.type : 'image/png',
      },
      credentials: 'same-origin',
      body: file,
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  const data = (await res.json().catch(() => undefined)) as
    | UploadedImage
    | { error?: { code: string; message: string; details?: unknown } }
    | undefined;
  if (!res.ok || !data || !('url' in data)) {
    const error = data && 'error' in data ? data.error : undefined;
    throw new ApiError(
      res.status,
      error?.code ?? `HTTP_${res.status}`,
      error?.message ?? res.statusText,
      error?.details,
    );
  }
  return data;
}
