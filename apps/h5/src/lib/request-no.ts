import { newIdempotencyKey } from './idempotency-key.ts';

/** A fresh verification request number: 32 characters of [0-9a-f], as the API's 8–64 [A-Za-z0-9_-] allows. */
export function newRequestNo(): string {
  return newIdempotencyKey().replaceAll('-', '');
}
