import type { Page, Verification, Voucher } from '@kaquan/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { nextPage, PAGE_SIZE, pageQuery } from './shop.ts';

/** The wallet's tabs: 未使用, 已使用, 已过期, and 赠送中 (given, not yet received: the giver can take it back). */
export type WalletState = 'unused' | 'used' | 'expired' | 'gifting';
export const WALLET_STATES: WalletState[] = ['unused', 'used', 'expired', 'gifting'];

export const walletKeys = {
  all: ['h5', 'wallet'] as const,
  list: (state: WalletState) => ['h5', 'wallet', 'list', state] as const,
  detail: (id: number) => ['h5', 'wallet', 'detail', id] as const,
  selfVerifiable: ['h5', 'wallet', 'self-verifiable'] as const,
};

const listPath = (state: WalletState, page: number, pageSize = PAGE_SIZE) =>
  `/wallet/vouchers?${pageQuery({ state, page, pageSize })}`;

export function useWalletVouchers(state: WalletState) {
  return useInfiniteQuery({
    queryKey: walletKeys.list(state),
    queryFn: ({ pageParam }) => api.get<Page<Voucher>>(listPath(state, pageParam)),
    initialPageParam: 1,
    getNextPageParam: nextPage,
  });
}

export function useWalletVoucher(id: number) {
  return useQuery({
    queryKey: walletKeys.detail(id),
    queryFn: () => api.get<Voucher>(`/wallet/vouchers/${id}`),
    enabled: id > 0,
  });
}

/** The counter QR payload of a voucher; it changes every minute, so it is fetched again each minute. */
export function useCounterQr(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...walletKeys.detail(id), 'qr'] as const,
    queryFn: () => api.get<{ payload: string; refreshAt: string }>(`/wallet/vouchers/${id}/qr`),
    enabled: enabled && id > 0,
    refetchInterval: 30_000,
    staleTime: 0,
  });
}

/** Unused vouchers whose template lets the holder verify them at a store's QR code. */
/** Vouchers the member may self-verify at this store now (validity, weekday and store checked by the server). */
export function useSelfVerifiableVouchers(storeUrl: string, enabled: boolean) {
  return useQuery({
    queryKey: [...walletKeys.selfVerifiable, storeUrl],
    queryFn: async () => {
      const query = new URLSearchParams({ usable: 'true', storeUrl, pageSize: '100' });
      const page = await api.get<Page<Voucher>>(`/wallet/vouchers?${query}`);
      return page.items.filter((voucher) => voucher.isSelf);
    },
    enabled,
  });
}

/** The holder verifies a voucher at the store whose QR URL they scanned. */
export const selfVerifyVoucher = (id: number, storeUrl: string, requestNo: string) =>
  api.post<Verification>(`/wallet/vouchers/${id}/self-verify`, { storeUrl, requestNo });
