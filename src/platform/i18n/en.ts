import type { ErrorCode } from '../http/app-error.js';
import { enWallet } from './en.wallet.js';

export const en = {
  errors: {
    VALIDATION_FAILED: 'Some fields are missing or invalid.',
    INVALID_JSON: 'The request body is not valid JSON.',
    UNSUPPORTED_MEDIA_TYPE: 'This content type is not accepted here.',
    PAYLOAD_TOO_LARGE: 'The request body is too large.',
    ROUTE_NOT_FOUND: 'There is no such address.',
    NOT_FOUND: 'Not found.',
    AUTH_REQUIRED: 'Please sign in first.',
    INVALID_CREDENTIALS: 'The e-mail or password is wrong.',
    SESSION_EXPIRED: 'Your session has expired. Please sign in again.',
    INVALID_TOKEN: 'The access token is invalid, expired or revoked.',
    ACCOUNT_LOCKED: 'Too many failed sign-ins. The account is locked for a while; try again later.',
    ACCOUNT_DISABLED: 'This account is disabled.',
    FORBIDDEN: 'You are not allowed to do this.',
    CSRF_FAILED: 'The security token of this page is missing or stale. Reload and try again.',
    INSUFFICIENT_SCOPE: 'This API token does not have the scope this action needs.',
    RATE_LIMITED: 'Too many requests. Please slow down and try again shortly.',
    CONFLICT: 'This conflicts with the current state.',
    EMAIL_TAKEN: 'An account with this e-mail already exists.',
    TEAM_NAME_TAKEN: 'A team with this name already exists.',
    AGENT_NOT_FOUND: 'No such agent.',
    TEAM_NOT_FOUND: 'No such team.',
    API_TOKEN_NOT_FOUND: 'No such API token.',
    WEAK_PASSWORD: 'The password must be at least 10 characters long.',
    LAST_ADMIN: 'This would leave no active administrator.',
    WALLET_CUSTOMER_NOT_FOUND: 'No such wallet customer.',
    TRANSACTION_NOT_FOUND: 'No such transaction for this customer.',
    IDEMPOTENCY_KEY_REUSED: 'This idempotency key was already used for a different operation.',
    WALLET_STATE_CONFLICT: 'The account or transaction is not in a state that allows this.',
    REFUND_EXCEEDS_PAYMENT: 'The refund is larger than what is left to refund on this payment.',
    INSUFFICIENT_BALANCE_FOR_REVERSAL: 'The balance is too low to reverse this transaction.',
    UNKNOWN_CHANNEL: 'No such funding channel.',
    UNSUPPORTED_CURRENCY: 'This currency is not supported for this account.',
    WALLET_UNAVAILABLE: 'The wallet system cannot be reached right now. Please try again later, or ask a human agent.',
    NOT_READY: 'The service is not ready.',
    SHUTTING_DOWN: 'The service is restarting. Please retry in a moment.',
    INTERNAL_ERROR: 'Something went wrong on our side. Please try again.',
  } satisfies Record<ErrorCode, string>,
  guard: {
    placeholders: {
      seed_phrase: '[seed phrase hidden]',
      private_key: '[private key hidden]',
      extended_private_key: '[private key hidden]',
      password: '[password hidden]',
      payment_pin: '[payment PIN hidden]',
      verification_code: '[verification code hidden]',
      cvv: '[CVV hidden]',
    },
    securityWarning:
      'For your safety we hid what looked like a secret. Official staff will never ask for your seed phrase, private key, password, payment PIN or verification codes. Never share them with anyone.',
    scamAdvice:
      'This sounds like a scam. Do not transfer any money, do not share any code, and end the call or chat now. Real staff never ask you to move money to a "safe account", share your screen, install an app, or pay to get a refund or unfreeze an account.',
  },
  wallet: enWallet,
};

export type Catalog = typeof en;
