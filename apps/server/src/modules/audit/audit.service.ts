// One audit row per state change, written by the caller inside its own transaction, so the
// change and its record commit or roll back together.
import type { AuditEntry } from '@kaquan/contracts';
import type { Executor } from '../../db/schema.ts';
import { iso, now } from '../../lib/time.ts';
import { type AuditFilter, insertAudit, listAudit } from './audit.repo.ts';

export interface Actor {
  merchantId: number | null;
  type: 'staff' | 'member' | 'api_key' | 'system';
  id: number | null;
  name: string;
  ip: string | null;
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = {
  merchantId: null,
  type: 'system',
  id: null,
  name: 'system',
  ip: null,
  requestId: null,
};

export interface AuditChange {
  action: string;
  targetType: string;
  targetId: string | number;
  before?: unknown;
  after?: unknown;
  /** The merchant whose data changed, when it is not the actor's own (operator actions). */
  merchantId?: number | null;
}

export async function recordAudit(exec: Executor, actor: Actor, change: AuditChange): Promise<void> {
  await insertAudit(exec, [auditRow(actor, change, now())]);
}

/** Several audit rows in one insert (a batch of writes records each of its changes). */
export async function recordAudits(
  exec: Executor,
  entries: { actor: Actor; change: AuditChange }[],
): Promise<void> {
  if (entries.length === 0) return;
  const at = now();
  await insertAudit(
    exec,
    entries.map((e) => auditRow(e.actor, e.change, at)),
  );
}

const auditRow = (actor: Actor, change: AuditChange, at: number) => ({
  merchantId: change.merchantId !== undefined ? change.merchantId : actor.merchantId,
  actorType: actor.type,
  actorId: actor.id,
  actorName: actor.name,
  action: change.action,
  targetType: change.targetType,
  targetId: String(change.targetId),
  beforeJson: change.before === undefined ? null : JSON.stringify(change.before),
  afterJson: change.after === undefined ? null : JSON.stringify(change.after),
  ip: actor.ip,
  requestId: actor.requestId,
  at,
});

export async function searchAudit(exec: Executor, filter: AuditFilter, page: number, pageSize: number) {
  const { rows, total } = await listAudit(exec, filter, pageSize, (page - 1) * pageSize);
  const items: AuditEntry[] = rows.map((r) => ({
    id: r.id,
    merchantId: r.merchantId,
    actorType: r.actorType,
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    before: r.beforeJson === null ? null : JSON.parse(r.beforeJson),
    after: r.afterJson === null ? null : JSON.parse(r.afterJson),
    ip: r.ip,
    requestId: r.requestId,
    at: iso(r.at),
  }));
  return { items, total, page, pageSize };
}
