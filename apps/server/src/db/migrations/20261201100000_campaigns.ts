// Claim campaigns (S2.3, a store's homepage) and QR claim campaigns (S3): one table for both
// kinds, their items with stock, the per-member claim counters that make once / cooldown /
// per-member limits exact, and a record of every claim attempt, refusals included.
import { sql } from 'kysely';
import { type MigrationDb, notNull, withId } from './helpers.ts';

const zero = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('campaigns'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', notNull)
    .addColumn('pause_reason', 'text')
    .addColumn('starts_at', 'bigint')
    .addColumn('ends_at', 'bigint')
    .addColumn('repeat_rule', 'text', notNull)
    .addColumn('per_member_limit', 'integer', zero)
    .addColumn('cooldown_seconds', 'integer', zero)
    .addColumn('total_limit', 'integer', zero)
    .addColumn('claims', 'integer', zero)
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .addCheckConstraint('campaigns_kind_ck', sql`kind in ('store', 'qr')`)
    .addCheckConstraint('campaigns_status_ck', sql`status in ('active', 'paused')`)
    .addCheckConstraint('campaigns_repeat_ck', sql`repeat_rule in ('once', 'unlimited', 'cooldown', 'limit')`)
    .addCheckConstraint('campaigns_total_ck', sql`total_limit = 0 or claims <= total_limit`)
    .execute();
  await db.schema
    .createIndex('campaigns_merchant_idx')
    .on('campaigns')
    .columns(['merchant_id', 'kind', 'id'])
    .execute();

  await db.schema
    .createTable('campaign_stores')
    .addColumn('campaign_id', 'bigint', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('store_id', 'bigint', (c) => c.notNull().references('stores.id'))
    .addColumn('merchant_id', 'bigint', notNull)
    .addPrimaryKeyConstraint('campaign_stores_pk', ['campaign_id', 'store_id'])
    .execute();
  await db.schema.createIndex('campaign_stores_store_idx').on('campaign_stores').column('store_id').execute();

  await withId(db, db.schema.createTable('campaign_items'))
    .addColumn('campaign_id', 'bigint', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('merchant_id', 'bigint', notNull)
    .addColumn('template_id', 'bigint', (c) => c.notNull().references('voucher_templates.id'))
    .addColumn('quantity', 'integer', notNull)
    .addColumn('stock', 'integer')
    .addColumn('claimed', 'integer', zero)
    .addColumn('position', 'integer', zero)
    .addCheckConstraint('campaign_items_quantity_ck', sql`quantity >= 1`)
    .addCheckConstraint('campaign_items_stock_ck', sql`stock is null or claimed <= stock`)
    .execute();
  await db.schema
    .createIndex('campaign_items_campaign_idx')
    .on('campaign_items')
    .columns(['campaign_id', 'position'])
    .execute();

  await db.schema
    .createTable('campaign_member_claims')
    .addColumn('campaign_id', 'bigint', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('merchant_id', 'bigint', notNull)
    .addColumn('claims', 'integer', zero)
    .addColumn('last_claimed_at', 'bigint', zero)
    .addPrimaryKeyConstraint('campaign_member_claims_pk', ['campaign_id', 'member_id'])
    .execute();

  await withId(db, db.schema.createTable('campaign_claims'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('campaign_id', 'bigint', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('member_id', 'bigint', (c) => c.references('members.id'))
    .addColumn('result', 'text', notNull)
    .addColumn('voucher_ids', 'text', notNull)
    .addColumn('at', 'bigint', notNull)
    .execute();
  await db.schema
    .createIndex('campaign_claims_campaign_idx')
    .on('campaign_claims')
    .columns(['campaign_id', 'id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const t of [
    'campaign_claims',
    'campaign_member_claims',
    'campaign_items',
    'campaign_stores',
    'campaigns',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
