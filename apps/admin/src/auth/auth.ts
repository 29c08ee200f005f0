import type { Me, StaffRole } from '@kaquan/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../api/client.ts';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in staff user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api.get<Me>('/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    meta: { silent: true },
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { login: string; password: string }) =>
      api.post<{ token: string; expiresAt: string; me: Me }>('/auth/login', body),
    onSuccess: async (data) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, data.me);
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
    meta: { silent: true },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      queryClient.setQueryData(ME_KEY, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    },
  });
}

const COMMERCE_PAGES = [
  'products',
  'card-keys',
  'product-categories',
  'orders',
  'commissions',
  'commerce-settings',
] as const;

const VOUCHER_PAGES = [
  'vouchers',
  'voucher-templates',
  'verify-desk',
  'verifications',
  'evaluations',
  'campaigns',
  'codes',
] as const;

/** What each role may open; the side menu and the route guard both read this. */
export const ROLE_PAGES: Record<StaffRole, readonly string[]> = {
  operator: ['merchants', 'voucher-review', 'audit'],
  owner: [
    'overview',
    'merchant',
    'stores',
    'staff',
    'members',
    ...VOUCHER_PAGES,
    ...COMMERCE_PAGES,
    'api-keys',
    'audit',
  ],
  manager: [
    'overview',
    'merchant',
    'stores',
    'staff',
    'members',
    ...VOUCHER_PAGES,
    ...COMMERCE_PAGES,
    'audit',
  ],
  verifier: ['verify-desk', 'verifications', 'stores'],
};

export function homePath(role: StaffRole): string {
  return `/${ROLE_PAGES[role][0]}`;
}

export function canManageStores(role: StaffRole): boolean {
  return role === 'owner' || role === 'manager';
}
