import { decodeJwt, jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.js';
import { locales, type Locale } from '../../platform/i18n/index.js';

/** Who is on the customer side of a conversation. */
export type CustomerIdentity =
  | { kind: 'customer'; walletCustomerId: string; name: string | null; locale: Locale | null; expiresAt: number }
  | { kind: 'visitor'; visitorId: string; expiresAt: number };

const VISITOR_ISSUER = 'walletdesk-visitor';
/** The wallet app signs short-lived tokens; a longer one is refused so that a leaked token soon dies. */
const maxCustomerTokenSeconds = 24 * 3600;
const visitorTokenSeconds = 90 * 24 * 3600;

const customerClaims = z.object({
  sub: z.string().min(1).max(100),
  exp: z.number(),
  iat: z.number().optional(),
  name: z.string().max(100).optional(),
  locale: z.enum(locales).optional(),
});

/**
 * Customer tokens: the wallet app signs its user's id with the shared secret (HS256, short-lived,
 * design.md section 4); an anonymous visitor gets a token WalletDesk signs itself, so that a
 * returning visitor gets the history back. Both are verified on every message.
 */
export function customerTokens(loadSecrets: () => Promise<{ wallet: string; visitor: string }>) {
  // Loaded on first use: the secrets may live in the database, which is migrated after start-up wiring.
  let keys: Promise<{ walletKey: Uint8Array; visitorKey: Uint8Array }> | undefined;
  const load = () =>
    (keys ??= loadSecrets().then((s) => ({ walletKey: new TextEncoder().encode(s.wallet), visitorKey: new TextEncoder().encode(s.visitor) })).catch((err: unknown) => {
      keys = undefined;
      throw err;
    }));

  async function verify(token: string): Promise<CustomerIdentity> {
    const { walletKey, visitorKey } = await load();
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new AppError('INVALID_CUSTOMER_TOKEN');
    }
    try {
      if (issuer === VISITOR_ISSUER) {
        const { payload } = await jwtVerify(token, visitorKey, { issuer: VISITOR_ISSUER, algorithms: ['HS256'] });
        return { kind: 'visitor', visitorId: String(payload.sub), expiresAt: payload.exp! * 1000 };
      }
      const { payload } = await jwtVerify(token, walletKey, { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] });
      const claims = customerClaims.safeParse(payload);
      if (!claims.success) throw new AppError('INVALID_CUSTOMER_TOKEN', { reason: 'claims' });
      const issuedAt = claims.data.iat ?? Math.floor(Date.now() / 1000);
      if (claims.data.exp - issuedAt > maxCustomerTokenSeconds) throw new AppError('INVALID_CUSTOMER_TOKEN', { reason: 'lifetime longer than a day' });
      return { kind: 'customer', walletCustomerId: claims.data.sub, name: claims.data.name ?? null, locale: claims.data.locale ?? null, expiresAt: claims.data.exp * 1000 };
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new AppError('CUSTOMER_TOKEN_EXPIRED');
      throw new AppError('INVALID_CUSTOMER_TOKEN');
    }
  }

  return {
    verify,
    async issueVisitor(): Promise<{ token: string; visitorId: string; expiresAt: Date }> {
      const { visitorKey } = await load();
      const visitorId = randomUUID();
      const expiresAt = new Date(Date.now() + visitorTokenSeconds * 1000);
      const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer(VISITOR_ISSUER).setSubject(visitorId).setIssuedAt().setExpirationTime(Math.floor(expiresAt.getTime() / 1000)).sign(visitorKey);
      return { token, visitorId, expiresAt };
    },
    /** What a wallet backend does to let its user into the chat; used by the demo and by tests. */
    async signCustomer(walletCustomerId: string, options: { name?: string; locale?: Locale; ttlSeconds?: number } = {}): Promise<string> {
      const { walletKey } = await load();
      const claims = { ...(options.name ? { name: options.name } : {}), ...(options.locale ? { locale: options.locale } : {}) };
      return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(walletCustomerId).setIssuedAt().setExpirationTime(`${options.ttlSeconds ?? 3600}s`).sign(walletKey);
    },
  };
}

export type CustomerTokens = ReturnType<typeof customerTokens>;
