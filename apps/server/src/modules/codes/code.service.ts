// The merchant's codes: the list (masked), find by full code, disable and enable (S0.7), export.
import type { AppContext } from '../../context.ts';
import type { CodeState, RedemptionCodeRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { iso, isoOrNull, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { moveVoucherState } from '../vouchers/voucher.service.ts';
import * as repo from './codes.repo.ts';
import type { RedemptionCode } from './codes.schemas.ts';
import { CODE_TRANSITIONS, shownCodeState } from './codes.states.ts';
import { codeHash } from './generation.service.ts';

export const maskCode = (tail: string) => `••••••••${tail}`;

export function toCode(r: RedemptionCodeRow, shown: CodeState, code: string): RedemptionCode {
  return {
    id: r.id,
    libraryId: r.libraryId,
    batchId: r.batchId,
    serial: r.serial,
    code,
    state: shown,
    memberId: r.memberId,
    voucherId: r.voucherId,
    orderId: r.orderId,
    redeemedVia: r.redeemedVia,
    redeemedAt: isoOrNull(r.redeemedAt),
    createdAt: iso(r.createdAt),
  };
}

async function validUntilOf(ctx: AppContext, merchantId: number, libraryIds: number[]) {
  const map = new Map<number, number | null>();
  for (const id of new Set(libraryIds)) {
    const l = await repo.findLibrary(ctx.db, merchantId, id);
    map.set(id, l?.validUntil ?? null);
  }
  return map;
}

export async function listCodes(
  ctx: AppContext,
  merchantId: number,
  q: {
    libraryId?: number;
    batchId?: number;
    state?: CodeState;
    code?: string;
    page?: number;
    pageSize?: number;
  },
) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await repo.listCodes(
    ctx.db,
    merchantId,
    {
      libraryId: q.libraryId,
      batchId: q.batchId,
      state: q.state === 'expired' ? 'unused' : q.state,
      codeHash: q.code ? codeHash(ctx, q.code.trim()) : undefined,
    },
    pageSize,
    (page - 1) * pageSize,
  );
  const at = now();
  const until = await validUntilOf(
    ctx,
    merchantId,
    rows.map((r) => r.libraryId),
  );
  return {
    items: rows.map((r) =>
      toCode(r, shownCodeState(r.state, until.get(r.libraryId) ?? null, at), maskCode(r.codeTail)),
    ),
    total,
    page,
    pageSize,
  };
}

/**
 * Disables or enables a code (S0.7). A code that already sits in a wallet as a voucher moves that
 * voucher too, in the same transaction, so it cannot be used at a store either.
 */
export async function setCodeEnabled(
  ctx: AppContext,
  merchantId: number,
  id: number,
  action: 'disable' | 'enable',
  actor: Actor,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findCode(trx, merchantId, id);
    if (!before) throw notFound('code');
    const t = CODE_TRANSITIONS[action];
    const at = now();
    const moved = await repo.moveCode(trx, merchantId, id, t.from, { state: t.to, updatedAt: at });
    if (!moved) throw new AppError('CODE_STATE_CONFLICT', 409, {}, { state: before.state });
    if (moved.voucherId) await moveVoucherState(trx, merchantId, moved.voucherId, action, at);
    await recordAudit(
      trx,
      { ...actor, merchantId },
      {
        action: `code.${action}`,
        targetType: 'redemption_code',
        targetId: id,
        before: { state: before.state },
        after: { state: moved.state },
      },
    );
    return toCode(moved, moved.state, maskCode(moved.codeTail));
  });
}
