// Commerce: products and categories, cart, checkouts (unpaid, stock reserved), payments, orders
// (exist only once paid), fulfilments, member levels/SVIP/points, and the commission ledger.
import { sql } from 'kysely';
import { type MigrationDb, notNull, withId } from './helpers.ts';

const zero = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('commerce_settings')
    .addColumn('merchant_id', 'bigint', (c) => c.primaryKey().references('merchants.id'))
    .addColumn('checkout_ttl_minutes', 'integer', notNull)
    .addColumn('cents_per_point', 'integer', notNull)
    .addColumn('points_per_yuan', 'integer', notNull)
    .addColumn('points_max_share_pct', 'integer', notNull)
    .addColumn('after_sales_days', 'integer', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .execute();

  await withId(db, db.schema.createTable('member_levels'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('discount_percent', 'integer', notNull)
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .addUniqueConstraint('member_levels_name_uq', ['merchant_id', 'name'])
    .execute();

  await db.schema
    .alterTable('members')
    .addColumn('level_id', 'bigint', (c) => c.references('member_levels.id'))
    .execute();
  await db.schema.alterTable('members').addColumn('svip_expires_at', 'bigint').execute();
  await db.schema.alterTable('members').addColumn('points_balance', 'integer', zero).execute();
  await db.schema
    .alterTable('members')
    .addColumn('referrer_id', 'bigint', (c) => c.references('members.id'))
    .execute();
  await db.schema.alterTable('members').addColumn('team_captain', 'integer', zero).execute();
  await db.schema.alterTable('members').addColumn('agent_region', 'text').execute();
  // One regional agent per region (NULLs are distinct on both engines).
  await db.schema
    .createIndex('members_agent_region_uq')
    .on('members')
    .columns(['merchant_id', 'agent_region'])
    .unique()
    .execute();

  await withId(db, db.schema.createTable('product_categories'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('sort', 'integer', zero)
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .addUniqueConstraint('product_categories_name_uq', ['merchant_id', 'name'])
    .execute();

  await withId(db, db.schema.createTable('products'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('category_id', 'bigint', (c) => c.references('product_categories.id'))
    .addColumn('type', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('description', 'text', notNull)
    .addColumn('images', 'text', notNull)
    .addColumn('price_cents', 'integer', notNull)
    .addColumn('stock', 'integer', notNull)
    .addColumn('on_sale', 'integer', zero)
    .addColumn('coupon_allowed', 'integer', zero)
    .addColumn('points_allowed', 'integer', zero)
    .addColumn('member_price_allowed', 'integer', zero)
    .addColumn('svip_allowed', 'integer', zero)
    .addColumn('svip_price_cents', 'integer')
    .addColumn('commission_enabled', 'integer', zero)
    .addColumn('distributor_bp1', 'integer', zero)
    .addColumn('distributor_bp2', 'integer', zero)
    .addColumn('distributor_bp3', 'integer', zero)
    .addColumn('team_bp', 'integer', zero)
    .addColumn('shareholder_bp', 'integer', zero)
    .addColumn('regional_bp', 'integer', zero)
    .addColumn('fulfil_ref', 'text')
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .addCheckConstraint('products_stock_not_negative', sql`stock >= 0`)
    .execute();
  await db.schema
    .createIndex('products_merchant_idx')
    .on('products')
    .columns(['merchant_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('cart_items'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('product_id', 'bigint', (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'integer', notNull)
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .addUniqueConstraint('cart_items_uq', ['member_id', 'product_id'])
    .execute();

  await withId(db, db.schema.createTable('checkouts'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('status', 'text', notNull)
    .addColumn('source', 'text', notNull)
    .addColumn('total_cents', 'integer', notNull)
    .addColumn('points_used', 'integer', notNull)
    .addColumn('coupon_ref', 'text')
    .addColumn('quote', 'text', notNull)
    .addColumn('buyer', 'text', notNull)
    .addColumn('expires_at', 'bigint', notNull)
    .addColumn('paid_at', 'bigint')
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .execute();
  await db.schema
    .createIndex('checkouts_pending_idx')
    .on('checkouts')
    .columns(['status', 'expires_at'])
    .execute();
  await db.schema
    .createIndex('checkouts_member_idx')
    .on('checkouts')
    .columns(['merchant_id', 'member_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('checkout_lines'))
    .addColumn('checkout_id', 'bigint', (c) => c.notNull().references('checkouts.id'))
    .addColumn('merchant_id', 'bigint', notNull)
    .addColumn('product_id', 'bigint', (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'integer', notNull)
    .addColumn('unit_price_cents', 'integer', notNull)
    .addColumn('payable_cents', 'integer', notNull)
    .execute();
  await db.schema
    .createIndex('checkout_lines_checkout_idx')
    .on('checkout_lines')
    .column('checkout_id')
    .execute();

  await withId(db, db.schema.createTable('payments'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('checkout_id', 'bigint', (c) => c.notNull().references('checkouts.id'))
    .addColumn('provider', 'text', notNull)
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('amount_cents', 'integer', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('trade_no', 'text')
    .addColumn('paid_at', 'bigint')
    .addColumn('refunded_at', 'bigint')
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .execute();
  await db.schema.createIndex('payments_checkout_idx').on('payments').column('checkout_id').execute();

  await withId(db, db.schema.createTable('orders'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('checkout_id', 'bigint', (c) => c.references('checkouts.id').unique())
    .addColumn('order_no', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', notNull)
    .addColumn('channel', 'text', notNull)
    .addColumn('total_cents', 'integer', notNull)
    .addColumn('points_used', 'integer', notNull)
    .addColumn('points_earned', 'integer', notNull)
    .addColumn('quote', 'text', notNull)
    .addColumn('buyer', 'text', notNull)
    .addColumn('carrier', 'text')
    .addColumn('tracking_no', 'text')
    .addColumn('paid_at', 'bigint', notNull)
    .addColumn('shipped_at', 'bigint')
    .addColumn('completed_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .execute();
  await db.schema.createIndex('orders_merchant_idx').on('orders').columns(['merchant_id', 'id']).execute();
  await db.schema
    .createIndex('orders_member_idx')
    .on('orders')
    .columns(['merchant_id', 'member_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('order_items'))
    .addColumn('order_id', 'bigint', (c) => c.notNull().references('orders.id'))
    .addColumn('merchant_id', 'bigint', notNull)
    .addColumn('product_id', 'bigint', (c) => c.notNull().references('products.id'))
    .addColumn('product_type', 'text', notNull)
    .addColumn('product_name', 'text', notNull)
    .addColumn('quantity', 'integer', notNull)
    .addColumn('unit_price_cents', 'integer', notNull)
    .addColumn('payable_cents', 'integer', notNull)
    .execute();
  await db.schema.createIndex('order_items_order_idx').on('order_items').column('order_id').execute();
  await db.schema.createIndex('order_items_product_idx').on('order_items').column('product_id').execute();

  await withId(db, db.schema.createTable('fulfilments'))
    .addColumn('order_item_id', 'bigint', (c) => c.notNull().references('order_items.id').unique())
    .addColumn('merchant_id', 'bigint', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('result', 'text', notNull)
    .addColumn('created_at', 'bigint', notNull)
    .execute();

  await withId(db, db.schema.createTable('points_ledger'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('delta', 'integer', notNull)
    .addColumn('balance_after', 'integer', (c) => c.notNull().check(sql`balance_after >= 0`))
    .addColumn('reason', 'text', notNull)
    .addColumn('order_id', 'bigint')
    .addColumn('checkout_id', 'bigint')
    .addColumn('note', 'text')
    .addColumn('at', 'bigint', notNull)
    .execute();
  await db.schema
    .createIndex('points_ledger_member_idx')
    .on('points_ledger')
    .columns(['merchant_id', 'member_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('commission_entries'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('order_id', 'bigint', (c) => c.notNull().references('orders.id'))
    .addColumn('order_item_id', 'bigint', (c) => c.notNull().references('order_items.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('beneficiary_id', 'bigint', (c) => c.references('members.id'))
    .addColumn('base_cents', 'integer', notNull)
    .addColumn('rate_bp', 'integer', notNull)
    .addColumn('amount_cents', 'integer', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('settle_after', 'bigint')
    .addColumn('settled_at', 'bigint')
    .addColumn('reversed_at', 'bigint')
    .addColumn('created_at', 'bigint', notNull)
    .addUniqueConstraint('commission_entries_uq', ['order_item_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('commission_entries_merchant_idx')
    .on('commission_entries')
    .columns(['merchant_id', 'beneficiary_id', 'id'])
    .execute();
  await db.schema
    .createIndex('commission_entries_order_idx')
    .on('commission_entries')
    .column('order_id')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const t of [
    'commission_entries',
    'points_ledger',
    'fulfilments',
    'order_items',
    'orders',
    'payments',
    'checkout_lines',
    'checkouts',
    'cart_items',
    'products',
    'product_categories',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  for (const c of [
    'agent_region',
    'team_captain',
    'referrer_id',
    'points_balance',
    'svip_expires_at',
    'level_id',
  ]) {
    await db.schema.alterTable('members').dropColumn(c).execute();
  }
  await db.schema.dropTable('member_levels').execute();
  await db.schema.dropTable('commerce_settings').execute();
}
