// Redemption codes (兑换码): libraries (format and reward), generation batches (a background job
// that resumes after a restart), the codes themselves (found by keyed hash, stored encrypted),
// the merchant's redemption-center settings and the per-member daily redemption counters.
import { sql } from 'kysely';
import { type MigrationDb, notNull, withId } from './helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('code_settings')
    .addColumn('merchant_id', 'bigint', (c) => c.primaryKey().references('merchants.id'))
    .addColumn('fail_window_minutes', 'integer', notNull)
    .addColumn('max_failures', 'integer', notNull)
    .addColumn('freeze_hours', 'integer', notNull)
    .addColumn('ip_max_failures', 'integer', notNull)
    .addColumn('daily_limit', 'integer', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .execute();

  await withId(db, db.schema.createTable('code_libraries'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('format', 'text', notNull)
    .addColumn('template_id', 'bigint', (c) => c.notNull().references('voucher_templates.id'))
    .addColumn('reward', 'text', notNull)
    .addColumn('valid_from', 'bigint')
    .addColumn('valid_until', 'bigint')
    .addColumn('status', 'text', notNull)
    .addColumn('code_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .addCheckConstraint('code_libraries_format_ck', sql`format in ('mixed', 'mixed_clear', 'digits')`)
    .addCheckConstraint('code_libraries_status_ck', sql`status in ('active', 'disabled')`)
    .execute();
  await db.schema
    .createIndex('code_libraries_merchant_idx')
    .on('code_libraries')
    .columns(['merchant_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('code_batches'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('library_id', 'bigint', (c) => c.notNull().references('code_libraries.id'))
    .addColumn('requested', 'integer', notNull)
    .addColumn('generated', 'integer', notNull)
    .addColumn('next_serial', 'integer', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('error', 'text')
    .addColumn('lease_until', 'bigint', notNull)
    .addColumn('created_by', 'text', notNull)
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .addColumn('finished_at', 'bigint')
    .addCheckConstraint(
      'code_batches_status_ck',
      sql`status in ('queued', 'running', 'done', 'cancelled', 'failed')`,
    )
    .execute();
  await db.schema
    .createIndex('code_batches_library_idx')
    .on('code_batches')
    .columns(['merchant_id', 'library_id', 'id'])
    .execute();
  await db.schema
    .createIndex('code_batches_status_idx')
    .on('code_batches')
    .columns(['status', 'id'])
    .execute();

  await withId(db, db.schema.createTable('redemption_codes'))
    .addColumn('merchant_id', 'bigint', notNull)
    .addColumn('library_id', 'bigint', notNull)
    .addColumn('batch_id', 'bigint')
    .addColumn('serial', 'integer', notNull)
    .addColumn('code_hash', 'text', notNull)
    .addColumn('code_enc', 'text', notNull)
    .addColumn('code_tail', 'text', notNull)
    .addColumn('state', 'text', notNull)
    .addColumn('source_ref', 'text')
    .addColumn('voucher_id', 'bigint')
    .addColumn('member_id', 'bigint')
    .addColumn('order_id', 'bigint')
    .addColumn('redeemed_via', 'text')
    .addColumn('redeemed_at', 'bigint')
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .execute();
  // Uniqueness is the database's job: a generated duplicate is simply not inserted.
  await db.schema
    .createIndex('redemption_codes_hash_uq')
    .on('redemption_codes')
    .columns(['merchant_id', 'code_hash'])
    .unique()
    .execute();
  await db.schema
    .createIndex('redemption_codes_library_idx')
    .on('redemption_codes')
    .columns(['library_id', 'id'])
    .execute();
  await db.schema
    .createIndex('redemption_codes_batch_idx')
    .on('redemption_codes')
    .columns(['merchant_id', 'batch_id', 'serial'])
    .execute();
  await db.schema
    .createIndex('redemption_codes_source_uq')
    .on('redemption_codes')
    .columns(['merchant_id', 'source_ref'])
    .unique()
    .execute();
  await db.schema
    .createIndex('redemption_codes_member_idx')
    .on('redemption_codes')
    .columns(['member_id', 'id'])
    .execute();

  await db.schema
    .createTable('code_daily_counts')
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('day', 'text', notNull)
    .addColumn('merchant_id', 'bigint', notNull)
    .addColumn('redeemed', 'integer', notNull)
    .addPrimaryKeyConstraint('code_daily_counts_pk', ['member_id', 'day'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const t of [
    'code_daily_counts',
    'redemption_codes',
    'code_batches',
    'code_libraries',
    'code_settings',
  ])
    await db.schema.dropTable(t).execute();
}
