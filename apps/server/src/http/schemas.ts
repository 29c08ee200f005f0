import { ErrorBody } from '@kaquan/contracts';
import type { TSchema } from '@sinclair/typebox';
import type { App } from '../context.ts';
import type { Principal } from './auth.ts';

/** Success shapes of a route; the error envelope is added to every route by `documentErrors`. */
export const responses = <T extends Record<number, TSchema>>(ok: T) => ok;

/** Every API route answers failures with the same envelope: say so in its OpenAPI entry. */
export function documentErrors(app: App) {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1') || !route.schema) return;
    const response = (route.schema.response ?? {}) as Record<string, unknown>;
    route.schema.response = { ...response, '4xx': ErrorBody, '5xx': ErrorBody };
  });
}

/** Identity of the caller for idempotency fingerprints: one caller's key never replays to another. */
/** The principal key of a member (principalKey). */
export const memberPrincipalKey = (memberId: number) => `member:${memberId}`;

export function principalKey(p: Principal): string {
  if (p.kind === 'staff') return `staff:${p.user.id}`;
  if (p.kind === 'member') return memberPrincipalKey(p.member.id);
  return `api_key:${p.apiKey.id}`;
}
