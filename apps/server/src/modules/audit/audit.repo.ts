import { sql } from 'kysely';
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
 * The audit rows of a batch statement, as an `insert … select` to put in one of its CTEs: row i of
 * `entries` is about target i — either `ids` (the statement's own `ids` CTE of new rows, joined on
 * its row number `k`) or the given target ids.
 */
export function batchAuditInsert(o: {
  merchantId: number;
  at: number;
  action: string;
  targetType: string;
  entries: BatchAuditEntry[];
  targets: 'ids' | number[];
}) {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  const e = o.entries;
  const rows = sql`unnest(${e.map((x) => x.actor.type)}::text[], ${e.map((x) => x.actor.id)}::bigint[],
      ${e.map((x) => x.actor.name)}::text[], ${e.map((x) => json(x.before))}::text[], ${e.map((x) => json(x.after))}::text[],
      ${e.map((x) => x.actor.ip)}::text[], ${e.map((x) => x.actor.requestId)}::text[],
      ${o.targets === 'ids' ? e.map(() => null) : o.targets.map(String)}::text[])
    with ordinality as t(actor_type, actor_id, actor_name, before, after, ip, request_id, target_id, k)`;
  return sql`
    insert into audit_log (merchant_id, actor_type, actor_id, actor_name, action, target_type, target_id,
                           before_json, after_json, ip, request_id, at)
    select ${o.merchantId}::bigint, t.actor_type, t.actor_id, t.actor_name, ${o.action}::text, ${o.targetType}::text,
           ${o.targets === 'ids' ? sql`ids.id::text` : sql`t.target_id`}, t.before, t.after, t.ip, t.request_id, ${o.at}::bigint
    from ${rows}${o.targets === 'ids' ? sql` join ids using (k)` : sql``}`;
}
