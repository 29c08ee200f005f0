// Gifting (S4.6, S4.7): the holder of a transferable voucher starts a gift and gets a 6-digit code
// and a share link; another member accepts with the gift id and the code. While pending the
// voucher is `gifting` (unusable). Five wrong codes cancel the gift; an unaccepted gift returns to
// the giver after 24 h. Every step is a conditional update, so of two receivers racing with the
// right code exactly one wins; wrong tries are counted outside the accepting transaction so they
// stick. The code is derived from the gift with the keyed hash, so the giver can see it again while
// the gift is pending without it being stored anywhere.
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { safeEqual } from '../../lib/keys.ts';
import { HOUR, iso, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import * as repo from './voucher.repo.ts';
import { VOUCHER_TRANSITIONS } from './voucher.states.ts';

export const GIFT_TTL = 24 * HOUR;
export const GIFT_MAX_TRIES = 5;
const hashOf = (ctx: AppContext, giftId: number, code: string) => ctx.keys.hmac(`gift:${giftId}:${code}`);
const codeOf = (ctx: AppContext, giftId: number, createdAt: number) =>
  String(
    Buffer.from(ctx.keys.hmac(`gift-code:${giftId}:${createdAt}`), 'base64url').readUInt32BE(0) % 1_000_000,
  ).padStart(6, '0');
const shareUrlOf = (ctx: AppContext, slug: string, giftId: number) =>
  `${ctx.config.publicUrl}/h5/${slug}/gifts/${giftId}`;

type Member = { merchantId: number; memberId: number; slug: string };
type GiftStatus = 'pending' | 'accepted' | 'cancelled' | 'returned' | 'expired';
type GiftViewer = 'giver' | 'receiver' | 'other';

const findGift = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('voucherGifts as g')
    .innerJoin('vouchers as v', 'v.id', 'g.voucherId')
    .innerJoin('voucherTemplates as t', 't.id', 'v.templateId')
    .innerJoin('members as m', 'm.id', 'g.giverId')
    .where('g.merchantId', '=', merchantId)
    .where('g.id', '=', id)
    .selectAll('g')
    .select(['t.title', 't.kind', 'm.phone as giverPhone', 'v.validFrom', 'v.validUntil'])
    .executeTakeFirst();

/**
 * A gift as a member sees it. A pending gift past its 24 h reads `expired` until the sweeper returns
 * it; `viewer` says whether the caller gave it, received it, or neither.
 */
export function giftView(g: NonNullable<Awaited<ReturnType<typeof findGift>>>, memberId: number, at = now()) {
  const status: GiftStatus = g.status === 'pending' && g.expiresAt <= at ? 'expired' : g.status;
  const viewer: GiftViewer =
    g.giverId === memberId ? 'giver' : g.receiverId === memberId ? 'receiver' : 'other';
  return {
    id: g.id,
    voucherId: g.voucherId,
    title: g.title,
    kind: g.kind,
    validFrom: iso(g.validFrom),
    validUntil: iso(g.validUntil),
    giverPhone: `${g.giverPhone.slice(0, 3)}****${g.giverPhone.slice(-4)}`,
    status,
    expiresAt: iso(g.expiresAt),
    triesLeft: Math.max(0, GIFT_MAX_TRIES - g.attempts),
    viewer,
  };
}

export async function getGift(ctx: AppContext, who: Member, id: number) {
  const g = await findGift(ctx.db, who.merchantId, id);
  if (!g) throw notFound('gift');
  return giftView(g, who.memberId);
}

/** The holder's pending gift of a voucher, with its code and link, to show or read out again. */
export async function getPendingGift(ctx: AppContext, who: Member, voucherId: number) {
  const g = await ctx.db
    .selectFrom('voucherGifts')
    .where('merchantId', '=', who.merchantId)
    .where('voucherId', '=', voucherId)
    .where('giverId', '=', who.memberId)
    .where('status', '=', 'pending')
    .select(['id', 'createdAt', 'expiresAt'])
    .executeTakeFirst();
  if (!g) throw notFound('gift');
  return {
    giftId: g.id,
    code: codeOf(ctx, g.id, g.createdAt),
    shareUrl: shareUrlOf(ctx, who.slug, g.id),
    expiresAt: iso(g.expiresAt),
  };
}

export async function startGift(ctx: AppContext, who: Member, voucherId: number, actor: Actor) {
  return ctx.db.transaction().execute(async (trx) => {
    const v = await repo.findVoucher(trx, who.merchantId, voucherId);
    if (!v || v.memberId !== who.memberId) throw notFound('voucher');
    if (v.isGiving !== 1) throw new AppError('GIFT_NOT_ALLOWED', 403);
    const at = now();
    if (v.validUntil < at) throw new AppError('VOUCHER_EXPIRED', 409);
    const t = VOUCHER_TRANSITIONS.gift;
    if (!(await repo.moveVoucher(trx, v.id, t.from, { state: t.to, updatedAt: at })))
      throw new AppError(v.state === 'gifting' ? 'VOUCHER_GIFTING' : 'VOUCHER_ALREADY_USED', 409);
    const gift = await trx
      .insertInto('voucherGifts')
      .values({
        merchantId: who.merchantId,
        voucherId: v.id,
        giverId: who.memberId,
        receiverId: null,
        codeHash: 'pending',
        status: 'pending',
        expiresAt: at + GIFT_TTL,
        createdAt: at,
        closedAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const code = codeOf(ctx, gift.id, at);
    await trx
      .updateTable('voucherGifts')
      .set({ codeHash: hashOf(ctx, gift.id, code) })
      .where('id', '=', gift.id)
      .execute();
    await recordAudit(
      trx,
      { ...actor, merchantId: who.merchantId },
      {
        action: 'voucher.gift.start',
        targetType: 'voucher',
        targetId: v.id,
        before: { state: 'unused' },
        after: { state: 'gifting', giftId: gift.id },
      },
    );
    return {
      giftId: gift.id,
      code,
      shareUrl: shareUrlOf(ctx, who.slug, gift.id),
      expiresAt: iso(at + GIFT_TTL),
    };
  });
}

/** Closes a pending gift (cancelled or returned) and gives the voucher back to the giver. */
async function closeGift(
  exec: Executor,
  giftId: number,
  status: 'cancelled' | 'returned',
  at: number,
  opts: { merchantId?: number; giverId?: number; expiredBy?: number } = {},
) {
  let q = exec
    .updateTable('voucherGifts')
    .set({ status, closedAt: at })
    .where('id', '=', giftId)
    .where('status', '=', 'pending');
  if (opts.merchantId !== undefined) q = q.where('merchantId', '=', opts.merchantId);
  if (opts.giverId !== undefined) q = q.where('giverId', '=', opts.giverId);
  if (opts.expiredBy !== undefined) q = q.where('expiresAt', '<=', opts.expiredBy);
  const closed = await q.returningAll().executeTakeFirst();
  if (!closed) return null;
  const t = VOUCHER_TRANSITIONS.settle_gift;
  await repo.moveVoucher(exec, closed.voucherId, t.from, { state: t.to, updatedAt: at });
  return closed;
}

export async function cancelGift(ctx: AppContext, who: Member, giftId: number, actor: Actor) {
  await ctx.db.transaction().execute(async (trx) => {
    const closed = await closeGift(trx, giftId, 'cancelled', now(), {
      merchantId: who.merchantId,
      giverId: who.memberId,
    });
    if (!closed) throw new AppError('GIFT_NOT_AVAILABLE', 409);
    await recordAudit(
      trx,
      { ...actor, merchantId: who.merchantId },
      {
        action: 'voucher.gift.cancel',
        targetType: 'voucher',
        targetId: closed.voucherId,
        after: { giftId, state: 'unused' },
      },
    );
  });
  return getGift(ctx, who, giftId);
}

export async function acceptGift(ctx: AppContext, who: Member, giftId: number, code: string, actor: Actor) {
  const at = now();
  const gift = await findGift(ctx.db, who.merchantId, giftId);
  if (!gift) throw notFound('gift');
  if (gift.giverId === who.memberId) throw new AppError('GIFT_OWN', 409);
  // Spend one try first, in its own statement, so wrong codes count even though we refuse.
  const tried = await ctx.db
    .updateTable('voucherGifts')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', giftId)
    .where('status', '=', 'pending')
    .where('attempts', '<', GIFT_MAX_TRIES)
    .where('expiresAt', '>', at)
    .returning('attempts')
    .executeTakeFirst();
  if (!tried) throw new AppError('GIFT_NOT_AVAILABLE', 409);
  if (!safeEqual(gift.codeHash, hashOf(ctx, giftId, code))) {
    if (tried.attempts >= GIFT_MAX_TRIES) {
      await ctx.db.transaction().execute(async (trx) => {
        if (await closeGift(trx, giftId, 'cancelled', at)) {
          await recordAudit(
            trx,
            { ...actor, merchantId: who.merchantId },
            {
              action: 'voucher.gift.cancel',
              targetType: 'voucher',
              targetId: gift.voucherId,
              after: { giftId, reason: 'too many wrong codes' },
            },
          );
        }
      });
      throw new AppError('GIFT_CANCELLED_TOO_MANY_TRIES', 409);
    }
    throw new AppError(
      'GIFT_CODE_INVALID',
      400,
      { left: GIFT_MAX_TRIES - tried.attempts },
      { triesLeft: GIFT_MAX_TRIES - tried.attempts },
    );
  }
  return ctx.db.transaction().execute(async (trx) => {
    const won = await trx
      .updateTable('voucherGifts')
      .set({ status: 'accepted', receiverId: who.memberId, closedAt: at })
      .where('id', '=', giftId)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!won) throw new AppError('GIFT_NOT_AVAILABLE', 409);
    const t = VOUCHER_TRANSITIONS.settle_gift;
    await repo.moveVoucher(trx, won.voucherId, t.from, {
      state: t.to,
      memberId: who.memberId,
      updatedAt: at,
    });
    await recordAudit(
      trx,
      { ...actor, merchantId: who.merchantId },
      {
        action: 'voucher.gift.accept',
        targetType: 'voucher',
        targetId: won.voucherId,
        before: { memberId: won.giverId, state: 'gifting' },
        after: { memberId: who.memberId, state: 'unused', giftId },
      },
    );
    return { voucherId: won.voucherId };
  });
}

/** Returns every pending gift older than 24 h to its giver; how many. */
export async function returnExpiredGifts(ctx: AppContext, at = now()) {
  const due = await ctx.db
    .selectFrom('voucherGifts')
    .where('status', '=', 'pending')
    .where('expiresAt', '<=', at)
    .select('id')
    .limit(500)
    .execute();
  let n = 0;
  for (const g of due) {
    if (await ctx.db.transaction().execute((trx) => closeGift(trx, g.id, 'returned', at, { expiredBy: at })))
      n++;
  }
  return n;
}
