// Fulfilment of `gift_card` products (S0.1, commerce hook): each unit bought makes one code in the
// product's library (fulfilRef = library id), in the library's format, and puts it in the buyer's
// wallet as a voucher under the same code — so it can be gifted through the voucher engine (S0.4),
// verified at a store, or redeemed online in the redemption center. A refund disables the codes
// that are still unused, and their vouchers.
import type { AppContext } from '../../context.ts';
import type { CodeFormat } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { now } from '../../lib/time.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import type { Fulfiller } from '../commerce/fulfilment.ts';
import { issueVouchers, moveVoucherState } from '../vouchers/voucher.service.ts';
import { generateCodes } from './codes.format.ts';
import * as repo from './codes.repo.ts';
import { CODE_TRANSITIONS } from './codes.states.ts';
import { codeRows } from './generation.service.ts';

export function giftCardFulfiller(ctx: AppContext): Fulfiller {
  return {
    async checkRef(exec, merchantId, ref) {
      const lib =
        ref && /^\d+$/.test(ref) ? await repo.findLibrary(exec, merchantId, Number(ref)) : undefined;
      if (!lib) throw new AppError('FULFIL_REF_INVALID', 422, {}, { fulfilRef: ref });
    },
    async fulfil({ trx, order, item, product }) {
      const lib = await repo.findLibrary(trx, order.merchantId, Number(product.fulfilRef));
      if (!lib) throw new AppError('FULFIL_REF_INVALID', 422, {}, { fulfilRef: product.fulfilRef });
      const source = `order-item:${item.id}`;
      const at = now();
      // A duplicate of an existing code is skipped by the unique index: draw again until each unit has one.
      for (let tries = 0; tries < 5; tries++) {
        const have = (await repo.codesBySource(trx, order.merchantId, source, item.quantity)).length;
        if (have >= item.quantity) break;
        const codes = generateCodes(lib.format as CodeFormat, item.quantity - have);
        const rows = codeRows(
          ctx,
          codes,
          { merchantId: lib.merchantId, libraryId: lib.id, batchId: null, firstSerial: 0, at },
          (i) => `${source}#${have + i + 1}`,
        );
        const inserted = await repo.insertCodes(trx, ctx.database.engine, rows);
        await repo.addToLibraryCount(trx, lib.id, inserted);
      }
      const made = await repo.codesBySource(trx, order.merchantId, source, item.quantity);
      const issued = await issueVouchers(
        ctx,
        trx,
        {
          merchantId: order.merchantId,
          templateId: lib.templateId,
          memberId: order.memberId,
          count: made.length,
          channel: 'code',
          sourceRef: source,
          codes: made.map((m) => ctx.keys.decrypt(m.codeEnc)),
        },
        { ...SYSTEM_ACTOR, merchantId: order.merchantId, name: 'fulfilment' },
      );
      for (const [i, m] of made.entries()) await repo.setCodeLinks(trx, m.id, { voucherId: issued[i]!.id });
      return {
        status: 'delivered',
        result: {
          codes: made.map((m, i) => ({ id: m.id, tail: m.codeTail, voucherId: issued[i]!.id })),
        },
      };
    },
    async revoke({ trx, item }) {
      const t = CODE_TRANSITIONS.disable;
      for (const c of await repo.codesBySource(
        trx,
        item.merchantId,
        `order-item:${item.id}`,
        item.quantity,
      )) {
        const moved = await repo.moveCode(trx, item.merchantId, c.id, t.from, {
          state: t.to,
          updatedAt: now(),
        });
        if (moved?.voucherId) await moveVoucherState(trx, item.merchantId, moved.voucherId, 'disable');
      }
    },
  };
}
