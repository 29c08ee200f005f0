// A generated code has no source (only a gift card's code is made for one) and no holder until it
// is redeemed, so the indexes on those two columns held an entry per code for nothing: they now hold
// only the codes that have a source, or a holder. Two index entries fewer per generated code. Every
// lookup by either column asks for a value (`= $1`, `in (…)`), which implies `is not null`, so the
// partial indexes serve the same queries; the source stays unique.
import { sql } from 'kysely';
import type { MigrationDb } from './helpers.ts';

async function rebuild(db: MigrationDb, partial: boolean) {
  await db.schema.dropIndex('redemption_codes_source_uq').execute();
  let source = db.schema
    .createIndex('redemption_codes_source_uq')
    .on('redemption_codes')
    .columns(['merchant_id', 'source_ref'])
    .unique();
  if (partial) source = source.where(sql.ref('source_ref'), 'is not', null);
  await source.execute();

  await db.schema.dropIndex('redemption_codes_member_idx').execute();
  let member = db.schema
    .createIndex('redemption_codes_member_idx')
    .on('redemption_codes')
    .columns(['member_id', 'id']);
  if (partial) member = member.where(sql.ref('member_id'), 'is not', null);
  await member.execute();
}

export async function up(db: MigrationDb): Promise<void> {
  await rebuild(db, true);
}

export async function down(db: MigrationDb): Promise<void> {
  await rebuild(db, false);
}
