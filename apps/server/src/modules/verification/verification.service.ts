// Verification (核销): a verifier at a store in its scope, an admin choosing the store, or the
// holder scanning the store QR (only where the template allows self-verification). The checks
// give each refusal its own code; the change itself is one conditional UPDATE of the voucher plus
// the record, in one transaction. A request number makes retries safe; undo works inside the
// merchant's window (default 60 min).
import type { Verification, VerificationSettings } from '@kaquan/contracts';
import type { AppContext } from '../../context.ts';
import type { StaffUserRow } from '../../db/schema.ts';
import { AppError, isUniqueViolation, notFound } from '../../http/errors.ts';
import { iso, MINUTE, now, weekdayIn } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { assertStoreAccess } from '../tenancy/store.service.ts';
import * as vouchers from '../vouchers/voucher.repo.ts';
import { codeHash, maskCode } from '../vouchers/voucher.service.ts';
import { fastVerify } from './verification.fast.ts';
import * as repo from './verification.repo.ts';

export interface VerifyInput {
  merchantId: number;
  storeId: number;
  requestNo: string;
  channel: 'staff' | 'admin' | 'self';
  code?: string;
  voucherId?: number;
  /** The staff account verifying (channel staff/admin). */
  staff?: StaffUserRow;
  /** The holder verifying their own voucher (channel self). */
  memberId?: number;
}

type Record = NonNullable<Awaited<ReturnType<typeof repo.findVerification>>>;

function toVerification(r: Record, windowMinutes: number): Verification {
  return {
    id: r.id,
    voucherId: r.voucherId,
    voucherTitle: r.voucherTitle,
    codeMasked: maskCode(r.codeTail),
    memberId: r.holderId,
    storeId: r.storeId,
    storeName: r.storeName,
    channel: r.channel,
    staffId: r.staffId,
    requestNo: r.requestNo,
    at: iso(r.at),
    undoneAt: r.undoneAt === null ? null : iso(r.undoneAt),
    undoUntil: r.undoneAt === null ? iso(r.at + windowMinutes * MINUTE) : null,
  };
}

const STATE_ERRORS = {
  used: 'VOUCHER_ALREADY_USED',
  expired: 'VOUCHER_EXPIRED',
  disabled: 'VOUCHER_DISABLED',
  gifting: 'VOUCHER_GIFTING',
} as const;

export async function verifyVoucher(
  ctx: AppContext,
  input: VerifyInput,
  actor: Actor,
): Promise<Verification> {
  const { merchantId } = input;
  if (ctx.database.engine === 'postgres' && input.channel !== 'self' && input.staff) {
    const done = await fastVerify(
      ctx,
      {
        merchantId,
        storeId: input.storeId,
        requestNo: input.requestNo,
        channel: input.channel,
        codeHash: input.code === undefined ? undefined : codeHash(ctx, input.code),
        voucherId: input.code === undefined ? (input.voucherId ?? 0) : undefined,
        staff: input.staff,
      },
      actor,
    );
    if (done)
      return toVerification(
        { ...done, merchantId, memberId: null, undoneAt: null, undoneBy: null },
        done.undoWindow,
      );
  }
  const voucher = input.code
    ? await vouchers.findVoucherByCodeHash(ctx.db, merchantId, codeHash(ctx, input.code))
    : await vouchers.findVoucher(ctx.db, merchantId, input.voucherId ?? 0);
  if (!voucher || (input.channel === 'self' && voucher.memberId !== input.memberId))
    throw new AppError('VOUCHER_NOT_FOUND', 404);
  const settings = await repo.verifySettings(ctx.db, merchantId);
  const window = settings.undoWindowMinutes;
  // A retry of a request that already went through answers the first record. Only looked up when
  // the voucher is no longer unused, so a first attempt costs no extra query.
  const replay = async () => {
    const prior = await repo.findByRequestNo(ctx.db, merchantId, input.requestNo);
    if (prior && prior.voucherId !== voucher.id) throw new AppError('REQUEST_NO_REUSED', 409);
    return prior ? toVerification(prior, window) : null;
  };
  if (voucher.state !== 'unused') {
    const first = await replay();
    if (first) return first;
  }

  const store = await assertStoreAccess(
    ctx.db,
    { merchantId, staff: input.channel === 'self' ? undefined : input.staff },
    input.storeId,
  );
  const at = now();
  if (voucher.state !== 'unused') throw new AppError(STATE_ERRORS[voucher.state], 409);
  if (voucher.validUntil < at) throw new AppError('VOUCHER_EXPIRED', 409);
  if (voucher.validFrom > at) throw new AppError('VOUCHER_NOT_YET_VALID', 409);
  if (input.channel === 'self' && voucher.isSelf !== 1) throw new AppError('SELF_VERIFY_NOT_ALLOWED', 403);
  if (voucher.useWeek[weekdayIn(settings.timeZone, at) - 1] !== '1')
    throw new AppError('VOUCHER_WRONG_WEEKDAY', 409);
  if (
    voucher.allStores !== 1 &&
    !(await vouchers.templateStoreIds(ctx.db, voucher.templateId)).includes(store.id)
  )
    throw new AppError('VOUCHER_WRONG_STORE', 409);

  try {
    const rec = await ctx.db.transaction().execute(async (trx) => {
      const moved = await vouchers.moveVoucher(
        trx,
        voucher.id,
        ['unused'],
        { state: 'used', usedAt: at, usedStoreId: store.id, updatedAt: at },
        { at },
      );
      if (!moved) throw new AppError('VOUCHER_ALREADY_USED', 409);
      const rec = await repo.insertVerification(trx, {
        merchantId,
        voucherId: voucher.id,
        storeId: store.id,
        channel: input.channel,
        staffId: input.staff?.id ?? null,
        memberId: input.channel === 'self' ? (input.memberId ?? null) : null,
        requestNo: input.requestNo,
        at,
        undoneAt: null,
        undoneBy: null,
      });
      await recordAudit(
        trx,
        { ...actor, merchantId },
        {
          action: 'voucher.verify',
          targetType: 'voucher',
          targetId: voucher.id,
          before: { state: 'unused' },
          after: { state: 'used', storeId: store.id, channel: input.channel, verificationId: rec.id },
        },
      );
      return rec;
    });
    return toVerification(
      {
        ...rec,
        voucherTitle: voucher.title,
        codeTail: voucher.codeTail,
        holderId: voucher.memberId,
        storeName: store.name,
      },
      window,
    );
  } catch (err) {
    // Lost to a concurrent attempt: if it was this very request, answer what it did.
    if (err instanceof AppError && err.code === 'VOUCHER_ALREADY_USED') {
      const first = await replay();
      if (first) return first;
    }
    // The same request number arriving twice at once: the loser answers what the winner did.
    if (isUniqueViolation(err)) {
      const winner = await repo.findByRequestNo(ctx.db, merchantId, input.requestNo);
      if (winner && winner.voucherId === voucher.id) return toVerification(winner, window);
      throw new AppError('REQUEST_NO_REUSED', 409);
    }
    throw err;
  }
}

