import type { Executor } from '../../db/schema.ts';

export function findApiKeyByPrefix(exec: Executor, prefix: string) {
  return exec
    .selectFrom('apiKeys as k')
    .innerJoin('merchants as m', 'm.id', 'k.merchantId')
    .where('k.prefix', '=', prefix)
    .selectAll('k')
    .select('m.status as merchantStatus')
    .executeTakeFirst();
}

export function listApiKeys(exec: Executor, merchantId: number) {
  return exec
    .selectFrom('apiKeys')
    .where('merchantId', '=', merchantId)
    .orderBy('id', 'desc')
    .selectAll()
    .execute();
}

export function insertApiKey(
  exec: Executor,
  k: {
    merchantId: number;
    name: string;
    prefix: string;
    secretHash: string;
    scopes: string;
    createdBy: number;
    at: number;
  },
) {
  return exec
    .insertInto('apiKeys')
    .values({
      merchantId: k.merchantId,
      name: k.name,
      prefix: k.prefix,
      secretHash: k.secretHash,
      scopes: k.scopes,
      createdBy: k.createdBy,
      createdAt: k.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function revokeApiKey(exec: Executor, merchantId: number, id: number, at: number) {
  return exec
    .updateTable('apiKeys')
    .set({ revokedAt: at })
    .where('id', '=', id)
    .where('merchantId', '=', merchantId)
    .where('revokedAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export function findApiKey(exec: Executor, merchantId: number, id: number) {
  return exec
    .selectFrom('apiKeys')
    .where('id', '=', id)
    .where('merchantId', '=', merchantId)
    .selectAll()
    .executeTakeFirst();
}

/** At most one write a minute per key: last-used is for humans, not an access log. */
export async function touchApiKey(exec: Executor, id: number, at: number) {
  await exec
    .updateTable('apiKeys')
    .set({ lastUsedAt: at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lastUsedAt', 'is', null), eb('lastUsedAt', '<', at - 60_000)]))
    .execute();
}
