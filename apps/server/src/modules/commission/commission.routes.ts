import { CommissionEntry, CommissionKind, CommissionSummary } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../context.ts';
import { requireMerchantCaller } from '../../http/auth.ts';
import { PageOf, PageQuery } from '../../http/pagination.ts';
import { responses } from '../../http/schemas.ts';
import * as service from './commission.service.ts';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const tags = ['commission'];

export function commissionRoutes(app: App, ctx: AppContext) {
  app.get(
    '/commissions',
    {
      schema: {
        tags,
        summary: 'Commission ledger entries (per beneficiary, per order)',
        querystring: Type.Object({
          ...PageQuery,
          beneficiaryId: Type.Optional(Id),
          orderId: Type.Optional(Id),
          kind: Type.Optional(CommissionKind),
          status: Type.Optional(
            Type.Union([Type.Literal('pending'), Type.Literal('settled'), Type.Literal('reversed')]),
          ),
        }),
        response: responses({ 200: PageOf(CommissionEntry) }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, {
        roles: ['owner', 'manager'],
        scope: 'commerce:read',
      });
      return service.listEntries(ctx.db, c.merchantId, req.query);
    },
  );
  app.get(
    '/commissions/summary',
    {
      schema: {
        tags,
        summary: 'Totals per beneficiary (null: the shareholder pool)',
        querystring: Type.Object(PageQuery),
        response: responses({ 200: PageOf(CommissionSummary) }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, {
        roles: ['owner', 'manager'],
        scope: 'commerce:read',
      });
      return service.summary(ctx.db, c.merchantId, req.query);
    },
  );
}
