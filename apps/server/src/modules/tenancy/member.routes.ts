import { Member } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMerchantCaller } from '../../http/auth.ts';
import { idempotent } from '../../http/idempotency.ts';
import { PageOf } from '../../http/pagination.ts';
import { principalKey, responses } from '../../http/schemas.ts';
import * as service from './member.service.ts';
import { CreateMemberBody, IdParams, ListQuery, MemberSessionBody } from './tenancy.schemas.ts';

export function memberRoutes(app: App, ctx: AppContext) {
  app.get(
    '/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Members, searchable by name, phone or external id',
        querystring: ListQuery,
        response: responses({ 200: PageOf(Member) }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'], scope: 'members:read' });
      return service.listMembers(ctx.db, c.merchantId, req.query);
    },
  );

  app.post(
    '/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Add a member',
        body: CreateMemberBody,
        response: responses({ 201: Member }),
      },
    },
    async (req, reply) => {
      const c = await requireMerchantCaller(ctx, req, {
        roles: ['owner', 'manager'],
        scope: 'members:write',
      });
      const actor = { ...actorOf(req, c), merchantId: c.merchantId };
      return idempotent(
        ctx,
        req,
        reply,
        { merchantId: c.merchantId, principal: principalKey(c) },
        async (trx) => ({
          status: 201,
          body: await service.createMember(trx, actor, req.body),
        }),
      );
    },
  );

  app.get(
    '/members/:id',
    {
      schema: {
        tags: ['members'],
        summary: 'One member',
        params: IdParams,
        response: responses({ 200: Member }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'], scope: 'members:read' });
      return service.toMember(await service.getMember(ctx.db, c.merchantId, req.params.id));
    },
  );

  app.post(
    '/members/:id/sessions',
    {
      schema: {
        tags: ['members'],
        summary: "Mint a member session for the merchant's own app (API key with members:sessions)",
        params: IdParams,
        body: Type.Optional(MemberSessionBody),
        response: responses({ 201: Type.Object({ token: Type.String(), expiresAt: Type.String() }) }),
      },
    },
    async (req, reply) => {
      const c = await requireMerchantCaller(ctx, req, { roles: [], scope: 'members:sessions' });
      const session = await service.mintMemberSession(
        ctx,
        { ...actorOf(req, c), merchantId: c.merchantId },
        req.params.id,
        req.body?.ttlSeconds ?? 7 * 24 * 3600,
      );
      return reply.code(201).send(session);
    },
  );
}
