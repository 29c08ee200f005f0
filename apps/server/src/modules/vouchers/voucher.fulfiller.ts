// Fulfilment of `voucher` products (commerce hook): each unit bought issues one voucher of the
// product's template (fulfilRef = template id) to the buyer; a refund disables the unused ones.
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { now } from '../../lib/time.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import type { Fulfiller } from '../commerce/fulfilment.ts';
import * as repo from './voucher.repo.ts';
import { issueVouchers } from './voucher.service.ts';

export function voucherFulfiller(ctx: AppContext): Fulfiller {
  return {
    async checkRef(exec, merchantId, ref) {
      const t = ref && /^\d+$/.test(ref) ? await repo.findTemplate(exec, merchantId, Number(ref)) : undefined;
      if (!t) throw new AppError('FULFIL_REF_INVALID', 422, {}, { fulfilRef: ref });
    },
    async fulfil({ trx, order, item, product }) {
      const issued = await issueVouchers(
        ctx,
        trx,
        {
          merchantId: order.merchantId,
          templateId: Number(product.fulfilRef),
          memberId: order.memberId,
          count: item.quantity,
          channel: 'purchase',
          sourceRef: `order-item:${item.id}`,
        },
        { ...SYSTEM_ACTOR, merchantId: order.merchantId, name: 'fulfilment' },
      );
      return { status: 'delivered', result: { vouchers: issued.map((v) => ({ id: v.id, title: v.title })) } };
    },
    async revoke({ trx, item }) {
      const rows = await trx
        .selectFrom('vouchers')
        .where('merchantId', '=', item.merchantId)
        .where('channel', '=', 'purchase')
        .where('sourceRef', 'like', `order-item:${item.id}#%`)
        .select('id')
        .execute();
      for (const r of rows)
        await repo.moveVoucher(trx, r.id, ['unused'], { state: 'disabled', updatedAt: now() });
    },
  };
}
