import { z } from 'zod';

/** Environment variables accept the usual spellings of a boolean; anything else is an error. */
const booleanWords = z.enum(['true', 'false', '1', '0', 'yes', 'no']);
const isTrue = (v: string) => v === 'true' || v === '1' || v === 'yes';
const flag = (fallback: 'true' | 'false') => booleanWords.default(fallback).transform(isTrue);
const optionalFlag = booleanWords.optional().transform((v) => (v === undefined ? undefined : isTrue(v)));

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://');

const redisUrl = z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://');

/**
 * Every setting WalletDesk reads, with its default. The table in README.md is generated from the
 * `describe` texts here by `npm run docs:config`, so the two cannot drift.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development').describe('Runtime profile.'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('HTTP port to listen on (0 picks a free one).'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Interface to bind.'),
  PUBLIC_URL: z.url().optional().describe('Address people use to reach this server; printed at start and used in links. Defaults to http://localhost:PORT.'),
  DATA_DIR: z.string().min(1).default('./data').describe('Folder for the embedded database and uploaded files.'),
  DATABASE_URL: postgresUrl.optional().describe('PostgreSQL connection string; when set, PostgreSQL replaces the embedded database.'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10).describe('PostgreSQL connections per node.'),
  REDIS_URL: redisUrl.optional().describe('Redis connection string; when set, domain events cross nodes through Redis pub/sub.'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Minimum log level (JSON logs on stdout).'),
  SEED_DEMO: optionalFlag.describe('Seed demo data on first start. Default: true on the embedded database, false on PostgreSQL.'),
  COOKIE_SECURE: flag('true').describe('Mark the session cookie Secure. Browsers accept Secure cookies from http://localhost; turn off only for plain-HTTP hosts other than localhost.'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12).describe('Console session lifetime.'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5).describe('Consecutive failed logins before an account is locked.'),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15).describe('How long a locked account stays locked.'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024).describe('Largest accepted JSON request body.'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000).describe('How long a graceful shutdown waits for in-flight work before exiting anyway.'),
  WALLET_CONNECTOR: z.enum(['builtin', 'http']).default('builtin').describe('Where wallet data comes from: the built-in ledger, or an existing wallet backend over the HTTP connector contract (docs/wallet-connector.md).'),
  WALLET_URL: z.url().optional().describe('Base URL of the wallet backend (required with WALLET_CONNECTOR=http), e.g. https://wallet.internal/connector/v1.'),
  WALLET_SECRET: z.string().min(16).optional().describe('Shared secret sent as X-WalletDesk-Secret to the wallet backend (required with WALLET_CONNECTOR=http). With the built-in ledger, setting it also serves the connector contract under /connector/v1.'),
  WALLET_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000).describe('Per-request timeout when calling the wallet backend.'),
  WALLET_RETRIES: z.coerce.number().int().min(0).max(5).default(2).describe('Extra attempts for wallet reads that time out or fail with a 5xx (writes are never retried).'),
  WALLET_TOKEN_SECRET: z.string().min(32).optional().describe('HS256 secret the wallet app signs customer tokens with (its user id as sub, at most 24 h). Unset: only anonymous visitors can chat, except in a demo install, which signs demo customers with a secret of its own.'),
  GUARD_ALLOWED_LINK_DOMAINS: z
    .string()
    .default('walletdesk.example')
    .transform((v) => v.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean))
    .describe('Comma-separated domains agents may link to (subdomains included); any other link in an agent message is refused as possible phishing.'),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024).describe('Largest chat attachment (image or PDF) accepted, in bytes.'),
  ATTACHMENT_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(300).describe('How long a signed link to a chat attachment stays valid.'),
  ACCEPT_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(3600).default(60).describe('Seconds an agent has to accept an assigned conversation (by accepting it or replying) before it is offered to the next agent; 0 turns the limit off.'),
  BOT_ENABLED: flag('true').describe('Let the bot (智能客服) answer live chats first and hand over to agents; false: chats wait with no automatic answers until the customer asks for a person.'),
  TRUST_PROXY: flag('false').describe('Trust X-Forwarded-* headers (set behind a load balancer).'),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000).describe('How long a webhook endpoint has to answer before the attempt counts as failed.'),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(10).describe('Attempts per webhook delivery before it is marked failed.'),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000).describe('Wait before the first webhook retry; each later wait doubles, plus up to 50 % jitter, capped at 6 hours.'),
  WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(2000).describe('How often each node looks for webhook retries that are due (new events are sent at once).'),
  SLA_POLL_MS: z.coerce.number().int().min(100).max(300_000).default(15_000).describe('How often each node looks for SLA warnings and breaches that fell due; a breach is recorded at the instant it fell due, announced at most this much later.'),
  SUPPORT_EMAIL: z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/, 'must be an e-mail address').default('support@localhost').describe('The support address: inbound mail to it (and to support+WD-XXXXXXXX@ plus-addresses) becomes tickets; outbound mail is sent from it and its domain names the Message-IDs.'),
  EMAIL_INBOUND: flag('true').describe('Run the SMTP listener that receives mail for SUPPORT_EMAIL (point the domain\'s MX, or a forwarding rule, at it).'),
  SMTP_LISTEN_PORT: z.coerce.number().int().min(0).max(65535).default(2525).describe('Port of the inbound SMTP listener (0 picks a free one).'),
  SMTP_LISTEN_HOST: z.string().min(1).default('0.0.0.0').describe('Interface the inbound SMTP listener binds.'),
  SMTP_TLS_KEY_FILE: z.string().min(1).optional().describe('PEM private key for STARTTLS on the inbound listener; with SMTP_TLS_CERT_FILE it turns STARTTLS on (off by default).'),
  SMTP_TLS_CERT_FILE: z.string().min(1).optional().describe('PEM certificate chain for STARTTLS on the inbound listener.'),
  SMTP_RELAY_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional().describe('Relay for outbound mail, smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. Unset: outbound mail stays queued and a warning is logged.'),
  EMAIL_MAX_BYTES: z.coerce.number().int().min(10 * 1024).max(100 * 1024 * 1024).default(25 * 1024 * 1024).describe('Largest inbound message accepted, attachments included; announced as SIZE and refused with 552 above it.'),
  EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8).describe('Attempts per outbound message before it is marked failed (a permanent 5xx refusal fails at once).'),
  EMAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000).describe('Wait before the first outbound mail retry; each later wait doubles, plus up to 50 % jitter, capped at 6 hours.'),
  EMAIL_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(2000).describe('How often each node looks for outbound mail that is due (new mail is sent at once).'),
  CALLBACK_REMINDER_MINUTES: z.coerce.number().int().min(1).max(1440).default(30).describe('How long before a booked callback the customer is reminded (push, chat message, e-mail).'),
  CALLBACK_POLL_MS: z.coerce.number().int().min(50).max(300_000).default(15_000).describe('How often each node looks for callbacks whose reminder is due; a reminder goes out at most this much late.'),
});

export type Config = z.infer<typeof configSchema> & {
  /** Resolved: the public address and whether to seed demo data. */
  publicUrl: string;
  seedDemo: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Describes what a variable allows, so a bad value can be fixed without reading the code. */
