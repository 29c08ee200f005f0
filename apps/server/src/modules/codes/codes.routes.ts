// Admin routes of code libraries: libraries, batches (generate, progress, cancel, resume, export),
// codes (masked list, find by full code, disable/enable), redemption-center settings and links.
import { Type } from '@sinclair/typebox';
import QRCode from 'qrcode';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMerchantCaller } from '../../http/auth.ts';
import { PageOf, PageQuery } from '../../http/pagination.ts';
import { responses } from '../../http/schemas.ts';
import { IdParams } from '../tenancy/tenancy.schemas.ts';
import * as codes from './code.service.ts';
import * as repo from './codes.repo.ts';
import {
  BatchBody,
  CodeBatch,
  CodeLibrary,
  CodeLinks,
  CodeQuery,
  CodeSettings,
  LibraryBody,
  LibraryPatch,
  RedemptionCode,
} from './codes.schemas.ts';
import { auditExport, exportCsv, exportXlsx } from './export.service.ts';
import * as generation from './generation.service.ts';
import * as libraries from './library.service.ts';
import { getSettings, putSettings } from './redemption.service.ts';

const tags = ['codes'];
const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export function codeRoutes(app: App, ctx: AppContext) {
  const read = (req: Parameters<typeof requireMerchantCaller>[1]) =>
    requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'], scope: 'vouchers:read' });
  const write = (req: Parameters<typeof requireMerchantCaller>[1]) =>
    requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'], scope: 'vouchers:write' });

  app.get(
    '/codes/libraries',
    {
      schema: {
        tags,
        summary: 'Code libraries of the merchant',
        response: responses({ 200: Type.Array(CodeLibrary) }),
      },
    },
    async (req) => libraries.listLibraries(ctx, (await read(req)).merchantId),
  );

  app.post(
    '/codes/libraries',
    {
      schema: {
        tags,
        summary: 'Create a code library (format, reward, validity)',
        body: LibraryBody,
        response: responses({ 201: CodeLibrary }),
      },
    },
    async (req, reply) => {
      const c = await write(req);
      const lib = await libraries.createLibrary(ctx, c.merchantId, req.body, actorOf(req, c));
      return reply.code(201).send(lib);
    },
  );

  app.get(
    '/codes/libraries/:id',
    {
      schema: {
        tags,
        summary: 'One code library',
        params: IdParams,
        response: responses({ 200: CodeLibrary }),
      },
    },
    async (req) => {
      const c = await read(req);
      return libraries.toLibrary(await libraries.getLibrary(ctx.db, c.merchantId, req.params.id));
    },
  );

  app.patch(
    '/codes/libraries/:id',
    {
      schema: {
        tags,
        summary: 'Change a code library (name, reward, validity, status)',
        params: IdParams,
        body: LibraryPatch,
        response: responses({ 200: CodeLibrary }),
      },
    },
    async (req) => {
      const c = await write(req);
      return libraries.updateLibrary(ctx, c.merchantId, req.params.id, req.body, actorOf(req, c));
    },
  );

  app.post(
    '/codes/libraries/:id/batches',
    {
      schema: {
        tags,
        summary: 'Generate a batch of codes in the background (up to 1,000,000)',
        params: IdParams,
        body: BatchBody,
        response: responses({ 202: CodeBatch }),
      },
    },
    async (req, reply) => {
      const c = await write(req);
      const b = await generation.createBatch(
        ctx,
        c.merchantId,
        req.params.id,
        req.body.count,
        actorOf(req, c),
      );
      return reply.code(202).send(b);
    },
  );

  app.get(
    '/codes/batches',
    {
      schema: {
        tags,
        summary: 'Batches with their progress',
        querystring: Type.Object({ libraryId: Type.Optional(Id) }),
        response: responses({ 200: Type.Array(CodeBatch) }),
      },
    },
    async (req) => {
      const c = await read(req);
      return (await repo.listBatches(ctx.db, c.merchantId, req.query.libraryId)).map(generation.toBatch);
    },
  );

  app.get(
    '/codes/batches/:id',
    {
      schema: {
        tags,
        summary: 'One batch and its progress',
        params: IdParams,
        response: responses({ 200: CodeBatch }),
      },
    },
    async (req) => {
      const c = await read(req);
      return generation.toBatch(await generation.getBatch(ctx.db, c.merchantId, req.params.id));
    },
  );

  for (const action of ['cancel', 'resume'] as const) {
    app.post(
      `/codes/batches/:id/${action}`,
      {
        schema: {
          tags,
          summary:
            action === 'cancel' ? 'Stop a batch being generated' : 'Resume a cancelled or failed batch',
          params: IdParams,
          response: responses({ 200: CodeBatch }),
        },
      },
      async (req) => {
        const c = await write(req);
        const fn = action === 'cancel' ? generation.cancelBatch : generation.resumeBatch;
        return fn(ctx, c.merchantId, req.params.id, actorOf(req, c));
      },
    );
  }

  app.get(
    '/codes/batches/:id/export',
    {
      schema: {
        tags,
        summary: 'Export a batch (serial, code, status, redeem link) as CSV or XLSX, streamed; audited',
        params: IdParams,
        querystring: Type.Object({
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
        }),
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
      // Only people, and only owners and managers: an API key cannot take codes out in bulk.
      const c = await requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'] });
      const format = req.query.format ?? 'csv';
      await auditExport(ctx, c.merchantId, req.params.id, format, actorOf(req, c));
      const name = `codes-batch-${req.params.id}.${format}`;
      reply
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store');
      if (format === 'csv') {
        reply.type('text/csv; charset=utf-8');
        return reply.send(exportCsv(ctx, c.merchantId, req.params.id));
      }
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return reply.send(exportXlsx(ctx, c.merchantId, req.params.id));
    },
  );

  app.get(
    '/codes',
    {
      schema: {
        tags,
        summary: 'Codes of the merchant (masked); `code` finds one by its full value',
        querystring: Type.Object({ ...PageQuery, ...CodeQuery.properties }),
        response: responses({ 200: PageOf(RedemptionCode) }),
      },
    },
    async (req) => codes.listCodes(ctx, (await read(req)).merchantId, req.query),
  );

  for (const action of ['disable', 'enable'] as const) {
    app.post(
      `/codes/:id/${action}`,
      {
        schema: {
          tags,
          summary: action === 'disable' ? 'Disable a code (S0.7)' : 'Enable a disabled code',
          params: IdParams,
          response: responses({ 200: RedemptionCode }),
        },
      },
      async (req) => {
        const c = await write(req);
        return codes.setCodeEnabled(ctx, c.merchantId, req.params.id, action, actorOf(req, c));
      },
    );
  }

  app.get(
    '/codes/settings',
    {
      schema: {
        tags,
        summary: 'Redemption-center settings (lockout, daily limit)',
        response: responses({ 200: CodeSettings }),
      },
    },
    async (req) => getSettings(ctx.db, (await read(req)).merchantId),
  );

  app.put(
    '/codes/settings',
    {
      schema: {
        tags,
        summary: 'Change the redemption-center settings (audited)',
        body: CodeSettings,
        response: responses({ 200: CodeSettings }),
      },
    },
    async (req) => {
      const c = await write(req);
      return putSettings(ctx, c.merchantId, req.body, actorOf(req, c));
    },
  );

  app.get(
    '/codes/links',
    {
      schema: {
        tags,
        summary: 'Shareable links and QR images of the redemption center and the gift-card page (S0.10)',
        response: responses({ 200: CodeLinks }),
      },
    },
    async (req) => {
      const c = await read(req);
      const { slug } = await repo.merchantSlug(ctx.db, c.merchantId);
      const redeemUrl = `${ctx.config.publicUrl}/h5/${slug}/redeem`;
      const giftCardUrl = `${ctx.config.publicUrl}/h5/${slug}/gift-cards`;
      const qr = (url: string) => QRCode.toDataURL(url, { margin: 1, width: 320 });
      return { redeemUrl, redeemQr: await qr(redeemUrl), giftCardUrl, giftCardQr: await qr(giftCardUrl) };
    },
  );
}
