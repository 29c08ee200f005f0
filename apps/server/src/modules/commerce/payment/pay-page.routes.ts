// The sandbox gateway: the hosted pay page and its two buttons. Pay and Cancel make the sandbox
// send its signed callback to the public callback route (through the HTTP stack, as an outside
// provider would), then send the buyer back to the shop.

import type { Quote } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { App, AppContext } from '../../../context.ts';
import { AppError, notFound } from '../../../http/errors.ts';
import { responses } from '../../../http/schemas.ts';
import { randomToken } from '../../../lib/keys.ts';
import { now } from '../../../lib/time.ts';
import { SYSTEM_ACTOR } from '../../audit/audit.service.ts';
import { findCheckout, findPaymentByToken } from '../checkout.repo.ts';
import { payPageHtml } from './pay-page.html.ts';
import { applyNotice, rejectForgedNotice } from './payment.service.ts';

const TokenParams = Type.Object({ token: Type.String({ pattern: '^sbx_[A-Za-z0-9_-]{10,64}$' }) });
const CALLBACK = '/api/v1/payments/sandbox/callback';

async function loadPayment(ctx: AppContext, token: string) {
  const payment = await findPaymentByToken(ctx.db, token);
  if (!payment) throw notFound('payment');
  const checkout = (await findCheckout(ctx.db, payment.merchantId, payment.checkoutId))!;
  const merchant = await ctx.db
    .selectFrom('merchants')
    .where('id', '=', payment.merchantId)
    .select(['name', 'slug', 'timeZone'])
    .executeTakeFirstOrThrow();
  return { payment, checkout, merchant };
}

export function payPageRoutes(app: App, ctx: AppContext) {
  app.post(
    CALLBACK,
    {
      schema: {
        tags: ['payments'],
        summary:
          'Signed callback of the sandbox provider (idempotent; forged signatures refused and audited)',
        body: Type.Object({}, { additionalProperties: true }),
        response: responses({
          200: Type.Object({
            ok: Type.Boolean(),
            status: Type.String(),
            orderId: Type.Union([Type.Integer(), Type.Null()]),
          }),
        }),
      },
    },
    async (req) => {
      const actor = {
        ...SYSTEM_ACTOR,
        name: 'payment:sandbox',
        ip: req.ip ?? null,
        requestId: String(req.id),
      };
      const notice = ctx.payments.sandbox.verifyCallback(req.body);
      if (!notice) return rejectForgedNotice(ctx, actor, req.body);
      const out = await applyNotice(ctx, notice, actor);
      return { ok: true, status: out.status, orderId: out.orderId };
    },
  );

  app.register(async (sub: FastifyInstance) => {
    // The page's forms post url-encoded bodies with nothing in them that is needed.
    sub.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, _body, done) => done(null, {}),
    );

    sub.get('/pay/:token', { schema: { hide: true, params: TokenParams } }, async (req, reply) => {
      const { token } = req.params as { token: string };
      const { payment, checkout, merchant } = await loadPayment(ctx, token);
      const quote = JSON.parse(checkout.quote) as Quote;
      const expired =
        payment.status === 'pending' && (checkout.status === 'expired' || checkout.expiresAt <= now());
      const state = expired ? 'expired' : payment.status;
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      return payPageHtml({
        token,
        merchantName: merchant.name,
        amountCents: payment.amountCents,
        lines: quote.lines.map((l) => ({
          label: l.kind === 'item' ? l.label : lineName(l.kind),
          amountCents: l.amountCents,
        })),
        expiresAt: new Date(checkout.expiresAt).toLocaleString('zh-CN', {
          timeZone: merchant.timeZone,
          hour12: false,
        }),
        state,
        backUrl: `/h5/${merchant.slug}/checkouts/${checkout.id}`,
      });
    });

    for (const action of ['pay', 'cancel'] as const) {
      sub.post(
        `/pay/:token/${action}`,
        { schema: { hide: true, params: TokenParams } },
        async (req, reply) => {
          const { token } = req.params as { token: string };
          const { payment, checkout, merchant } = await loadPayment(ctx, token);
          if (
            action === 'pay' &&
            (checkout.status !== 'pending' || checkout.expiresAt <= now()) &&
            payment.status === 'pending'
          ) {
            throw new AppError('CHECKOUT_NOT_PENDING', 409);
          }
          const notice = ctx.payments.sandbox.sign({
            outTradeNo: token,
            tradeNo: `SBX${randomToken(9)}`,
            amountCents: payment.amountCents,
            status: action === 'pay' ? 'SUCCESS' : 'CLOSED',
            paidAt: now(),
          });
          const res = await app.inject({ method: 'POST', url: CALLBACK, payload: notice });
          const out = res.json() as { orderId?: number | null };
          const target = out.orderId
            ? `/h5/${merchant.slug}/orders/${out.orderId}`
            : `/h5/${merchant.slug}/checkouts/${checkout.id}`;
          return reply.redirect(target, 303);
        },
      );
    }
  });
}

function lineName(kind: string): string {
  return (
    (
      {
        member_discount: '会员折扣',
        svip_price: '超级会员价',
        coupon: '优惠券',
        points: '积分抵扣',
      } as Record<string, string>
    )[kind] ?? kind
  );
}
