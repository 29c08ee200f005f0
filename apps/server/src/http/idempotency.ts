// Idempotency-Key for retryable writes. The key is claimed with an INSERT in the same
// transaction as the write it guards and the response is stored before commit, so a replay
// (sequential or concurrent, in any process) returns the first response and changes nothing.
// A request that fails changes nothing and stores nothing: retrying it runs it again.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { sha256 } from '../lib/keys.ts';
import { now } from '../lib/time.ts';
import { AppError } from './errors.ts';

export interface WriteResult<T> {
  status: number;
  body: T;
}

const KEY_RE = /^[\x21-\x7e]{1,200}$/;

/** The Idempotency-Key of a request as stored: its scope, the key and what the request was. */
export interface IdempotencyKey {
  merchantId: number;
  key: string;
  fingerprint: string;
}

/** The request's key, or null without the header; a malformed key is refused. */
export function idempotencyKeyOf(
  req: FastifyRequest,
  scope: { merchantId: number | null; principal: string },
): IdempotencyKey | null {
  const header = req.headers['idempotency-key'];
  if (header === undefined) return null;
  const key = Array.isArray(header) ? header[0] : header;
  if (!KEY_RE.test(key)) throw new AppError('IDEMPOTENCY_KEY_INVALID', 400);
  const fingerprint = sha256(
    JSON.stringify([scope.principal, req.method, req.routeOptions.url, req.params, req.body ?? null]),
  );
  return { merchantId: scope.merchantId ?? 0, key, fingerprint };
}

export async function idempotent<T>(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  scope: { merchantId: number | null; principal: string },
  run: (trx: Transaction<DB>) => Promise<WriteResult<T>>,
): Promise<T> {
  const idem = idempotencyKeyOf(req, scope);
  if (idem === null) {
    const result = await ctx.db.transaction().execute(run);
    reply.code(result.status);
    return result.body;
  }
  const { merchantId, key, fingerprint } = idem;

  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('idempotencyKeys')
      .values({ merchantId, key, fingerprint, createdAt: now() })
      .onConflict((oc) => oc.columns(['merchantId', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const first = await trx
        .selectFrom('idempotencyKeys')
        .where('merchantId', '=', merchantId)
        .where('key', '=', key)
        .selectAll()
        .executeTakeFirstOrThrow();
      if (first.fingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_KEY_REUSED', 422);
      return {
        status: first.statusCode ?? 200,
        body: JSON.parse(first.responseBody ?? 'null') as T,
        replayed: true,
      };
    }
    const result = await run(trx);
    await trx
      .updateTable('idempotencyKeys')
      .set({ statusCode: result.status, responseBody: JSON.stringify(result.body) })
      .where('merchantId', '=', merchantId)
      .where('key', '=', key)
      .execute();
    return { ...result, replayed: false };
  });
  reply.code(outcome.status);
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return outcome.body;
}
