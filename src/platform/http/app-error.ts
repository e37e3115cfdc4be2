/**
 * Typed application error. Domain code throws these with a stable code; the HTTP edge maps the
 * code to a status and a message in the caller's language (see error-codes.ts and i18n/).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'AppError';
  }
}

/** Every stable error code and its HTTP status. Add codes here; messages live in the i18n catalogs. */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  ROUTE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  AUTH_REQUIRED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  INVALID_TOKEN: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  INSUFFICIENT_SCOPE: 403,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  TEAM_NAME_TAKEN: 409,
  AGENT_NOT_FOUND: 404,
  TEAM_NOT_FOUND: 404,
  API_TOKEN_NOT_FOUND: 404,
  WEAK_PASSWORD: 400,
  LAST_ADMIN: 409,
  WALLET_CUSTOMER_NOT_FOUND: 404,
  TRANSACTION_NOT_FOUND: 404,
  IDEMPOTENCY_KEY_REUSED: 409,
  WALLET_STATE_CONFLICT: 409,
  REFUND_EXCEEDS_PAYMENT: 409,
  INSUFFICIENT_BALANCE_FOR_REVERSAL: 409,
  UNKNOWN_CHANNEL: 400,
  UNSUPPORTED_CURRENCY: 400,
  WALLET_UNAVAILABLE: 503,
  ARTICLE_NOT_FOUND: 404,
  ARTICLE_ID_TAKEN: 409,
  ARTICLE_INCOMPLETE: 409,
  VERSION_CONFLICT: 409,
  CATEGORY_NOT_FOUND: 404,
  ANNOUNCEMENT_NOT_FOUND: 404,
  INVALID_CUSTOMER_TOKEN: 401,
  CUSTOMER_TOKEN_EXPIRED: 401,
  CONVERSATION_NOT_FOUND: 404,
  CONVERSATION_CLOSED: 409,
  NOT_ASSIGNEE: 403,
  MESSAGE_TOO_LONG: 413,
  UNKNOWN_FRAME: 400,
  AGENT_MESSAGE_REFUSED: 422,
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  // An authentic link past its time: the holder was given it, so saying so leaks nothing.
  ATTACHMENT_URL_EXPIRED: 403,
  // A forged or altered link gets the answer a missing file would: no probing of attachment ids.
  ATTACHMENT_URL_INVALID: 404,
  WEBHOOK_NOT_FOUND: 404,
  WEBHOOK_DELIVERY_NOT_FOUND: 404,
  WEBHOOK_URL_INVALID: 400,
  NOT_READY: 503,
  SHUTTING_DOWN: 503,
  INTERNAL_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;
