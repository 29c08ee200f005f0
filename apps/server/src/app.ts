// buildApp(config) composes the server and returns it without listening (tests use inject).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import type { App, AppContext } from './context.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { frameworkError, installErrorHandler } from './http/error-handler.ts';
import { documentErrors } from './http/schemas.ts';
import { installResponseHeaders } from './http/security-headers.ts';
import { installValidators } from './http/validation.ts';
import { serveWebApps } from './http/web-apps.ts';
import { createCounters } from './lib/counters.ts';
import { createKeys, loadOrCreateSecret } from './lib/keys.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { campaignRoutes } from './modules/campaigns/campaign.routes.ts';
import { claimRoutes } from './modules/campaigns/claim.routes.ts';
import { cardKeyFulfiller } from './modules/card-keys/card-key.fulfiller.ts';
import { cardKeyRoutes } from './modules/card-keys/card-key.routes.ts';
import { codeRoutes } from './modules/codes/codes.routes.ts';
import { startCodeWorker } from './modules/codes/generation.service.ts';
import { giftCardFulfiller } from './modules/codes/giftcard.fulfiller.ts';
import { redemptionRoutes } from './modules/codes/redemption.routes.ts';
import { commerceRoutes } from './modules/commerce/commerce.routes.ts';
import { FulfilmentRegistry, physicalFulfiller } from './modules/commerce/fulfilment.ts';
import { payPageRoutes } from './modules/commerce/payment/pay-page.routes.ts';
import { sandboxProvider } from './modules/commerce/payment/sandbox.ts';
import { shopRoutes } from './modules/commerce/shop.routes.ts';
import { startSweepers } from './modules/commerce/sweepers.ts';
import { commissionRoutes } from './modules/commission/commission.routes.ts';
import { compatRoutes } from './modules/compat/compat.routes.ts';
import { mediaFileRoutes, mediaRoutes } from './modules/media/media.routes.ts';
import { localMediaStorage } from './modules/media/media.storage.ts';
import { apiKeyRoutes } from './modules/tenancy/api-key.routes.ts';
import { authRoutes } from './modules/tenancy/auth.routes.ts';
import { memberRoutes } from './modules/tenancy/member.routes.ts';
import { merchantRoutes } from './modules/tenancy/merchant.routes.ts';
import { consoleSmsProvider } from './modules/tenancy/sms.provider.ts';
import { staffRoutes } from './modules/tenancy/staff.routes.ts';
import { storeRoutes } from './modules/tenancy/store.routes.ts';
import { verificationRoutes } from './modules/verification/verification.routes.ts';
import { giftRoutes } from './modules/vouchers/gift.routes.ts';
import { templateRoutes } from './modules/vouchers/template.routes.ts';
import { voucherCoupons } from './modules/vouchers/voucher.coupons.ts';
import { voucherFulfiller } from './modules/vouchers/voucher.fulfiller.ts';
import { voucherRoutes } from './modules/vouchers/voucher.routes.ts';

export interface BuildOptions {
  /** Use this database instead of opening the configured one (tests). */
  database?: Database;
  /** Run migrations at start (default true). */
  migrate?: boolean;
  /** Serve the built web apps (default: config.serveWebApps). */
  webApps?: boolean;
  /** Namespace for shared counters, so parallel test files never share rate-limit state. */
  counterNamespace?: string;
  /** Run the background sweepers (checkout expiry, commission settlement); tests call them directly. */
  sweepers?: boolean;
}

export async function buildApp(
  config: Config,
  opts: BuildOptions = {},
): Promise<{ app: App; ctx: AppContext }> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true } },
    frameworkErrors: frameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  const secret = config.secret ?? loadOrCreateSecret(config.dataDir, (m) => app.log.warn(m));
  const database =
    opts.database ??
    openDatabase(config.database, {
      poolSize: config.dbPoolSize,
      onIdleError: (err) => app.log.warn({ err }, 'idle database connection closed'),
    });
  const keys = createKeys(secret);
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    keys,
    counters: createCounters(config.redisUrl, opts.counterNamespace),
    sms: consoleSmsProvider(config.dataDir, app.log),
    log: app.log,
    fulfilment: new FulfilmentRegistry(),
    coupons: voucherCoupons,
    payments: { sandbox: sandboxProvider(keys, database.db) },
    media: localMediaStorage(join(config.dataDir, 'media')),
  };
  ctx.fulfilment.register('physical', physicalFulfiller);
  ctx.fulfilment.register('voucher', voucherFulfiller(ctx));
  ctx.fulfilment.register('card_key', cardKeyFulfiller(ctx));
  ctx.fulfilment.register('gift_card', giftCardFulfiller(ctx));
  if (opts.migrate !== false) await migrateToLatest(database);

  installValidators(app);
  installErrorHandler(app);
  documentErrors(app);
  app.addHook('onClose', async () => {
    await ctx.counters.close();
    if (!opts.database) await database.close();
  });

  installResponseHeaders(app);
  if (config.corsOrigins.length) {
    await app.register(fastifyCors, { origin: config.corsOrigins, credentials: true });
  }
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Kaquan API', version: '0.1.0', description: 'Kaquan (卡券) voucher platform' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          staffCookie: { type: 'apiKey', in: 'cookie', name: 'kq_staff' },
          memberCookie: { type: 'apiKey', in: 'cookie', name: 'kq_member' },
        },
      },
      security: [{ bearer: [] }, { staffCookie: [] }, { memberCookie: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok', database: database.engine };
    } catch {
      return reply
        .code(503)
        .send({ error: { code: 'SERVICE_UNAVAILABLE', message: 'database unreachable' } });
    }
  });

  await app.register(
    async (api) => {
      const a = api as unknown as App;
      authRoutes(a, ctx);
      merchantRoutes(a, ctx);
      storeRoutes(a, ctx);
      staffRoutes(a, ctx);
      memberRoutes(a, ctx);
      apiKeyRoutes(a, ctx);
      auditRoutes(a, ctx);
      commerceRoutes(a, ctx);
      shopRoutes(a, ctx);
      commissionRoutes(a, ctx);
      templateRoutes(a, ctx);
      voucherRoutes(a, ctx);
      giftRoutes(a, ctx);
      verificationRoutes(a, ctx);
      cardKeyRoutes(a, ctx);
      campaignRoutes(a, ctx);
      claimRoutes(a, ctx);
      mediaRoutes(a, ctx);
      codeRoutes(a, ctx);
      redemptionRoutes(a, ctx);
    },
    { prefix: '/api/v1' },
  );
  payPageRoutes(app, ctx);
  compatRoutes(app, ctx);
  mediaFileRoutes(app, ctx);
  if (opts.sweepers ?? true) startSweepers(app, ctx);
  if (opts.sweepers ?? true) startCodeWorker(app, ctx);

  if (opts.webApps ?? config.serveWebApps) await serveWebApps(app);
  return { app, ctx };
}
