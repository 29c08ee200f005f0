// Wallet gifting and evaluation routes (member), and the merchant's evaluation list.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMember, requireMerchantCaller } from '../../http/auth.ts';
import { PageQuery } from '../../http/pagination.ts';
import { responses } from '../../http/schemas.ts';
import { IdParams } from '../tenancy/tenancy.schemas.ts';
import { evaluate, listEvaluations } from './evaluation.service.ts';
import { acceptGift, cancelGift, getGift, startGift } from './gift.service.ts';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Gift = Type.Object({
  id: Id,
  voucherId: Id,
  title: Type.String(),
  giverPhone: Type.String(),
  status: Type.String(),
  expiresAt: Type.String(),
  triesLeft: Type.Integer(),
});
const tags = ['wallet'];

export function giftRoutes(app: App, ctx: AppContext) {
  const member = async (req: Parameters<typeof requireMember>[1]) => {
    const p = await requireMember(ctx, req);
    return {
      who: { merchantId: p.member.merchantId, memberId: p.member.id, slug: p.merchant.slug },
      actor: actorOf(req, p),
    };
  };

  app.post(
    '/wallet/vouchers/:id/gift',
    {
      schema: {
        tags,
        summary: 'Start a gift of a transferable voucher: a 6-digit code and a share link (24 h)',
        params: IdParams,
        response: responses({
          201: Type.Object({
            giftId: Id,
            code: Type.String(),
            shareUrl: Type.String(),
            expiresAt: Type.String(),
          }),
        }),
      },
    },
    async (req, reply) => {
      const { who, actor } = await member(req);
      return reply.code(201).send(await startGift(ctx, who, req.params.id, actor));
    },
  );
  app.get(
    '/wallet/gifts/:id',
    {
      schema: {
        tags,
        summary: 'A gift, as its receiver sees it before accepting',
        params: IdParams,
        response: responses({ 200: Gift }),
      },
    },
    async (req) => getGift(ctx, (await member(req)).who.merchantId, req.params.id),
  );
  app.post(
    '/wallet/gifts/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept a gift with its code (5 wrong codes cancel it)',
        params: IdParams,
        body: Type.Object({ code: Type.String({ pattern: '^[0-9]{4,6}$' }) }),
        response: responses({ 200: Type.Object({ voucherId: Id }) }),
      },
    },
    async (req) => {
      const { who, actor } = await member(req);
      return acceptGift(ctx, who, req.params.id, req.body.code, actor);
    },
  );
  app.post(
    '/wallet/gifts/:id/cancel',
    {
      schema: {
        tags,
        summary: 'The giver takes a pending gift back',
        params: IdParams,
        response: responses({ 200: Gift }),
      },
    },
    async (req) => {
      const { who, actor } = await member(req);
      return cancelGift(ctx, who, req.params.id, actor);
    },
  );
  app.post(
    '/wallet/vouchers/:id/evaluation',
    {
      schema: {
        tags,
        summary: 'Evaluate a used voucher (once)',
        params: IdParams,
        body: Type.Object({
          score: Type.Integer({ minimum: 1, maximum: 5 }),
          text: Type.String({ maxLength: 500 }),
        }),
        response: responses({
          201: Type.Object({ voucherId: Id, score: Type.Integer(), text: Type.String(), at: Type.String() }),
        }),
      },
    },
    async (req, reply) => {
      const { who, actor } = await member(req);
      return reply.code(201).send(await evaluate(ctx, who, req.params.id, req.body, actor));
    },
  );
  app.get(
    '/evaluations',
    {
      schema: {
        tags: ['vouchers'],
        summary: 'Evaluations with averages per template and per store',
        querystring: Type.Object({ ...PageQuery, templateId: Type.Optional(Id), storeId: Type.Optional(Id) }),
        response: responses({
          200: Type.Object({
            items: Type.Array(Type.Object({}, { additionalProperties: true })),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            byTemplate: Type.Array(
              Type.Object({ templateId: Id, average: Type.Number(), count: Type.Integer() }),
            ),
            byStore: Type.Array(Type.Object({ storeId: Id, average: Type.Number(), count: Type.Integer() })),
          }),
        }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'] });
      return listEvaluations(ctx, c.merchantId, req.query);
    },
  );
}
