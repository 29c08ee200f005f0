// Card keys over HTTP: pools, import (with a dry-run preview), keys (masked; reveal and delete),
// export of unsold keys, activity reservations, and the buyer's keys in an order.
import { Readable } from 'node:stream';
import {
  CardKey,
  CardKeyImportReport,
  CardKeyPlain,
  CardKeyPool,
  CardKeyReservation,
  CardKeySale,
  OrderCardKey,
  Product,
} from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { App, AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMember, requireMerchantCaller, requireStaff } from '../../http/auth.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import { idempotent, type WriteResult } from '../../http/idempotency.ts';
import { PageOf, PageQuery } from '../../http/pagination.ts';
import { principalKey, responses } from '../../http/schemas.ts';
import type { Actor } from '../audit/audit.service.ts';
import { getOrder } from '../commerce/order.service.ts';
import { IdParams } from '../tenancy/tenancy.schemas.ts';
import { keysOfOrder } from './card-key.delivery.ts';
import { type ImportFormat, importKeys, readRows } from './card-key.import.ts';
import * as reservations from './card-key.reservation.ts';
import {
  AttachBody,
  ExportQuery,
  ImportQuery,
  KeyListQuery,
  PoolBody,
  PoolPatch,
  ReleaseBody,
  ReserveBody,
  SellReservedBody,
  WinBody,
} from './card-key.schemas.ts';
import * as service from './card-key.service.ts';

const tags = ['card-keys'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const reader = (ctx: AppContext, req: FastifyRequest) =>
  requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'], scope: 'cardkeys:read' });
const writer = (ctx: AppContext, req: FastifyRequest) =>
  requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'], scope: 'cardkeys:write' });

/** A writer's retryable change: its audit actor, inside the Idempotency-Key replay. */
async function writeOnce<T>(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  run: (trx: Transaction<DB>, actor: Actor & { merchantId: number }) => Promise<WriteResult<T>>,
): Promise<T> {
  const c = await writer(ctx, req);
  const actor = { ...actorOf(req, c), merchantId: c.merchantId };
  return idempotent(ctx, req, reply, { merchantId: c.merchantId, principal: principalKey(c) }, (trx) =>
    run(trx, actor),
  );
}

function formatOf(contentType: string | undefined, asked: 'text' | 'csv' | undefined): ImportFormat {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === XLSX) return 'xlsx';
  if (type === 'text/csv' || asked === 'csv') return 'csv';
  if (type === 'text/plain' || type === 'application/octet-stream' || type === '') return 'text';
  throw new AppError('CARD_KEY_IMPORT_FORMAT', 415);
}

function importRoute(app: App, ctx: AppContext) {
  app.register(async (sub: FastifyInstance) => {
    const api = sub as unknown as App;
    // The upload is read as a stream by the importer (never buffered whole); it limits the bytes.
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    api.post(
      '/card-key-pools/:id/imports',
      {
        onRequest: async (req) => {
          await writer(ctx, req);
        },
        schema: {
          tags,
          summary:
            'Import keys: the body is pasted text or a TXT (text/plain), CSV (text/csv) or XLSX file, one key per line (or card number + password); ?dryRun=true previews and reports duplicates without writing',
          consumes: ['text/plain', 'text/csv', XLSX],
          params: IdParams,
          querystring: ImportQuery,
          response: responses({ 200: CardKeyImportReport, 201: CardKeyImportReport }),
        },
      },
      async (req, reply) => {
        const c = await writer(ctx, req);
        const pool = await service.getPoolRow(ctx.db, c.merchantId, req.params.id);
        const body = req.body as Readable | undefined;
        if (!(body instanceof Readable)) throw new AppError('CARD_KEY_IMPORT_FORMAT', 415);
        const format = formatOf(req.headers['content-type'], req.query.format);
        const dryRun = req.query.dryRun === true;
        const report = await importKeys(
          ctx,
          { ...actorOf(req, c), merchantId: c.merchantId },
          pool.id,
          readRows(format, pool.shape, body),
          { dryRun },
        );
        reply.code(dryRun ? 200 : 201);
        return report;
      },
    );
  });
}

