// Campaigns, the merchant's side: create, edit, items and stock, pause and start, QR, records.
import { Campaign, ClaimRecord } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMerchantCaller } from '../../http/auth.ts';
import { pickLang } from '../../http/messages.ts';
import { PageOf } from '../../http/pagination.ts';
import { responses } from '../../http/schemas.ts';
import { IdParams, QrQuery } from '../tenancy/tenancy.schemas.ts';
import {
  CampaignListQuery,
  ClaimListQuery,
  CreateCampaignBody,
  SetItemsBody,
  UpdateCampaignBody,
} from './campaign.schemas.ts';
import * as service from './campaign.service.ts';
import { claimRecordsCsv, listClaimRecords } from './claim-records.service.ts';

const tags = ['campaigns'];
const reader = { roles: ['owner' as const, 'manager' as const], scope: 'vouchers:read' as const };
const writer = { roles: ['owner' as const, 'manager' as const], scope: 'vouchers:write' as const };

export function campaignRoutes(app: App, ctx: AppContext) {
  app.get(
    '/campaigns',
    {
      schema: {
        tags,
        summary: 'Claim campaigns and QR campaigns of the merchant',
        querystring: CampaignListQuery,
        response: responses({ 200: PageOf(Campaign) }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, reader);
      return service.listCampaigns(ctx, c.merchantId, req.query);
    },
  );

  app.post(
    '/campaigns',
    {
      schema: {
        tags,
        summary: 'Create a campaign (online at once): kind store (S2.3) or qr (S3)',
        body: CreateCampaignBody,
        response: responses({ 201: Campaign }),
      },
    },
    async (req, reply) => {
      const c = await requireMerchantCaller(ctx, req, writer);
      const created = await service.createCampaign(
        ctx,
        { ...actorOf(req, c), merchantId: c.merchantId },
        req.body,
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/campaigns/:id',
    { schema: { tags, summary: 'One campaign', params: IdParams, response: responses({ 200: Campaign }) } },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, reader);
      return service.getCampaign(ctx, c.merchantId, req.params.id);
    },
  );

  app.patch(
    '/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Edit name, time window, stores and claim rules (the link and QR stay the same)',
        params: IdParams,
        body: UpdateCampaignBody,
        response: responses({ 200: Campaign }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, writer);
      return service.updateCampaign(
        ctx,
        { ...actorOf(req, c), merchantId: c.merchantId },
        req.params.id,
        req.body,
      );
    },
  );

  app.put(
    '/campaigns/:id/items',
    {
      schema: {
        tags,
        summary: 'Replace the items: change quantities and stock (never below claimed), add, remove, swap',
        params: IdParams,
        body: SetItemsBody,
        response: responses({ 200: Campaign }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, writer);
      return service.setItems(
        ctx,
        { ...actorOf(req, c), merchantId: c.merchantId },
        req.params.id,
        req.body.items,
      );
    },
  );

  for (const [action, to] of [
    ['pause', 'paused'],
    ['start', 'active'],
  ] as const) {
    app.post(
      `/campaigns/:id/${action}`,
      {
        schema: {
          tags,
          summary: action === 'pause' ? 'Pause (or take offline early)' : 'Start again',
          params: IdParams,
          response: responses({ 200: Campaign }),
        },
      },
      async (req) => {
        const c = await requireMerchantCaller(ctx, req, writer);
        return service.setCampaignStatus(
          ctx,
          { ...actorOf(req, c), merchantId: c.merchantId },
          req.params.id,
          to,
        );
      },
    );
  }

  for (const format of ['png', 'svg'] as const) {
    app.get(
      `/campaigns/:id/qr.${format}`,
      {
        schema: {
          tags,
          summary: `The claim page QR as ${format.toUpperCase()}`,
          params: IdParams,
          querystring: QrQuery,
          response: responses({
            200: Type.Any({ description: `image/${format === 'svg' ? 'svg+xml' : 'png'}` }),
          }),
        },
      },
      async (req, reply) => {
        const c = await requireMerchantCaller(ctx, req, reader);
        const body = await service.campaignQr(
          ctx,
          c.merchantId,
          req.params.id,
          format,
          req.query.size ?? 512,
        );
        reply.header('content-type', format === 'png' ? 'image/png' : 'image/svg+xml');
        reply.header('content-disposition', `attachment; filename="campaign-${req.params.id}.${format}"`);
        return reply.send(body);
      },
    );
  }

  app.get(
    '/campaigns/:id/claims',
    {
      schema: {
        tags,
        summary: 'Claim records: every attempt with its result, refusals included',
        params: IdParams,
        querystring: ClaimListQuery,
        response: responses({ 200: PageOf(ClaimRecord) }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, reader);
      return listClaimRecords(ctx, c.merchantId, req.params.id, req.query);
    },
  );

  app.get(
    '/campaigns/:id/claims.csv',
    {
      schema: {
        tags,
        summary: 'Claim records as CSV (same filters)',
        params: IdParams,
        querystring: ClaimListQuery,
        response: responses({ 200: Type.String({ description: 'text/csv' }) }),
      },
    },
    async (req, reply) => {
      const c = await requireMerchantCaller(ctx, req, reader);
      const csv = await claimRecordsCsv(
        ctx,
        c.merchantId,
        req.params.id,
        req.query,
        pickLang(req.headers['accept-language']),
      );
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="campaign-${req.params.id}-claims.csv"`);
      return reply.send(csv);
    },
  );
}
