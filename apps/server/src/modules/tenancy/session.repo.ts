import type { Executor } from '../../db/schema.ts';

export async function insertSession(
  exec: Executor,
  s: {
    tokenHash: string;
    kind: 'staff' | 'member';
    staffId?: number;
    memberId?: number;
    merchantId: number | null;
    createdAt: number;
    expiresAt: number;
    ip: string | null;
  },
) {
  return exec
    .insertInto('sessions')
    .values({
      tokenHash: s.tokenHash,
      kind: s.kind,
      staffId: s.staffId ?? null,
      memberId: s.memberId ?? null,
      merchantId: s.merchantId,
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      ip: s.ip,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The live staff session for a token hash, with its user and merchant, in one query. */
export function findStaffSession(exec: Executor, tokenHash: string, at: number) {
  return exec
    .selectFrom('sessions as s')
    .innerJoin('staffUsers as u', 'u.id', 's.staffId')
    .leftJoin('merchants as m', 'm.id', 'u.merchantId')
    .where('s.tokenHash', '=', tokenHash)
    .where('s.kind', '=', 'staff')
    .where('s.revokedAt', 'is', null)
    .where('s.expiresAt', '>', at)
    .select([
      's.id as sessionId',
      'u.id',
      'u.merchantId',
      'u.login',
      'u.name',
      'u.role',
      'u.status',
      'u.allStores',
      'u.passwordHash',
      'u.createdAt',
      'u.updatedAt',
      'm.status as merchantStatus',
    ])
    .executeTakeFirst();
}

export function findMemberSession(exec: Executor, tokenHash: string, at: number) {
  return exec
    .selectFrom('sessions as s')
    .innerJoin('members as mb', 'mb.id', 's.memberId')
    .innerJoin('merchants as m', 'm.id', 'mb.merchantId')
    .where('s.tokenHash', '=', tokenHash)
    .where('s.kind', '=', 'member')
    .where('s.revokedAt', 'is', null)
    .where('s.expiresAt', '>', at)
    .selectAll('mb')
    .select([
      's.id as sessionId',
      'm.status as merchantStatus',
      'm.slug as merchantSlug',
      'm.name as merchantName',
    ])
    .executeTakeFirst();
}

export async function revokeSession(exec: Executor, sessionId: number, at: number) {
  await exec
    .updateTable('sessions')
    .set({ revokedAt: at })
    .where('id', '=', sessionId)
    .where('revokedAt', 'is', null)
    .execute();
}

export async function revokeStaffSessions(exec: Executor, staffId: number, at: number) {
  await exec
    .updateTable('sessions')
    .set({ revokedAt: at })
    .where('staffId', '=', staffId)
    .where('revokedAt', 'is', null)
    .execute();
}