export function cardKeyRoutes(app: App, ctx: AppContext) {
  importRoute(app, ctx);

  app.get(
    '/card-key-pools',
    {
      schema: {
        tags,
        summary: 'Card-key pools with their stock (available, occupied, sold) and waiting orders',
        querystring: Type.Object(PageQuery),
        response: responses({ 200: PageOf(CardKeyPool) }),
      },
    },
    async (req) => service.listPools(ctx.db, (await reader(ctx, req)).merchantId, req.query),
  );

  app.get(
    '/card-key-pools/low-stock',
    {
      schema: {
        tags,
        summary: 'Pools at or below their low-stock threshold, or with paid orders waiting for keys',
        response: responses({ 200: Type.Array(CardKeyPool) }),
      },
    },
    async (req) => service.lowStockPools(ctx.db, (await reader(ctx, req)).merchantId),
  );

  app.post(
    '/card-key-pools',
    {
      schema: { tags, summary: 'Create a pool', body: PoolBody, response: responses({ 201: CardKeyPool }) },
    },
    async (req, reply) => {
      const c = await writer(ctx, req);
      const pool = await service.createPool(
        ctx.db,
        { ...actorOf(req, c), merchantId: c.merchantId },
        req.body,
      );
      reply.code(201);
      return pool;
    },
  );

  app.get(
    '/card-key-pools/:id',
    { schema: { tags, summary: 'A pool', params: IdParams, response: responses({ 200: CardKeyPool }) } },
    async (req) => service.viewPool(ctx.db, (await reader(ctx, req)).merchantId, req.params.id),
  );

  app.patch(
    '/card-key-pools/:id',
    {
      schema: {
        tags,
        summary: 'Rename a pool or change its low-stock threshold',
        params: IdParams,
        body: PoolPatch,
        response: responses({ 200: CardKeyPool }),
      },
    },
    async (req) => {
      const c = await writer(ctx, req);
      return service.updatePool(
        ctx.db,
        { ...actorOf(req, c), merchantId: c.merchantId },
        req.params.id,
        req.body,
      );
    },
  );

  app.delete(
    '/card-key-pools/:id',
    {
      schema: {
        tags,
        summary: 'Delete a pool no product on sale and no activity uses (S1.8)',
        params: IdParams,
        response: responses({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      const c = await writer(ctx, req);
      await service.deletePool(ctx.db, { ...actorOf(req, c), merchantId: c.merchantId }, req.params.id);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/card-key-pools/:id/products',
    {
      schema: {
        tags,
        summary: 'Products that sell from this pool (they share its keys, S1.9)',
        params: IdParams,
        response: responses({ 200: Type.Array(Product) }),
      },
    },
    async (req) => {
      const c = await reader(ctx, req);
      await service.getPoolRow(ctx.db, c.merchantId, req.params.id);
      return service.linkedProducts(ctx.db, c.merchantId, req.params.id);
    },
  );

  app.get(
    '/card-key-pools/:id/keys',
    {
      schema: {
        tags,
        summary: 'Keys of a pool, masked',
        params: IdParams,
        querystring: KeyListQuery,
        response: responses({ 200: PageOf(CardKey) }),
      },
    },
    async (req) => service.listKeys(ctx, (await reader(ctx, req)).merchantId, req.params.id, req.query),
  );

  app.get(
    '/card-key-pools/:id/export',
    {
      schema: {
        tags,
        summary: 'Export the unsold keys in plain text (owner only; audited): CSV or XLSX',
        params: IdParams,
        querystring: ExportQuery,
        response: responses({
          200: Type.Unsafe<unknown>({
            type: 'string',
            format: 'binary',
            description: 'The file: text/csv or XLSX',
          }),
        }),
      },
    },
    async (req, reply) => {
      const p = await requireStaff(ctx, req, ['owner']);
      const merchantId = p.user.merchantId;
      if (merchantId === null) throw forbidden();
      const actor = { ...actorOf(req, p), merchantId };
      const pool = await service.getPoolRow(ctx.db, merchantId, req.params.id);
      const keys = service.exportUnsold(ctx, actor, pool.id);
      const name = `card-keys-${pool.id}`;
      reply.header('cache-control', 'no-store');
      if (req.query.format === 'xlsx') {
        const book = new ExcelJS.Workbook();
        const sheet = book.addWorksheet('keys');
        sheet.addRow(pool.shape === 'secret' ? ['卡密'] : ['卡号', '密码']);
        for await (const k of keys) sheet.addRow(k.number === null ? [k.secret] : [k.number, k.secret]);
        reply
          .header('content-type', XLSX)
          .header('content-disposition', `attachment; filename="${name}.xlsx"`);
        return reply.send(Buffer.from(await book.xlsx.writeBuffer()));
      }
      const csv = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      async function* lines() {
        yield pool.shape === 'secret' ? '卡密\n' : '卡号,密码\n';
        for await (const k of keys)
          yield `${k.number === null ? csv(k.secret) : `${csv(k.number)},${csv(k.secret)}`}\n`;
      }
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`);
      return reply.send(Readable.from(lines()));
    },
  );

  app.post(
    '/card-keys/:id/reveal',
    {
      schema: {
        tags,
        summary: 'Show one key in plain text (owner or manager; every reveal is audited)',
        params: IdParams,
        response: responses({ 200: CardKeyPlain }),
      },
    },
    async (req) => {
      const p = await requireStaff(ctx, req, ['owner', 'manager']);
      if (p.user.merchantId === null) throw forbidden();
      return service.revealKey(ctx, { ...actorOf(req, p), merchantId: p.user.merchantId }, req.params.id);
    },
  );

  app.delete(
    '/card-keys/:id',
    {
      schema: {
        tags,
        summary: 'Delete an unused key (occupied and sold keys are refused, S1.8)',
        params: IdParams,
        response: responses({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      const c = await writer(ctx, req);
      await service.deleteKey(ctx, { ...actorOf(req, c), merchantId: c.merchantId }, req.params.id);
      reply.code(204);
      return null;
    },
  );

  // ── activities (S1.10) ──

  app.post(
    '/card-key-pools/:id/reservations',
    {
      schema: {
        tags,
        summary: 'Occupy keys for an activity until an expiry (bargain start, lucky draw added)',
        params: IdParams,
        body: ReserveBody,
        response: responses({ 201: CardKeyReservation }),
      },
    },
    async (req, reply) => {
      return writeOnce(ctx, req, reply, async (trx, actor) => ({
        status: 201,
        body: await reservations.reserveKeys(ctx, trx, actor, {
          poolId: req.params.id,
          activityKind: req.body.activityKind,
          activityRef: req.body.activityRef,
          quantity: req.body.quantity,
          expiresAt: Date.parse(req.body.expiresAt),
        }),
      }));
    },
  );

  app.get(
    '/card-key-reservations/:id',
    {
      schema: {
        tags,
        summary: 'A reservation',
        params: IdParams,
        response: responses({ 200: CardKeyReservation }),
      },
    },
    async (req) => {
      const c = await reader(ctx, req);
      return reservations.toReservation(
        ctx.db,
        await reservations.getReservation(ctx.db, c.merchantId, req.params.id),
      );
    },
  );

  app.post(
    '/card-key-reservations/:id/sell',
    {
      schema: {
        tags,
        summary: 'Turn occupied keys into a sale to a member (bargain paid, lucky-draw winner)',
        params: IdParams,
        body: SellReservedBody,
        response: responses({ 201: Type.Array(CardKeySale) }),
      },
    },
    async (req, reply) => {
      return writeOnce(ctx, req, reply, async (trx, actor) => ({
        status: 201,
        body: await reservations.sellReserved(trx, actor, req.params.id, {
          memberId: req.body.memberId,
          quantity: req.body.quantity ?? 1,
          orderId: req.body.orderId,
        }),
      }));
    },
  );

  app.post(
    '/card-key-reservations/:id/release',
    {
      schema: {
        tags,
        summary: 'Give occupied keys back to the pool (all when no quantity is given)',
        params: IdParams,
        body: ReleaseBody,
        response: responses({ 200: CardKeyReservation }),
      },
    },
    async (req, reply) => {
      return writeOnce(ctx, req, reply, async (trx, actor) => {
        await reservations.releaseReserved(trx, actor, req.params.id, req.body.quantity ?? null);
        const r = await reservations.getReservation(trx, actor.merchantId, req.params.id);
        return { status: 200, body: await reservations.toReservation(trx, r) };
      });
    },
  );

  app.post(
    '/card-key-pools/:id/wins',
    {
      schema: {
        tags,
        summary: 'A scratch-card or nine-grid win: keys sold to the winner, shown once their order is paid',
        params: IdParams,
        body: WinBody,
        response: responses({ 201: Type.Array(CardKeySale) }),
      },
    },
    async (req, reply) => {
      return writeOnce(ctx, req, reply, async (trx, actor) => ({
        status: 201,
        body: await reservations.sellWin(ctx, trx, actor, {
          poolId: req.params.id,
          activityKind: req.body.activityKind,
          activityRef: req.body.activityRef,
          memberId: req.body.memberId,
          quantity: req.body.quantity ?? 1,
        }),
      }));
    },
  );

  app.post(
    '/card-key-sales/attach',
    {
      schema: {
        tags,
        summary: 'Link keys a member won to that member’s order (shown to them in it)',
        body: AttachBody,
        response: responses({ 200: Type.Array(CardKeySale) }),
      },
    },
    async (req, reply) => {
      return writeOnce(ctx, req, reply, async (trx, actor) => ({
        status: 200,
        body: await reservations.attachOrder(trx, actor, req.body),
      }));
    },
  );

  // ── the buyer ──

  app.get(
    '/shop/orders/:id/card-keys',
    {
      schema: {
        tags: ['shop'],
        summary: 'The card keys of my order, in plain text (only its buyer sees them)',
        params: IdParams,
        response: responses({ 200: Type.Array(OrderCardKey) }),
      },
    },
    async (req, reply) => {
      const p = await requireMember(ctx, req);
      const { order } = await getOrder(ctx.db, p.member.merchantId, req.params.id, p.member.id);
      reply.header('cache-control', 'no-store');
      // Orders exist once paid (S0.1); a closed one shows nothing.
      if (order.status === 'cancelled' || order.status === 'refunded') return [];
      return keysOfOrder(ctx, ctx.db, p.member.merchantId, order.id);
    },
  );
}
