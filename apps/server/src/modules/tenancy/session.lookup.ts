// Session lookups for every authenticated request. On PostgreSQL the lookups of requests arriving
// together are gathered into one query (lib/batcher.ts): under load one round trip serves dozens
// of requests, and each still reads the database, so logout and revocation take effect at once.
// SQLite runs in-process and answers each lookup directly.
//
// On PostgreSQL the member sessions a lookup found live are also kept for a while (recentMember):
// an online redemption may skip its lookup only because its batch's statement proves the session
// again — live, not revoked, its member active with the same phone, its merchant active — before
// it writes anything (codes/redemption.write.ts, decision 007). Nothing else trusts this memory.
import type { AppContext } from '../../context.ts';
import { type Batcher, batchSlots, createBatcher, onePer } from '../../lib/batcher.ts';
import { now } from '../../lib/time.ts';
import {
  findMemberSession,
  findMemberSessions,
  findStaffSession,
  findStaffSessions,
} from './session.repo.ts';

type StaffSession = Awaited<ReturnType<typeof findStaffSession>>;
type MemberSession = Awaited<ReturnType<typeof findMemberSession>>;

interface Lookups {
  staff: Batcher<string, StaffSession>;
  member: Batcher<string, MemberSession>;
}

/** Rows by token hash, answered in the order asked (a hash asked twice gets the same row). */
const byHash = <R extends { tokenHash: string }>(hashes: string[], rows: R[]) => {
  const found = new Map(rows.map((r) => [r.tokenHash, r]));
  return hashes.map((h) => found.get(h));
};

const lookups = onePer((ctx: AppContext): Lookups => {
  const inFlight = batchSlots(ctx.config.dbPoolSize);
  return {
    staff: createBatcher({
      maxBatch: 256,
      inFlight,
      run: async (hashes) => byHash(hashes, await findStaffSessions(ctx.db, [...new Set(hashes)], now())),
    }),
    member: createBatcher({
      maxBatch: 256,
      inFlight,
      run: async (hashes) => byHash(hashes, await findMemberSessions(ctx.db, [...new Set(hashes)], now())),
    }),
  };
});

const strip = <R extends { tokenHash: string } | undefined>(row: R) => {
  if (!row) return undefined;
  const { tokenHash: _, ...rest } = row;
  return rest;
};

export async function staffSessionOf(ctx: AppContext, tokenHash: string) {
  const row =
    ctx.database.engine === 'postgres'
      ? await lookups(ctx).staff(tokenHash)
      : await findStaffSession(ctx.db, tokenHash, now());
  return strip(row);
}

export async function memberSessionOf(ctx: AppContext, tokenHash: string) {
  if (ctx.database.engine !== 'postgres') return strip(await findMemberSession(ctx.db, tokenHash, now()));
  const row = strip(await lookups(ctx).member(tokenHash));
  if (row && row.status === 'active' && row.merchantStatus === 'active') rememberMember(ctx, tokenHash, row);
  else forgetMember(ctx, tokenHash);
  return row;
}

/** How long a member session found live is kept for redemptions to prove in their statement. */
export const RECENT_MEMBER_MS = 10 * 60_000;
/** Most member sessions kept per app (the oldest go first). */
const RECENT_MEMBERS_MAX = 100_000;

/** What a redemption takes from a session it did not look up, each part proven by its statement. */
export interface RecentMember {
  sessionId: number;
  tokenHash: string;
  memberId: number;
  merchantId: number;
  phone: string;
}

const recentMembers = onePer((_: AppContext) => new Map<string, RecentMember & { seenAt: number }>());

function rememberMember(
  ctx: AppContext,
  tokenHash: string,
  row: { sessionId: number; id: number; merchantId: number; phone: string },
) {
  const kept = recentMembers(ctx);
  kept.delete(tokenHash);
  if (kept.size >= RECENT_MEMBERS_MAX) kept.delete(kept.keys().next().value!);
  kept.set(tokenHash, {
    sessionId: row.sessionId,
    tokenHash,
    memberId: row.id,
    merchantId: row.merchantId,
    phone: row.phone,
    seenAt: now(),
  });
}

/** Forgets a member session kept here (logout, or a statement that could not prove it). */
export function forgetMember(ctx: AppContext, tokenHash: string) {
  recentMembers(ctx).delete(tokenHash);
}

/**
 * The member session of `tokenHash` as a lookup of this process found it live in the last
 * RECENT_MEMBER_MS, or undefined. Not proof of anything: only for a statement that proves it.
 */
export function recentMember(ctx: AppContext, tokenHash: string): RecentMember | undefined {
  const kept = recentMembers(ctx).get(tokenHash);
  if (!kept || now() - kept.seenAt > RECENT_MEMBER_MS) return undefined;
  const { seenAt: _, ...member } = kept;
  return member;
}

/** Member session lookups run so far and the requests they answered (for benchmarks and tests). */
export const memberLookupStats = (ctx: AppContext) => lookups(ctx).member.stats();
