import { containsAny, pageOf } from '../../db/query.ts';
import type { Executor } from '../../db/schema.ts';

export const findMember = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('members')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export const findMemberByPhone = (exec: Executor, merchantId: number, phone: string) =>
  exec
    .selectFrom('members')
    .where('merchantId', '=', merchantId)
    .where('phone', '=', phone)
    .selectAll()
    .executeTakeFirst();

export async function listMembers(
  exec: Executor,
  merchantId: number,
  f: { q?: string },
  limit: number,
  offset: number,
) {
  let q = exec.selectFrom('members').where('merchantId', '=', merchantId);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => containsAny(eb, ['name', 'phone', 'external_id'], text));
  }
  return pageOf(q, (q) => q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset));
}

/** Inserts the member unless the phone is already one; returns the new row or nothing. */
export function insertMemberIfNew(
  exec: Executor,
  m: { merchantId: number; name: string; phone: string; externalId: string | null; at: number },
) {
  return exec
    .insertInto('members')
    .values({
      merchantId: m.merchantId,
      name: m.name,
      phone: m.phone,
      externalId: m.externalId,
      status: 'active',
      createdAt: m.at,
      updatedAt: m.at,
    })
    .onConflict((oc) => oc.columns(['merchantId', 'phone']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function insertSmsCode(
  exec: Executor,
  c: { merchantId: number; phone: string; codeHash: string; expiresAt: number; at: number },
) {
  return exec
    .insertInto('smsCodes')
    .values({
      merchantId: c.merchantId,
      phone: c.phone,
      codeHash: c.codeHash,
      attempts: 0,
      expiresAt: c.expiresAt,
      createdAt: c.at,
    })
    .execute();
}

/** The newest code sent to the phone that can still be used. */
export const findLiveSmsCode = (
  exec: Executor,
  merchantId: number,
  phone: string,
  at: number,
  maxAttempts: number,
) =>
  exec
    .selectFrom('smsCodes')
    .where('merchantId', '=', merchantId)
    .where('phone', '=', phone)
    .where('consumedAt', 'is', null)
    .where('expiresAt', '>', at)
    .where('attempts', '<', maxAttempts)
    .orderBy('id', 'desc')
    .selectAll()
    .executeTakeFirst();

export const spendSmsAttempt = (exec: Executor, id: number, maxAttempts: number) =>
  exec
    .updateTable('smsCodes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('attempts', '<', maxAttempts)
    .where('consumedAt', 'is', null)
    .returning('attempts')
    .executeTakeFirst();

/** Single use: only one caller can consume a code, however many race for it. */
export const consumeSmsCode = (exec: Executor, id: number, at: number) =>
  exec
    .updateTable('smsCodes')
    .set({ consumedAt: at })
    .where('id', '=', id)
    .where('consumedAt', 'is', null)
    .returning('id')
    .executeTakeFirst();
