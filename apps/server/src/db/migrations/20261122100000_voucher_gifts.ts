// Gifting (转赠) and evaluations (评价) of vouchers.
import { sql } from 'kysely';
import { type MigrationDb, notNull, withId } from './helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('voucher_gifts'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('voucher_id', 'bigint', (c) => c.notNull().references('vouchers.id'))
    .addColumn('giver_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('receiver_id', 'bigint', (c) => c.references('members.id'))
    .addColumn('code_hash', 'text', notNull)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', notNull)
    .addColumn('expires_at', 'bigint', notNull)
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('closed_at', 'bigint')
    .addCheckConstraint(
      'voucher_gifts_status_ck',
      sql`status in ('pending', 'accepted', 'cancelled', 'returned')`,
    )
    .execute();
  await db.schema.createIndex('voucher_gifts_voucher_idx').on('voucher_gifts').column('voucher_id').execute();
  await db.schema
    .createIndex('voucher_gifts_pending_idx')
    .on('voucher_gifts')
    .columns(['status', 'expires_at'])
    .execute();

  await db.schema
    .createTable('voucher_evaluations')
    .addColumn('voucher_id', 'bigint', (c) => c.primaryKey().references('vouchers.id'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('template_id', 'bigint', (c) => c.notNull().references('voucher_templates.id'))
    .addColumn('store_id', 'bigint', (c) => c.notNull().references('stores.id'))
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 1 and 5`))
    .addColumn('text', 'text', notNull)
    .addColumn('at', 'bigint', notNull)
    .execute();
  await db.schema
    .createIndex('voucher_evaluations_merchant_idx')
    .on('voucher_evaluations')
    .columns(['merchant_id', 'at'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('voucher_evaluations').execute();
  await db.schema.dropTable('voucher_gifts').execute();
}
