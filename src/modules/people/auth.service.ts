import type { Principal, Scope } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import type { AuditService } from '../audit/index.js';
import { uuidv7 } from 'uuidv7';
import { assertAcceptablePassword, isLocked, normalizeEmail, type Agent, type LockoutPolicy } from './people.js';
import type { PeopleStore } from './people.store.js';
import { API_TOKEN_PREFIX, dummyPasswordHash, hashPassword, randomToken, sha256, verifyPassword } from './secrets.js';

export interface AuthDeps {
  store: PeopleStore;
  audit: AuditService;
  lockout: LockoutPolicy;
  sessionTtlMs: number;
  now?: () => Date;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  agent: Agent;
  /** The cookie value: given to the browser once, stored only as a hash. */
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Writing last-seen on every request would turn every read into a write. */
const TOUCH_INTERVAL_MS = 60_000;

export function authService({ store, audit, lockout, sessionTtlMs, now = () => new Date() }: AuthDeps) {
  const systemAt = (client: ClientInfo) => ({ type: 'system' as const, id: null, ip: client.ip });

  return {
    async login(emailInput: string, password: string, client: ClientInfo): Promise<LoginResult> {
      const email = normalizeEmail(emailInput);
      const row = await store.findAgentForLogin(email);
      if (!row) {
        await verifyPassword(dummyPasswordHash, password);
        await audit.record({ actor: systemAt(client), action: 'auth.login_failed', details: { email, reason: 'unknown_email' } });
        throw new AppError('INVALID_CREDENTIALS');
      }
      const actor = { type: 'agent' as const, id: row.id, ip: client.ip };
      const target = { type: 'agent', id: row.id };
      if (isLocked(row.lockedUntil, now())) {
        await audit.record({ actor, action: 'auth.login_refused_locked', target });
        throw new AppError('ACCOUNT_LOCKED', { lockedUntil: row.lockedUntil?.toISOString() });
      }
      if (!(await verifyPassword(row.passwordHash, password))) {
        const { lockedUntil } = await store.recordFailedLogin(row.id, lockout.maxFailures, new Date(now().getTime() + lockout.lockoutMs));
        await audit.record({ actor, action: 'auth.login_failed', target, details: { reason: 'wrong_password' } });
        if (isLocked(lockedUntil, now())) {
          await audit.record({ actor, action: 'auth.locked_out', target, details: { lockedUntil: lockedUntil?.toISOString() } });
          throw new AppError('ACCOUNT_LOCKED', { lockedUntil: lockedUntil?.toISOString() });
        }
        throw new AppError('INVALID_CREDENTIALS');
      }
      // Only someone who knows the password learns that the account is disabled.
      if (!row.active) throw new AppError('ACCOUNT_DISABLED');

      const at = now();
      const sessionToken = randomToken();
      const csrfToken = randomToken();
      const expiresAt = new Date(at.getTime() + sessionTtlMs);
      await store.recordSuccessfulLogin(row.id, at);
      await store.insertSession({
        id: uuidv7(),
        tokenHash: sha256(sessionToken),
        agentId: row.id,
        csrfToken,
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 300) ?? null,
        expiresAt,
      });
      await audit.record({ actor, action: 'auth.login', target });
      const agent = await store.getAgent(row.id);
      if (!agent) throw new AppError('AGENT_NOT_FOUND');
      return { agent, sessionToken, csrfToken, expiresAt };
    },

    async logout(principal: Principal, client: ClientInfo): Promise<void> {
      if (principal.kind !== 'agent') return;
      await store.deleteSession(principal.sessionId);
      await audit.record({ actor: { type: 'agent', id: principal.agentId, ip: client.ip }, action: 'auth.logout', target: { type: 'agent', id: principal.agentId } });
    },

    /** Resolves a console session cookie; undefined when there is none, an error when it is stale. */
    async sessionPrincipal(cookieValue: string): Promise<Principal> {
      const found = await store.findSession(sha256(cookieValue), now());
      if (!found || !found.active) throw new AppError('SESSION_EXPIRED');
      const { session, role } = found;
      if (now().getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await store.touchSession(session.id, now());
      return { kind: 'agent', agentId: session.agentId, role, sessionId: session.id, csrfToken: session.csrfToken };
    },

    async tokenPrincipal(bearer: string): Promise<Principal> {
      if (!bearer.startsWith(API_TOKEN_PREFIX)) throw new AppError('INVALID_TOKEN');
      const token = await store.findUsableApiToken(sha256(bearer), now());
      if (!token) throw new AppError('INVALID_TOKEN');
      if (!token.lastUsedAt || now().getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) await store.touchApiToken(token.id, now());
      return { kind: 'api_token', tokenId: token.id, scopes: token.scopes as Scope[], createdBy: token.createdBy };
    },

    async changePassword(principal: Principal, currentPassword: string, newPassword: string, client: ClientInfo): Promise<void> {
      if (principal.kind !== 'agent') throw new AppError('FORBIDDEN');
      const hash = await store.getPasswordHash(principal.agentId);
      if (!hash || !(await verifyPassword(hash, currentPassword))) throw new AppError('INVALID_CREDENTIALS');
      assertAcceptablePassword(newPassword);
      await store.updateAgent(principal.agentId, { passwordHash: await hashPassword(newPassword) });
      // Anyone else holding a session for this account is signed out.
      await store.deleteSessionsOf(principal.agentId, principal.sessionId);
      await audit.record({ actor: { type: 'agent', id: principal.agentId, ip: client.ip }, action: 'auth.password_changed', target: { type: 'agent', id: principal.agentId } });
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
