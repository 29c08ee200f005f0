// Verification routes: staff and admins at the counter (by code), the holder at a store (self),
// records, and undo.
import { Verification, VerificationSettings } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMember, requireMerchantCaller, requireStaff } from '../../http/auth.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import { PageOf, PageQuery } from '../../http/pagination.ts';
import { responses } from '../../http/schemas.ts';
import { storeFromVerifyUrl, storeScopeOf } from '../tenancy/store.service.ts';
import { IdParams } from '../tenancy/tenancy.schemas.ts';
import { readCounterQr } from '../vouchers/counter-qr.ts';
import * as service from './verification.service.ts';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const RequestNo = Type.String({
  pattern: '^[A-Za-z0-9_-]{8,64}$',
  description: 'Chosen by the client, unique per verification; a retry with the same number changes nothing',
});
const tags = ['verification'];

export function verificationRoutes(app: App, ctx: AppContext) {
  app.post(
    '/verifications',
    {
      schema: {
        tags,
        summary: 'Verify a voucher by its code or counter QR at a store (verifiers: stores in their scope)',
        body: Type.Object({
          code: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z]{12}$' })),
          qr: Type.Optional(
            Type.String({ maxLength: 100, description: 'The counter QR payload scanned from the holder' }),
          ),
          storeId: Id,
          requestNo: RequestNo,
        }),
        response: responses({ 201: Verification }),
      },
    },
    async (req, reply) => {
      const p = await requireStaff(ctx, req, ['owner', 'manager', 'verifier']);
      const merchantId = p.user.merchantId;
      if (merchantId === null) throw forbidden();
      if (!req.body.code === !req.body.qr) throw new AppError('CODE_OR_QR_REQUIRED', 400);
      const result = await service.verifyVoucher(
        ctx,
        {
          merchantId,
          code: req.body.code,
          voucherId: req.body.qr ? readCounterQr(ctx.keys, req.body.qr) : undefined,
          storeId: req.body.storeId,
          requestNo: req.body.requestNo,
          channel: p.user.role === 'verifier' ? 'staff' : 'admin',
          staff: p.user,
        },
        { ...actorOf(req, p), merchantId },
      );
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/verifications',
    {
      schema: {
        tags,
        summary: 'Verification records (a verifier sees its own stores)',
        querystring: Type.Object({
          ...PageQuery,
          storeId: Type.Optional(Id),
          voucherId: Type.Optional(Id),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: responses({ 200: PageOf(Verification) }),
      },
    },
    async (req) => {
      const p = await requireStaff(ctx, req, ['owner', 'manager', 'verifier']);
      if (p.user.merchantId === null) throw forbidden();
      const scope = await storeScopeOf(ctx.db, p.user);
      return service.listVerifications(ctx, p.user.merchantId, req.query, scope);
    },
  );

  app.post(
    '/verifications/:id/undo',
    {
      schema: {
        tags,
        summary: 'Undo a verification inside the merchant’s window (idempotent)',
        params: IdParams,
        response: responses({ 200: Verification }),
      },
    },
    async (req) => {
      const p = await requireStaff(ctx, req, ['owner', 'manager', 'verifier']);
      const merchantId = p.user.merchantId;
      if (merchantId === null) throw forbidden();
      return service.undoVerification(
        ctx,
        merchantId,
        req.params.id,
        { ...actorOf(req, p), merchantId },
        p.user,
      );
    },
  );

  app.get(
    '/verification-settings',
    {
      schema: {
        tags,
        summary: 'Verification settings: the undo window (default 60 min)',
        response: responses({ 200: VerificationSettings }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, {
        roles: ['owner', 'manager', 'verifier'],
        scope: 'vouchers:read',
      });
      return service.getSettings(ctx, c.merchantId);
    },
  );
  app.put(
    '/verification-settings',
    {
      schema: {
        tags,
        summary: 'Change the undo window; it applies at once to every record, older ones included',
        body: VerificationSettings,
        response: responses({ 200: VerificationSettings }),
      },
    },
    async (req) => {
      const c = await requireMerchantCaller(ctx, req, {
        roles: ['owner', 'manager'],
        scope: 'vouchers:write',
      });
      return service.updateSettings(ctx, { ...actorOf(req, c), merchantId: c.merchantId }, req.body);
    },
  );

  app.post(
    '/wallet/vouchers/:id/self-verify',
    {
      schema: {
        tags,
        summary: 'The holder verifies at a store by scanning its QR (only where the template allows it)',
        params: IdParams,
        body: Type.Object({ storeUrl: Type.String({ minLength: 1, maxLength: 500 }), requestNo: RequestNo }),
        response: responses({ 201: Verification }),
      },
    },
    async (req, reply) => {
      const p = await requireMember(ctx, req);
      const merchantId = p.member.merchantId;
      const store = await storeFromVerifyUrl(ctx.db, merchantId, req.body.storeUrl);
      const result = await service.verifyVoucher(
        ctx,
        {
          merchantId,
          voucherId: req.params.id,
          storeId: store.id,
          requestNo: req.body.requestNo,
          channel: 'self',
          memberId: p.member.id,
        },
        { ...actorOf(req, p), merchantId },
      );
      return reply.code(201).send(result);
    },
  );
}
