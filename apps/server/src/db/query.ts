// Small query helpers shared by the repos of every module.
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';

/** Rows of one page and the total count of the same filtered query. */
export async function pageOf<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, object>,
  page: (q: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, O>,
): Promise<{ rows: O[]; total: number }> {
  const [rows, count] = await Promise.all([
    page(q).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow() as Promise<{ n: number }>,
  ]);
  return { rows, total: Number(count.n) };
}

/** `col like %text%` on any of the columns, with LIKE wildcards in the text taken literally. */
export function containsAny<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  columns: string[],
  text: string,
) {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return eb.or(columns.map((c) => sql<boolean>`${sql.ref(c)} like ${pattern} escape '\\'`));
}
