// Code libraries: a format (S0.2), a reward (an exchange voucher template and the goods a holder
// may choose among), a validity window and a status. Every change is audited.
import type { Static } from '@sinclair/typebox';
import type { AppContext } from '../../context.ts';
import type { CodeLibraryRow, Executor } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { iso, isoOrNull, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { guessOdds } from './codes.format.ts';
import * as repo from './codes.repo.ts';
import type { CodeLibrary, LibraryBody, LibraryPatch, RewardItem } from './codes.schemas.ts';

type Reward = Static<typeof RewardItem>[];

export const rewardOf = (l: CodeLibraryRow) => JSON.parse(l.reward) as Reward;

export function toLibrary(l: CodeLibraryRow): CodeLibrary {
  const odds = guessOdds(l.format, Number(l.codeCount));
  return {
    id: l.id,
    name: l.name,
    format: l.format,
    templateId: l.templateId,
    reward: rewardOf(l),
    validFrom: isoOrNull(l.validFrom),
    validUntil: isoOrNull(l.validUntil),
    status: l.status,
    codeCount: Number(l.codeCount),
    odds: { oneIn: odds.oneIn, warn: odds.warn },
    createdAt: iso(l.createdAt),
  };
}

const ms = (s: string | null | undefined) => (s ? Date.parse(s) : null);

async function checkTemplate(exec: Executor, merchantId: number, templateId: number) {
  const t = await repo.templateOf(exec, merchantId, templateId);
  if (!t || t.kind !== 'exchange') throw new AppError('LIBRARY_TEMPLATE_INVALID', 422);
}

async function checkReward(exec: Executor, merchantId: number, reward: Reward) {
  const ids = [...new Set(reward.map((r) => r.productId))];
  const found = await repo.productsOf(exec, merchantId, ids);
  if (found.length !== ids.length || ids.length !== reward.length)
    throw new AppError('LIBRARY_REWARD_INVALID', 422);
}

export async function createLibrary(
  ctx: AppContext,
  merchantId: number,
  body: Static<typeof LibraryBody>,
  actor: Actor,
) {
  return ctx.db.transaction().execute(async (trx) => {
    await checkTemplate(trx, merchantId, body.templateId);
    await checkReward(trx, merchantId, body.reward);
    const at = now();
    const row = await repo.insertLibrary(trx, {
      merchantId,
      name: body.name,
      format: body.format,
      templateId: body.templateId,
      reward: JSON.stringify(body.reward),
      validFrom: ms(body.validFrom),
      validUntil: ms(body.validUntil),
      status: 'active',
      createdAt: at,
      updatedAt: at,
    });
    await recordAudit(
      trx,
      { ...actor, merchantId },
      { action: 'code_library.create', targetType: 'code_library', targetId: row.id, after: toLibrary(row) },
    );
    return toLibrary(row);
  });
}

export async function updateLibrary(
  ctx: AppContext,
  merchantId: number,
  id: number,
  patch: Static<typeof LibraryPatch>,
  actor: Actor,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findLibrary(trx, merchantId, id);
    if (!before) throw notFound('library');
    if (patch.reward) await checkReward(trx, merchantId, patch.reward);
    const row = await repo.updateLibrary(trx, merchantId, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.reward ? { reward: JSON.stringify(patch.reward) } : {}),
      ...(patch.validFrom !== undefined ? { validFrom: ms(patch.validFrom) } : {}),
      ...(patch.validUntil !== undefined ? { validUntil: ms(patch.validUntil) } : {}),
      ...(patch.status ? { status: patch.status } : {}),
      updatedAt: now(),
    });
    await recordAudit(
      trx,
      { ...actor, merchantId },
      {
        action: 'code_library.update',
        targetType: 'code_library',
        targetId: id,
        before: toLibrary(before),
        after: toLibrary(row!),
      },
    );
    return toLibrary(row!);
  });
}

export async function getLibrary(exec: Executor, merchantId: number, id: number) {
  const l = await repo.findLibrary(exec, merchantId, id);
  if (!l) throw notFound('library');
  return l;
}

export const listLibraries = async (ctx: AppContext, merchantId: number) =>
  (await repo.listLibraries(ctx.db, merchantId)).map(toLibrary);
