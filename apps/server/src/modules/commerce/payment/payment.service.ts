// Payment callbacks. Verified before anything is read; applied with conditional updates in one
// transaction, so a notice replayed any number of times (in sequence or at once, in any process)
// pays one checkout, creates one order and fulfils once. A payment that arrives after its checkout
// expired takes the stock and points again if they are still there, or else is refunded.
import type { AppContext } from '../../../context.ts';
import { AppError, notFound } from '../../../http/errors.ts';
import { now } from '../../../lib/time.ts';
import { type Actor, recordAudit } from '../../audit/audit.service.ts';
import * as catalog from '../catalog.repo.ts';
import * as checkouts from '../checkout.repo.ts';
import { closeCheckout } from '../checkout.service.ts';
import { movePoints } from '../loyalty.service.ts';
import { findOrderByCheckout } from '../order.repo.ts';
import { createOrderFromCheckout } from '../order-placement.ts';
import { payInBatch } from './payment.batch.ts';
import type { PaymentNotice } from './provider.ts';

class LatePaymentUnfillable extends Error {}

export interface NoticeOutcome {
  status: 'paid' | 'replayed' | 'closed' | 'refunded';
  orderId: number | null;
  checkoutId: number;
  merchantId: number;
}

export async function rejectForgedNotice(ctx: AppContext, actor: Actor, body: unknown) {
  const b = (body ?? {}) as { outTradeNo?: unknown };
  const token = typeof b.outTradeNo === 'string' ? b.outTradeNo.slice(0, 100) : '';
  const payment = token ? await checkouts.findPaymentByToken(ctx.db, token) : undefined;
  await recordAudit(
    ctx.db,
    { ...actor, merchantId: payment?.merchantId ?? null },
    {
      action: 'payment.callback.forged',
      targetType: 'payment',
      targetId: payment?.id ?? (token || '-'),
      after: { outTradeNo: token },
    },
  );
  throw new AppError('PAYMENT_SIGNATURE_INVALID', 400);
}

export async function applyNotice(
  ctx: AppContext,
  notice: PaymentNotice,
  actor: Actor,
): Promise<NoticeOutcome> {
  const batched = await payInBatch(ctx, notice, actor);
  if (batched) return batched;
  const payment = await checkouts.findPaymentByToken(ctx.db, notice.outTradeNo);
  if (!payment) throw notFound('payment');
  const base = { checkoutId: payment.checkoutId, merchantId: payment.merchantId };
  const who = { ...actor, merchantId: payment.merchantId };

  if (notice.status === 'CLOSED') {
    await ctx.db
      .transaction()
      .execute((trx) => closeCheckout(ctx, trx, payment.checkoutId, 'cancelled', who));
    const order = await findOrderByCheckout(ctx.db, payment.checkoutId);
    return { ...base, status: order ? 'replayed' : 'closed', orderId: order?.id ?? null };
  }
  if (notice.amountCents !== payment.amountCents) throw new AppError('PAYMENT_AMOUNT_MISMATCH', 400);

  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const at = now();
      const paid = await checkouts.movePayment(trx, payment.id, ['pending', 'closed'], {
        status: 'succeeded',
        tradeNo: notice.tradeNo,
        paidAt: notice.paidAt,
        updatedAt: at,
      });
      if (!paid) {
        const order = await findOrderByCheckout(trx, payment.checkoutId);
        return { ...base, status: 'replayed' as const, orderId: order?.id ?? null };
      }
      let checkout = await checkouts.moveCheckout(trx, payment.checkoutId, ['pending'], 'paid', at, {
        paidAt: notice.paidAt,
      });
      if (!checkout) {
        checkout = await checkouts.moveCheckout(
          trx,
          payment.checkoutId,
          ['expired', 'cancelled'],
          'paid',
          at,
          {
            paidAt: notice.paidAt,
          },
        );
        if (!checkout) throw new LatePaymentUnfillable();
        for (const l of await checkouts.findLines(trx, checkout.id)) {
          if (!(await catalog.reserveStock(trx, checkout.merchantId, l.productId, l.quantity)))
            throw new LatePaymentUnfillable();
        }
        if (checkout.pointsUsed > 0) {
          const spent = await movePoints(trx, {
            merchantId: checkout.merchantId,
            memberId: checkout.memberId,
            delta: -checkout.pointsUsed,
            reason: 'spend',
            checkoutId: checkout.id,
          }).catch(() => null);
          if (spent === null) throw new LatePaymentUnfillable();
        }
      }
      await recordAudit(trx, who, {
        action: 'payment.succeeded',
        targetType: 'payment',
        targetId: payment.id,
        before: { status: payment.status },
        after: { status: 'succeeded', tradeNo: notice.tradeNo, amountCents: notice.amountCents },
      });
      const order = await createOrderFromCheckout(ctx, trx, checkout, {
        paidAt: notice.paidAt,
        channel: 'purchase',
      });
      return { ...base, status: 'paid' as const, orderId: order.id };
    });
  } catch (err) {
    if (!(err instanceof LatePaymentUnfillable)) throw err;
    return refundLatePayment(ctx, payment.id, notice, who, base);
  }
}

async function refundLatePayment(
  ctx: AppContext,
  paymentId: number,
  notice: PaymentNotice,
  who: Actor,
  base: { checkoutId: number; merchantId: number },
): Promise<NoticeOutcome> {
  const at = now();
  const refunded = await ctx.db.transaction().execute(async (trx) => {
    const moved = await checkouts.movePayment(trx, paymentId, ['pending', 'closed'], {
      status: 'refunded',
      tradeNo: notice.tradeNo,
      paidAt: notice.paidAt,
      refundedAt: at,
      updatedAt: at,
    });
    if (moved) {
      await recordAudit(trx, who, {
        action: 'payment.refund.late',
        targetType: 'payment',
        targetId: paymentId,
        after: { reason: 'checkout closed and goods no longer available', amountCents: notice.amountCents },
      });
    }
    return moved;
  });
  if (refunded) {
    await ctx.payments.sandbox.refund({
      token: notice.outTradeNo,
      amountCents: notice.amountCents,
      reason: 'late payment',
    });
  }
  return { ...base, status: 'refunded', orderId: null };
}
