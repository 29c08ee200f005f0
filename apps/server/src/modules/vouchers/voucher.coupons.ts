// The commerce coupon interface, supplied by vouchers: a member's unused `cash` or `discount`
// voucher (its id is the coupon ref) discounts a checkout. Holding it for a checkout uses it
// (unused → used, the verify transition); an expired or cancelled checkout gives it back (undo).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { now } from '../../lib/time.ts';
import type { CouponProvider } from '../commerce/coupons.ts';
import * as repo from './voucher.repo.ts';
import { VOUCHER_TRANSITIONS } from './voucher.states.ts';

const idOf = (ref: string) => (/^\d{1,15}$/.test(ref) ? Number(ref) : 0);

async function usable(exec: Kysely<DB> | Transaction<DB>, merchantId: number, memberId: number, ref: string) {
  const v = await repo.findVoucher(exec, merchantId, idOf(ref));
  const at = now();
  if (!v || v.memberId !== memberId || v.state !== 'unused' || v.validFrom > at || v.validUntil < at)
    return null;
  return v;
}

export const voucherCoupons: CouponProvider = {
  async terms(exec, req) {
    const v = await usable(exec, req.merchantId, req.memberId, req.ref);
    if (!v) return null;
    const t = await repo.findTemplate(exec, req.merchantId, v.templateId);
    if (t?.kind === 'cash' && t.amountCents)
      return { kind: 'fixed', amountCents: t.amountCents, thresholdCents: t.thresholdCents ?? 0 };
    if (t?.kind === 'discount' && t.percentOff)
      return { kind: 'percent', percentOff: t.percentOff, capCents: t.capCents };
    return null;
  },
  async reserve(trx, req) {
    const v = await usable(trx, req.merchantId, req.memberId, req.ref);
    if (!v) return false;
    const t = VOUCHER_TRANSITIONS.verify;
    const moved = await repo.moveVoucher(
      trx,
      v.id,
      t.from,
      { state: t.to, usedAt: now(), updatedAt: now() },
      { at: now() },
    );
    return moved !== undefined;
  },
  async release(trx, req) {
    const v = await repo.findVoucher(trx, req.merchantId, idOf(req.ref));
    if (!v) return;
    const t = VOUCHER_TRANSITIONS.undo;
    await repo.moveVoucher(trx, v.id, t.from, { state: t.to, usedAt: null, updatedAt: now() });
  },
  async consume() {
    // Held at checkout already (used); nothing more to do once paid.
  },
};
