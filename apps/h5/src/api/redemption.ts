import type { Buyer, Page, Product } from '@kaquan/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

/** One good a code lets its holder choose. */
export interface RewardOption {
  productId: number;
  name: string;
  quantity: number;
  image: string | null;
  needsAddress: boolean;
}

export interface CodeLookup {
  libraryName: string;
  title: string;
  options: RewardOption[];
  validUntil: string | null;
  /** Set when the code already sits in the member's wallet as a voucher. */
  voucherId: number | null;
}

export interface Redemption {
  codeId: number;
  orderId: number | null;
  orderNo: string | null;
  voucherId: number | null;
}

export interface MemberCode {
  id: number;
  code: string;
  libraryName: string;
  state: 'unused' | 'redeemed' | 'disabled' | 'expired';
  voucherId: number | null;
  orderId: number | null;
  redeemedAt: string | null;
  validUntil: string | null;
}

export const lookupCode = (code: string) => api.post<CodeLookup>('/redemption/lookup', { code });

export const redeemOnline = (
  body: { code: string; productId: number; buyer?: Buyer },
  idempotencyKey: string,
) => api.post<Redemption>('/redemption/redeem', body, { 'Idempotency-Key': idempotencyKey });

export const claimToWallet = (code: string, idempotencyKey: string) =>
  api.post<Redemption>('/redemption/claim', { code }, { 'Idempotency-Key': idempotencyKey });

export const useMyCodes = () =>
  useQuery({ queryKey: ['h5', 'my-codes'], queryFn: () => api.get<MemberCode[]>('/redemption/my-codes') });

/** The merchant's gift cards on sale. */
export const useGiftCards = () =>
  useQuery({
    queryKey: ['h5', 'gift-cards'],
    queryFn: () => api.get<Page<Product>>('/shop/products?pageSize=100'),
    select: (p) => p.items.filter((x) => x.type === 'gift_card'),
  });
