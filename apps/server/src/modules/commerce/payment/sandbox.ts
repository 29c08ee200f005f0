// The built-in sandbox provider. Its "gateway" is the hosted pay page (/pay/{token}); paying or
// cancelling there sends a signed callback to /api/v1/payments/sandbox/callback exactly as an
// outside provider would. Signatures are HMAC-SHA256 under a key derived from the master secret.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type Keys, safeEqual } from '../../../lib/keys.ts';
import type { PaymentNotice, PaymentProvider } from './provider.ts';

const FIELDS = ['amountCents', 'nonce', 'outTradeNo', 'paidAt', 'status', 'tradeNo'] as const;

export type SignedNotice = PaymentNotice & { nonce: string; sign: string };

function canonical(n: Omit<SignedNotice, 'sign'>): string {
  return FIELDS.map((k) => `${k}=${n[k]}`).join('&');
}

export function sandboxProvider(
  keys: Keys,
  db: Kysely<DB>,
): PaymentProvider & {
  sign(n: PaymentNotice): SignedNotice;
} {
  const signOf = (n: Omit<SignedNotice, 'sign'>) => keys.hmac(`sandbox-pay|${canonical(n)}`);
  return {
    name: 'sandbox',
    async create({ token }) {
      return { payUrl: `/pay/${token}` };
    },
    sign(n) {
      const withNonce = { ...n, nonce: randomBytes(12).toString('hex') };
      return { ...withNonce, sign: signOf(withNonce) };
    },
    verifyCallback(body) {
      const b = body as Partial<SignedNotice> | null;
      if (!b || typeof b !== 'object') return null;
      if (typeof b.outTradeNo !== 'string' || typeof b.tradeNo !== 'string' || typeof b.nonce !== 'string')
        return null;
      if (!Number.isSafeInteger(b.amountCents) || !Number.isSafeInteger(b.paidAt)) return null;
      if (b.status !== 'SUCCESS' && b.status !== 'CLOSED') return null;
      if (typeof b.sign !== 'string') return null;
      const notice = {
        outTradeNo: b.outTradeNo,
        tradeNo: b.tradeNo,
        amountCents: b.amountCents as number,
        status: b.status,
        paidAt: b.paidAt as number,
        nonce: b.nonce,
      };
      if (!safeEqual(b.sign, signOf(notice))) return null;
      return notice;
    },
    async query(token) {
      const p = await db
        .selectFrom('payments')
        .where('token', '=', token)
        .select('status')
        .executeTakeFirst();
      return p?.status ?? 'unknown';
    },
    async refund() {
      // The sandbox holds no money: a refund always succeeds. The payment row records it.
    },
  };
}
