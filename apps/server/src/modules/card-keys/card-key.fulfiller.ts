// Fulfilment of `card_key` products (commerce hook): fulfilRef is the pool id. Paying takes the
// bought quantity of keys; a short pool leaves the item awaiting stock. Card-key orders are never
// refunded (S1.1), so there is nothing to revoke.
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import type { Fulfiller } from '../commerce/fulfilment.ts';
import { deliverOrderItem } from './card-key.delivery.ts';
import * as repo from './card-key.repo.ts';

const poolIdOf = (ref: string | null) => (ref && /^\d{1,15}$/.test(ref) ? Number(ref) : null);

export function cardKeyFulfiller(ctx: AppContext): Fulfiller {
  return {
    async checkRef(exec, merchantId, ref) {
      const id = poolIdOf(ref);
      if (id === null || !(await repo.findPool(exec, merchantId, id)))
        throw new AppError('FULFIL_REF_INVALID', 422, {}, { fulfilRef: ref });
    },
    async fulfil({ trx, order, item, product }) {
      const poolId = poolIdOf(product.fulfilRef) ?? 0;
      const out = await deliverOrderItem(ctx, trx, { order, item, poolId });
      return {
        status: out.missing > 0 ? 'awaiting_stock' : 'delivered',
        result: { cardKeys: { missing: out.missing } },
      };
    },
    async available(exec, product) {
      const id = poolIdOf(product.fulfilRef);
      const pool = id === null ? undefined : await repo.findPool(exec, product.merchantId, id);
      if (!pool) return 0;
      const counts = (await repo.countsOf(exec, [pool.id])).get(pool.id)!;
      if (pool.reusable === 1) return counts.available > 0 ? Number.MAX_SAFE_INTEGER : 0;
      return counts.available;
    },
  };
}