function allowedValues(name: string): string {
  const field = configSchema.shape[name as keyof typeof configSchema.shape];
  if (!field) return '';
  const json = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const inner = (json.anyOf as Record<string, unknown>[] | undefined)?.[0] ?? json;
  if (Array.isArray(inner.enum)) return `one of ${inner.enum.join(', ')}`;
  const parts: string[] = [];
  if (typeof inner.minimum === 'number') parts.push(`>= ${inner.minimum}`);
  if (typeof inner.maximum === 'number') parts.push(`<= ${inner.maximum}`);
  if (inner.type === 'integer') parts.unshift('an integer');
  return parts.join(' ');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '');
        const allowed = allowedValues(name);
        return `${name}=${JSON.stringify(raw[name] ?? '')}: ${issue.message}${allowed ? ` (allowed: ${allowed})` : ''}`;
      }),
    );
  }
  const c = parsed.data;
  if (c.WALLET_CONNECTOR === 'http') {
    const missing = (['WALLET_URL', 'WALLET_SECRET'] as const).filter((k) => !c[k]);
    if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required when WALLET_CONNECTOR=http`));
  }
  if (Boolean(c.SMTP_TLS_KEY_FILE) !== Boolean(c.SMTP_TLS_CERT_FILE)) throw new ConfigError(['SMTP_TLS_KEY_FILE and SMTP_TLS_CERT_FILE: set both to offer STARTTLS, or neither']);
  return {
    ...c,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    seedDemo: c.SEED_DEMO ?? !c.DATABASE_URL,
  };
}
