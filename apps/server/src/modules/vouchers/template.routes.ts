// Voucher templates: the merchant's (owner, manager; API keys with vouchers:read / vouchers:write)
// and the platform operator's review queue.
import { TemplateForReview, VoucherTemplate } from '@kaquan/contracts';
import type { FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMerchantCaller, requireStaff } from '../../http/auth.ts';
import { idempotent } from '../../http/idempotency.ts';
import { PageOf } from '../../http/pagination.ts';
import { principalKey, responses } from '../../http/schemas.ts';
import { IdParams } from '../tenancy/tenancy.schemas.ts';
import {
  RejectBody,
  ReviewListQuery,
  TemplateBody,
  TemplateListQuery,
  TemplatePatch,
} from './template.schemas.ts';
import * as service from './template.service.ts';
import * as review from './template-review.service.ts';

const tags = ['voucher templates'];
const reviewTags = ['operator'];

async function reader(ctx: AppContext, req: FastifyRequest) {
  return requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'], scope: 'vouchers:read' });
}
async function writer(ctx: AppContext, req: FastifyRequest) {
  const c = await requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'], scope: 'vouchers:write' });
  return { c, actor: { ...actorOf(req, c), merchantId: c.merchantId } };
}
async function operator(ctx: AppContext, req: FastifyRequest) {
  return actorOf(req, await requireStaff(ctx, req, ['operator']));
}

export function templateRoutes(app: App, ctx: AppContext) {
  app.get(
    '/voucher-templates',
    {
      schema: {
        tags,
        summary: 'Voucher templates of the merchant',
        querystring: TemplateListQuery,
        response: responses({ 200: PageOf(VoucherTemplate) }),
      },
    },
    async (req) => service.listTemplates(ctx.db, (await reader(ctx, req)).merchantId, req.query),
  );
  app.post(
    '/voucher-templates',
    {
      schema: {
        tags,
        summary: 'Create a voucher template; it waits for review (idempotent with Idempotency-Key)',
        body: TemplateBody,
        response: responses({ 201: VoucherTemplate }),
      },
    },
    async (req, reply) => {
      const { c, actor } = await writer(ctx, req);
      return idempotent(
        ctx,
        req,
        reply,
        { merchantId: c.merchantId, principal: principalKey(c) },
        async (trx) => ({ status: 201, body: await service.createTemplate(trx, actor, req.body) }),
      );
    },
  );
  app.get(
    '/voucher-templates/:id',
    {
      schema: {
        tags,
        summary: 'A voucher template, with its review status, flags and reason',
        params: IdParams,
        response: responses({ 200: VoucherTemplate }),
      },
    },
    async (req) => service.getTemplate(ctx.db, (await reader(ctx, req)).merchantId, req.params.id),
  );
  app.patch(
    '/voucher-templates/:id',
    {
      schema: {
        tags,
        summary: 'Edit a template; a change a member sees sends it back to review',
        params: IdParams,
        body: TemplatePatch,
        response: responses({ 200: VoucherTemplate }),
      },
    },
    async (req) => {
      const { actor } = await writer(ctx, req);
      return service.updateTemplate(ctx.db, actor, req.params.id, req.body);
    },
  );
  app.post(
    '/voucher-templates/:id/disable',
    {
      schema: {
        tags,
        summary: 'Disable a template: no more vouchers are issued from it',
        params: IdParams,
        response: responses({ 200: VoucherTemplate }),
      },
    },
    async (req) => {
      const { actor } = await writer(ctx, req);
      return service.disableTemplate(ctx.db, actor, req.params.id);
    },
  );
  app.post(
    '/voucher-templates/:id/enable',
    {
      schema: {
        tags,
        summary: 'Enable a disabled template (active if its content was approved, else back to review)',
        params: IdParams,
        response: responses({ 200: VoucherTemplate }),
      },
    },
    async (req) => {
      const { actor } = await writer(ctx, req);
      return service.enableTemplate(ctx.db, actor, req.params.id);
    },
  );

  app.get(
    '/review/voucher-templates',
    {
      schema: {
        tags: reviewTags,
        summary: 'Templates to review, all merchants (platform operator; default status pending_review)',
        querystring: ReviewListQuery,
        response: responses({ 200: PageOf(TemplateForReview) }),
      },
    },
    async (req) => {
      await operator(ctx, req);
      return review.listForReview(ctx.db, req.query);
    },
  );
  app.post(
    '/review/voucher-templates/:id/approve',
    {
      schema: {
        tags: reviewTags,
        summary: 'Approve a template in review: it becomes active (platform operator)',
        params: IdParams,
        response: responses({ 200: VoucherTemplate }),
      },
    },
    async (req) => review.approveTemplate(ctx.db, await operator(ctx, req), req.params.id),
  );
  app.post(
    '/review/voucher-templates/:id/reject',
    {
      schema: {
        tags: reviewTags,
        summary: 'Reject a template in review, with the reason the merchant sees (platform operator)',
        params: IdParams,
        body: RejectBody,
        response: responses({ 200: VoucherTemplate }),
      },
    },
    async (req) => review.rejectTemplate(ctx.db, await operator(ctx, req), req.params.id, req.body.reason),
  );
}
