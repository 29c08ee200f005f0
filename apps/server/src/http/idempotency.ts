// Idempotency-Key for retryable writes. The key is claimed with an INSERT in the same
// transaction as the write it guards and the response is stored before commit, so a replay
// (sequential or concurrent, in any process) returns the first response and changes nothing.
// A request that fails changes nothing and stores nothing: retrying it runs it again.
// Stored answers are sealed (AES-GCM under the app's key): they can hold voucher codes, card keys
// and API key secrets, which never lie in the database in the clear.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../context.ts';
import { prepared } from '../db/prepared.ts';
import type { DB } from '../db/schema.ts';
import { type Keys, sha256 } from '../lib/keys.ts';
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

/** The field of a stored answer that holds the answer, or a part of it, sealed. */
export const SEALED = '$sealed';

/** An answer as stored: `{"$sealed": …}`, the JSON of the answer encrypted. */
export const sealAnswer = (keys: Keys, body: unknown) =>
  JSON.stringify({ [SEALED]: keys.encrypt(JSON.stringify(body)) });

/**
 * A stored answer opened: each object holding `$sealed` (the whole answer, or a part a batch
 * statement stored around ids it made: `{"id": 7, "$sealed": …}`) becomes what was sealed with
 * the object's other fields. Answers stored before sealing read as they were.
 */
export function openAnswer(keys: Keys, stored: string | null): unknown {
  const open = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(open);
    if (v === null || typeof v !== 'object') return v;
    const { [SEALED]: sealed, ...rest } = v as Record<string, unknown>;
    if (typeof sealed !== 'string')
      return Object.fromEntries(Object.entries(rest).map(([k, x]) => [k, open(x)]));
    const inner = JSON.parse(keys.decrypt(sealed)) as unknown;
    return Object.keys(rest).length === 0 ? inner : { ...(inner as object), ...rest };
  };
  return open(JSON.parse(stored ?? 'null'));
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
        body: openAnswer(ctx.keys, first.responseBody) as T,
        replayed: true,
      };
    }
    const result = await run(trx);
    await trx
      .updateTable('idempotencyKeys')
      .set({ statusCode: result.status, responseBody: sealAnswer(ctx.keys, result.body) })
      .where('merchantId', '=', merchantId)
      .where('key', '=', key)
      .execute();
    return { ...result, replayed: false };
  });
  reply.code(outcome.status);
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return outcome.body;
}

// ── batches ──────────────────────────────────────────────────────────────────────────────────────
// A write path that makes many requests in one transaction (a batch) keeps the same promise: each
// keyed request it makes claims its key and stores its answer in that transaction. A key it finds
// taken (a retry, or the same key twice in one batch) is not its to answer: that request goes the
// way of `idempotent`, which replays the first answer. A key it claimed for a request it then did
// not make is let go before commit, so `idempotent` claims it again.

/** Claims the keys of one merchant's batch; the keys the batch now holds. */
export async function claimKeys(
  trx: Transaction<DB>,
  merchantId: number,
  idems: (IdempotencyKey | null)[],
): Promise<Set<string>> {
  const byKey = new Map<string, IdempotencyKey>();
  for (const i of idems) if (i && !byKey.has(i.key)) byKey.set(i.key, i);
  const keys = [...byKey.values()];
  if (keys.length === 0) return new Set();
  const { rows } = await prepared(
    'idempotency.claim_many',
    sql<{ key: string }>`
    insert into idempotency_keys (merchant_id, key, fingerprint, created_at)
    select ${merchantId}, t.key, t.fingerprint, ${now()}
    from unnest(${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.fingerprint)}::text[]) as t(key, fingerprint)
    on conflict (merchant_id, key) do nothing
    returning key`,
  ).execute(trx);
  return new Set(rows.map((r) => r.key));
}

/** Stores the answers of the keyed requests a batch made (sealed). */
export async function storeAnswers(
  keys: Keys,
  trx: Transaction<DB>,
  merchantId: number,
  status: number,
  answers: { key: string; body: unknown }[],
) {
  if (answers.length === 0) return;
  await prepared(
    'idempotency.store_many',
    sql`
    update idempotency_keys k set status_code = ${status}, response_body = t.body
    from unnest(${answers.map((a) => a.key)}::text[], ${answers.map((a) => sealAnswer(keys, a.body))}::text[]) as t(key, body)
    where k.merchant_id = ${merchantId} and k.key = t.key`,
  ).execute(trx);
}

/** Lets go of the keys a batch holds that none of the requests it made carried. */
export async function releaseKeys(
  trx: Transaction<DB>,
  merchantId: number,
  held: Set<string>,
  made: { idem: IdempotencyKey | null }[],
) {
  const used = new Set(made.map((m) => m.idem?.key));
  const unused = [...held].filter((key) => !used.has(key));
  if (unused.length === 0) return;
  await trx
    .deleteFrom('idempotencyKeys')
    .where('merchantId', '=', merchantId)
    .where('key', 'in', unused)
    .execute();
}

/**
 * The requests of a batch that may go on, by index: of each key only the first, and only when the
 * batch holds it; with `same`, only the first of each value (a code entered twice, say).
 */
export function firstOfEach<T extends { idem: IdempotencyKey | null }>(
  batch: T[],
  held: Set<string>,
  same?: (item: T) => string,
): number[] {
  const keys = new Set<string>();
  const seen = new Set<string>();
  return batch.flatMap((r, k) => {
    if (r.idem) {
      if (keys.has(r.idem.key) || !held.has(r.idem.key)) return [];
      keys.add(r.idem.key);
    }
    if (same) {
      const s = same(r);
      if (seen.has(s)) return [];
      seen.add(s);
    }
    return [k];
  });
}
