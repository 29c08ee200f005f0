import { type MigrationDb, notNull, withId } from './helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('merchants'))
    .addColumn('name', 'text', notNull)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('time_zone', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .execute();

  await withId(db, db.schema.createTable('stores'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('address', 'text', notNull)
    .addColumn('phone', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('verify_code', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .execute();
  await db.schema.createIndex('stores_merchant_idx').on('stores').columns(['merchant_id', 'id']).execute();

  await withId(db, db.schema.createTable('staff_users'))
    .addColumn('merchant_id', 'bigint', (c) => c.references('merchants.id'))
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('role', 'text', notNull)
    .addColumn('password_hash', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('all_stores', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .execute();
  await db.schema.createIndex('staff_users_merchant_idx').on('staff_users').column('merchant_id').execute();

  await db.schema
    .createTable('staff_store_scopes')
    .addColumn('staff_id', 'bigint', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('store_id', 'bigint', (c) => c.notNull().references('stores.id').onDelete('cascade'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addPrimaryKeyConstraint('staff_store_scopes_pk', ['staff_id', 'store_id'])
    .execute();

  await withId(db, db.schema.createTable('members'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('phone', 'text', notNull)
    .addColumn('external_id', 'text')
    .addColumn('status', 'text', notNull)
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .addUniqueConstraint('members_phone_uq', ['merchant_id', 'phone'])
    .addUniqueConstraint('members_external_id_uq', ['merchant_id', 'external_id'])
    .execute();

  await withId(db, db.schema.createTable('sessions'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', notNull)
    .addColumn('staff_id', 'bigint', (c) => c.references('staff_users.id'))
    .addColumn('member_id', 'bigint', (c) => c.references('members.id'))
    .addColumn('merchant_id', 'bigint', (c) => c.references('merchants.id'))
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('expires_at', 'bigint', notNull)
    .addColumn('revoked_at', 'bigint')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('sessions_staff_idx').on('sessions').column('staff_id').execute();

  await withId(db, db.schema.createTable('api_keys'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('prefix', 'text', (c) => c.notNull().unique())
    .addColumn('secret_hash', 'text', notNull)
    .addColumn('scopes', 'text', notNull)
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('created_by', 'bigint', (c) => c.references('staff_users.id'))
    .addColumn('created_at', 'bigint', notNull)
    .execute();

  await withId(db, db.schema.createTable('sms_codes'))
    .addColumn('merchant_id', 'bigint', (c) => c.notNull().references('merchants.id'))
    .addColumn('phone', 'text', notNull)
    .addColumn('code_hash', 'text', notNull)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'bigint', notNull)
    .addColumn('consumed_at', 'bigint')
    .addColumn('created_at', 'bigint', notNull)
    .execute();
  await db.schema
    .createIndex('sms_codes_phone_idx')
    .on('sms_codes')
    .columns(['merchant_id', 'phone', 'id'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('merchant_id', 'bigint', notNull)
    .addColumn('key', 'text', notNull)
    .addColumn('fingerprint', 'text', notNull)
    .addColumn('status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'bigint', notNull)
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['merchant_id', 'key'])
    .execute();

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('merchant_id', 'bigint')
    .addColumn('actor_type', 'text', notNull)
    .addColumn('actor_id', 'bigint')
    .addColumn('actor_name', 'text', notNull)
    .addColumn('action', 'text', notNull)
    .addColumn('target_type', 'text', notNull)
    .addColumn('target_id', 'text', notNull)
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .addColumn('at', 'bigint', notNull)
    .execute();
  await db.schema
    .createIndex('audit_log_merchant_at_idx')
    .on('audit_log')
    .columns(['merchant_id', 'at'])
    .execute();
  await db.schema
    .createIndex('audit_log_target_idx')
    .on('audit_log')
    .columns(['merchant_id', 'target_type', 'target_id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const t of [
    'audit_log',
    'idempotency_keys',
    'sms_codes',
    'api_keys',
    'sessions',
    'members',
    'staff_store_scopes',
    'staff_users',
    'stores',
    'merchants',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
