// Staff sign-in. Failed attempts are counted per login and per IP (shared through Redis when
// configured); an unknown login costs the same argon2 work as a wrong password.
import type { Me } from '@kaquan/contracts';
import { hash, verify } from '@node-rs/argon2';
import type { AppContext } from '../../context.ts';
import type { StaffUserRow } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { randomToken } from '../../lib/keys.ts';
import { DAY, iso, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { getMerchant, toMerchant } from './merchant.service.ts';
import { insertSession, revokeSession } from './session.repo.ts';
import { findStaffByLogin, scopedStoreIds } from './staff.repo.ts';
import { normalizeLogin, toStaffUser } from './staff.service.ts';

export const STAFF_SESSION_TTL = 7 * DAY;
const LOGIN_LIMIT = { name: 'login-account', points: 10, durationSeconds: 15 * 60 };
const LOGIN_IP_LIMIT = { name: 'login-ip', points: 100, durationSeconds: 15 * 60 };

let dummyHash: Promise<string> | null = null;

export async function loginStaff(ctx: AppContext, actor: Actor, input: { login: string; password: string }) {
  const login = normalizeLogin(input.login);
  const byAccount = ctx.counters.limit(LOGIN_LIMIT);
  const byIp = ctx.counters.limit(LOGIN_IP_LIMIT);
  await byAccount.check(login);
  await byIp.check(actor.ip ?? 'unknown');

  const row = await findStaffByLogin(ctx.db, login);
  dummyHash ??= hash('kaquan-timing-equaliser');
  const ok = await verify(row?.passwordHash ?? (await dummyHash), input.password);
  if (!row || !ok) {
    await Promise.all([byAccount.fail(login), byIp.fail(actor.ip ?? 'unknown')]);
    throw new AppError('INVALID_CREDENTIALS', 401);
  }
  if (row.status !== 'active') throw new AppError('ACCOUNT_REVOKED', 401);
  if (row.role !== 'operator' && row.merchantStatus !== 'active')
    throw new AppError('MERCHANT_SUSPENDED', 403);
  await byAccount.reset(login);

  const token = `kqs_${randomToken()}`;
  const at = now();
  const expiresAt = at + STAFF_SESSION_TTL;
  await ctx.db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      tokenHash: ctx.keys.hmac(token),
      kind: 'staff',
      staffId: row.id,
      merchantId: row.merchantId,
      createdAt: at,
      expiresAt,
      ip: actor.ip,
    });
    await recordAudit(
      trx,
      { ...actor, merchantId: row.merchantId, type: 'staff', id: row.id, name: row.login },
      {
        action: 'staff.login',
        targetType: 'staff',
        targetId: row.id,
      },
    );
  });
  const { merchantStatus: _, ...user } = row;
  return { token, expiresAt: iso(expiresAt), expiresAtMs: expiresAt, me: await describeStaff(ctx, user) };
}

export async function describeStaff(ctx: AppContext, user: StaffUserRow): Promise<Me> {
  const storeIds = user.allStores ? [] : await scopedStoreIds(ctx.db, user.id);
  const merchant = user.merchantId === null ? null : toMerchant(await getMerchant(ctx.db, user.merchantId));
  return { user: toStaffUser(user, storeIds), merchant };
}

export async function logout(ctx: AppContext, actor: Actor, sessionId: number, kind: 'staff' | 'member') {
  await ctx.db.transaction().execute(async (trx) => {
    await revokeSession(trx, sessionId, now());
    await recordAudit(trx, actor, { action: `${kind}.logout`, targetType: kind, targetId: actor.id ?? 0 });
  });
}
