// Who is calling: a staff session (cookie kq_staff or bearer kqs_…), a member session (cookie
// kq_member or bearer kqm_…) or a merchant API key (bearer kqk_…). Every check runs against the
// database on every request (lookups arriving together share one query on PostgreSQL), so logout,
// revocation and suspension take effect at once.
import type { ApiKeyScope, StaffRole } from '@kaquan/contracts';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import type { ApiKeyRow, MemberRow, StaffUserRow } from '../db/schema.ts';
import { safeEqual } from '../lib/keys.ts';
import { now } from '../lib/time.ts';
import { findApiKeyByPrefix, touchApiKey } from '../modules/tenancy/api-key.repo.ts';
import {
  memberSessionOf,
  type RecentMember,
  recentMember,
  staffSessionOf,
} from '../modules/tenancy/session.lookup.ts';
import { AppError, forbidden, unauthenticated } from './errors.ts';

export const STAFF_COOKIE = 'kq_staff';
export const MEMBER_COOKIE = 'kq_member';

export interface StaffPrincipal {
  kind: 'staff';
  sessionId: number;
  user: StaffUserRow;
}
export interface MemberPrincipal {
  kind: 'member';
  sessionId: number;
  member: MemberRow;
  merchant: { id: number; slug: string; name: string };
}
export interface ApiKeyPrincipal {
  kind: 'api_key';
  apiKey: ApiKeyRow;
  scopes: ApiKeyScope[];
}
export type Principal = StaffPrincipal | MemberPrincipal | ApiKeyPrincipal;

/** The merchant a principal acts for (null for the platform operator). */
export function merchantOf(p: Principal): number | null {
  if (p.kind === 'staff') return p.user.merchantId;
  if (p.kind === 'member') return p.member.merchantId;
  return p.apiKey.merchantId;
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw unauthenticated();
  return m[1];
}

async function staffFromToken(ctx: AppContext, token: string): Promise<StaffPrincipal> {
  const row = await staffSessionOf(ctx, ctx.keys.hmac(token));
  if (!row) throw unauthenticated();
  if (row.status !== 'active') throw new AppError('ACCOUNT_REVOKED', 401);
  if (row.role !== 'operator' && row.merchantStatus !== 'active')
    throw new AppError('MERCHANT_SUSPENDED', 403);
  const { sessionId, merchantStatus: _, ...user } = row;
  return { kind: 'staff', sessionId, user };
}

async function memberFromToken(ctx: AppContext, token: string): Promise<MemberPrincipal> {
  const row = await memberSessionOf(ctx, ctx.keys.hmac(token));
  if (!row) throw unauthenticated();
  if (row.merchantStatus !== 'active') throw new AppError('MERCHANT_SUSPENDED', 403);
  if (row.status !== 'active') throw new AppError('MEMBER_BLOCKED', 403);
  const { sessionId, merchantStatus: _s, merchantSlug, merchantName, ...member } = row;
  return {
    kind: 'member',
    sessionId,
    member,
    merchant: { id: member.merchantId, slug: merchantSlug, name: merchantName },
  };
}

async function apiKeyFromToken(ctx: AppContext, token: string): Promise<ApiKeyPrincipal> {
  // kqk_<prefix>_<secret>: the prefix finds the row, the keyed hash of the whole token must match.
  const m = /^kqk_([A-Za-z0-9]{12})_[A-Za-z0-9_-]{20,}$/.exec(token);
  if (!m) throw unauthenticated();
  const row = await findApiKeyByPrefix(ctx.db, m[1]);
  if (!row || !safeEqual(row.secretHash, ctx.keys.hmac(token)) || row.revokedAt !== null)
    throw unauthenticated();
  if (row.merchantStatus !== 'active') throw new AppError('MERCHANT_SUSPENDED', 403);
  await touchApiKey(ctx.db, row.id, now());
  const { merchantStatus: _, ...apiKey } = row;
  return { kind: 'api_key', apiKey, scopes: JSON.parse(apiKey.scopes) as ApiKeyScope[] };
}

const resolved = new WeakMap<FastifyRequest, Promise<Principal | null>>();

/** The caller, or null when the request carries no credentials at all. */
export function principalOf(
  ctx: AppContext,
  req: FastifyRequest,
  want: 'staff' | 'member',
): Promise<Principal | null> {
  let p = resolved.get(req);
  if (!p) {
    p = (async () => {
      const token = bearer(req);
      if (token?.startsWith('kqk_')) return apiKeyFromToken(ctx, token);
      if (token?.startsWith('kqm_')) return memberFromToken(ctx, token);
      if (token) return staffFromToken(ctx, token);
      const cookie = req.cookies[want === 'staff' ? STAFF_COOKIE : MEMBER_COOKIE];
      if (!cookie) return null;
      return want === 'staff' ? staffFromToken(ctx, cookie) : memberFromToken(ctx, cookie);
    })();
    resolved.set(req, p);
  }
  return p;
}

/** The keyed hash of the member token a request carries (bearer kqm_… or cookie), or null. */
export function memberTokenHash(ctx: AppContext, req: FastifyRequest): string | null {
  let token: string | null;
  try {
    token = bearer(req);
  } catch {
    return null;
  }
  if (token && !token.startsWith('kqm_')) return null;
  token ??= req.cookies[MEMBER_COOKIE] ?? null;
  return token ? ctx.keys.hmac(token) : null;
}

/**
 * The member session a lookup of this process found live a moment ago, without looking it up
 * again — or null (look it up). Only for a write whose own statement proves the session before
 * it writes (the online redemption's batch); anything else calls requireMember.
 */
export function recentMemberOf(ctx: AppContext, req: FastifyRequest): RecentMember | null {
  if (ctx.database.engine !== 'postgres') return null;
  const hash = memberTokenHash(ctx, req);
  return (hash && recentMember(ctx, hash)) || null;
}

/** Staff with one of the roles (any role when none given). */
export async function requireStaff(
  ctx: AppContext,
  req: FastifyRequest,
  roles?: StaffRole[],
): Promise<StaffPrincipal> {
  const p = await principalOf(ctx, req, 'staff');
  if (!p) throw unauthenticated();
  if (p.kind !== 'staff' || (roles && !roles.includes(p.user.role))) throw forbidden();
  return p;
}

/** Merchant staff with one of the roles, or a merchant API key holding the scope. */
export async function requireMerchantCaller(
  ctx: AppContext,
  req: FastifyRequest,
  opts: { roles: StaffRole[]; scope?: ApiKeyScope },
): Promise<(StaffPrincipal | ApiKeyPrincipal) & { merchantId: number }> {
  const p = await principalOf(ctx, req, 'staff');
  if (!p) throw unauthenticated();
  if (p.kind === 'api_key') {
    if (!opts.scope || !p.scopes.includes(opts.scope)) throw forbidden();
    return { ...p, merchantId: p.apiKey.merchantId };
  }
  if (p.kind !== 'staff' || p.user.merchantId === null || !opts.roles.includes(p.user.role))
    throw forbidden();
  return { ...p, merchantId: p.user.merchantId };
}

export async function requireMember(ctx: AppContext, req: FastifyRequest): Promise<MemberPrincipal> {
  const p = await principalOf(ctx, req, 'member');
  if (!p) throw unauthenticated();
  if (p.kind !== 'member') throw forbidden();
  return p;
}
