import type { AppContext } from './context.ts';
import { AppError, isUniqueViolation } from './http/errors.ts';
import { now } from './lib/time.ts';
import { recordAudit, SYSTEM_ACTOR } from './modules/audit/audit.service.ts';
import { insertStaff } from './modules/tenancy/staff.repo.ts';
import { hashPassword, normalizeLogin, toStaffUser } from './modules/tenancy/staff.service.ts';

/** A platform operator account (CLI only: operators are not created over HTTP). */
export async function createOperator(
  ctx: AppContext,
  input: { login: string; name: string; password: string },
) {
  if (input.password.length < 8) throw new Error('the password needs at least 8 characters');
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    try {
      const row = await insertStaff(trx, {
        merchantId: null,
        login: normalizeLogin(input.login),
        name: input.name,
        role: 'operator',
        passwordHash,
        allStores: 1,
        at: now(),
      });
      await recordAudit(
        trx,
        { ...SYSTEM_ACTOR, name: 'cli' },
        { action: 'operator.create', targetType: 'staff', targetId: row.id, after: toStaffUser(row, []) },
      );
      return toStaffUser(row, []);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('LOGIN_TAKEN', 409);
      throw err;
    }
  });
}
