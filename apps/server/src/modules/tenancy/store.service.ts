// Stores and the rule that a verifier acts only in its stores (S2.4). Every verification feature
// asks `assertStoreAccess` before it touches a store.
import type { Store } from '@kaquan/contracts';
import type { Static } from '@sinclair/typebox';
import QRCode from 'qrcode';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/database.ts';
import type { Executor, StoreRow } from '../../db/schema.ts';
import type { StaffPrincipal } from '../../http/auth.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { randomToken } from '../../lib/keys.ts';
import { iso, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { getMerchant } from './merchant.service.ts';
import { scopedStoreIds } from './staff.repo.ts';
import * as repo from './store.repo.ts';
import type { CreateStoreBody, ListQuery, UpdateStoreBody } from './tenancy.schemas.ts';

export function verifyUrl(ctx: AppContext, merchantSlug: string, verifyCode: string): string {
  return `${ctx.config.publicUrl}/h5/${merchantSlug}/verify?store=${verifyCode}`;
}

export const toStore = (ctx: AppContext, slug: string, r: StoreRow): Store => ({
  id: r.id,
  merchantId: r.merchantId,
  name: r.name,
  address: r.address,
  phone: r.phone,
  status: r.status,
  verifyUrl: verifyUrl(ctx, slug, r.verifyCode),
  createdAt: iso(r.createdAt),
});

/** Store ids a staff member may act in, or null for all of the merchant's stores. */
export async function storeScopeOf(exec: Executor, staff: StaffPrincipal['user']): Promise<number[] | null> {
  if (staff.role !== 'verifier' || staff.allStores) return null;
  return scopedStoreIds(exec, staff.id);
}

/**
 * The store, if the caller may act in it. A store of another merchant and a store outside a
 * verifier's scope both answer 404, so nothing leaks about which stores exist.
 */
export async function assertStoreAccess(
  exec: Executor,
  caller: { merchantId: number; staff?: StaffPrincipal['user'] },
  storeId: number,
): Promise<StoreRow> {
  const store = await repo.findStore(exec, caller.merchantId, storeId);
  if (!store) throw notFound('store');
  if (caller.staff) {
    const scope = await storeScopeOf(exec, caller.staff);
    if (scope && !scope.includes(storeId)) throw notFound('store');
  }
  return store;
}

/** Refuses store ids that are not the merchant's own (unknown, or another merchant's). */
export async function assertOwnStores(exec: Executor, merchantId: number, storeIds: number[]) {
  const ids = [...new Set(storeIds)];
  if ((await repo.countOwnStores(exec, merchantId, ids)) !== ids.length) {
    throw new AppError('STORE_NOT_IN_MERCHANT', 422);
  }
}

export async function listStores(
  ctx: AppContext,
  caller: { merchantId: number; staff?: StaffPrincipal['user'] },
  q: Static<typeof ListQuery>,
) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const onlyIds = caller.staff ? ((await storeScopeOf(ctx.db, caller.staff)) ?? undefined) : undefined;
  const merchant = await getMerchant(ctx.db, caller.merchantId);
  const { rows, total } = await repo.listStores(
    ctx.db,
    caller.merchantId,
    { q: q.q, onlyIds },
    pageSize,
    (page - 1) * pageSize,
  );
  return { items: rows.map((r) => toStore(ctx, merchant.slug, r)), total, page, pageSize };
}

export async function getStore(
  ctx: AppContext,
  caller: { merchantId: number; staff?: StaffPrincipal['user'] },
  id: number,
) {
  const store = await assertStoreAccess(ctx.db, caller, id);
  const merchant = await getMerchant(ctx.db, caller.merchantId);
  return toStore(ctx, merchant.slug, store);
}

export async function createStore(
  ctx: AppContext,
  exec: Executor,
  actor: Actor & { merchantId: number },
  input: Static<typeof CreateStoreBody>,
) {
  return inTransaction(exec, async (trx) => {
    const merchant = await getMerchant(trx, actor.merchantId);
    const row = await repo.insertStore(trx, {
      merchantId: actor.merchantId,
      name: input.name,
      address: input.address ?? '',
      phone: input.phone ?? '',
      verifyCode: randomToken(12),
      at: now(),
    });
    const store = toStore(ctx, merchant.slug, row);
    await recordAudit(trx, actor, {
      action: 'store.create',
      targetType: 'store',
      targetId: row.id,
      after: store,
    });
    return store;
  });
}

export async function updateStore(
  ctx: AppContext,
  exec: Executor,
  actor: Actor & { merchantId: number },
  id: number,
  patch: Static<typeof UpdateStoreBody>,
) {
  return inTransaction(exec, async (trx) => {
    const merchant = await getMerchant(trx, actor.merchantId);
    const before = await repo.findStore(trx, actor.merchantId, id);
    if (!before) throw notFound('store');
    const after = await repo.updateStore(trx, actor.merchantId, id, patch, now());
    if (!after) throw notFound('store');
    await recordAudit(trx, actor, {
      action: 'store.update',
      targetType: 'store',
      targetId: id,
      before: toStore(ctx, merchant.slug, before),
      after: toStore(ctx, merchant.slug, after),
    });
    return toStore(ctx, merchant.slug, after);
  });
}

/** The store verification QR (S2.4, S4.9): it encodes the store's verification URL. */
export async function storeQr(
  ctx: AppContext,
  merchantId: number,
  id: number,
  format: 'png' | 'svg',
  size: number,
) {
  const store = await assertStoreAccess(ctx.db, { merchantId }, id);
  const merchant = await getMerchant(ctx.db, merchantId);
  const url = verifyUrl(ctx, merchant.slug, store.verifyCode);
  const opts = { errorCorrectionLevel: 'M' as const, margin: 2, width: size };
  return format === 'png'
    ? QRCode.toBuffer(url, { ...opts, type: 'png' })
    : QRCode.toString(url, { ...opts, type: 'svg' });
}

/** S4.9: the store behind a verification URL, for the merchant the member belongs to. */
export async function storeFromVerifyUrl(exec: Executor, merchantId: number, url: string): Promise<StoreRow> {
  let code: string | null = null;
  try {
    code = new URL(url).searchParams.get('store');
  } catch {
    code = null;
  }
  const store = code ? await repo.findStoreByVerifyCode(exec, code) : undefined;
  if (!store || store.merchantId !== merchantId) throw notFound('store');
  return store;
}
