// The redemption center (S0.4, S0.8–S0.10). A member enters a code; a wrong entry is answered
// the same way whether the code does not exist, belongs to another merchant or to another
// member's wallet, and counts towards a freeze per member and per IP (shared through Redis when
// configured). A right code shows its reward; the member then redeems it online (a zero-price
// order, in the same transaction as the code's move) or takes it into the wallet as a voucher to
// be verified at a store. The daily limit is one conditional increment per member and day.
import type { Static } from '@sinclair/typebox';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { CodeLibraryRow, DB, Executor, RedemptionCodeRow } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { recentSnapshots } from '../../lib/snapshots.ts';
import { isoOrNull, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { placeZeroPriceOrder } from '../commerce/checkout.service.ts';
import { PRODUCT_TYPES } from '../commerce/product-types.ts';
import { issueVouchers, moveVoucherState } from '../vouchers/voucher.service.ts';
import { looksLikeCode } from './codes.format.ts';
import * as repo from './codes.repo.ts';
import type { CodeSettings, RedeemBody } from './codes.schemas.ts';
import { CODE_TRANSITIONS, shownCodeState } from './codes.states.ts';
import { codeHash } from './generation.service.ts';
import { rewardOf } from './library.service.ts';

export const DEFAULT_SETTINGS: CodeSettings = {
  failWindowMinutes: 10,
  maxFailures: 5,
  freezeHours: 1,
  ipMaxFailures: 50,
  dailyLimit: 0,
};

export async function getSettings(exec: Executor, merchantId: number): Promise<CodeSettings> {
  const s = await repo.findSettings(exec, merchantId);
  if (!s) return DEFAULT_SETTINGS;
  const { merchantId: _, updatedAt: __, ...rest } = s;
  return rest;
}

// Batched redemptions read the settings from a snapshot at most a second old (lib/snapshots.ts).
const recent = recentSnapshots<number, CodeSettings>();

/** The settings for a batch: `exec` reads them on a miss (a batch passes its own transaction). */
export const recentSettings = (ctx: AppContext, exec: Executor, merchantId: number) =>
  recent.get(ctx, merchantId, () => getSettings(exec, merchantId));

export async function putSettings(ctx: AppContext, merchantId: number, next: CodeSettings, actor: Actor) {
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const before = await getSettings(trx, merchantId);
    await repo.upsertSettings(trx, { merchantId, ...next, updatedAt: now() });
    await recordAudit(
      trx,
      { ...actor, merchantId },
      {
        action: 'code_settings.update',
        targetType: 'code_settings',
        targetId: merchantId,
        before,
        after: next,
      },
    );
    return next;
  });
  // After the commit: a snapshot read from now on sees the change.
  recent.changed();
  return saved;
}

export interface Caller {
  merchantId: number;
  memberId: number;
  ip: string | null;
}

// ── lockout (S0.8) ─────────────────────────────────────────────────────────────────────────────

const failures = (ctx: AppContext, merchantId: number, s: CodeSettings) =>
  ctx.counters.limit({
    name: `code-fail:${merchantId}:${s.failWindowMinutes}`,
    points: 1_000_000,
    durationSeconds: s.failWindowMinutes * 60,
  });
const freezes = (ctx: AppContext, merchantId: number) =>
  ctx.counters.limit({ name: `code-freeze:${merchantId}`, points: 1, durationSeconds: 3600 }, 'CODE_FROZEN');

const frozenError = (seconds: number) =>
  new AppError(
    'CODE_FROZEN',
    429,
    { minutes: Math.max(1, Math.ceil(seconds / 60)) },
    { retryAfterSeconds: seconds },
  );

const keysOf = (c: Caller) => ({ member: `m:${c.memberId}`, ip: `ip:${c.ip ?? 'unknown'}` });

/** Refuses a frozen member or IP with the time left (CODE_FROZEN). */
export async function assertNotFrozen(ctx: AppContext, c: Caller) {
  const k = keysOf(c);
  try {
    await freezes(ctx, c.merchantId).check(k.member);
    await freezes(ctx, c.merchantId).check(k.ip);
  } catch (err) {
    if (err instanceof AppError && err.code === 'CODE_FROZEN')
      throw frozenError(Number((err.params as { retryAfterSeconds: number }).retryAfterSeconds));
    throw err;
  }
}

/** A right code clears the member's wrong entries so far. */
export const forgiveFailures = (ctx: AppContext, c: Caller, s: CodeSettings) =>
  failures(ctx, c.merchantId, s).reset(keysOf(c).member);

