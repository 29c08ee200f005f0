import { containsAny, pageOf } from '../../db/query.ts';
import type { Executor } from '../../db/schema.ts';

export const findMerchant = (exec: Executor, id: number) =>
  exec.selectFrom('merchants').where('id', '=', id).selectAll().executeTakeFirst();

export const findMerchantBySlug = (exec: Executor, slug: string) =>
  exec.selectFrom('merchants').where('slug', '=', slug).selectAll().executeTakeFirst();

export async function listMerchants(
  exec: Executor,
  f: { q?: string; status?: 'active' | 'suspended' },
  limit: number,
  offset: number,
) {
  let q = exec.selectFrom('merchants');
  if (f.status) q = q.where('status', '=', f.status);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => containsAny(eb, ['name', 'slug'], text));
  }
  return pageOf(q, (q) => q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset));
}

export function insertMerchant(
  exec: Executor,
  m: { name: string; slug: string; timeZone: string; at: number },
) {
  return exec
    .insertInto('merchants')
    .values({
      name: m.name,
      slug: m.slug,
      timeZone: m.timeZone,
      status: 'active',
      createdAt: m.at,
      updatedAt: m.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateMerchant(
  exec: Executor,
  id: number,
  patch: { name?: string; timeZone?: string; status?: 'active' | 'suspended' },
  at: number,
  expectStatus?: 'active' | 'suspended',
) {
  let q = exec
    .updateTable('merchants')
    .set({ ...patch, updatedAt: at })
    .where('id', '=', id);
  if (expectStatus) q = q.where('status', '=', expectStatus);
  return q.returningAll().executeTakeFirst();
}
