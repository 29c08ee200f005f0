// What every service needs, built once in buildApp and handed down explicitly.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { DB } from './db/schema.ts';
import type { Counters } from './lib/counters.ts';
import type { Keys } from './lib/keys.ts';
import type { CouponProvider } from './modules/commerce/coupons.ts';
import type { FulfilmentRegistry } from './modules/commerce/fulfilment.ts';
import type { sandboxProvider } from './modules/commerce/payment/sandbox.ts';
import type { MediaStorage } from './modules/media/media.storage.ts';
import type { SmsProvider } from './modules/tenancy/sms.provider.ts';

export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  keys: Keys;
  counters: Counters;
  sms: SmsProvider;
  log: FastifyBaseLogger;
  /** Fulfilment per product type; the modules that own the goods register theirs. */
  fulfilment: FulfilmentRegistry;
  /** Coupon validation for checkout, supplied by the voucher engine. */
  coupons: CouponProvider;
  payments: { sandbox: ReturnType<typeof sandboxProvider> };
  /** Uploaded images (local disk under <dataDir>/media by default). */
  media: MediaStorage;
}

export type App = FastifyInstance<
  RawServerDefault,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