/** Counts a wrong entry; freezes the member (or the IP) on reaching the limit. Always throws. */
async function wrongEntry(ctx: AppContext, c: Caller, s: CodeSettings): Promise<never> {
  const k = keysOf(c);
  const f = failures(ctx, c.merchantId, s);
  const [byMember, byIp] = await Promise.all([f.fail(k.member), f.fail(k.ip)]);
  const freeze = s.freezeHours * 3600;
  let frozen = false;
  if (byMember >= s.maxFailures) {
    await freezes(ctx, c.merchantId).block(k.member, freeze);
    await f.reset(k.member);
    frozen = true;
  }
  if (byIp >= s.ipMaxFailures) {
    await freezes(ctx, c.merchantId).block(k.ip, freeze);
    await f.reset(k.ip);
    frozen = true;
  }
  if (frozen) throw frozenError(freeze);
  throw new AppError('CODE_INVALID', 400);
}

// ── finding a code ─────────────────────────────────────────────────────────────────────────────

export const normaliseCode = (input: string) => input.replace(/[\s-]/g, '');

interface Found {
  code: string;
  row: RedemptionCodeRow;
  library: CodeLibraryRow;
}

/**
 * The code the member entered, checked for use: frozen callers are refused before any lookup;
 * anything that is not a code of this merchant that the caller may use is a wrong entry.
 */
async function enterCode(ctx: AppContext, exec: Executor, c: Caller, input: string): Promise<Found> {
  const s = await getSettings(exec, c.merchantId);
  await assertNotFrozen(ctx, c);
  const code = normaliseCode(input);
  if (!looksLikeCode(code)) return wrongEntry(ctx, c, s);
  const row = await repo.findCodeByHash(exec, c.merchantId, codeHash(ctx, code));
  if (!row) return wrongEntry(ctx, c, s);
  const held = row.voucherId
    ? await exec
        .selectFrom('vouchers')
        .where('merchantId', '=', c.merchantId)
        .where('id', '=', row.voucherId)
        .select(['memberId', 'state'])
        .executeTakeFirst()
    : undefined;
  if (held && held.memberId !== c.memberId) return wrongEntry(ctx, c, s);
  const library = (await repo.findLibrary(exec, c.merchantId, row.libraryId))!;
  const at = now();
  if (row.state === 'disabled' || library.status === 'disabled' || held?.state === 'disabled')
    throw new AppError('CODE_DISABLED', 409);
  if (row.state === 'redeemed' && !(row.redeemedVia === 'store' && row.memberId === c.memberId))
    throw new AppError('CODE_ALREADY_REDEEMED', 409);
  if (held && held.state === 'used') throw new AppError('CODE_ALREADY_REDEEMED', 409);
  if (held && held.state === 'gifting') throw new AppError('VOUCHER_GIFTING', 409);
  if (shownCodeState(row.state, library.validUntil, at) === 'expired')
    throw new AppError('CODE_EXPIRED', 409);
  if (library.validFrom !== null && library.validFrom > at) throw new AppError('CODE_NOT_YET_VALID', 409);
  await forgiveFailures(ctx, c, s);
  return { code, row, library };
}

export async function lookupCode(ctx: AppContext, c: Caller, input: string) {
  const f = await enterCode(ctx, ctx.db, c, input);
  const reward = rewardOf(f.library);
  const products = await repo.productsOf(
    ctx.db,
    c.merchantId,
    reward.map((r) => r.productId),
  );
  const template = await repo.templateOf(ctx.db, c.merchantId, f.library.templateId);
  return {
    libraryName: f.library.name,
    title: template?.title ?? f.library.name,
    options: reward.flatMap((r) => {
      const p = products.find((x) => x.id === r.productId);
      if (!p) return [];
      const images = JSON.parse(p.images) as string[];
      return [
        {
          productId: p.id,
          name: p.name,
          quantity: r.quantity,
          image: images[0] ?? null,
          needsAddress: PRODUCT_TYPES[p.type].buyerNeeds === 'address',
        },
      ];
    }),
    validUntil: isoOrNull(f.library.validUntil),
    voucherId: f.row.voucherId,
  };
}

/** A formatter per time zone: making one costs far more than formatting with it. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The merchant's calendar day at `at` (YYYY-MM-DD in its time zone; S0.9). */
export function merchantDay(timeZone: string, at: number): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (dayFormats.size >= 1000) dayFormats.clear();
    dayFormats.set(timeZone, f);
  }
  return f.format(at);
}

async function takeDailyLimit(trx: Transaction<DB>, c: Caller, at: number) {
  const s = await getSettings(trx, c.merchantId);
  // No limit, nothing to count: the member's day row would otherwise serialise their redemptions.
  if (s.dailyLimit === 0) return;
  const m = await repo.merchantSlug(trx, c.merchantId);
  if (!(await repo.takeDaily(trx, c.merchantId, c.memberId, merchantDay(m.timeZone, at), s.dailyLimit)))
    throw new AppError('DAILY_REDEEM_LIMIT', 409, { limit: s.dailyLimit });
}

