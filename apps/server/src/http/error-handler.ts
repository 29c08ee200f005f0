// One place turns every failure into `{ error: { code, message, details } }`. Client mistakes
// get a 4xx with a stable code; anything unexpected is logged with the request id and answered
// 500 with no detail.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../context.ts';
import { AppError } from './errors.ts';
import { pickLang, renderMessage } from './messages.ts';

function send(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  params = {},
  details?: unknown,
) {
  const message = renderMessage(code, pickLang(req.headers['accept-language']), params);
  if (status === 429 && details && typeof details === 'object' && 'retryAfterSeconds' in details) {
    reply.header('retry-after', String((details as { retryAfterSeconds: number }).retryAfterSeconds));
  }
  return reply.code(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

/** Errors Fastify raises before any route runs (a malformed URL, a path parameter over 100 characters). */
export function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return send(req, reply, 414, 'URL_TOO_LONG');
  return send(req, reply, 400, 'BAD_REQUEST');
}

export function installErrorHandler(app: App) {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) return send(req, reply, err.status, err.code, err.params, err.details);
    const fe = err as FastifyError;
    if (fe.validation) {
      const details = fe.validation.map((v) => ({
        field:
          `${fe.validationContext ?? ''}${v.instancePath || ''}`.replace(/\//g, '.') || fe.validationContext,
        problem: v.message,
        ...(v.keyword === 'required'
          ? { missing: (v.params as { missingProperty?: string }).missingProperty }
          : {}),
      }));
      return send(req, reply, 400, 'VALIDATION_FAILED', {}, details);
    }
    const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
    if (mapped) return send(req, reply, fe.statusCode ?? 400, mapped);
    if (err instanceof SyntaxError && (fe.statusCode ?? 500) === 400)
      return send(req, reply, 400, 'INVALID_JSON');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(req, reply, fe.statusCode, fe.statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST');
    }
    req.log.error({ err, reqId: req.id }, 'unhandled error');
    return send(req, reply, 500, 'INTERNAL', {}, { requestId: req.id });
  });

  app.setNotFoundHandler((req, reply) => send(req, reply, 404, 'ROUTE_NOT_FOUND'));
}
