// Member levels, SVIP, points (balance + append-only ledger) and the merchant's commerce settings.

import type { CommerceSettings, MemberCommerce, MemberLevel, PointsEntry } from '@kaquan/contracts';
import type { Static } from '@sinclair/typebox';
import type { Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/database.ts';
import type { Executor, MemberTable, PointsLedgerTable } from '../../db/schema.ts';
import { AppError, isUniqueViolation, notFound } from '../../http/errors.ts';
import { recentSnapshots } from '../../lib/snapshots.ts';
import { iso, isoOrNull, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import type { LevelBody, LevelPatch, MemberCommercePatch, SettingsBody } from './commerce.schemas.ts';
import * as repo from './loyalty.repo.ts';

type MerchantActor = Actor & { merchantId: number };

export const DEFAULT_SETTINGS: CommerceSettings = {
  checkoutTtlMinutes: 15,
  centsPerPoint: 1,
  pointsPerYuan: 1,
  pointsMaxSharePct: 50,
  afterSalesDays: 7,
};

export async function getSettings(exec: Executor, merchantId: number): Promise<CommerceSettings> {
  const row = await repo.findSettings(exec, merchantId);
  if (!row) return { ...DEFAULT_SETTINGS };
  const { merchantId: _, updatedAt: _u, ...s } = row;
  return s;
}

// Batched purchases read the settings from a snapshot at most a second old (lib/snapshots.ts).
const recent = recentSnapshots<number, CommerceSettings>();

/** The settings for a batch: `exec` reads them on a miss (a batch passes its own transaction). */
export const recentSettings = (ctx: AppContext, exec: Executor, merchantId: number) =>
  recent.get(ctx, merchantId, () => getSettings(exec, merchantId));

export async function updateSettings(
  exec: Executor,
  actor: MerchantActor,
  input: Static<typeof SettingsBody>,
) {
  const after = await inTransaction(exec, async (trx) => {
    const before = await getSettings(trx, actor.merchantId);
    // Only the settings themselves: a field the schema does not know never reaches the row.
    const known = Object.fromEntries(
      Object.entries(input).filter(([k, v]) => k in DEFAULT_SETTINGS && v !== undefined),
    );
    const after: CommerceSettings = { ...before, ...known };
    await repo.upsertSettings(trx, { ...after, merchantId: actor.merchantId, updatedAt: now() });
    await recordAudit(trx, actor, {
      action: 'commerce.settings.update',
      targetType: 'merchant',
      targetId: actor.merchantId,
      before,
      after,
    });
    return after;
  });
  // After the commit: a snapshot read from now on sees the change.
  recent.changed();
  return after;
}

const toLevel = (r: {
  id: number;
  name: string;
  discountPercent: number;
  createdAt: number;
}): MemberLevel => ({
  id: r.id,
  name: r.name,
  discountPercent: r.discountPercent,
  createdAt: iso(r.createdAt),
});

export async function listLevels(exec: Executor, merchantId: number) {
  return (await repo.listLevels(exec, merchantId)).map(toLevel);
}

export async function createLevel(exec: Executor, actor: MerchantActor, input: Static<typeof LevelBody>) {
  return inTransaction(exec, async (trx) => {
    try {
      const row = await repo.insertLevel(trx, { ...input, merchantId: actor.merchantId, at: now() });
      await recordAudit(trx, actor, {
        action: 'level.create',
        targetType: 'level',
        targetId: row.id,
        after: row,
      });
      return toLevel(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('LEVEL_TAKEN', 409);
      throw err;
    }
  });
}

export async function updateLevel(
  exec: Executor,
  actor: MerchantActor,
  id: number,
  input: Static<typeof LevelPatch>,
) {
  return inTransaction(exec, async (trx) => {
    const before = await repo.findLevel(trx, actor.merchantId, id);
    if (!before) throw notFound('level');
    try {
      const row = await repo.updateLevel(trx, actor.merchantId, id, { ...input, at: now() });
      await recordAudit(trx, actor, {
        action: 'level.update',
        targetType: 'level',
        targetId: id,
        before,
        after: row,
      });
      return toLevel(row!);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('LEVEL_TAKEN', 409);
      throw err;
    }
  });
}

type CommerceMemberRow = NonNullable<Awaited<ReturnType<typeof repo.findMemberCommerce>>>;

export const svipActive = (m: { svipExpiresAt: number | null }, at = now()) =>
  m.svipExpiresAt !== null && m.svipExpiresAt > at;

export const toMemberCommerce = (m: CommerceMemberRow): MemberCommerce => ({
  memberId: m.id,
  levelId: m.levelId,
  levelName: m.levelName,
  levelDiscountPercent: m.discountPercent ?? null,
  svipExpiresAt: isoOrNull(m.svipExpiresAt),
  svipActive: svipActive(m),
  pointsBalance: m.pointsBalance,
  referrerId: m.referrerId,
  teamCaptain: m.teamCaptain === 1,
  agentRegion: m.agentRegion,
});

export async function getMemberCommerce(exec: Executor, merchantId: number, memberId: number) {
  const m = await repo.findMemberCommerce(exec, merchantId, memberId);
  if (!m) throw notFound('member');
  return m;
}

/** True when `referrerId` is `memberId` itself or has it somewhere up its own referrer chain. */
async function wouldLoop(exec: Executor, merchantId: number, memberId: number, referrerId: number) {
  let cursor: number | null = referrerId;
  for (let depth = 0; cursor !== null && depth < 50; depth++) {
    if (cursor === memberId) return true;
    const next = await repo.findMemberCommerce(exec, merchantId, cursor);
    if (!next) return false;
    cursor = next.referrerId;
  }
  return cursor !== null;
}

export async function updateMemberCommerce(
  exec: Executor,
  actor: MerchantActor,
  memberId: number,
  input: Static<typeof MemberCommercePatch>,
) {
  return inTransaction(exec, async (trx) => {
    const before = await getMemberCommerce(trx, actor.merchantId, memberId);
    if (input.levelId && !(await repo.findLevel(trx, actor.merchantId, input.levelId)))
      throw notFound('level');
    if (input.referrerId) {
      const ref = await repo.findMemberCommerce(trx, actor.merchantId, input.referrerId);
      if (!ref || (await wouldLoop(trx, actor.merchantId, memberId, input.referrerId)))
        throw new AppError('REFERRER_INVALID', 422);
    }
    if (input.agentRegion) {
      const holder = await repo.findAgentOfRegion(trx, actor.merchantId, input.agentRegion);
      if (holder && holder.id !== memberId) throw new AppError('AGENT_REGION_TAKEN', 409);
    }
    const set: Updateable<MemberTable> = {
      levelId: input.levelId,
      svipExpiresAt:
        input.svipExpiresAt === undefined
          ? undefined
          : input.svipExpiresAt === null
            ? null
            : Date.parse(input.svipExpiresAt),
      referrerId: input.referrerId,
      teamCaptain: input.teamCaptain === undefined ? undefined : input.teamCaptain ? 1 : 0,
      agentRegion: input.agentRegion,
    };
    try {
      await repo.updateMemberCommerce(trx, actor.merchantId, memberId, { ...set, updatedAt: now() });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('AGENT_REGION_TAKEN', 409);
      throw err;
    }
    const after = toMemberCommerce(await getMemberCommerce(trx, actor.merchantId, memberId));
    await recordAudit(trx, actor, {
      action: 'member.commerce.update',
      targetType: 'member',
      targetId: memberId,
      before: toMemberCommerce(before),
      after,
    });
    return after;
  });
}

/**
 * Moves points and writes the ledger row in the caller's transaction. A spend that would take
 * the balance below zero changes nothing and answers POINTS_NOT_ENOUGH.
 */
export async function movePoints(
  exec: Executor,
  entry: Omit<PointsLedgerTable, 'id' | 'balanceAfter' | 'at' | 'note' | 'orderId' | 'checkoutId'> &
    Partial<Pick<PointsLedgerTable, 'note' | 'orderId' | 'checkoutId'>>,
  at = now(),
): Promise<number> {
  if (entry.delta === 0) return -1;
  const balance = await repo.movePoints(exec, entry.memberId, entry.delta);
  if (balance === null) throw new AppError('POINTS_NOT_ENOUGH', 409);
  await repo.insertLedger(exec, {
    merchantId: entry.merchantId,
    memberId: entry.memberId,
    delta: entry.delta,
    balanceAfter: balance,
    reason: entry.reason,
    orderId: entry.orderId ?? null,
    checkoutId: entry.checkoutId ?? null,
    note: entry.note ?? null,
    at,
  });
  return balance;
}

/**
 * Points earned on orders just paid, for several members at once: one update and one ledger
 * insert. A member with two orders in the batch gets two ledger rows, each with its own balance.
 */
export async function earnPoints(
  exec: Executor,
  entries: { merchantId: number; memberId: number; delta: number; orderId: number }[],
  at: number,
): Promise<void> {
  const earning = entries.filter((e) => e.delta > 0);
  if (earning.length === 0) return;
  const total = new Map<number, number>();
  for (const e of earning) total.set(e.memberId, (total.get(e.memberId) ?? 0) + e.delta);
  // Each member's balance before the batch, then walked forward entry by entry.
  const running = new Map<number, number>();
  for (const r of await repo.addPoints(exec, total)) running.set(r.id, r.pointsBalance - total.get(r.id)!);
  await repo.insertLedger(
    exec,
    earning.map((e) => {
      const balanceAfter = running.get(e.memberId)! + e.delta;
      running.set(e.memberId, balanceAfter);
      return {
        merchantId: e.merchantId,
        memberId: e.memberId,
        delta: e.delta,
        balanceAfter,
        reason: 'earn' as const,
        orderId: e.orderId,
        checkoutId: null,
        note: null,
        at,
      };
    }),
  );
}

export async function adjustPoints(
  exec: Executor,
  actor: MerchantActor,
  memberId: number,
  input: { delta: number; note: string },
) {
  return inTransaction(exec, async (trx) => {
    const before = await getMemberCommerce(trx, actor.merchantId, memberId);
    await movePoints(trx, {
      merchantId: actor.merchantId,
      memberId,
      delta: input.delta,
      reason: 'adjust',
      note: input.note,
    });
    const after = toMemberCommerce(await getMemberCommerce(trx, actor.merchantId, memberId));
    await recordAudit(trx, actor, {
      action: 'member.points.adjust',
      targetType: 'member',
      targetId: memberId,
      before: { pointsBalance: before.pointsBalance },
      after: { pointsBalance: after.pointsBalance, delta: input.delta, note: input.note },
    });
    return after;
  });
}

export async function listPoints(
  exec: Executor,
  merchantId: number,
  memberId: number,
  page: number,
  pageSize: number,
): Promise<{ items: PointsEntry[]; total: number; page: number; pageSize: number }> {
  await getMemberCommerce(exec, merchantId, memberId);
  const { rows, total } = await repo.listLedger(exec, merchantId, memberId, pageSize, (page - 1) * pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      delta: r.delta,
      balanceAfter: r.balanceAfter,
      reason: r.reason,
      orderId: r.orderId,
      note: r.note,
      at: iso(r.at),
    })),
    total,
    page,
    pageSize,
  };
}

/**
 * Takes back up to `points` (what a refunded order earned), never below zero: a full take with
 * one conditional update, else compare-and-set of whatever is left, retried if it moved.
 */
export async function takeBackPoints(
  exec: Executor,
  e: { merchantId: number; memberId: number; points: number; orderId: number },
  at = now(),
): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const full = await repo.movePoints(exec, e.memberId, -e.points);
    let taken = e.points;
    let balance = full;
    if (full === null) {
      const current = await repo.pointsBalance(exec, e.memberId);
      if (current === 0) return 0;
      balance = await repo.setPointsIf(exec, e.memberId, current, 0);
      if (balance === null) continue;
      taken = current;
    }
    await repo.insertLedger(exec, {
      merchantId: e.merchantId,
      memberId: e.memberId,
      delta: -taken,
      balanceAfter: balance!,
      reason: 'refund_earn',
      orderId: e.orderId,
      checkoutId: null,
      note: null,
      at,
    });
    return taken;
  }
  throw new Error('points balance kept moving');
}
