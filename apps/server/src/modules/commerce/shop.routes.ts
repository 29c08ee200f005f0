// Member-facing shop routes (H5 or the merchant's own app with a member session).
import { Checkout, MemberCommerce, Order, Product, ProductCategory, Quote } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMember } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { idempotencyKeyOf, idempotent } from '../../http/idempotency.ts';
import { PageOf } from '../../http/pagination.ts';
import { principalKey, responses } from '../../http/schemas.ts';
import { now } from '../../lib/time.ts';
import { IdParams } from '../tenancy/tenancy.schemas.ts';
import * as catalogRepo from './catalog.repo.ts';
import * as catalog from './catalog.service.ts';
import { checkoutInBatch } from './checkout.batch.ts';
import * as checkoutRepo from './checkout.repo.ts';
import * as checkouts from './checkout.service.ts';
import {
  CartAddBody,
  CartPatchBody,
  CheckoutBody,
  ProductIdParams,
  QuoteBody,
  ShopOrderQuery,
  ShopProductQuery,
} from './commerce.schemas.ts';
import * as loyalty from './loyalty.service.ts';
import * as orders from './order.service.ts';
import { PRODUCT_TYPES } from './product-types.ts';

const tags = ['shop'];
const Cart = Type.Object({
  items: Type.Array(Type.Object({ product: Product, quantity: Type.Integer() })),
  quote: Type.Union([Quote, Type.Null()]),
});

async function buyer(ctx: AppContext, req: FastifyRequest) {
  const p = await requireMember(ctx, req);
  return { p, who: { merchantId: p.member.merchantId, memberId: p.member.id }, actor: actorOf(req, p) };
}

async function cartView(ctx: AppContext, who: checkouts.Buying) {
  const rows = await checkoutRepo.cartItems(ctx.db, who.merchantId, who.memberId);
  const products = new Map(
    (
      await catalogRepo.findProducts(
        ctx.db,
        who.merchantId,
        rows.map((r) => r.productId),
      )
    ).map((p) => [p.id, p]),
  );
  const lines = rows
    .filter((r) => products.has(r.productId))
    .map((r) => ({ product: products.get(r.productId)!, quantity: r.quantity }));
  const buyable = lines.filter((l) => l.product.onSale === 1);
  const quote = buyable.length ? await checkouts.priceLines(ctx, ctx.db, who, { lines: buyable }) : null;
  return {
    items: lines.map((l) => ({ product: catalog.toProduct(l.product), quantity: l.quantity })),
    quote,
  };
}

