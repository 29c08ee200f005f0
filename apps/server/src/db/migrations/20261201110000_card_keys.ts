// Card-key pools (电子卡密): keys stored encrypted and looked up by keyed hash, a sharded exact
// counter per pool, activity reservations, sales (which buyer and order see which key), and
// deliveries waiting for stock.
import { sql } from 'kysely';
import { type MigrationDb, notNull, withId } from './helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('card_key_pools'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('shape', 'text', notNull)
    .addColumn('low_stock_threshold', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reusable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .addColumn('deleted_at', 'bigint')
    .addCheckConstraint('card_key_pools_shape_ck', sql`shape in ('secret', 'number_password')`)
    .execute();
  await db.schema
    .createIndex('card_key_pools_merchant_idx')
    .on('card_key_pools')
    .columns(['merchant_id', 'id'])
    .execute();

  // The stock counter, split in shards so concurrent deliveries do not queue on one row; the
  // sum over a pool's shards is exact because every key state change updates one shard in the
  // same transaction.
  await db.schema
    .createTable('card_key_counters')
    .addColumn('pool_id', 'bigint', (c) => c.notNull().references('card_key_pools.id'))
    .addColumn('shard', 'integer', notNull)
    .addColumn('available', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('occupied', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sold', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('card_key_counters_pk', ['pool_id', 'shard'])
    .execute();

  await withId(db, db.schema.createTable('card_key_reservations'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('pool_id', 'bigint', (c) => c.notNull().references('card_key_pools.id'))
    .addColumn('activity_kind', 'text', notNull)
    .addColumn('activity_ref', 'text', notNull)
    .addColumn('quantity', 'integer', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('expires_at', 'bigint', notNull)
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .addCheckConstraint('card_key_reservations_status_ck', sql`status in ('active', 'closed')`)
    .execute();
  await db.schema
    .createIndex('card_key_reservations_due_idx')
    .on('card_key_reservations')
    .columns(['status', 'expires_at'])
    .execute();
  await db.schema
    .createIndex('card_key_reservations_pool_idx')
    .on('card_key_reservations')
    .columns(['pool_id', 'status'])
    .execute();

  await withId(db, db.schema.createTable('card_keys'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('pool_id', 'bigint', (c) => c.notNull().references('card_key_pools.id'))
    .addColumn('key_hash', 'text', notNull)
    .addColumn('secret_enc', 'text', notNull)
    .addColumn('state', 'text', notNull)
    .addColumn('reservation_id', 'bigint', (c) => c.references('card_key_reservations.id'))
    .addColumn('sold_at', 'bigint')
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .addCheckConstraint('card_keys_state_ck', sql`state in ('available', 'occupied', 'sold', 'deleted')`)
    .execute();
  await db.schema
    .createIndex('card_keys_pool_hash_uq')
    .on('card_keys')
    .columns(['pool_id', 'key_hash'])
    .unique()
    .execute();
  await db.schema
    .createIndex('card_keys_pool_state_idx')
    .on('card_keys')
    .columns(['pool_id', 'state', 'id'])
    .execute();
  await db.schema.createIndex('card_keys_reservation_idx').on('card_keys').column('reservation_id').execute();

  // One row per key a buyer or winner got. Reusable keys get a row per buyer; one-time keys one
  // row ever (unique key_id where not reusable is enforced by the key's state change).
  await withId(db, db.schema.createTable('card_key_sales'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('pool_id', 'bigint', (c) => c.notNull().references('card_key_pools.id'))
    .addColumn('key_id', 'bigint', (c) => c.notNull().references('card_keys.id'))
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('order_id', 'bigint', (c) => c.references('orders.id'))
    .addColumn('order_item_id', 'bigint', (c) => c.references('order_items.id'))
    .addColumn('source', 'text', notNull)
    .addColumn('activity_ref', 'text')
    .addColumn('created_at', 'bigint', notNull)
    .execute();
  await db.schema.createIndex('card_key_sales_order_idx').on('card_key_sales').column('order_id').execute();
  await db.schema.createIndex('card_key_sales_key_idx').on('card_key_sales').column('key_id').execute();
  await db.schema
    .createIndex('card_key_sales_item_idx')
    .on('card_key_sales')
    .column('order_item_id')
    .execute();
  await db.schema
    .createIndex('card_key_sales_member_idx')
    .on('card_key_sales')
    .columns(['member_id', 'id'])
    .execute();

  // A paid order item that could not get all its keys: the rest is delivered on import.
  await withId(db, db.schema.createTable('card_key_backorders'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('pool_id', 'bigint', (c) => c.notNull().references('card_key_pools.id'))
    .addColumn('order_id', 'bigint', (c) => c.notNull().references('orders.id'))
    .addColumn('order_item_id', 'bigint', (c) => c.notNull().references('order_items.id').unique())
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('missing', 'integer', (c) => c.notNull().check(sql`missing >= 0`))
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .execute();
  await db.schema
    .createIndex('card_key_backorders_pool_idx')
    .on('card_key_backorders')
    .columns(['pool_id', 'missing', 'id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('card_key_backorders').execute();
  await db.schema.dropTable('card_key_sales').execute();
  await db.schema.dropTable('card_keys').execute();
  await db.schema.dropTable('card_key_reservations').execute();
  await db.schema.dropTable('card_key_counters').execute();
  await db.schema.dropTable('card_key_pools').execute();
}
