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
