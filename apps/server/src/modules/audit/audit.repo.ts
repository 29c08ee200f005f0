import { type RawBuilder, sql } from 'kysely';
import { pageOf } from '../../db/query.ts';
import type { Executor, NewAuditLog } from '../../db/schema.ts';

export async function insertAudit(exec: Executor, rows: NewAuditLog[]) {
  await exec.insertInto('auditLog').values(rows).execute();
}

export interface AuditFilter {
  merchantId: number | null;
  action?: string;
  targetType?: string;
  targetId?: string;
  actorId?: number;
  from?: number;
  to?: number;
}

export async function listAudit(exec: Executor, f: AuditFilter, limit: number, offset: number) {
  let q = exec.selectFrom('auditLog');
  if (f.merchantId !== null) q = q.where('merchantId', '=', f.merchantId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.targetType) q = q.where('targetType', '=', f.targetType);
  if (f.targetId) q = q.where('targetId', '=', f.targetId);
  if (f.actorId !== undefined) q = q.where('actorId', '=', f.actorId);
  if (f.from !== undefined) q = q.where('at', '>=', f.from);
  if (f.to !== undefined) q = q.where('at', '<', f.to);
  return pageOf(q, (q) =>
    q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset),
  );
}

/** One audit row of a batch statement: who, and what the target was before and after. */
export interface BatchAuditEntry {
  actor: { type: string; id: number | null; name: string; ip: string | null; requestId: string | null };
  before?: unknown;
  after?: unknown;
}

/**
 * Targets of batch audit rows made in the statement itself: the rows of a CTE joined on the row
 * number `k` (`join`, e.g. `join rc using (k)`), the target's id and the row's `after` built in SQL
 * from them (an id the statement just made).
 */
export interface MadeTargets {
  join: RawBuilder<unknown>;
  id: RawBuilder<unknown>;
  after: RawBuilder<unknown>;
}

/**
 * The audit rows of a batch statement, as an `insert … select` to put in one of its CTEs: row i of
 * `entries` is about target i — either `ids` (the statement's own `ids` CTE of new rows, joined on
 * its row number `k`), the given target ids, or rows the statement made (`MadeTargets`).
 */
export function batchAuditInsert(o: {
  merchantId: number;
  at: number;
  action: string;
  targetType: string;
  entries: BatchAuditEntry[];
  targets: 'ids' | number[] | MadeTargets;
}) {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  const e = o.entries;
  const t = o.targets;
  const rows = sql`unnest(${e.map((x) => x.actor.type)}::text[], ${e.map((x) => x.actor.id)}::bigint[],
      ${e.map((x) => x.actor.name)}::text[], ${e.map((x) => json(x.before))}::text[], ${e.map((x) => json(x.after))}::text[],
      ${e.map((x) => x.actor.ip)}::text[], ${e.map((x) => x.actor.requestId)}::text[],
      ${Array.isArray(t) ? t.map(String) : e.map(() => null)}::text[])
    with ordinality as t(actor_type, actor_id, actor_name, before, after, ip, request_id, target_id, k)`;
  const target = t === 'ids' ? sql`ids.id::text` : Array.isArray(t) ? sql`t.target_id` : sql`(${t.id})::text`;
  const after = t === 'ids' || Array.isArray(t) ? sql`t.after` : sql`(${t.after})::text`;
  const join = t === 'ids' ? sql` join ids using (k)` : Array.isArray(t) ? sql`` : sql` ${t.join}`;
  return sql`
    insert into audit_log (merchant_id, actor_type, actor_id, actor_name, action, target_type, target_id,
                           before_json, after_json, ip, request_id, at)
    select ${o.merchantId}::bigint, t.actor_type, t.actor_id, t.actor_name, ${o.action}::text, ${o.targetType}::text,
           ${target}, t.before, ${after}, t.ip, t.request_id, ${o.at}::bigint
    from ${rows}${join}`;
}
