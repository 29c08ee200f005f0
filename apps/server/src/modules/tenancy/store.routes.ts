import { Store } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import {
  type ApiKeyPrincipal,
  requireMember,
  requireMerchantCaller,
  type StaffPrincipal,
} from '../../http/auth.ts';
import { idempotent } from '../../http/idempotency.ts';
import { PageOf } from '../../http/pagination.ts';
import { principalKey, responses } from '../../http/schemas.ts';
import * as service from './store.service.ts';
import { CreateStoreBody, IdParams, ListQuery, QrQuery, UpdateStoreBody } from './tenancy.schemas.ts';

const scopeOf = (c: (StaffPrincipal | ApiKeyPrincipal) & { merchantId: number }) => ({
  merchantId: c.merchantId,
  staff: c.kind === 'staff' ? c.user : undefined,
});

export function storeRoutes(app: App, ctx: AppContext) {
  app.get(
    '/stores',
    {
      schema: {
        tags: ['stores'],
        summary: 'Stores (a verifier sees only its own)',
        querystring: ListQuery,
        response: responses({ 200: PageOf(Store) }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, {
        roles: ['owner', 'manager', 'verifier'],
        scope: 'stores:read',
      });
      return service.listStores(ctx, scopeOf(c), req.query);
    },
  );

  app.post(
    '/stores',
    {
      schema: {
        tags: ['stores'],
        summary: 'Create a store',
        body: CreateStoreBody,
        response: responses({ 201: Store }),
      },
    },
    async (req, reply) => {
      const c = await requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'] });
      const actor = { ...actorOf(req, c), merchantId: c.merchantId };
      return idempotent(
        ctx,
        req,
        reply,
        { merchantId: c.merchantId, principal: principalKey(c) },
        async (trx) => ({
          status: 201,
          body: await service.createStore(ctx, trx, actor, req.body),
        }),
      );
    },
  );

  app.get(
    '/stores/:id',
    {
      schema: {
        tags: ['stores'],
        summary: "One store (404 outside the caller's merchant or scope)",
        params: IdParams,
        response: responses({ 200: Store }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, {
        roles: ['owner', 'manager', 'verifier'],
        scope: 'stores:read',
      });
      return service.getStore(ctx, scopeOf(c), req.params.id);
    },
  );

  app.patch(
    '/stores/:id',
    {
      schema: {
        tags: ['stores'],
        summary: 'Edit a store',
        params: IdParams,
        body: UpdateStoreBody,
        response: responses({ 200: Store }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'] });
      return service.updateStore(
        ctx,
        ctx.db,
        { ...actorOf(req, c), merchantId: c.merchantId },
        req.params.id,
        req.body,
      );
    },
  );

  for (const format of ['png', 'svg'] as const) {
    app.get(
      `/stores/:id/qr.${format}`,
      {
        schema: {
          tags: ['stores'],
          summary: `The store verification QR as ${format.toUpperCase()}`,
          params: IdParams,
          querystring: QrQuery,
          response: responses({
            200: Type.Any({ description: `image/${format === 'svg' ? 'svg+xml' : 'png'}` }),
          }),
        },
      },
      async (req, reply) => {
        const c = await requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'] });
        const body = await service.storeQr(ctx, c.merchantId, req.params.id, format, req.query.size ?? 512);
        reply.header('content-type', format === 'png' ? 'image/png' : 'image/svg+xml');
        reply.header('content-disposition', `inline; filename="store-${req.params.id}.${format}"`);
        return reply.send(body);
      },
    );
  }

  app.get(
    '/member/stores/resolve',
    {
      schema: {
        tags: ['member auth'],
        summary: "The store behind a store verification QR URL (the member's own merchant only)",
        querystring: Type.Object({ url: Type.String({ minLength: 1, maxLength: 2000 }) }),
        response: responses({
          200: Type.Object({
            id: Type.Integer(),
            name: Type.String(),
            address: Type.String(),
            status: Type.String(),
          }),
        }),
      },
    },
    async (req) => {
      const p = await requireMember(ctx, req);
      const store = await service.storeFromVerifyUrl(ctx.db, p.member.merchantId, req.query.url);
      return { id: store.id, name: store.name, address: store.address, status: store.status };
    },
  );
}
