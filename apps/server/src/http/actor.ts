import type { FastifyRequest } from 'fastify';
import type { Actor } from '../modules/audit/audit.service.ts';
import type { Principal } from './auth.ts';

export function actorOf(req: FastifyRequest, p: Principal): Actor {
  const base = { ip: req.ip ?? null, requestId: String(req.id) };
  if (p.kind === 'staff') {
    return { ...base, merchantId: p.user.merchantId, type: 'staff', id: p.user.id, name: p.user.login };
  }
  if (p.kind === 'member') return memberActor(req, p.member);
  return { ...base, merchantId: p.apiKey.merchantId, type: 'api_key', id: p.apiKey.id, name: p.apiKey.name };
}

/** A member as the actor (what audit rows name: id and phone). */
export function memberActor(
  req: FastifyRequest,
  m: { id: number; merchantId: number; phone: string },
): Actor {
  return {
    ip: req.ip ?? null,
    requestId: String(req.id),
    merchantId: m.merchantId,
    type: 'member',
    id: m.id,
    name: m.phone,
  };
}

/** An actor for a caller that is not signed in yet (login, sign-up). */
export function anonymousActor(req: FastifyRequest, merchantId: number | null, name: string): Actor {
  return { merchantId, type: 'system', id: null, name, ip: req.ip ?? null, requestId: String(req.id) };
}
