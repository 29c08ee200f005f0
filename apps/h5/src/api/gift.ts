import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './client.ts';
import { walletKeys } from './wallet.ts';

/** A gift the holder started: the 6-digit code to read out and the link to send, for 24 h. */
export interface StartedGift {
  giftId: number;
  code: string;
  shareUrl: string;
  expiresAt: string;
}

/** `expired`: still pending past its 24 h, about to go back to the giver. */
export type GiftStatus = 'pending' | 'accepted' | 'cancelled' | 'returned' | 'expired';

/** A gift as the member who opened its link sees it. */
export interface Gift {
  id: number;
  voucherId: number;
  title: string;
  kind: string;
  validFrom: string;
  validUntil: string;
  giverPhone: string;
  status: GiftStatus;
  expiresAt: string;
  triesLeft: number;
  viewer: 'giver' | 'receiver' | 'other';
}

export const giftKeys = {
  // Below the voucher's own key, so whatever refreshes the wallet refreshes the pending gift too.
  pending: (voucherId: number) => [...walletKeys.detail(voucherId), 'gift'] as const,
  gift: (id: number) => ['h5', 'gifts', id] as const,
};

/** The holder's pending gift of a voucher (its code and link again). */
export function usePendingGift(voucherId: number, enabled: boolean) {
  return useQuery({
    queryKey: giftKeys.pending(voucherId),
    queryFn: () => api.get<StartedGift>(`/wallet/vouchers/${voucherId}/gift`),
    enabled: enabled && voucherId > 0,
  });
}

export function useGift(id: number) {
  return useQuery({
    queryKey: giftKeys.gift(id),
    queryFn: () => api.get<Gift>(`/wallet/gifts/${id}`),
    enabled: id > 0,
    // A gift that is not there (404) will not appear by asking again; a network failure may pass.
    retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
  });
}

export const startGift = (voucherId: number) => api.post<StartedGift>(`/wallet/vouchers/${voucherId}/gift`);

export const cancelGift = (giftId: number) => api.post<Gift>(`/wallet/gifts/${giftId}/cancel`);

export const acceptGift = (giftId: number, code: string) =>
  api.post<{ voucherId: number }>(`/wallet/gifts/${giftId}/accept`, { code });
