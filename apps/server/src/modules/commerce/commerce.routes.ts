// Admin routes of commerce: settings, member levels and member commerce fields, categories,
// products, orders. Owners and managers; API keys with commerce:read / commerce:write.
import {
  CommerceSettings,
  MemberCommerce,
  MemberLevel,
  Order,
  PointsEntry,
  Product,
  ProductCategory,
} from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMerchantCaller } from '../../http/auth.ts';
import { idempotent } from '../../http/idempotency.ts';
import { PageOf, PageQuery } from '../../http/pagination.ts';
import { principalKey, responses } from '../../http/schemas.ts';
import { IdParams } from '../tenancy/tenancy.schemas.ts';
import * as catalog from './catalog.service.ts';
import {
  CategoryBody,
  CategoryPatch,
  LevelBody,
  LevelPatch,
  MemberCommercePatch,
  OrderListQuery,
  PointsAdjustBody,
  ProductBody,
  ProductListQuery,
  ProductPatch,
  ReasonBody,
  SettingsBody,
  ShipBody,
} from './commerce.schemas.ts';
import * as loyalty from './loyalty.service.ts';
import * as orders from './order.service.ts';

const tags = ['commerce'];

async function reader(ctx: AppContext, req: FastifyRequest) {
  return requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'], scope: 'commerce:read' });
}
async function writer(ctx: AppContext, req: FastifyRequest) {
  const c = await requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'], scope: 'commerce:write' });
  return { c, actor: { ...actorOf(req, c), merchantId: c.merchantId } };
}

