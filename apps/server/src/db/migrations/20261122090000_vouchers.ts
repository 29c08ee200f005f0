// Vouchers: templates (reviewed before use), vouchers (one lifecycle for every channel),
// per-member holding counters, and verification records (with undo).
import { sql } from 'kysely';
import { type MigrationDb, notNull, withId } from './helpers.ts';

const zero = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('voucher_settings')
    .addColumn('merchant_id', 'bigint', (c) => c.primaryKey().references('merchants.id'))
    .addColumn('undo_window_minutes', 'integer', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .execute();

  await withId(db, db.schema.createTable('voucher_templates'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('merchant_name', 'text', notNull)
    .addColumn('conditions', 'text', notNull)
    .addColumn('goods_name', 'text')
    .addColumn('goods_quantity', 'integer')
    .addColumn('amount_cents', 'integer')
    .addColumn('threshold_cents', 'integer')
    .addColumn('percent_off', 'integer')
    .addColumn('cap_cents', 'integer')
    .addColumn('image_url', 'text')
    .addColumn('logo_url', 'text')
    .addColumn('validity_kind', 'text', notNull)
    .addColumn('valid_from', 'bigint')
    .addColumn('valid_until', 'bigint')
    .addColumn('valid_days', 'integer')
    .addColumn('use_week', 'text', notNull)
    .addColumn('all_stores', 'integer', zero)
    .addColumn('per_member_limit', 'integer', zero)
    .addColumn('is_giving', 'integer', zero)
    .addColumn('is_self', 'integer', zero)
    .addColumn('service_phone', 'text', notNull)
    .addColumn('claim_notice', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('review_flags', 'text', notNull)
    .addColumn('review_reason', 'text')
    .addColumn('reviewed_by', 'bigint')
    .addColumn('reviewed_at', 'bigint')
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .execute();
  await db.schema
    .createIndex('voucher_templates_merchant_idx')
    .on('voucher_templates')
    .columns(['merchant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('voucher_templates_status_idx')
    .on('voucher_templates')
    .columns(['status', 'id'])
    .execute();

  await db.schema
    .createTable('voucher_template_stores')
    .addColumn('template_id', 'bigint', (c) =>
      c.notNull().references('voucher_templates.id').onDelete('cascade'),
    )
    .addColumn('store_id', 'bigint', (c) => c.notNull().references('stores.id'))
    .addColumn('merchant_id', 'bigint', notNull)
    .addPrimaryKeyConstraint('voucher_template_stores_pk', ['template_id', 'store_id'])
    .execute();

  await withId(db, db.schema.createTable('vouchers'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('template_id', 'bigint', (c) => c.notNull().references('voucher_templates.id'))
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('code_enc', 'text', notNull)
    .addColumn('code_tail', 'text', notNull)
    .addColumn('state', 'text', notNull)
    .addColumn('valid_from', 'bigint', notNull)
    .addColumn('valid_until', 'bigint', notNull)
    .addColumn('channel', 'text', notNull)
    .addColumn('source_ref', 'text')
    .addColumn('issued_at', 'bigint', notNull)
    .addColumn('used_at', 'bigint')
    .addColumn('used_store_id', 'bigint', (c) => c.references('stores.id'))
    .addColumn('updated_at', 'bigint', notNull)
    .execute();
  await db.schema
    .createIndex('vouchers_member_idx')
    .on('vouchers')
    .columns(['merchant_id', 'member_id', 'state', 'id'])
    .execute();
  await db.schema
    .createIndex('vouchers_template_idx')
    .on('vouchers')
    .columns(['template_id', 'id'])
    .execute();
  // One voucher per source (an order item unit, a campaign claim…) so a replayed issuance adds nothing.
  await db.schema
    .createIndex('vouchers_source_uq')
    .on('vouchers')
    .columns(['merchant_id', 'channel', 'source_ref'])
    .unique()
    .execute();

  await db.schema
    .createTable('voucher_holdings')
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('template_id', 'bigint', (c) => c.notNull().references('voucher_templates.id'))
    .addColumn('merchant_id', 'bigint', notNull)
    .addColumn('received', 'integer', notNull)
    .addPrimaryKeyConstraint('voucher_holdings_pk', ['member_id', 'template_id'])
    .execute();

  await withId(db, db.schema.createTable('verifications'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('voucher_id', 'bigint', (c) => c.notNull().references('vouchers.id'))
    .addColumn('store_id', 'bigint', (c) => c.notNull().references('stores.id'))
    .addColumn('channel', 'text', notNull)
    .addColumn('staff_id', 'bigint', (c) => c.references('staff_users.id'))
    .addColumn('member_id', 'bigint', (c) => c.references('members.id'))
    .addColumn('request_no', 'text', notNull)
    .addColumn('at', 'bigint', notNull)
    .addColumn('undone_at', 'bigint')
    .addColumn('undone_by', 'bigint')
    .addUniqueConstraint('verifications_request_uq', ['merchant_id', 'request_no'])
    .addCheckConstraint('verifications_channel_ck', sql`channel in ('staff', 'admin', 'self')`)
    .execute();
  await db.schema
    .createIndex('verifications_merchant_idx')
    .on('verifications')
    .columns(['merchant_id', 'at'])
    .execute();
  await db.schema.createIndex('verifications_voucher_idx').on('verifications').column('voucher_id').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const t of [
    'verifications',
    'voucher_holdings',
    'vouchers',
    'voucher_template_stores',
    'voucher_templates',
    'voucher_settings',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
