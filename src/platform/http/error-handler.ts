import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorMessage } from '../i18n/index.js';
import { AppError, errorStatus, type ErrorCode } from './app-error.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: Record<string, unknown>) {
  const body: ErrorBody = { error: { code, message: errorMessage(code, request.locale), ...(details ? { details } : {}) } };
  return reply.status(errorStatus[code]).send(body);
}

/** Fastify's own error codes that are the caller's fault, and what we call them. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * The only place errors become HTTP: typed AppErrors keep their code, validation failures list
 * the offending fields, anything unexpected is logged with its stack and answered with a plain
 * INTERNAL_ERROR (never the stack).
 */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) return sendError(request, reply, err.code, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      return sendError(request, reply, 'VALIDATION_FAILED', { issues });
    }
    const fe = err as FastifyError;
    if (fe.code && fastifyCodes[fe.code]) return sendError(request, reply, fastifyCodes[fe.code]!);
    if (fe.code === 'FST_ERR_VALIDATION' || (fe.statusCode === 400 && fe.validation)) {
      return sendError(request, reply, 'VALIDATION_FAILED', { issues: [{ path: fe.validationContext ?? '', message: fe.message }] });
    }
    if (fe.statusCode === 429) return sendError(request, reply, 'RATE_LIMITED');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      request.log.info({ err }, 'client error without a mapped code');
      return sendError(request, reply, 'VALIDATION_FAILED');
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(request, reply, 'INTERNAL_ERROR');
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 'ROUTE_NOT_FOUND'));
}
