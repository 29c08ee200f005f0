// Members of a merchant: created by staff or the merchant's server, or by signing in on H5 with
// a one-time SMS code (a new phone registers). Codes: 6 digits, 5 minutes, single use, 5 tries.
import { randomInt } from 'node:crypto';
import type { Member } from '@kaquan/contracts';
import type { Static } from '@sinclair/typebox';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/database.ts';
import type { Executor, MemberRow } from '../../db/schema.ts';
import { AppError, isUniqueViolation, notFound } from '../../http/errors.ts';
import { randomToken, safeEqual } from '../../lib/keys.ts';
import { DAY, iso, MINUTE, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import * as repo from './member.repo.ts';
import { getActiveMerchantBySlug } from './merchant.service.ts';
import { insertSession } from './session.repo.ts';
import type { CreateMemberBody, ListQuery } from './tenancy.schemas.ts';

const SMS_TTL = 5 * MINUTE;
const SMS_MAX_ATTEMPTS = 5;
export const MEMBER_SESSION_TTL = 30 * DAY;
const SMS_PHONE_LIMIT = { name: 'sms-phone', points: 1, durationSeconds: 60 };
const SMS_PHONE_DAY_LIMIT = { name: 'sms-phone-day', points: 10, durationSeconds: 24 * 3600 };
const SMS_IP_LIMIT = { name: 'sms-ip', points: 30, durationSeconds: 3600 };

export const toMember = (r: MemberRow): Member => ({
  id: r.id,
  merchantId: r.merchantId,
  name: r.name,
  phone: r.phone,
  externalId: r.externalId,
  status: r.status,
  createdAt: iso(r.createdAt),
});

export async function listMembers(exec: Executor, merchantId: number, q: Static<typeof ListQuery>) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await repo.listMembers(exec, merchantId, q, pageSize, (page - 1) * pageSize);
  return { items: rows.map(toMember), total, page, pageSize };
}

export async function getMember(exec: Executor, merchantId: number, id: number): Promise<MemberRow> {
  const m = await repo.findMember(exec, merchantId, id);
  if (!m) throw notFound('member');
  return m;
}

export async function createMember(
  exec: Executor,
  actor: Actor & { merchantId: number },
  input: Static<typeof CreateMemberBody>,
) {
  return inTransaction(exec, async (trx) => {
    let row: MemberRow | undefined;
    try {
      row = await repo.insertMemberIfNew(trx, {
        merchantId: actor.merchantId,
        name: input.name ?? '',
        phone: input.phone,
        externalId: input.externalId ?? null,
        at: now(),
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('EXTERNAL_ID_TAKEN', 409);
      throw err;
    }
    if (!row) throw new AppError('PHONE_TAKEN', 409);
    const member = toMember(row);
    await recordAudit(trx, actor, {
      action: 'member.create',
      targetType: 'member',
      targetId: row.id,
      after: member,
    });
    return member;
  });
}

async function openMemberSession(
  ctx: AppContext,
  exec: Executor,
  member: MemberRow,
  ttlMs: number,
  ip: string | null,
) {
  const token = `kqm_${randomToken()}`;
  const at = now();
  await insertSession(exec, {
    tokenHash: ctx.keys.hmac(token),
    kind: 'member',
    memberId: member.id,
    merchantId: member.merchantId,
    createdAt: at,
    expiresAt: at + ttlMs,
    ip,
  });
  return { token, expiresAt: iso(at + ttlMs), expiresAtMs: at + ttlMs };
}

/** A session for a member of the merchant's own app, minted by the merchant's server. */
export async function mintMemberSession(
  ctx: AppContext,
  actor: Actor & { merchantId: number },
  memberId: number,
  ttlSeconds: number,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await getMember(trx, actor.merchantId, memberId);
    if (member.status !== 'active') throw new AppError('MEMBER_BLOCKED', 403);
    const session = await openMemberSession(ctx, trx, member, ttlSeconds * 1000, actor.ip);
    await recordAudit(trx, actor, {
      action: 'member.session.mint',
      targetType: 'member',
      targetId: memberId,
    });
    return { token: session.token, expiresAt: session.expiresAt };
  });
}

const codeHash = (ctx: AppContext, merchantId: number, phone: string, code: string) =>
  ctx.keys.hmac(`sms:${merchantId}:${phone}:${code}`);

export async function sendLoginCode(ctx: AppContext, slug: string, phone: string, ip: string | null) {
  const merchant = await getActiveMerchantBySlug(ctx.db, slug);
  await ctx.counters.limit(SMS_IP_LIMIT, 'SMS_TOO_FREQUENT').consume(ip ?? 'unknown');
  await ctx.counters.limit(SMS_PHONE_LIMIT, 'SMS_TOO_FREQUENT').consume(`${merchant.id}:${phone}`);
  await ctx.counters.limit(SMS_PHONE_DAY_LIMIT, 'SMS_TOO_FREQUENT').consume(`${merchant.id}:${phone}`);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const at = now();
  await repo.insertSmsCode(ctx.db, {
    merchantId: merchant.id,
    phone,
    codeHash: codeHash(ctx, merchant.id, phone, code),
    expiresAt: at + SMS_TTL,
    at,
  });
  await ctx.sms.send({ merchantId: merchant.id, phone, code, expiresInSeconds: SMS_TTL / 1000 });
  return { expiresInSeconds: SMS_TTL / 1000, retryAfterSeconds: SMS_PHONE_LIMIT.durationSeconds };
}

export async function loginMember(
  ctx: AppContext,
  slug: string,
  input: { phone: string; code: string },
  actor: Actor,
) {
  const merchant = await getActiveMerchantBySlug(ctx.db, slug);
  const at = now();
  const live = await repo.findLiveSmsCode(ctx.db, merchant.id, input.phone, at, SMS_MAX_ATTEMPTS);
  // Each try is spent with one conditional UPDATE before comparing, so parallel guesses cannot
  // exceed the budget; it is spent outside any transaction so that a wrong try sticks.
  if (!live || !(await repo.spendSmsAttempt(ctx.db, live.id, SMS_MAX_ATTEMPTS))) {
    throw new AppError('SMS_CODE_INVALID', 400);
  }
  if (!safeEqual(live.codeHash, codeHash(ctx, merchant.id, input.phone, input.code))) {
    throw new AppError('SMS_CODE_INVALID', 400);
  }
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.consumeSmsCode(trx, live.id, at))) throw new AppError('SMS_CODE_INVALID', 400);

    const created = await repo.insertMemberIfNew(trx, {
      merchantId: merchant.id,
      name: '',
      phone: input.phone,
      externalId: null,
      at,
    });
    const member = created ?? (await repo.findMemberByPhone(trx, merchant.id, input.phone))!;
    if (member.status !== 'active') throw new AppError('MEMBER_BLOCKED', 403);
    const who = {
      ...actor,
      merchantId: merchant.id,
      type: 'member' as const,
      id: member.id,
      name: member.phone,
    };
    if (created) {
      await recordAudit(trx, who, {
        action: 'member.register',
        targetType: 'member',
        targetId: member.id,
        after: toMember(member),
      });
    }
    await recordAudit(trx, who, { action: 'member.login', targetType: 'member', targetId: member.id });
    const session = await openMemberSession(ctx, trx, member, MEMBER_SESSION_TTL, actor.ip);
    return {
      ...session,
      member: toMember(member),
      merchant: { id: merchant.id, name: merchant.name, slug: merchant.slug },
    };
  });
}
