// Member routes of the redemption center (S0.4, S0.8–S0.10): look a code up, redeem it online
// (zero-price order), take it into the wallet for a store, and list my codes.
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../context.ts';
import { actorOf, memberActor } from '../../http/actor.ts';
import { recentMemberOf, requireMember } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { idempotencyKeyOf, idempotent } from '../../http/idempotency.ts';
import { memberPrincipalKey, principalKey, responses } from '../../http/schemas.ts';
import type { RecentMember } from '../tenancy/session.lookup.ts';
import { CodeEntry, CodeLookup, MemberCode, RedeemBody, Redemption } from './codes.schemas.ts';
import { redeemInBatch } from './redemption.batch.ts';
import * as service from './redemption.service.ts';

const tags = ['redemption'];

/**
 * A redemption by a member session not looked up (recentMemberOf), made in a batch that proves the
 * session; null when the batch did not make it (or refused it, a freeze say): the caller then
 * looks the session up and answers as for any request.
 */
async function redeemRecent(
  ctx: AppContext,
  req: FastifyRequest,
  body: Static<typeof RedeemBody>,
  m: RecentMember,
) {
  const caller = { merchantId: m.merchantId, memberId: m.memberId, ip: req.ip };
  const scope = { merchantId: m.merchantId, principal: memberPrincipalKey(m.memberId) };
  const actor = memberActor(req, { id: m.memberId, merchantId: m.merchantId, phone: m.phone });
  try {
    return await redeemInBatch(ctx, caller, body, actor, idempotencyKeyOf(req, scope), m);
  } catch (e) {
    // Told only once the session is looked up: a refusal says something about the member.
    if (e instanceof AppError) return null;
    throw e;
  }
}

export function redemptionRoutes(app: App, ctx: AppContext) {
  app.post(
    '/redemption/lookup',
    {
      schema: {
        tags,
        summary: 'What a code gives (wrong entries count towards a freeze)',
        body: CodeEntry,
        response: responses({ 200: CodeLookup }),
      },
    },
    async (req) => {
      const p = await requireMember(ctx, req);
      return service.lookupCode(
        ctx,
        { merchantId: p.member.merchantId, memberId: p.member.id, ip: req.ip },
        req.body.code,
      );
    },
  );

  app.post(
    '/redemption/redeem',
    {
      schema: {
        tags,
        summary:
          'Redeem a code online: the chosen goods as a zero-price order (Idempotency-Key makes retries safe)',
        body: RedeemBody,
        response: responses({ 201: Redemption }),
      },
    },
    async (req, reply) => {
      // A session this process found live a moment ago is not looked up again: the batch proves it
      // before it writes, and answers null when it cannot (decision 007). The lookup then decides.
      const recent = recentMemberOf(ctx, req);
      if (recent) {
        const made = await redeemRecent(ctx, req, req.body, recent);
        if (made) {
          reply.code(201);
          return made;
        }
      }
      const p = await requireMember(ctx, req);
      const caller = { merchantId: p.member.merchantId, memberId: p.member.id, ip: req.ip };
      const scope = { merchantId: caller.merchantId, principal: principalKey(p) };
      const actor = actorOf(req, p);
      // Together with the redemptions arriving at the same time when it is a plain success (PostgreSQL).
      const made = recent
        ? null
        : await redeemInBatch(ctx, caller, req.body, actor, idempotencyKeyOf(req, scope));
      if (made) {
        reply.code(201);
        return made;
      }
      return idempotent(ctx, req, reply, scope, async (trx) => ({
        status: 201,
        body: await service.redeemOnline(ctx, trx, caller, req.body, actor),
      }));
    },
  );

  app.post(
    '/redemption/claim',
    {
      schema: {
        tags,
        summary: 'Take a code into the wallet as a voucher, to be verified at a store',
        body: CodeEntry,
        response: responses({ 201: Redemption }),
      },
    },
    async (req, reply) => {
      const p = await requireMember(ctx, req);
      const caller = { merchantId: p.member.merchantId, memberId: p.member.id, ip: req.ip };
      return idempotent(
        ctx,
        req,
        reply,
        { merchantId: caller.merchantId, principal: principalKey(p) },
        async (trx) => ({
          status: 201,
          body: await service.claimToWallet(ctx, trx, caller, req.body.code, actorOf(req, p)),
        }),
      );
    },
  );

  app.get(
    '/redemption/my-codes',
    {
      schema: {
        tags,
        summary: 'My codes (gift cards I hold and codes I redeemed)',
        response: responses({ 200: Type.Array(MemberCode) }),
      },
    },
    async (req) => {
      const p = await requireMember(ctx, req);
      return service.myCodes(ctx, p.member.merchantId, p.member.id);
    },
  );
}
