import { AuditEntry } from '@kaquan/contracts';
import type { App, AppContext } from '../../context.ts';
import { requireStaff } from '../../http/auth.ts';
import { PageOf } from '../../http/pagination.ts';
import { responses } from '../../http/schemas.ts';
import { AuditQuery } from '../tenancy/tenancy.schemas.ts';
import { searchAudit } from './audit.service.ts';

export function auditRoutes(app: App, ctx: AppContext) {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: "Audit log: the caller's merchant (owner, manager); every merchant for the operator",
        querystring: AuditQuery,
        response: responses({ 200: PageOf(AuditEntry) }),
      },
    },
    async (req) => {
      const p = await requireStaff(ctx, req, ['operator', 'owner', 'manager']);
      const q = req.query;
      const merchantId = p.user.role === 'operator' ? (q.merchantId ?? null) : p.user.merchantId;
      return searchAudit(
        ctx.db,
        {
          merchantId,
          action: q.action,
          targetType: q.targetType,
          targetId: q.targetId,
          actorId: q.actorId,
          from: q.from ? Date.parse(q.from) : undefined,
          to: q.to ? Date.parse(q.to) : undefined,
        },
        q.page ?? 1,
        q.pageSize ?? 20,
      );
    },
  );
}
