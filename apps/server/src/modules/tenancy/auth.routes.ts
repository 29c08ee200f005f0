import { Me, MemberMe } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App, AppContext } from '../../context.ts';
import { actorOf, anonymousActor } from '../../http/actor.ts';
import {
  MEMBER_COOKIE,
  memberTokenHash,
  requireMember,
  requireStaff,
  STAFF_COOKIE,
} from '../../http/auth.ts';
import { responses } from '../../http/schemas.ts';
import { describeStaff, loginStaff, logout } from './auth.service.ts';
import { loginMember, sendLoginCode, toMember } from './member.service.ts';
import { getActiveMerchantBySlug } from './merchant.service.ts';
import { forgetMember } from './session.lookup.ts';
import { LoginBody, MemberLoginBody, SlugParams, SmsCodeBody } from './tenancy.schemas.ts';

function setSessionCookie(
  ctx: AppContext,
  reply: FastifyReply,
  name: string,
  token: string,
  expiresAtMs: number,
) {
  reply.setCookie(name, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: ctx.config.publicUrl.startsWith('https://'),
    expires: new Date(expiresAtMs),
  });
}

export function authRoutes(app: App, ctx: AppContext) {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Staff sign-in (sets the kq_staff cookie; the token also works as a bearer token)',
        body: LoginBody,
        response: responses({ 200: Type.Object({ token: Type.String(), expiresAt: Type.String(), me: Me }) }),
      },
    },
    async (req, reply) => {
      const r = await loginStaff(ctx, anonymousActor(req, null, req.body.login.slice(0, 120)), req.body);
      setSessionCookie(ctx, reply, STAFF_COOKIE, r.token, r.expiresAtMs);
      return { token: r.token, expiresAt: r.expiresAt, me: r.me };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Staff sign-out: the session ends at once',
        response: responses({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      const p = await requireStaff(ctx, req);
      await logout(ctx, actorOf(req, p), p.sessionId, 'staff');
      reply.clearCookie(STAFF_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in staff account and its merchant',
        response: responses({ 200: Me }),
      },
    },
    async (req) => describeStaff(ctx, (await requireStaff(ctx, req)).user),
  );

  app.get(
    '/h5/:slug',
    {
      schema: {
        tags: ['member auth'],
        summary: 'Public facts about a merchant for its H5 pages',
        params: SlugParams,
        response: responses({
          200: Type.Object({
            merchant: Type.Object({ name: Type.String(), slug: Type.String() }),
            smsProvider: Type.String(),
          }),
        }),
      },
    },
    async (req) => {
      const m = await getActiveMerchantBySlug(ctx.db, req.params.slug);
      return { merchant: { name: m.name, slug: m.slug }, smsProvider: ctx.sms.name };
    },
  );

  app.post(
    '/h5/:slug/auth/sms-code',
    {
      schema: {
        tags: ['member auth'],
        summary: 'Send a one-time sign-in code to a phone',
        params: SlugParams,
        body: SmsCodeBody,
        response: responses({
          200: Type.Object({ expiresInSeconds: Type.Integer(), retryAfterSeconds: Type.Integer() }),
        }),
      },
    },
    async (req) => sendLoginCode(ctx, req.params.slug, req.body.phone, req.ip),
  );

  app.post(
    '/h5/:slug/auth/login',
    {
      schema: {
        tags: ['member auth'],
        summary: 'Member sign-in with the code (a new phone registers); sets the kq_member cookie',
        params: SlugParams,
        body: MemberLoginBody,
        response: responses({
          200: Type.Object({
            token: Type.String(),
            expiresAt: Type.String(),
            member: MemberMe.properties.member,
          }),
        }),
      },
    },
    async (req, reply) => {
      const r = await loginMember(ctx, req.params.slug, req.body, anonymousActor(req, null, req.body.phone));
      setSessionCookie(ctx, reply, MEMBER_COOKIE, r.token, r.expiresAtMs);
      return { token: r.token, expiresAt: r.expiresAt, member: r.member };
    },
  );

  app.get(
    '/member/me',
    {
      schema: {
        tags: ['member auth'],
        summary: 'The signed-in member',
        response: responses({ 200: MemberMe }),
      },
    },
    async (req) => {
      const p = await requireMember(ctx, req);
      return { member: toMember(p.member), merchant: p.merchant };
    },
  );

  app.post(
    '/member/logout',
    {
      schema: {
        tags: ['member auth'],
        summary: 'Member sign-out',
        response: responses({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      const p = await requireMember(ctx, req);
      await logout(ctx, actorOf(req, p), p.sessionId, 'member');
      // Redemptions prove the session in their statement anyway; this spares them a failed one.
      const hash = memberTokenHash(ctx, req);
      if (hash) forgetMember(ctx, hash);
      reply.clearCookie(MEMBER_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
}
