// What every service needs, built once in buildApp and handed down explicitly.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { DB } from './db/schema.ts';
import type { Counters } from './lib/counters.ts';
import type { Keys } from './lib/keys.ts';
import type { SmsProvider } from './modules/tenancy/sms.provider.ts';

export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  keys: Keys;
  counters: Counters;
  sms: SmsProvider;
  log: FastifyBaseLogger;
}

export type App = FastifyInstance<
  RawServerDefault,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