/** Online redemption (S0.4): the chosen goods as a zero-price order; code and order commit together. */
export async function redeemOnline(
  ctx: AppContext,
  trx: Transaction<DB>,
  c: Caller,
  body: Static<typeof RedeemBody>,
  actor: Actor,
) {
  const f = await enterCode(ctx, trx, c, body.code);
  if (f.row.state === 'redeemed') throw new AppError('CODE_ALREADY_REDEEMED', 409);
  const choice = rewardOf(f.library).find((r) => r.productId === body.productId);
  if (!choice) throw new AppError('REWARD_NOT_OFFERED', 422);
  const at = now();
  await takeDailyLimit(trx, c, at);
  const t = CODE_TRANSITIONS.redeem;
  const moved = await repo.moveCode(trx, c.merchantId, f.row.id, t.from, {
    state: t.to,
    memberId: c.memberId,
    redeemedVia: 'online',
    redeemedAt: at,
    updatedAt: at,
  });
  if (!moved) throw new AppError('CODE_ALREADY_REDEEMED', 409);
  if (moved.voucherId && !(await moveVoucherState(trx, c.merchantId, moved.voucherId, 'verify', at)))
    throw new AppError('CODE_ALREADY_REDEEMED', 409);
  const order = await placeZeroPriceOrder(
    ctx,
    trx,
    { merchantId: c.merchantId, memberId: c.memberId },
    actor,
    { items: [{ productId: choice.productId, quantity: choice.quantity }], buyer: body.buyer },
  );
  await repo.setCodeLinks(trx, moved.id, { orderId: order.id });
  await recordAudit(
    trx,
    { ...actor, merchantId: c.merchantId },
    {
      action: 'code.redeem',
      targetType: 'redemption_code',
      targetId: moved.id,
      before: { state: f.row.state },
      after: { state: moved.state, via: 'online', orderId: order.id, voucherId: moved.voucherId },
    },
  );
  return { codeId: moved.id, orderId: order.id, orderNo: order.orderNo, voucherId: moved.voucherId };
}

/**
 * Redemption at a store: the code becomes a voucher in the member's wallet under the same code, to
 * be verified at the counter by the voucher engine. A code already in the wallet answers its voucher.
 */
export async function claimToWallet(
  ctx: AppContext,
  trx: Transaction<DB>,
  c: Caller,
  input: string,
  actor: Actor,
) {
  const f = await enterCode(ctx, trx, c, input);
  if (f.row.voucherId) return { codeId: f.row.id, orderId: null, orderNo: null, voucherId: f.row.voucherId };
  const at = now();
  await takeDailyLimit(trx, c, at);
  const t = CODE_TRANSITIONS.redeem;
  const moved = await repo.moveCode(trx, c.merchantId, f.row.id, t.from, {
    state: t.to,
    memberId: c.memberId,
    redeemedVia: 'store',
    redeemedAt: at,
    updatedAt: at,
  });
  if (!moved) throw new AppError('CODE_ALREADY_REDEEMED', 409);
  const [voucher] = await issueVouchers(
    ctx,
    trx,
    {
      merchantId: c.merchantId,
      templateId: f.library.templateId,
      memberId: c.memberId,
      count: 1,
      channel: 'code',
      sourceRef: `code:${moved.id}`,
      codes: [f.code],
    },
    actor,
  );
  await repo.setCodeLinks(trx, moved.id, { voucherId: voucher!.id });
  await recordAudit(
    trx,
    { ...actor, merchantId: c.merchantId },
    {
      action: 'code.redeem',
      targetType: 'redemption_code',
      targetId: moved.id,
      before: { state: f.row.state },
      after: { state: moved.state, via: 'store', voucherId: voucher!.id },
    },
  );
  return { codeId: moved.id, orderId: null, orderNo: null, voucherId: voucher!.id };
}

export async function myCodes(ctx: AppContext, merchantId: number, memberId: number) {
  const at = now();
  const rows = await repo.memberCodes(ctx.db, merchantId, memberId);
  return rows.map((r) => ({
    id: r.id,
    code: ctx.keys.decrypt(r.codeEnc),
    libraryName: r.libraryName,
    state: shownCodeState(r.state, r.validUntil, at),
    voucherId: r.voucherId,
    orderId: r.orderId,
    redeemedAt: isoOrNull(r.redeemedAt),
    validUntil: isoOrNull(r.validUntil),
  }));
}
