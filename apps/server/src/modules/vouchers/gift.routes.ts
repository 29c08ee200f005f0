// Wallet gifting and evaluation routes (member), and the merchant's evaluation list.
import {
  EvaluationInput,
  EvaluationPage,
  EvaluationScore,
  MemberEvaluation,
  WalletEvaluation,
} from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMember, requireMerchantCaller } from '../../http/auth.ts';
import { PageQuery } from '../../http/pagination.ts';
import { responses } from '../../http/schemas.ts';
import { IdParams } from '../tenancy/tenancy.schemas.ts';
import { evaluate, listEvaluations, walletEvaluation } from './evaluation.service.ts';
import { acceptGift, cancelGift, getGift, getPendingGift, startGift } from './gift.service.ts';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Gift = Type.Object({
  id: Id,
  voucherId: Id,
  title: Type.String(),
  kind: Type.String(),
  validFrom: Type.String(),
  validUntil: Type.String(),
  giverPhone: Type.String(),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('accepted'),
    Type.Literal('cancelled'),
    Type.Literal('returned'),
    Type.Literal('expired'),
  ]),
  expiresAt: Type.String(),
  triesLeft: Type.Integer(),
  viewer: Type.Union([Type.Literal('giver'), Type.Literal('receiver'), Type.Literal('other')]),
});
const StartedGift = Type.Object({
  giftId: Id,
  code: Type.String(),
  shareUrl: Type.String(),
  expiresAt: Type.String(),
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
        response: responses({ 201: StartedGift }),
      },
    },
    async (req, reply) => {
      const { who, actor } = await member(req);
      return reply.code(201).send(await startGift(ctx, who, req.params.id, actor));
    },
  );
  app.get(
    '/wallet/vouchers/:id/gift',
    {
      schema: {
        tags,
        summary: 'The holder’s pending gift of a voucher: its code and share link again',
        params: IdParams,
        response: responses({ 200: StartedGift }),
      },
    },
    async (req) => getPendingGift(ctx, (await member(req)).who, req.params.id),
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
    async (req) => getGift(ctx, (await member(req)).who, req.params.id),
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
  app.get(
    '/wallet/vouchers/:id/evaluation',
    {
      schema: {
        tags,
        summary: 'My evaluation of a voucher (null until given), and whether I may evaluate it now',
        params: IdParams,
        response: responses({ 200: WalletEvaluation }),
      },
    },
    async (req) => walletEvaluation(ctx, (await member(req)).who, req.params.id),
  );
  app.post(
    '/wallet/vouchers/:id/evaluation',
    {
      schema: {
        tags,
        summary: 'Evaluate a used voucher (once)',
        params: IdParams,
        body: EvaluationInput,
        response: responses({ 201: MemberEvaluation }),
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
        summary: 'Evaluations (newest first) with the average overall, per template and per store',
        querystring: Type.Object({
          ...PageQuery,
          templateId: Type.Optional(Id),
          storeId: Type.Optional(Id),
          score: Type.Optional(EvaluationScore),
        }),
        response: responses({ 200: EvaluationPage }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'] });
      return listEvaluations(ctx, c.merchantId, req.query);
    },
  );
}