export async function undoVerification(
  ctx: AppContext,
  merchantId: number,
  id: number,
  actor: Actor,
  staff?: StaffUserRow,
): Promise<Verification> {
  const window = await repo.undoWindowMinutes(ctx.db, merchantId);
  return ctx.db.transaction().execute(async (trx) => {
    const rec = await repo.findVerification(trx, merchantId, id);
    if (!rec) throw notFound('verification');
    await assertStoreAccess(trx, { merchantId, staff }, rec.storeId);
    if (rec.undoneAt !== null) return toVerification(rec, window);
    const at = now();
    if (window === 0) throw new AppError('UNDO_WINDOW_PASSED', 409, { minutes: window });
    const marked = await repo.markUndone(trx, id, at - window * MINUTE, at, staff?.id ?? null);
    if (!marked) throw new AppError('UNDO_WINDOW_PASSED', 409, { minutes: window });
    await vouchers.moveVoucher(trx, rec.voucherId, ['used'], {
      state: 'unused',
      usedAt: null,
      usedStoreId: null,
      updatedAt: at,
    });
    await recordAudit(
      trx,
      { ...actor, merchantId },
      {
        action: 'voucher.verify.undo',
        targetType: 'voucher',
        targetId: rec.voucherId,
        before: { state: 'used', verificationId: id },
        after: { state: 'unused' },
      },
    );
    return toVerification({ ...rec, undoneAt: at }, window);
  });
}

export async function listVerifications(
  ctx: AppContext,
  merchantId: number,
  q: { storeId?: number; voucherId?: number; from?: string; to?: string; page?: number; pageSize?: number },
  scope: number[] | null,
) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  let storeIds = scope ?? undefined;
  if (q.storeId) storeIds = scope && !scope.includes(q.storeId) ? [] : [q.storeId];
  const window = await repo.undoWindowMinutes(ctx.db, merchantId);
  const { rows, total } = await repo.listVerifications(
    ctx.db,
    merchantId,
    {
      storeIds,
      voucherId: q.voucherId,
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
    },
    pageSize,
    (page - 1) * pageSize,
  );
  return { items: rows.map((r) => toVerification(r, window)), total, page, pageSize };
}

export async function getSettings(ctx: AppContext, merchantId: number): Promise<VerificationSettings> {
  return { undoWindowMinutes: await repo.undoWindowMinutes(ctx.db, merchantId) };
}

/** The undo window applies to every record at once, older ones included: it is read when undoing. */
export async function updateSettings(
  ctx: AppContext,
  actor: Actor & { merchantId: number },
  input: VerificationSettings,
): Promise<VerificationSettings> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = { undoWindowMinutes: await repo.undoWindowMinutes(trx, actor.merchantId) };
    await repo.upsertSettings(trx, actor.merchantId, input.undoWindowMinutes, now());
    await recordAudit(trx, actor, {
      action: 'verification.settings.update',
      targetType: 'merchant',
      targetId: actor.merchantId,
      before,
      after: input,
    });
    return { undoWindowMinutes: input.undoWindowMinutes };
  });
}
