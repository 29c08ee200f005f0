import type { ApiKey, ApiKeyScope, Page } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

// Kept here rather than imported as a value from contracts, so the console bundle stays free of TypeBox.
export const API_KEY_SCOPES: readonly ApiKeyScope[] = [
  'merchant:read',
  'stores:read',
  'members:read',
  'members:write',
  'members:sessions',
];

export function useApiKeys(paging: Paging) {
  return useQuery({
    queryKey: ['api-keys', paging],
    queryFn: () => api.get<Page<ApiKey>>('/api-keys', { ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scopes: ApiKeyScope[] }) =>
      api.create<{ apiKey: ApiKey; secret: string }>('/api-keys', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<ApiKey>(`/api-keys/${id}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}
