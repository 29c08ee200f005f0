import type { ErrorBody } from '@kaquan/contracts';
import { getLang } from '../i18n/lang-store.ts';

/** An error the API answered with `{ error: { code, message, details } }`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export async function apiRequest<T>(
  method: Method,
  path: string,
  body?: unknown,
  extraHeaders?: Record<string, string>,
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': getLang(),
    ...extraHeaders,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(NETWORK_ERROR, err instanceof Error ? err.message : String(err));
  }
  if (res.status === 204) return undefined as T;
  const payload: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = (payload as Partial<ErrorBody> | undefined)?.error;
    throw new ApiError(
      error?.code ?? `HTTP_${res.status}`,
      error?.message ?? res.statusText,
      res.status,
      error?.details,
    );
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string) => apiRequest<T>('GET', path),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    apiRequest<T>('POST', path, body ?? {}, headers),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, body),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};
