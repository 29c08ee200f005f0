// Every migration, in order. `npm run db:new-migration <name>` creates a file and adds it here.
import type { Migration } from 'kysely';
import * as m20261122030000 from './20261122030000_foundation.ts';
import * as m20261122080000 from './20261122080000_commerce.ts';
import * as m20261122090000 from './20261122090000_vouchers.ts';
import * as m20261122100000 from './20261122100000_voucher_gifts.ts';
import * as m20261201100000 from './20261201100000_campaigns.ts';
import * as m20261201110000 from './20261201110000_card_keys.ts';
import * as m20261201120000 from './20261201120000_codes.ts';
import * as m20261201130000 from './20261201130000_claim_function.ts';
import * as m20261202100000 from './20261202100000_claim_answer_sealed.ts';
import * as m20261202153851 from './20261202153851_codes_partial_indexes.ts';

export const migrations: Record<string, Migration> = {
  '20261122030000_foundation': m20261122030000,
  '20261122080000_commerce': m20261122080000,
  '20261122090000_vouchers': m20261122090000,
  '20261122100000_voucher_gifts': m20261122100000,
  '20261201100000_campaigns': m20261201100000,
  '20261201110000_card_keys': m20261201110000,
  '20261201120000_codes': m20261201120000,
  '20261201130000_claim_function': m20261201130000,
  '20261202100000_claim_answer_sealed': m20261202100000,
  '20261202153851_codes_partial_indexes': m20261202153851,
};
