import { Merchant, StaffUser } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMerchantCaller, requireStaff } from '../../http/auth.ts';
import { idempotent } from '../../http/idempotency.ts';
import { PageOf } from '../../http/pagination.ts';
import { principalKey, responses } from '../../http/schemas.ts';
import * as service from './merchant.service.ts';
import { CreateMerchantBody, IdParams, MerchantListQuery, UpdateMerchantBody } from './tenancy.schemas.ts';

export function merchantRoutes(app: App, ctx: AppContext) {
  app.get(
    '/merchants',
    {
      schema: {
        tags: ['operator'],
        summary: 'All merchants (platform operator)',
        querystring: MerchantListQuery,
        response: responses({ 200: PageOf(Merchant) }),
      },
    },
    async (req) => {
      await requireStaff(ctx, req, ['operator']);
      return service.listMerchants(ctx.db, req.query);
    },
  );

  app.post(
    '/merchants',
    {
      schema: {
        tags: ['operator'],
        summary: 'Create a merchant with its owner account (idempotent with Idempotency-Key)',
        body: CreateMerchantBody,
        response: responses({ 201: Type.Object({ merchant: Merchant, owner: StaffUser }) }),
      },
    },
    async (req, reply) => {
      const p = await requireStaff(ctx, req, ['operator']);
      return idempotent(ctx, req, reply, { merchantId: null, principal: principalKey(p) }, async (trx) => ({
        status: 201,
        body: await service.createMerchant(ctx, trx, actorOf(req, p), req.body),
      }));
    },
  );

  for (const [verb, status] of [
    ['suspend', 'suspended'],
    ['resume', 'active'],
  ] as const) {
    app.post(
      `/merchants/:id/${verb}`,
      {
        schema: {
          tags: ['operator'],
          summary:
            verb === 'suspend'
              ? 'Suspend a merchant: its staff, keys and members are refused at once'
              : 'Resume a suspended merchant',
          params: IdParams,
          response: responses({ 200: Merchant }),
        },
      },
      async (req) => {
        const p = await requireStaff(ctx, req, ['operator']);
        return service.setMerchantStatus(ctx.db, actorOf(req, p), req.params.id, status);
      },
    );
  }

  app.get(
    '/merchant',
    {
      schema: {
        tags: ['merchant'],
        summary: "The caller's merchant",
        response: responses({ 200: Merchant }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, {
        roles: ['owner', 'manager', 'verifier'],
        scope: 'merchant:read',
      });
      return service.toMerchant(await service.getMerchant(ctx.db, c.merchantId));
    },
  );

  app.patch(
    '/merchant',
    {
      schema: {
        tags: ['merchant'],
        summary: 'Change merchant settings (owner)',
        body: UpdateMerchantBody,
        response: responses({ 200: Merchant }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, { roles: ['owner'] });
      return service.updateMerchant(ctx.db, actorOf(req, c), c.merchantId, req.body);
    },
  );
}
