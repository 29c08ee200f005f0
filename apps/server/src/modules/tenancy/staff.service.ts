// Merchant staff: owners run everything, managers run stores, members and verifiers, verifiers
// verify in their stores (S2.4). Revoking an account ends its sessions in the same transaction.
import type { StaffRole, StaffUser } from '@kaquan/contracts';
import { hash } from '@node-rs/argon2';
import type { Static } from '@sinclair/typebox';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/database.ts';
import type { Executor, StaffUserRow } from '../../db/schema.ts';
import { AppError, isUniqueViolation, notFound } from '../../http/errors.ts';
import { iso, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { revokeStaffSessions } from './session.repo.ts';
import * as repo from './staff.repo.ts';
import { countOwnStores } from './store.repo.ts';
import type { CreateStaffBody, ListQuery, UpdateStaffBody } from './tenancy.schemas.ts';

export const toStaffUser = (r: StaffUserRow, storeIds: number[]): StaffUser => ({
  id: r.id,
  merchantId: r.merchantId,
  login: r.login,
  name: r.name,
  role: r.role,
  status: r.status,
  allStores: r.allStores === 1,
  storeIds: r.allStores === 1 ? [] : storeIds,
  createdAt: iso(r.createdAt),
});

export const normalizeLogin = (login: string) => login.trim().toLowerCase();
export const hashPassword = (password: string) => hash(password);

/** Which roles a caller may create or manage. */
function manageableRoles(role: StaffRole): StaffRole[] {
  if (role === 'owner') return ['owner', 'manager', 'verifier'];
  if (role === 'manager') return ['verifier'];
  return [];
}

async function assertStores(exec: Executor, merchantId: number, storeIds: number[]) {
  if ((await countOwnStores(exec, merchantId, storeIds)) !== storeIds.length) {
    throw new AppError('STORE_NOT_IN_MERCHANT', 400);
  }
}

export async function createStaffUser(
  ctx: AppContext,
  exec: Executor,
  actor: Actor,
  merchantId: number,
  input: Static<typeof CreateStaffBody>,
  callerRole?: StaffRole,
): Promise<StaffUser> {
  if (callerRole && !manageableRoles(callerRole).includes(input.role))
    throw new AppError('ROLE_NOT_ALLOWED', 403);
  const allStores = input.role !== 'verifier' || input.allStores === true;
  const storeIds = allStores ? [] : (input.storeIds ?? []);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(exec, async (trx) => {
    await assertStores(trx, merchantId, storeIds);
    let row: StaffUserRow;
    try {
      row = await repo.insertStaff(trx, {
        merchantId,
        login: normalizeLogin(input.login),
        name: input.name,
        role: input.role,
        passwordHash,
        allStores: allStores ? 1 : 0,
        at: now(),
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('LOGIN_TAKEN', 409);
      throw err;
    }
    await repo.replaceScopes(trx, merchantId, row.id, storeIds);
    const user = toStaffUser(row, storeIds);
    await recordAudit(trx, actor, {
      merchantId,
      action: 'staff.create',
      targetType: 'staff',
      targetId: row.id,
      after: user,
    });
    ctx.log.debug({ staffId: row.id }, 'staff created');
    return user;
  });
}

export async function listStaff(exec: Executor, merchantId: number, q: Static<typeof ListQuery>) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await repo.listStaff(exec, merchantId, q, pageSize, (page - 1) * pageSize);
  const scopes = await repo.scopesOf(
    exec,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toStaffUser(r, scopes.get(r.id) ?? [])), total, page, pageSize };
}

/** A staff account the caller may manage; others of the merchant are 403, other merchants' 404. */
async function manageable(exec: Executor, merchantId: number, callerRole: StaffRole, id: number) {
  const row = await repo.findStaff(exec, merchantId, id);
  if (!row) throw notFound('staff');
  if (!manageableRoles(callerRole).includes(row.role)) throw new AppError('FORBIDDEN', 403);
  return row;
}

export async function updateStaffUser(
  exec: Executor,
  actor: Actor & { merchantId: number },
  callerRole: StaffRole,
  id: number,
  patch: Static<typeof UpdateStaffBody>,
): Promise<StaffUser> {
  if (patch.role && !manageableRoles(callerRole).includes(patch.role))
    throw new AppError('ROLE_NOT_ALLOWED', 403);
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return inTransaction(exec, async (trx) => {
    const before = await manageable(trx, actor.merchantId, callerRole, id);
    const beforeScopes = await repo.scopedStoreIds(trx, id);
    const role = patch.role ?? before.role;
    if (
      before.role === 'owner' &&
      role !== 'owner' &&
      (await repo.countActiveOwners(trx, actor.merchantId)) <= 1
    ) {
      throw new AppError('LAST_OWNER', 409);
    }
    const allStores = role !== 'verifier' || (patch.allStores ?? before.allStores === 1);
    const storeIds = allStores ? [] : (patch.storeIds ?? beforeScopes);
    await assertStores(trx, actor.merchantId, storeIds);
    const after = await repo.updateStaff(
      trx,
      id,
      { name: patch.name, role, allStores: allStores ? 1 : 0, passwordHash },
      now(),
    );
    if (!after) throw notFound('staff');
    await repo.replaceScopes(trx, actor.merchantId, id, storeIds);
    // A narrower scope or a new password takes effect at once: end the account's sessions.
    if (passwordHash) await revokeStaffSessions(trx, id, now());
    const result = toStaffUser(after, storeIds);
    await recordAudit(trx, actor, {
      action: 'staff.update',
      targetType: 'staff',
      targetId: id,
      before: toStaffUser(before, beforeScopes),
      after: result,
    });
    return result;
  });
}

export async function setStaffStatus(
  exec: Executor,
  actor: Actor & { merchantId: number },
  callerRole: StaffRole,
  id: number,
  status: 'active' | 'revoked',
): Promise<StaffUser> {
  return inTransaction(exec, async (trx) => {
    const before = await manageable(trx, actor.merchantId, callerRole, id);
    if (
      status === 'revoked' &&
      before.role === 'owner' &&
      (await repo.countActiveOwners(trx, actor.merchantId)) <= 1
    ) {
      throw new AppError('LAST_OWNER', 409);
    }
    const from = status === 'revoked' ? 'active' : 'revoked';
    const after = await repo.updateStaff(trx, id, { status }, now(), from);
    const scopes = await repo.scopedStoreIds(trx, id);
    if (!after) return toStaffUser(before, scopes);
    if (status === 'revoked') await revokeStaffSessions(trx, id, now());
    await recordAudit(trx, actor, {
      action: status === 'revoked' ? 'staff.revoke' : 'staff.restore',
      targetType: 'staff',
      targetId: id,
      before: { status: from },
      after: { status },
    });
    return toStaffUser(after, scopes);
  });
}
