import type { Me, Page, Store, Verification } from '@kaquan/contracts';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './client.ts';
import { pageQuery } from './shop.ts';

export const staffKeys = {
  me: ['staff', 'me'] as const,
  /** Everything read with the session; dropped when the account changes. */
  data: ['staff', 'data'] as const,
  stores: ['staff', 'data', 'stores'] as const,
  today: (storeId: number) => ['staff', 'data', 'verifications', storeId] as const,
};

/** The signed-in staff account, or null without a staff session (401). */
export function useStaffMe() {
  return useQuery({
    queryKey: staffKeys.me,
    queryFn: async () => {
      try {
        return await api.get<Me>('/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    retry: false,
  });
}

export const loginStaff = (login: string, password: string) =>
  api.post<{ token: string; expiresAt: string; me: Me }>('/auth/login', { login, password });

export const logoutStaff = () => api.post<void>('/auth/logout');

/** The stores the account may verify at (a verifier sees only its own). */
export function useStaffStores(enabled: boolean) {
  return useQuery({
    queryKey: staffKeys.stores,
    queryFn: async () => (await api.get<Page<Store>>('/stores?pageSize=100')).items,
    enabled,
  });
}

function startOfToday(): string {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

/** Today's verifications at a store, newest first as the API lists them. */
export function useTodayVerifications(storeId: number | null) {
  return useQuery({
    queryKey: staffKeys.today(storeId ?? 0),
    queryFn: async () => {
      const query = pageQuery({ storeId, from: startOfToday(), pageSize: 100 });
      return (await api.get<Page<Verification>>(`/verifications?${query}`)).items;
    },
    enabled: storeId !== null,
  });
}

/** A 12-digit code, or the payload of the holder's counter QR (KQV1.…). */
export const verifyCode = (code: string, storeId: number, requestNo: string) =>
  api.post<Verification>(
    '/verifications',
    /^KQV1\./i.test(code) ? { qr: code, storeId, requestNo } : { code, storeId, requestNo },
  );

export const undoVerification = (id: number) => api.post<Verification>(`/verifications/${id}/undo`);
