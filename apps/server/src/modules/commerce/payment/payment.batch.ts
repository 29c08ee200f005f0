// Successful pay callbacks that arrive together, applied in one transaction on PostgreSQL
// (decision 007): one update moves all their payments, one their checkouts, and the orders are
// made by the same code as for a single payment (order-placement.ts), which writes each kind of
// row once per batch. Round trips and commits are paid per batch, not per purchase.
//
// Only the plain case goes here: a pending payment with the amount it was opened for, whose
// checkout is still pending. Anything else (a replay, a late or wrong payment, a notice for the
// same payment twice in one batch) gets null and the full path in payment.service.ts answers it
// exactly as it always did. A batch that fails as a whole is undone, and each of its notices
// takes the full path too.
import { sql } from 'kysely';
import type { AppContext } from '../../../context.ts';
import { prepared } from '../../../db/prepared.ts';
import type { CheckoutRow } from '../../../db/schema.ts';
import { type Batcher, createBatcher, onePer } from '../../../lib/batcher.ts';
import { groupBy } from '../../../lib/collections.ts';
import { now } from '../../../lib/time.ts';
import type { Actor } from '../../audit/audit.service.ts';
import { recentSettings } from '../loyalty.service.ts';
import { createOrdersFromCheckouts } from '../order-placement.ts';
import type { NoticeOutcome } from './payment.service.ts';
import type { PaymentNotice } from './provider.ts';

interface Paying {
  notice: PaymentNotice;
  actor: Actor;
}

type Moved = { id: number; token: string; checkoutId: number; merchantId: number };

class Undo extends Error {}

async function payBatch(ctx: AppContext, batch: Paying[]): Promise<(NoticeOutcome | null)[]> {
  const out: (NoticeOutcome | null)[] = batch.map(() => null);
  // The first notice for a payment goes in; a second one in the same batch is a replay.
  const first = new Map<string, number>();
  batch.forEach((p, k) => {
    if (!first.has(p.notice.outTradeNo)) first.set(p.notice.outTradeNo, k);
  });
  const taken = [...first.values()].map((k) => batch[k]);
  const at = now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // The payments move, and with each its checkout when that is still pending.
      const rows = (
        await prepared(
          'commerce.payment.batch',
          sql<Moved & { checkout: CheckoutRow | null }>`
          with n as (
            select * from unnest(${taken.map((t) => t.notice.outTradeNo)}::text[], ${taken.map((t) => t.notice.tradeNo)}::text[],
                                 ${taken.map((t) => t.notice.paidAt)}::bigint[], ${taken.map((t) => t.notice.amountCents)}::int[])
              as n(token, trade_no, paid_at, amount)
          ),
          p as (
            update payments p set status = 'succeeded', trade_no = n.trade_no, paid_at = n.paid_at, updated_at = ${at}
            from n where p.token = n.token and p.status = 'pending' and p.amount_cents = n.amount
            returning p.id, p.token, p.checkout_id, p.merchant_id, n.paid_at
          ),
          c as (
            update checkouts c set status = 'paid', paid_at = p.paid_at, updated_at = ${at}
            from p where c.id = p.checkout_id and c.status = 'pending'
            returning c.*
          )
          select p.id, p.token, p.checkout_id, p.merchant_id, to_jsonb(c) as checkout
          from p left join c on c.id = p.checkout_id`,
        ).execute(trx)
      ).rows;
      if (rows.length === 0) return;
      const payments: Moved[] = rows;
      // (The CamelCasePlugin names the JSON row's keys as Kysely names a selected row's.)
      const checkouts = rows.flatMap((r) => (r.checkout ? [r.checkout] : []));
      const byToken = new Map(taken.map((t) => [t.notice.outTradeNo, t]));
      // A checkout that closed in the meantime takes the full path (late payment): undo the batch.
      if (checkouts.length !== payments.length) throw new Undo();
      const audits = new Map(
        payments.map((p) => {
          const { notice, actor } = byToken.get(p.token)!;
          const change = {
            action: 'payment.succeeded',
            targetType: 'payment',
            targetId: p.id,
            before: { status: 'pending' },
            after: { status: 'succeeded', tradeNo: notice.tradeNo, amountCents: notice.amountCents },
          };
          return [p.token, { actor: { ...actor, merchantId: p.merchantId }, change }];
        }),
      );
      const checkoutOf = new Map(checkouts.map((c) => [c.id, c]));
      for (const [merchantId, group] of groupBy(payments, (p) => p.merchantId)) {
        const orders = await createOrdersFromCheckouts(
          ctx,
          trx,
          merchantId,
          group.map((p) => ({
            checkout: checkoutOf.get(p.checkoutId)!,
            paidAt: byToken.get(p.token)!.notice.paidAt,
          })),
          'purchase',
          {
            audits: group.map((p) => audits.get(p.token)!),
            settings: await recentSettings(ctx, trx, merchantId),
          },
        );
        group.forEach((p, i) => {
          out[first.get(p.token)!] = {
            status: 'paid',
            orderId: orders[i].id,
            checkoutId: p.checkoutId,
            merchantId,
          };
        });
      }
    });
    return out;
  } catch (err) {
    // Undone as a whole (a closed checkout, a deadlock PostgreSQL broke, a fulfiller that failed):
    // every notice takes the full path, which answers each one on its own.
    if (!(err instanceof Undo)) {
      failures.set(ctx, (failures.get(ctx) ?? 0) + 1);
      ctx.log.warn({ err }, 'payment batch undone; its notices take the full path');
    }
    return batch.map(() => null);
  }
}

const failures = new WeakMap<AppContext, number>();

const batcherOf = onePer(
  (ctx: AppContext): Batcher<Paying, NoticeOutcome | null> =>
    createBatcher({
      maxBatch: 100,
      // Two in flight: one batch at the database while the next gathers; more would only split
      // the same requests into smaller batches, each paying the same round trips.
      inFlight: 1,
      run: (batch) => payBatch(ctx, batch),
    }),
);

/** A successful notice applied in a batch, or null when the full path must answer it. */
export function payInBatch(ctx: AppContext, notice: PaymentNotice, actor: Actor) {
  if (!ctx.database.pool || notice.status !== 'SUCCESS') return Promise.resolve(null);
  return batcherOf(ctx)({ notice, actor });
}

/** Batches run, notices they carried, and batches undone for an error (zero on SQLite). */
export const payBatchStats = (ctx: AppContext) => ({
  ...batcherOf(ctx).stats(),
  failed: failures.get(ctx) ?? 0,
});
