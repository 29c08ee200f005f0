// The counter QR of a voucher: a signed payload that changes every minute, so a screenshot stops
// working. `KQV1.<voucherId>.<minute>.<signature>`; accepted for the current and the previous
// minute (clock skew between phone and server).

import { AppError } from '../../http/errors.ts';
import type { Keys } from '../../lib/keys.ts';
import { safeEqual } from '../../lib/keys.ts';

export const QR_PERIOD_MS = 60_000;
const signature = (keys: Keys, voucherId: number, window: number) =>
  keys.hmac(`vqr:${voucherId}:${window}`).slice(0, 22);

export function counterQr(keys: Keys, voucherId: number, at = Date.now()) {
  const window = Math.floor(at / QR_PERIOD_MS);
  return {
    payload: `KQV1.${voucherId}.${window}.${signature(keys, voucherId, window)}`,
    refreshAt: new Date((window + 1) * QR_PERIOD_MS).toISOString(),
  };
}

/** The voucher id of a genuine, fresh payload; QR_INVALID or QR_EXPIRED otherwise. */
export function readCounterQr(keys: Keys, payload: string, at = Date.now()): number {
  const m = /^KQV1\.(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(payload);
  if (!m) throw new AppError('QR_INVALID', 400);
  const voucherId = Number(m[1]);
  const window = Number(m[2]);
  if (!safeEqual(m[3], signature(keys, voucherId, window))) throw new AppError('QR_INVALID', 400);
  const current = Math.floor(at / QR_PERIOD_MS);
  if (window !== current && window !== current - 1) throw new AppError('QR_EXPIRED', 409);
  return voucherId;
}
