// Vouchers: grants and the merchant's list (masked codes), and the holder's wallet.
import { Voucher, VoucherState } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMember, requireMerchantCaller } from '../../http/auth.ts';
import { idempotent } from '../../http/idempotency.ts';
import { PageOf, PageQuery } from '../../http/pagination.ts';
import { principalKey, responses } from '../../http/schemas.ts';
import { getMerchant } from '../tenancy/merchant.service.ts';
import { assertStoreAccess, storeFromVerifyUrl } from '../tenancy/store.service.ts';
import { IdParams } from '../tenancy/tenancy.schemas.ts';
import { counterQr } from './counter-qr.ts';
import * as service from './voucher.service.ts';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const tags = ['vouchers'];

export function voucherRoutes(app: App, ctx: AppContext) {
  app.post(
    '/vouchers/grants',
    {
      schema: {
        tags,
        summary: 'Grant vouchers of an active template to a member (Idempotency-Key makes retries safe)',
        body: Type.Object({
          templateId: Id,
          memberId: Id,
          count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: responses({ 201: Type.Array(Voucher) }),
      },
    },
    async (req, reply) => {
      const c = await requireMerchantCaller(ctx, req, {
        roles: ['owner', 'manager'],
        scope: 'vouchers:write',
      });
      const actor = { ...actorOf(req, c), merchantId: c.merchantId };
      return idempotent(
        ctx,
        req,
        reply,
        { merchantId: c.merchantId, principal: principalKey(c) },
        async (trx) => {
          const issued = await service.issueVouchers(
            ctx,
            trx,
            {
              merchantId: c.merchantId,
              templateId: req.body.templateId,
              memberId: req.body.memberId,
              count: req.body.count ?? 1,
              channel: 'grant',
            },
            actor,
          );
          return { status: 201, body: issued.map((v) => service.toVoucher(ctx, v, 'staff')) };
        },
      );
    },
  );

  app.get(
    '/vouchers',
    {
      schema: {
        tags,
        summary: 'Vouchers of the merchant (codes masked)',
        querystring: Type.Object({
          ...PageQuery,
          memberId: Type.Optional(Id),
          templateId: Type.Optional(Id),
          state: Type.Optional(VoucherState),
        }),
        response: responses({ 200: PageOf(Voucher) }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, {
        roles: ['owner', 'manager'],
        scope: 'vouchers:read',
      });
      return service.listVouchers(ctx, c.merchantId, req.query, 'staff');
    },
  );

  app.get(
    '/wallet/vouchers',
    {
      schema: {
        tags: ['wallet'],
        summary:
          'My vouchers by state (未使用 unused / 已使用 used / 已过期 expired), or only those usable now (at a store)',
        querystring: Type.Object({
          ...PageQuery,
          state: Type.Optional(VoucherState),
          usable: Type.Optional(
            Type.Boolean({ description: 'Only vouchers usable now: unused, inside validity, today allowed' }),
          ),
          storeId: Type.Optional(
            Type.Integer({ minimum: 1, description: 'With usable: usable at this store' }),
          ),
          storeUrl: Type.Optional(
            Type.String({
              maxLength: 500,
              description: 'With usable: the store from its verification QR URL',
            }),
          ),
        }),
        response: responses({ 200: PageOf(Voucher) }),
      },
    },
    async (req) => {
      const p = await requireMember(ctx, req);
      const merchantId = p.member.merchantId;
      const { usable, storeId, storeUrl, ...q } = req.query;
      const store = storeUrl
        ? (await storeFromVerifyUrl(ctx.db, merchantId, storeUrl)).id
        : storeId
          ? (await assertStoreAccess(ctx.db, { merchantId }, storeId)).id
          : undefined;
      const timeZone = usable ? (await getMerchant(ctx.db, merchantId)).timeZone : null;
      return service.listVouchers(
        ctx,
        merchantId,
        { ...q, memberId: p.member.id, usable: timeZone ? { timeZone, storeId: store } : undefined },
        'holder',
      );
    },
  );

  app.get(
    '/wallet/vouchers/:id/qr',
    {
      schema: {
        tags: ['wallet'],
        summary: 'The counter QR payload of my voucher (changes every minute)',
        params: IdParams,
        response: responses({ 200: Type.Object({ payload: Type.String(), refreshAt: Type.String() }) }),
      },
    },
    async (req, reply) => {
      const p = await requireMember(ctx, req);
      const v = await service.getVoucher(ctx.db, p.member.merchantId, req.params.id, p.member.id);
      reply.header('cache-control', 'no-store');
      return counterQr(ctx.keys, v.id);
    },
  );

  app.get(
    '/wallet/vouchers/:id',
    {
      schema: {
        tags: ['wallet'],
        summary: 'One of my vouchers, with its code',
        params: IdParams,
        response: responses({ 200: Voucher }),
      },
    },
    async (req) => {
      const p = await requireMember(ctx, req);
      const v = await service.getVoucher(ctx.db, p.member.merchantId, req.params.id, p.member.id);
      return service.toVoucher(ctx, v, 'holder');
    },
  );
}
