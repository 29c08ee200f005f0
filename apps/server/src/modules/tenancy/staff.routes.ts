import { StaffUser } from '@kaquan/contracts';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMerchantCaller } from '../../http/auth.ts';
import { forbidden } from '../../http/errors.ts';
import { idempotent } from '../../http/idempotency.ts';
import { PageOf } from '../../http/pagination.ts';
import { principalKey, responses } from '../../http/schemas.ts';
import * as service from './staff.service.ts';
import { CreateStaffBody, IdParams, ListQuery, UpdateStaffBody } from './tenancy.schemas.ts';

export function staffRoutes(app: App, ctx: AppContext) {
  const staffCaller = async (req: Parameters<typeof requireMerchantCaller>[1]) => {
    const c = await requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'] });
    if (c.kind !== 'staff') throw forbidden();
    return { caller: c, actor: { ...actorOf(req, c), merchantId: c.merchantId } };
  };

  app.get(
    '/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Staff accounts of the merchant',
        querystring: ListQuery,
        response: responses({ 200: PageOf(StaffUser) }),
      },
    },
    async (req) => {
      const { caller } = await staffCaller(req);
      return service.listStaff(ctx.db, caller.merchantId, req.query);
    },
  );

  app.post(
    '/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Add a staff account (owners add any role, managers add verifiers)',
        body: CreateStaffBody,
        response: responses({ 201: StaffUser }),
      },
    },
    async (req, reply) => {
      const { caller, actor } = await staffCaller(req);
      return idempotent(
        ctx,
        req,
        reply,
        { merchantId: caller.merchantId, principal: principalKey(caller) },
        async (trx) => ({
          status: 201,
          body: await service.createStaffUser(ctx, trx, actor, caller.merchantId, req.body, caller.user.role),
        }),
      );
    },
  );

  app.patch(
    '/staff/:id',
    {
      schema: {
        tags: ['staff'],
        summary: 'Change name, role, store scope or password',
        params: IdParams,
        body: UpdateStaffBody,
        response: responses({ 200: StaffUser }),
      },
    },
    async (req) => {
      const { caller, actor } = await staffCaller(req);
      return service.updateStaffUser(ctx.db, actor, caller.user.role, req.params.id, req.body);
    },
  );

  for (const [verb, status] of [
    ['revoke', 'revoked'],
    ['restore', 'active'],
  ] as const) {
    app.post(
      `/staff/:id/${verb}`,
      {
        schema: {
          tags: ['staff'],
          summary:
            verb === 'revoke' ? 'Revoke an account: its sessions end at once' : 'Restore a revoked account',
          params: IdParams,
          response: responses({ 200: StaffUser }),
        },
      },
      async (req) => {
        const { caller, actor } = await staffCaller(req);
        return service.setStaffStatus(ctx.db, actor, caller.user.role, req.params.id, status);
      },
    );
  }
}
