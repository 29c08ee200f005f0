// The coupon interface the checkout uses. The voucher engine supplies the implementation; until
// one is installed, every coupon is refused with COUPON_NOT_APPLICABLE.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CouponTerms } from './quote.ts';

export interface CouponRequest {
  merchantId: number;
  memberId: number;
  /** The member's coupon (a voucher id or code) as the buyer chose it. */
  ref: string;
  productIds: number[];
}

export interface CouponProvider {
  /** The terms of a usable coupon, or null when it is not the member's, used, expired or unknown. */
  terms(exec: Transaction<DB> | import('kysely').Kysely<DB>, req: CouponRequest): Promise<CouponTerms | null>;
  /** Holds the coupon for a checkout; false when it was taken meanwhile (conditional update). */
  reserve(trx: Transaction<DB>, req: CouponRequest & { checkoutId: number }): Promise<boolean>;
  /** Gives a held coupon back when its checkout expires or is cancelled. */
  release(trx: Transaction<DB>, req: { merchantId: number; ref: string; checkoutId: number }): Promise<void>;
  /** Marks a held coupon used once the checkout is paid. */
  consume(
    trx: Transaction<DB>,
    req: { merchantId: number; ref: string; checkoutId: number; orderId: number },
  ): Promise<void>;
}

export const noCoupons: CouponProvider = {
  async terms() {
    return null;
  },
  async reserve() {
    return false;
  },
  async release() {},
  async consume() {},
};
