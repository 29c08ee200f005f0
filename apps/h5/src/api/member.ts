import type { Member, MemberMe } from '@kaquan/contracts';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './client.ts';

export interface MerchantInfo {
  merchant: { name: string; slug: string };
  smsProvider: string;
}

export interface SmsCodeSent {
  expiresInSeconds: number;
  retryAfterSeconds: number;
}

export interface MemberLogin {
  token: string;
  expiresAt: string;
  member: Member;
}

const slugPath = (slug: string) => `/h5/${encodeURIComponent(slug)}`;

export interface VerifyStore {
  id: number;
  name: string;
  address: string;
  status: string;
}

export const queryKeys = {
  merchant: (slug: string) => ['h5', 'merchant', slug] as const,
  me: ['h5', 'member-me'] as const,
  verifyStore: (url: string) => ['h5', 'verify-store', url] as const,
};

export function useMerchantInfo(slug: string) {
  return useQuery({
    queryKey: queryKeys.merchant(slug),
    queryFn: () => api.get<MerchantInfo>(slugPath(slug)),
    staleTime: 5 * 60_000,
    retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
  });
}

/** The signed-in member, or null when there is no member session (401). */
export function useMemberMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async () => {
      try {
        return await api.get<MemberMe>('/member/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export const sendSmsCode = (slug: string, phone: string) =>
  api.post<SmsCodeSent>(`${slugPath(slug)}/auth/sms-code`, { phone });

export const loginMember = (slug: string, phone: string, code: string) =>
  api.post<MemberLogin>(`${slugPath(slug)}/auth/login`, { phone, code });

export const logoutMember = () => api.post<void>('/member/logout');

/** The store behind a store verification QR URL; needs a member session of the store's merchant. */
export function useStoreFromVerifyUrl(url: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.verifyStore(url),
    queryFn: () => api.get<VerifyStore>(`/member/stores/resolve?url=${encodeURIComponent(url)}`),
    enabled,
    retry: false,
  });
}
