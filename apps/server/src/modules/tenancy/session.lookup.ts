// Session lookups for every authenticated request. On PostgreSQL the lookups of requests arriving
// together are gathered into one query (lib/batcher.ts): under load one round trip serves dozens
// of requests, and each still reads the database, so logout and revocation take effect at once.
// SQLite runs in-process and answers each lookup directly.
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
  const row =
    ctx.database.engine === 'postgres'
      ? await lookups(ctx).member(tokenHash)
      : await findMemberSession(ctx.db, tokenHash, now());
  return strip(row);
}