export function commerceRoutes(app: App, ctx: AppContext) {
  app.get(
    '/commerce/settings',
    {
      schema: {
        tags,
        summary: 'Checkout, points and after-sales settings',
        response: responses({ 200: CommerceSettings }),
      },
    },
    async (req) => loyalty.getSettings(ctx.db, (await reader(ctx, req)).merchantId),
  );
  app.put(
    '/commerce/settings',
    {
      schema: {
        tags,
        summary: 'Change commerce settings',
        body: SettingsBody,
        response: responses({ 200: CommerceSettings }),
      },
    },
    async (req) => {
      const { actor } = await writer(ctx, req);
      return loyalty.updateSettings(ctx.db, actor, req.body);
    },
  );

  app.get(
    '/member-levels',
    { schema: { tags, summary: 'Member levels', response: responses({ 200: Type.Array(MemberLevel) }) } },
    async (req) => loyalty.listLevels(ctx.db, (await reader(ctx, req)).merchantId),
  );
  app.post(
    '/member-levels',
    {
      schema: {
        tags,
        summary: 'Add a member level',
        body: LevelBody,
        response: responses({ 201: MemberLevel }),
      },
    },
    async (req, reply) => {
      const { actor } = await writer(ctx, req);
      return reply.code(201).send(await loyalty.createLevel(ctx.db, actor, req.body));
    },
  );
  app.patch(
    '/member-levels/:id',
    {
      schema: {
        tags,
        summary: 'Edit a member level',
        params: IdParams,
        body: LevelPatch,
        response: responses({ 200: MemberLevel }),
      },
    },
    async (req) => {
      const { actor } = await writer(ctx, req);
      return loyalty.updateLevel(ctx.db, actor, req.params.id, req.body);
    },
  );

  app.get(
    '/members/:id/commerce',
    {
      schema: {
        tags,
        summary: "A member's level, SVIP, points and referrer",
        params: IdParams,
        response: responses({ 200: MemberCommerce }),
      },
    },
    async (req) => {
      const c = await reader(ctx, req);
      return loyalty.toMemberCommerce(await loyalty.getMemberCommerce(ctx.db, c.merchantId, req.params.id));
    },
  );
  app.patch(
    '/members/:id/commerce',
    {
      schema: {
        tags,
        summary: 'Set level, SVIP expiry, referrer, team captain, agent region',
        params: IdParams,
        body: MemberCommercePatch,
        response: responses({ 200: MemberCommerce }),
      },
    },
    async (req) => {
      const { actor } = await writer(ctx, req);
      return loyalty.updateMemberCommerce(ctx.db, actor, req.params.id, req.body);
    },
  );
  app.get(
    '/members/:id/points',
    {
      schema: {
        tags,
        summary: 'Points ledger of a member',
        params: IdParams,
        querystring: Type.Object(PageQuery),
        response: responses({ 200: PageOf(PointsEntry) }),
      },
    },
    async (req) => {
      const c = await reader(ctx, req);
      return loyalty.listPoints(
        ctx.db,
        c.merchantId,
        req.params.id,
        req.query.page ?? 1,
        req.query.pageSize ?? 20,
      );
    },
  );
  app.post(
    '/members/:id/points',
    {
      schema: {
        tags,
        summary: 'Adjust points (never below zero)',
        params: IdParams,
        body: PointsAdjustBody,
        response: responses({ 200: MemberCommerce }),
      },
    },
    async (req, reply) => {
      const { c, actor } = await writer(ctx, req);
      return idempotent(
        ctx,
        req,
        reply,
        { merchantId: c.merchantId, principal: principalKey(c) },
        async (trx) => ({
          status: 200,
          body: await loyalty.adjustPoints(trx, actor, req.params.id, req.body),
        }),
      );
    },
  );

  app.get(
    '/product-categories',
    {
      schema: {
        tags,
        summary: 'Product categories',
        response: responses({ 200: Type.Array(ProductCategory) }),
      },
    },
    async (req) => catalog.listCategories(ctx.db, (await reader(ctx, req)).merchantId),
  );
  app.post(
    '/product-categories',
    {
      schema: {
        tags,
        summary: 'Add a category',
        body: CategoryBody,
        response: responses({ 201: ProductCategory }),
      },
    },
    async (req, reply) => {
      const { actor } = await writer(ctx, req);
      return reply.code(201).send(await catalog.createCategory(ctx.db, actor, req.body));
    },
  );
  app.patch(
    '/product-categories/:id',
    {
      schema: {
        tags,
        summary: 'Rename or sort a category',
        params: IdParams,
        body: CategoryPatch,
        response: responses({ 200: ProductCategory }),
      },
    },
    async (req) => {
      const { actor } = await writer(ctx, req);
      return catalog.updateCategory(ctx.db, actor, req.params.id, req.body);
    },
  );

  app.get(
    '/products',
    {
      schema: {
        tags,
        summary: 'Products',
        querystring: ProductListQuery,
        response: responses({ 200: PageOf(Product) }),
      },
    },
    async (req) => catalog.listProducts(ctx.db, (await reader(ctx, req)).merchantId, req.query),
  );
  app.post(
    '/products',
    {
      schema: { tags, summary: 'Create a product', body: ProductBody, response: responses({ 201: Product }) },
    },
    async (req, reply) => {
      const { c, actor } = await writer(ctx, req);
      return idempotent(
        ctx,
        req,
        reply,
        { merchantId: c.merchantId, principal: principalKey(c) },
        async (trx) => ({
          status: 201,
          body: await catalog.createProduct(ctx, trx, actor, req.body),
        }),
      );
    },
  );
  app.get(
    '/products/:id',
    { schema: { tags, summary: 'One product', params: IdParams, response: responses({ 200: Product }) } },
    async (req) =>
      catalog.toProduct(await catalog.getProduct(ctx.db, (await reader(ctx, req)).merchantId, req.params.id)),
  );
  app.patch(
    '/products/:id',
    {
      schema: {
        tags,
        summary: 'Edit a product (stock, price, switches, on/off sale)',
        params: IdParams,
        body: ProductPatch,
        response: responses({ 200: Product }),
      },
    },
    async (req) => {
      const { actor } = await writer(ctx, req);
      return catalog.updateProduct(ctx.db, actor, req.params.id, req.body);
    },
  );

  app.get(
    '/orders',
    {
      schema: {
        tags,
        summary: 'Orders with filters',
        querystring: OrderListQuery,
        response: responses({ 200: PageOf(Order) }),
      },
    },
    async (req) => orders.listOrders(ctx.db, (await reader(ctx, req)).merchantId, req.query, 'staff'),
  );
  app.get(
    '/orders/:id',
    { schema: { tags, summary: 'One order', params: IdParams, response: responses({ 200: Order }) } },
    async (req) => orders.viewOrder(ctx.db, (await reader(ctx, req)).merchantId, req.params.id, 'staff'),
  );
  app.post(
    '/orders/:id/ship',
    {
      schema: {
        tags,
        summary: 'Mark a physical order shipped',
        params: IdParams,
        body: ShipBody,
        response: responses({ 200: Order }),
      },
    },
    async (req) => {
      const { actor } = await writer(ctx, req);
      return orders.actOnOrder(ctx, actor, req.params.id, 'ship', { who: 'staff', ship: req.body });
    },
  );
  for (const action of ['complete', 'cancel', 'refund'] as const) {
    app.post(
      `/orders/:id/${action}`,
      {
        schema: {
          tags,
          summary: `${action[0].toUpperCase()}${action.slice(1)} an order`,
          params: IdParams,
          body: Type.Optional(ReasonBody),
          response: responses({ 200: Order }),
        },
      },
      async (req) => {
        const { actor } = await writer(ctx, req);
        return orders.actOnOrder(ctx, actor, req.params.id, action, {
          who: 'staff',
          reason: req.body?.reason,
        });
      },
    );
  }
}
