import { ApiKey } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMerchantCaller } from '../../http/auth.ts';
import { forbidden } from '../../http/errors.ts';
import { PageOf } from '../../http/pagination.ts';
import { responses } from '../../http/schemas.ts';
import * as service from './api-key.service.ts';
import { CreateApiKeyBody, IdParams } from './tenancy.schemas.ts';

export function apiKeyRoutes(app: App, ctx: AppContext) {
  const owner = async (req: Parameters<typeof requireMerchantCaller>[1]) => {
    const c = await requireMerchantCaller(ctx, req, { roles: ['owner'] });
    if (c.kind !== 'staff') throw forbidden(); // keys never manage keys
    return { ...actorOf(req, c), merchantId: c.merchantId };
  };

  app.get(
    '/api-keys',
    {
      schema: {
        tags: ['api keys'],
        summary: 'API keys of the merchant (owner)',
        response: responses({ 200: PageOf(ApiKey) }),
      },
    },
    async (req) => service.listApiKeys(ctx.db, (await owner(req)).merchantId),
  );

  app.post(
    '/api-keys',
    {
      schema: {
        tags: ['api keys'],
        summary: 'Create an API key; the secret is in this response only',
        body: CreateApiKeyBody,
        response: responses({ 201: Type.Object({ apiKey: ApiKey, secret: Type.String() }) }),
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createApiKey(ctx, ctx.db, await owner(req), req.body)),
  );

  app.post(
    '/api-keys/:id/revoke',
    {
      schema: {
        tags: ['api keys'],
        summary: 'Revoke an API key at once',
        params: IdParams,
        response: responses({ 200: ApiKey }),
      },
    },
    async (req) => service.revokeApiKey(ctx.db, await owner(req), req.params.id),
  );
}
