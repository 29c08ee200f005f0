// The seed's member voucher API (S4), served as documented: POST /client/*, the member's token,
// parameters as form fields or JSON, and the `{ code, info, data }` envelope (code 0 = success;
// otherwise the HTTP-like status of the refusal with a readable `info`). A thin adapter over the
// voucher, verification and tenancy services.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMember } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { pickLang, renderMessage } from '../../http/messages.ts';
import { now, weekdayIn } from '../../lib/time.ts';
import { storeFromVerifyUrl } from '../tenancy/store.service.ts';
import { verifyVoucher } from '../verification/verification.service.ts';
import { evaluate } from '../vouchers/evaluation.service.ts';
import { acceptGift, startGift } from '../vouchers/gift.service.ts';
import {
  cnDateTime,
  comeCode,
  deduction,
  KIND_CODE,
  unix,
  useWeekList,
  ymd,
  ymdhms,
} from './compat.format.ts';
import * as repo from './compat.repo.ts';

type Params = Record<string, unknown>;

function int(p: Params, name: string, fallback?: number): number {
  const raw = p[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (n === undefined || !Number.isSafeInteger(n) || n < 0)
    throw new AppError('VALIDATION_FAILED', 400, {}, { field: name });
  return n;
}
function str(p: Params, name: string, max = 500): string {
  const raw = p[name];
  if (typeof raw !== 'string' && typeof raw !== 'number')
    throw new AppError('VALIDATION_FAILED', 400, {}, { field: name });
  const s = String(raw);
  if (s.length > max) throw new AppError('VALIDATION_FAILED', 400, {}, { field: name });
  return s;
}

async function session(ctx: AppContext, req: FastifyRequest) {
  const p = await requireMember(ctx, req);
  const m = await ctx.db
    .selectFrom('merchants')
    .where('id', '=', p.member.merchantId)
    .select('timeZone')
    .executeTakeFirstOrThrow();
  return {
    p,
    tz: m.timeZone,
    who: { merchantId: p.member.merchantId, memberId: p.member.id, slug: p.merchant.slug },
    actor: actorOf(req, p),
  };
}

async function listItem(ctx: AppContext, v: repo.CompatVoucherRow, tz: string) {
  const gift = await repo.lastGift(ctx.db, v.id);
  return {
    id: v.id,
    member_id: v.memberId,
    coupon_id: v.templateId,
    start_date: ymd(v.validFrom, tz),
    end_date: ymd(v.validUntil, tz),
    create_date: unix(v.issuedAt),
    use_date: unix(v.usedAt),
    give_date: gift?.closedAt ? unix(gift.closedAt) : 0,
    type: comeCode(v, gift?.receiverId === v.memberId),
    use_id: v.state === 'used' ? v.memberId : 0,
    receive_id: gift?.receiverId ?? 0,
    evaluation: v.evaluation ?? '',
    score: v.score ?? 0,
    evaluation_time: unix(v.evaluatedAt),
    is_read: 1,
    coupon_title: v.title,
    deduction: deduction(v),
    is_self: v.isSelf,
  };
}

export function compatRoutes(app: App, ctx: AppContext) {
  app.register(async (sub: FastifyInstance) => {
    sub.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    const route = (path: string, handler: (req: FastifyRequest, p: Params) => Promise<unknown>) =>
      sub.post(`/client/${path}`, { schema: { hide: true } }, async (req, reply: FastifyReply) => {
        try {
          const data = await handler(req, (req.body ?? {}) as Params);
          return { code: 0, info: '成功', data };
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          reply.code(200);
          return {
            code: err.status,
            info: renderMessage(err.code, pickLang(req.headers['accept-language']), err.params),
            data: null,
          };
        }
      });

    route('couponlist', async (req, p) => {
      const { who, tz } = await session(ctx, req);
      const state = int(p, 'state', 0);
      if (state > 2) throw new AppError('VALIDATION_FAILED', 400, {}, { field: 'state' });
      const page = Math.max(1, int(p, 'page', 1));
      const limit = Math.min(100, Math.max(1, int(p, 'limit', 10)));
      const rows = await repo.listForMember(
        ctx.db,
        who.merchantId,
        who.memberId,
        state as 0 | 1 | 2,
        now(),
        limit,
        (page - 1) * limit,
      );
      return Promise.all(rows.map((v) => listItem(ctx, v, tz)));
    });

    route('couponinfo', async (req, p) => {
      const { who, tz } = await session(ctx, req);
      const v = await repo.oneForMember(ctx.db, who.merchantId, who.memberId, int(p, 'id'));
      if (!v) throw new AppError('VOUCHER_NOT_FOUND', 404);
      const gift = await repo.lastGift(ctx.db, v.id);
      const verification = await repo.lastVerification(ctx.db, v.id);
      const item = await listItem(ctx, v, tz);
      return {
        ...item,
        give_date: gift?.closedAt ? ymdhms(gift.closedAt, tz) : 0,
        give_id: gift && gift.receiverId === v.memberId ? gift.giverId : 0,
        come: 0,
        user_id: verification?.staffId ?? 0,
        order_id: 0,
        goods_id: 0,
        receive_member_info: { nickname: gift?.receiverName ?? '', headimgurl: '' },
        couponInfo: {
          title: v.title,
          type: KIND_CODE[v.kind] ?? 0,
          code: 0,
          use_week: useWeekList(v.useWeek),
          is_self: v.isSelf,
          is_giving: v.isGiving,
          rules: v.conditions,
        },
      };
    });

    route('auditcoupon', async (req, p) => {
      const { who, actor } = await session(ctx, req);
      const voucherId = int(p, 'mem_coupon_id');
      const storeId = int(p, 'shop_id');
      const requestNo =
        typeof p.request_no === 'string' ? p.request_no : `compat_${randomBytes(12).toString('hex')}`;
      const r = await verifyVoucher(
        ctx,
        {
          merchantId: who.merchantId,
          voucherId,
          storeId,
          requestNo,
          channel: 'self',
          memberId: who.memberId,
        },
        { ...actor, merchantId: who.merchantId },
      );
      const v = await repo.oneForMember(ctx.db, who.merchantId, who.memberId, voucherId);
      return {
        mem_coupon_id: String(voucherId),
        user_id: 0,
        create_date: unix(Date.parse(r.at)),
        coupon_id: v?.templateId ?? 0,
        id: String(r.id),
      };
    });

    route('auditcouponinfo', async (req, p) => {
      const { who, tz } = await session(ctx, req);
      const r = await repo.verificationForMember(ctx.db, who.merchantId, who.memberId, int(p, 'id'));
      if (!r) throw new AppError('NOT_FOUND', 404, { what: 'verification' });
      return {
        id: r.id,
        mem_coupon_id: r.voucherId,
        coupon_id: r.templateId,
        create_date: cnDateTime(r.at, tz),
        shop_id: r.storeId,
        user_id: r.staffId ?? 0,
        coupon_title: r.title,
        shop_name: r.storeName,
      };
    });

    route('evaluacoupon', async (req, p) => {
      const { who, actor } = await session(ctx, req);
      const score = int(p, 'score');
      if (score < 1 || score > 5) throw new AppError('VALIDATION_FAILED', 400, {}, { field: 'score' });
      const r = await evaluate(ctx, who, int(p, 'id'), { score, text: str(p, 'evaluation', 500) }, actor);
      return {
        id: String(r.voucherId),
        evaluation: r.text,
        score: String(r.score),
        evaluation_time: unix(Date.parse(r.at)),
      };
    });

    route('givecoupon', async (req, p) => {
      const { who, actor } = await session(ctx, req);
      const g = await startGift(ctx, who, int(p, 'id'), actor);
      return {
        id: g.giftId,
        mem_coupon_id: int(p, 'id'),
        code: g.code,
        share_url: g.shareUrl,
        expire_time: unix(Date.parse(g.expiresAt)),
      };
    });

    route('getcoupon', async (req, p) => {
      const { who, actor } = await session(ctx, req);
      const voucherId = int(p, 'id');
      const gift = await repo.pendingGiftOf(ctx.db, who.merchantId, voucherId);
      if (!gift) throw new AppError('GIFT_NOT_AVAILABLE', 409);
      await acceptGift(ctx, who, gift.id, str(p, 'code', 6).padStart(4, '0'), actor);
      return { id: voucherId };
    });

    route('getauditcoupon', async (req) => {
      const { who, tz } = await session(ctx, req);
      const at = now();
      const today = weekdayIn(tz, at);
      const rows = await repo.listForMember(ctx.db, who.merchantId, who.memberId, 'usable', at, 100, 0);
      return Promise.all(rows.filter((v) => v.useWeek[today - 1] === '1').map((v) => listItem(ctx, v, tz)));
    });

    route('shopid', async (req, p) => {
      const { who } = await session(ctx, req);
      return (await storeFromVerifyUrl(ctx.db, who.merchantId, str(p, 'audit_url'))).id;
    });
  });
}
