// Merchant API keys: `kqk_<prefix>_<secret>`. Only a keyed hash is stored; the full key is shown
// once, at creation. Revocation is checked on every request.
import type { ApiKey, ApiKeyScope } from '@kaquan/contracts';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/database.ts';
import type { ApiKeyRow, Executor } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import { randomToken } from '../../lib/keys.ts';
import { iso, isoOrNull, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import * as repo from './api-key.repo.ts';

export const toApiKey = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scopes: JSON.parse(r.scopes) as ApiKeyScope[],
  lastUsedAt: isoOrNull(r.lastUsedAt),
  revokedAt: isoOrNull(r.revokedAt),
  createdAt: iso(r.createdAt),
});

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function randomPrefix(): string {
  // 12 characters from a 62-symbol alphabet, drawn without modulo bias (rejection sampling).
  let out = '';
  while (out.length < 12) {
    for (const byte of Buffer.from(randomToken(16), 'base64url')) {
      if (byte < 248 && out.length < 12) out += ALNUM[byte % 62];
    }
  }
  return out;
}

export async function listApiKeys(exec: Executor, merchantId: number) {
  const rows = await repo.listApiKeys(exec, merchantId);
  return { items: rows.map(toApiKey), total: rows.length, page: 1, pageSize: rows.length };
}

export async function createApiKey(
  ctx: AppContext,
  exec: Executor,
  actor: Actor & { merchantId: number },
  input: { name: string; scopes: ApiKeyScope[] },
) {
  const prefix = randomPrefix();
  const secret = `kqk_${prefix}_${randomToken()}`;
  return inTransaction(exec, async (trx) => {
    const row = await repo.insertApiKey(trx, {
      merchantId: actor.merchantId,
      name: input.name,
      prefix,
      secretHash: ctx.keys.hmac(secret),
      scopes: JSON.stringify(input.scopes),
      createdBy: actor.id ?? 0,
      at: now(),
    });
    const apiKey = toApiKey(row);
    await recordAudit(trx, actor, {
      action: 'api_key.create',
      targetType: 'apiKey',
      targetId: row.id,
      after: apiKey,
    });
    return { apiKey, secret };
  });
}

export async function revokeApiKey(exec: Executor, actor: Actor & { merchantId: number }, id: number) {
  return inTransaction(exec, async (trx) => {
    const revoked = await repo.revokeApiKey(trx, actor.merchantId, id, now());
    if (!revoked) {
      const existing = await repo.findApiKey(trx, actor.merchantId, id);
      if (!existing) throw notFound('apiKey');
      return toApiKey(existing);
    }
    await recordAudit(trx, actor, {
      action: 'api_key.revoke',
      targetType: 'apiKey',
      targetId: id,
      before: { revokedAt: null },
      after: { revokedAt: iso(revoked.revokedAt!) },
    });
    return toApiKey(revoked);
  });
}