export function shopRoutes(app: App, ctx: AppContext) {
  app.get(
    '/shop/categories',
    { schema: { tags, summary: 'Categories', response: responses({ 200: Type.Array(ProductCategory) }) } },
    async (req) => catalog.listCategories(ctx.db, (await buyer(ctx, req)).who.merchantId),
  );
  app.get(
    '/shop/products',
    {
      schema: {
        tags,
        summary: 'Products on sale',
        querystring: ShopProductQuery,
        response: responses({ 200: PageOf(Product) }),
      },
    },
    async (req) => {
      const { who } = await buyer(ctx, req);
      const page = await catalog.listProducts(ctx.db, who.merchantId, { ...req.query, onSale: true });
      for (const p of page.items)
        p.stock = await catalog.buyerStock(ctx, ctx.db, { ...p, merchantId: who.merchantId });
      return page;
    },
  );
  app.get(
    '/shop/products/:id',
    {
      schema: {
        tags,
        summary: 'A product with the price for this member',
        params: IdParams,
        response: responses({ 200: Type.Object({ product: Product, memberPrice: Quote }) }),
      },
    },
    async (req) => {
      const { who } = await buyer(ctx, req);
      const row = await catalog.getProduct(ctx.db, who.merchantId, req.params.id);
      if (row.onSale !== 1) throw new AppError('PRODUCT_OFF_SALE', 404, { name: row.name });
      const memberPrice = await checkouts.priceLines(ctx, ctx.db, who, {
        lines: [{ product: row, quantity: 1 }],
      });
      return {
        product: { ...catalog.toProduct(row), stock: await catalog.buyerStock(ctx, ctx.db, row) },
        memberPrice,
      };
    },
  );
  app.get(
    '/shop/me',
    { schema: { tags, summary: 'My level, SVIP and points', response: responses({ 200: MemberCommerce }) } },
    async (req) => {
      const { who } = await buyer(ctx, req);
      return loyalty.toMemberCommerce(await loyalty.getMemberCommerce(ctx.db, who.merchantId, who.memberId));
    },
  );

  app.get(
    '/shop/cart',
    { schema: { tags, summary: 'My cart', response: responses({ 200: Cart }) } },
    async (req) => cartView(ctx, (await buyer(ctx, req)).who),
  );
  app.post(
    '/shop/cart',
    {
      schema: {
        tags,
        summary: 'Add to the cart (never card keys, S1.7)',
        body: CartAddBody,
        response: responses({ 200: Cart }),
      },
    },
    async (req) => {
      const { who } = await buyer(ctx, req);
      const product = await catalog.getProduct(ctx.db, who.merchantId, req.body.productId);
      if (!PRODUCT_TYPES[product.type].cartAllowed)
        throw new AppError('CART_NOT_ALLOWED', 422, {}, { productId: product.id });
      if (product.onSale !== 1) throw new AppError('PRODUCT_OFF_SALE', 422, { name: product.name });
      await checkoutRepo.addToCart(ctx.db, {
        ...who,
        productId: product.id,
        quantity: req.body.quantity,
        at: now(),
      });
      return cartView(ctx, who);
    },
  );
  app.patch(
    '/shop/cart/:productId',
    {
      schema: {
        tags,
        summary: 'Change a quantity',
        params: ProductIdParams,
        body: CartPatchBody,
        response: responses({ 200: Cart }),
      },
    },
    async (req) => {
      const { who } = await buyer(ctx, req);
      await checkoutRepo.setCartQuantity(
        ctx.db,
        who.memberId,
        req.params.productId,
        req.body.quantity,
        now(),
      );
      return cartView(ctx, who);
    },
  );
  app.delete(
    '/shop/cart/:productId',
    {
      schema: {
        tags,
        summary: 'Remove from the cart',
        params: ProductIdParams,
        response: responses({ 200: Cart }),
      },
    },
    async (req) => {
      const { who } = await buyer(ctx, req);
      await checkoutRepo.removeFromCart(ctx.db, who.memberId, [req.params.productId]);
      return cartView(ctx, who);
    },
  );

  app.post(
    '/shop/quote',
    {
      schema: {
        tags,
        summary: 'Price lines (reserves nothing)',
        body: QuoteBody,
        response: responses({ 200: Quote }),
      },
    },
    async (req) => checkouts.previewQuote(ctx, (await buyer(ctx, req)).who, req.body),
  );
  app.post(
    '/shop/checkouts',
    {
      schema: {
        tags,
        summary: 'Buy now or check out the cart: reserves stock, opens a payment',
        body: CheckoutBody,
        response: responses({ 201: Checkout }),
      },
    },
    async (req, reply) => {
      const { p, who, actor } = await buyer(ctx, req);
      const b = req.body;
      const scope = { merchantId: who.merchantId, principal: principalKey(p) };
      const batched = await checkoutInBatch(ctx, who, actor, {
        lines: checkouts.mergeLines(b.items ?? []),
        buyer: b.buyer,
        plain: !b.fromCart && !b.couponRef && !b.points,
        idem: idempotencyKeyOf(req, scope),
      });
      if (batched) return reply.code(201).send(batched);
      return idempotent(ctx, req, reply, scope, async (trx) => ({
        status: 201,
        body: await checkouts.createCheckout(ctx, trx, who, actor, b),
      }));
    },
  );
  app.get(
    '/shop/checkouts',
    {
      schema: {
        tags,
        summary: 'My checkouts awaiting payment (待付款)',
        response: responses({ 200: Type.Array(Checkout) }),
      },
    },
    async (req) => {
      const { who } = await buyer(ctx, req);
      const rows = await checkoutRepo.pendingCheckouts(ctx.db, who.merchantId, who.memberId, now());
      return Promise.all(rows.map((r) => checkouts.toCheckout(ctx.db, r)));
    },
  );
  app.get(
    '/shop/checkouts/:id',
    {
      schema: {
        tags,
        summary: 'One of my checkouts',
        params: IdParams,
        response: responses({ 200: Checkout }),
      },
    },
    async (req) => {
      const { who } = await buyer(ctx, req);
      return checkouts.toCheckout(ctx.db, await checkouts.getCheckout(ctx.db, who, req.params.id));
    },
  );
  app.post(
    '/shop/checkouts/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an unpaid checkout',
        params: IdParams,
        response: responses({ 200: Checkout }),
      },
    },
    async (req) => {
      const { who, actor } = await buyer(ctx, req);
      await checkouts.getCheckout(ctx.db, who, req.params.id);
      await ctx.db
        .transaction()
        .execute((trx) => checkouts.closeCheckout(ctx, trx, req.params.id, 'cancelled', actor));
      return checkouts.toCheckout(ctx.db, await checkouts.getCheckout(ctx.db, who, req.params.id));
    },
  );

  app.get(
    '/shop/orders',
    {
      schema: {
        tags,
        summary: 'My orders',
        querystring: ShopOrderQuery,
        response: responses({ 200: PageOf(Order) }),
      },
    },
    async (req) => {
      const { who } = await buyer(ctx, req);
      return orders.listOrders(ctx.db, who.merchantId, { ...req.query, memberId: who.memberId }, 'member');
    },
  );
  app.get(
    '/shop/orders/:id',
    { schema: { tags, summary: 'One of my orders', params: IdParams, response: responses({ 200: Order }) } },
    async (req) => {
      const { who } = await buyer(ctx, req);
      return orders.viewOrder(ctx.db, who.merchantId, req.params.id, 'member', who.memberId);
    },
  );
  app.post(
    '/shop/orders/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm receipt of a shipped order',
        params: IdParams,
        response: responses({ 200: Order }),
      },
    },
    async (req) => {
      const { who, actor } = await buyer(ctx, req);
      return orders.actOnOrder(ctx, { ...actor, merchantId: who.merchantId }, req.params.id, 'confirm', {
        who: 'member',
        memberId: who.memberId,
      });
    },
  );
}
