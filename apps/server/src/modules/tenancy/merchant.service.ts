import type { Merchant } from '@kaquan/contracts';
import type { Static } from '@sinclair/typebox';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/database.ts';
import type { Executor, MerchantRow } from '../../db/schema.ts';
import { AppError, isUniqueViolation, notFound } from '../../http/errors.ts';
import { randomToken } from '../../lib/keys.ts';
import { iso, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import * as repo from './merchant.repo.ts';
import { createStaffUser } from './staff.service.ts';
import type { CreateMerchantBody, MerchantListQuery, UpdateMerchantBody } from './tenancy.schemas.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const RESERVED_SLUGS = new Set(['staff', 'admin', 'api', 'pay', 'client', 'assets']);

export const toMerchant = (r: MerchantRow): Merchant => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  timeZone: r.timeZone,
  status: r.status,
  createdAt: iso(r.createdAt),
});

export function assertTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new AppError('INVALID_TIME_ZONE', 400, {}, { timeZone: tz });
  }
}

export async function getMerchant(exec: Executor, id: number): Promise<MerchantRow> {
  const m = await repo.findMerchant(exec, id);
  if (!m) throw notFound('merchant');
  return m;
}

/** The merchant behind a public H5 link; suspended merchants look the same as unknown ones. */
export async function getActiveMerchantBySlug(exec: Executor, slug: string): Promise<MerchantRow> {
  const m = await repo.findMerchantBySlug(exec, slug.toLowerCase());
  if (!m || m.status !== 'active') throw new AppError('MERCHANT_NOT_FOUND', 404); // suspended looks unknown
  return m;
}

export async function listMerchants(exec: Executor, q: Static<typeof MerchantListQuery>) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await repo.listMerchants(exec, q, pageSize, (page - 1) * pageSize);
  return { items: rows.map(toMerchant), total, page, pageSize };
}

export async function createMerchant(
  ctx: AppContext,
  exec: Executor,
  actor: Actor,
  input: Static<typeof CreateMerchantBody>,
) {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  assertTimeZone(timeZone);
  const slug =
    input.slug ??
    `m${randomToken(6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')}`.slice(0, 8);
  // Paths of the member pages that sit beside /h5/{slug}/ (the staff verification page).
  if (RESERVED_SLUGS.has(slug)) throw new AppError('SLUG_TAKEN', 409);
  return inTransaction(exec, async (trx) => {
    const at = now();
    let merchant: MerchantRow;
    try {
      merchant = await repo.insertMerchant(trx, { name: input.name, slug, timeZone, at });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('SLUG_TAKEN', 409);
      throw err;
    }
    await recordAudit(trx, actor, {
      merchantId: merchant.id,
      action: 'merchant.create',
      targetType: 'merchant',
      targetId: merchant.id,
      after: toMerchant(merchant),
    });
    const owner = await createStaffUser(ctx, trx, { ...actor, merchantId: merchant.id }, merchant.id, {
      ...input.owner,
      role: 'owner',
      allStores: true,
      storeIds: [],
    });
    return { merchant: toMerchant(merchant), owner };
  });
}

export async function updateMerchant(
  exec: Executor,
  actor: Actor,
  id: number,
  patch: Static<typeof UpdateMerchantBody>,
) {
  if (patch.timeZone) assertTimeZone(patch.timeZone);
  return inTransaction(exec, async (trx) => {
    const before = await getMerchant(trx, id);
    const after = await repo.updateMerchant(trx, id, patch, now());
    if (!after) throw notFound('merchant');
    await recordAudit(trx, actor, {
      merchantId: id,
      action: 'merchant.update',
      targetType: 'merchant',
      targetId: id,
      before: toMerchant(before),
      after: toMerchant(after),
    });
    return toMerchant(after);
  });
}

/** Suspend or resume: one conditional UPDATE, so concurrent calls change the state once. */
export async function setMerchantStatus(
  exec: Executor,
  actor: Actor,
  id: number,
  status: 'active' | 'suspended',
) {
  return inTransaction(exec, async (trx) => {
    const from = status === 'active' ? 'suspended' : 'active';
    const after = await repo.updateMerchant(trx, id, { status }, now(), from);
    if (!after) return toMerchant(await getMerchant(trx, id)); // already in that state
    await recordAudit(trx, actor, {
      merchantId: id,
      action: status === 'active' ? 'merchant.resume' : 'merchant.suspend',
      targetType: 'merchant',
      targetId: id,
      before: { status: from },
      after: { status },
    });
    return toMerchant(after);
  });
}
