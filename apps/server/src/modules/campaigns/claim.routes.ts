// Campaigns, the member's side: a store's live campaigns, the claim page a QR opens, and claiming.
import { CampaignPage, StoreCampaigns, Voucher } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMember } from '../../http/auth.ts';
import { idempotencyKeyOf, idempotent } from '../../http/idempotency.ts';
import { principalKey, responses } from '../../http/schemas.ts';
import { assertStoreAccess } from '../tenancy/store.service.ts';
import { StoreParams, TokenParams } from './campaign.schemas.ts';
import * as service from './claim.service.ts';

const tags = ['claim'];

export function claimRoutes(app: App, ctx: AppContext) {
  app.get(
    '/member/stores/:storeId/campaigns',
    {
      schema: {
        tags,
        summary: "A store's live claim campaigns (S2.3)",
        params: StoreParams,
        response: responses({ 200: Type.Array(CampaignPage) }),
      },
    },
    async (req) => {
      const p = await requireMember(ctx, req);
      await assertStoreAccess(ctx.db, { merchantId: p.member.merchantId }, req.params.storeId);
      const [group] = await service.storeCampaignPages(ctx, p.member, req.params.storeId);
      return group?.campaigns ?? [];
    },
  );

  app.get(
    '/member/campaigns',
    {
      schema: {
        tags,
        summary: 'The claim center: live claim campaigns of every open store, by store (S2.3)',
        response: responses({ 200: Type.Array(StoreCampaigns) }),
      },
    },
    async (req) => {
      const p = await requireMember(ctx, req);
      return service.storeCampaignPages(ctx, p.member, null);
    },
  );

  app.get(
    '/claim/:token',
    {
      schema: {
        tags,
        summary: 'The claim page of a campaign link or QR: items, status and my standing',
        params: TokenParams,
        response: responses({ 200: CampaignPage }),
      },
    },
    async (req, reply) => {
      const p = await requireMember(ctx, req);
      const c = await service.campaignByToken(ctx.db, p.member.merchantId, req.params.token);
      reply.header('cache-control', 'no-store');
      return service.campaignPage(ctx, p.member, c);
    },
  );

  app.post(
    '/claim/:token',
    {
      schema: {
        tags,
        summary: 'Claim: every item of the campaign or nothing (Idempotency-Key makes retries safe)',
        params: TokenParams,
        response: responses({ 201: Type.Object({ claimId: Type.Integer(), vouchers: Type.Array(Voucher) }) }),
      },
    },
    async (req, reply) => {
      const p = await requireMember(ctx, req);
      const scope = { merchantId: p.member.merchantId, principal: principalKey(p) };
      const granted = await service.claimCampaign(
        ctx,
        p.member,
        req.params.token,
        actorOf(req, p),
        (fn) => idempotent(ctx, req, reply, scope, fn),
        { idem: idempotencyKeyOf(req, scope) },
      );
      reply.code(201);
      return granted;
    },
  );
}
