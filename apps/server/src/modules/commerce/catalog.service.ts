// Products and categories. A product of a type whose fulfilment is not installed is refused, so

// nothing can be sold that the platform cannot deliver.
import type { Product, ProductCategory } from '@kaquan/contracts';
import type { Static } from '@sinclair/typebox';
import type { Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/database.ts';
import type { Executor, ProductRow, ProductTable, ProductType } from '../../db/schema.ts';
import { AppError, isUniqueViolation, notFound } from '../../http/errors.ts';
import { iso, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import * as repo from './catalog.repo.ts';
import type {
  CategoryBody,
  CategoryPatch,
  ProductBody,
  ProductListQuery,
  ProductPatch,
} from './commerce.schemas.ts';
import { PRODUCT_TYPES } from './product-types.ts';

type MerchantActor = Actor & { merchantId: number };

export const toCategory = (r: {
  id: number;
  name: string;
  sort: number;
  createdAt: number;
}): ProductCategory => ({ id: r.id, name: r.name, sort: r.sort, createdAt: iso(r.createdAt) });

export function toProduct(r: ProductRow & { sold?: number | null }): Product {
  const rules = PRODUCT_TYPES[r.type];
  return {
    id: r.id,
    type: r.type,
    categoryId: r.categoryId,
    name: r.name,
    description: r.description,
    images: JSON.parse(r.images) as string[],
    priceCents: r.priceCents,
    stock: r.stock,
    sold: Number(r.sold ?? 0),
    onSale: r.onSale === 1,
    couponAllowed: r.couponAllowed === 1,
    pointsAllowed: r.pointsAllowed === 1,
    memberPriceAllowed: r.memberPriceAllowed === 1,
    svipAllowed: r.svipAllowed === 1,
    svipPriceCents: r.svipPriceCents,
    commission: {
      enabled: r.commissionEnabled === 1,
      distributorBp: [r.distributorBp1, r.distributorBp2, r.distributorBp3],
      teamBp: r.teamBp,
      shareholderBp: r.shareholderBp,
      regionalBp: r.regionalBp,
    },
    fulfilRef: r.fulfilRef,
    buyerNeeds: rules.buyerNeeds,
    cartAllowed: rules.cartAllowed,
    refundable: rules.refundable,
    createdAt: iso(r.createdAt),
  };
}

export async function listCategories(exec: Executor, merchantId: number) {
  return (await repo.listCategories(exec, merchantId)).map(toCategory);
}

export async function createCategory(
  exec: Executor,
  actor: MerchantActor,
  input: Static<typeof CategoryBody>,
) {
  return inTransaction(exec, async (trx) => {
    try {
      const row = await repo.insertCategory(trx, {
        ...input,
        sort: input.sort ?? 0,
        merchantId: actor.merchantId,
        at: now(),
      });
      await recordAudit(trx, actor, {
        action: 'category.create',
        targetType: 'category',
        targetId: row.id,
        after: row,
      });
      return toCategory(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('CATEGORY_TAKEN', 409);
      throw err;
    }
  });
}

export async function updateCategory(
  exec: Executor,
  actor: MerchantActor,
  id: number,
  input: Static<typeof CategoryPatch>,
) {
  return inTransaction(exec, async (trx) => {
    const before = await repo.findCategory(trx, actor.merchantId, id);
    if (!before) throw notFound('category');
    try {
      const row = await repo.updateCategory(trx, actor.merchantId, id, { ...input, at: now() });
      await recordAudit(trx, actor, {
        action: 'category.update',
        targetType: 'category',
        targetId: id,
        before,
        after: row,
      });
      return toCategory(row!);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('CATEGORY_TAKEN', 409);
      throw err;
    }
  });
}

export async function listProducts(exec: Executor, merchantId: number, q: Static<typeof ProductListQuery>) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await repo.listProducts(exec, merchantId, q, pageSize, (page - 1) * pageSize);
  return { items: rows.map(toProduct), total, page, pageSize };
}

/** Products delivered from `ref` (e.g. the products a card-key pool feeds). */
export async function productsFulfilledBy(
  exec: Executor,
  merchantId: number,
  type: ProductType,
  ref: string,
) {
  return (await repo.productsByRef(exec, merchantId, type, ref)).map(toProduct);
}

/**
 * What buyers see as stock: the product's own stock, capped by what its fulfiller can deliver
 * now when that is limited (card keys: min(product stock, available keys in the pool), S1.9).
 */
export async function buyerStock(
  ctx: AppContext,
  exec: Executor,
  p: Pick<ProductRow, 'merchantId' | 'type' | 'stock' | 'fulfilRef'>,
): Promise<number> {
  const available = ctx.fulfilment.get(p.type)?.available;
  return available ? Math.max(0, Math.min(p.stock, await available(exec, p))) : p.stock;
}

export async function getProduct(exec: Executor, merchantId: number, id: number) {
  const p = await repo.findProduct(exec, merchantId, id);
  if (!p) throw notFound('product');
  return p;
}

function columns(input: Static<typeof ProductPatch>, type: ProductRow['type']): Updateable<ProductTable> {
  const b = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);
  const c = input.commission;
  const regional = PRODUCT_TYPES[type].regionalAgent;
  const out: Updateable<ProductTable> = {
    name: input.name,
    description: input.description,
    images: input.images ? JSON.stringify(input.images) : undefined,
    categoryId: input.categoryId,
    priceCents: input.priceCents,
    stock: input.stock,
    onSale: b(input.onSale),
    couponAllowed: b(input.couponAllowed),
    pointsAllowed: b(input.pointsAllowed),
    memberPriceAllowed: b(input.memberPriceAllowed),
    svipAllowed: b(input.svipAllowed),
    svipPriceCents: input.svipPriceCents,
    fulfilRef: input.fulfilRef,
    ...(c
      ? {
          commissionEnabled: c.enabled ? 1 : 0,
          distributorBp1: c.distributorBp[0],
          distributorBp2: c.distributorBp[1],
          distributorBp3: c.distributorBp[2],
          teamBp: c.teamBp,
          shareholderBp: c.shareholderBp,
          // S0.6: regional-agent commission never applies to gift cards or card keys.
          regionalBp: regional ? c.regionalBp : 0,
        }
      : {}),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

async function assertCategory(exec: Executor, merchantId: number, categoryId: number | null | undefined) {
  if (categoryId && !(await repo.findCategory(exec, merchantId, categoryId))) throw notFound('category');
}

export async function createProduct(
  ctx: AppContext,
  exec: Executor,
  actor: MerchantActor,
  input: Static<typeof ProductBody>,
) {
  const fulfiller = ctx.fulfilment.get(input.type);
  if (!fulfiller) throw new AppError('PRODUCT_TYPE_UNAVAILABLE', 422, {}, { type: input.type });
  return inTransaction(exec, async (trx) => {
    await assertCategory(trx, actor.merchantId, input.categoryId);
    await fulfiller.checkRef?.(trx, actor.merchantId, input.fulfilRef ?? null);
    const at = now();
    const row = await repo.insertProduct(trx, {
      merchantId: actor.merchantId,
      type: input.type,
      name: input.name,
      description: '',
      images: '[]',
      priceCents: input.priceCents,
      stock: input.stock,
      onSale: 0,
      couponAllowed: 0,
      pointsAllowed: 0,
      memberPriceAllowed: 0,
      svipAllowed: 0,
      svipPriceCents: null,
      commissionEnabled: 0,
      distributorBp1: 0,
      distributorBp2: 0,
      distributorBp3: 0,
      teamBp: 0,
      shareholderBp: 0,
      regionalBp: 0,
      fulfilRef: null,
      categoryId: null,
      ...columns(input, input.type),
      createdAt: at,
      updatedAt: at,
    });
    const product = toProduct(row);
    await recordAudit(trx, actor, {
      action: 'product.create',
      targetType: 'product',
      targetId: row.id,
      after: product,
    });
    return product;
  });
}

export async function updateProduct(
  exec: Executor,
  actor: MerchantActor,
  id: number,
  input: Static<typeof ProductPatch>,
) {
  return inTransaction(exec, async (trx) => {
    const before = await getProduct(trx, actor.merchantId, id);
    await assertCategory(trx, actor.merchantId, input.categoryId);
    const row = await repo.updateProduct(trx, actor.merchantId, id, {
      ...columns(input, before.type),
      updatedAt: now(),
    });
    const product = toProduct({ ...row!, sold: before.sold });
    await recordAudit(trx, actor, {
      action: 'product.update',
      targetType: 'product',
      targetId: id,
      before: toProduct(before),
      after: product,
    });
    return product;
  });
}
