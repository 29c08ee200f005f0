// One error type for every refusal. `code` is stable (clients branch on it); the message is
// rendered per request in the caller's language.
import type { MESSAGES } from './messages.ts';

export type ErrorCode = keyof typeof MESSAGES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
  ) {
    super(code);
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', 404, { what });
export const forbidden = () => new AppError('FORBIDDEN', 403);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 401);
export const conflict = (code: ErrorCode) => new AppError(code, 409);
export const rateLimited = (retryAfterSeconds: number, code: ErrorCode = 'RATE_LIMITED') =>
  new AppError(code, 429, { retryAfterSeconds }, { retryAfterSeconds });

/** Unique-constraint violation on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
