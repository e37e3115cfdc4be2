import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { pickLocale } from '../i18n/index.js';
import { CUSTOMER_TOKEN_HEADER, SHARED_SECRET_HEADER, type Access, type Principal } from './access.js';
import { AppError } from './app-error.js';

/** Resolves the caller from cookie or bearer token; null when the request carries neither. */
export type Authenticator = (request: FastifyRequest) => Promise<Principal | null>;
/** Verifies a customer token (throws on a bad one); null when the request carries none. */
export type CustomerAuthenticator = (token: string) => Promise<unknown>;

export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access | undefined;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Third-party plugin routes we serve to everyone, by prefix (the API reference UI). */
const publicPrefixes = ['/api/docs'];

/** Constant-time comparison; hashing first makes the lengths equal without leaking them. */
function secretMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || !given) return false;
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function check(access: Access | undefined, principal: Principal | null, request: FastifyRequest): void {
  if (access && 'public' in access) return;
  if (access && 'customer' in access) {
    if (!request.customer) throw new AppError('AUTH_REQUIRED');
    return;
  }
  if (access && 'sharedSecret' in access) {
    if (!secretMatches(request.headers[SHARED_SECRET_HEADER], access.sharedSecret)) throw new AppError('AUTH_REQUIRED');
    return;
  }
  if (!principal) throw new AppError('AUTH_REQUIRED');
  if (!access) throw new AppError('FORBIDDEN');
  if (principal.kind === 'api_token') {
    if (!access.scope) throw new AppError('FORBIDDEN');
    if (!principal.scopes.includes(access.scope)) throw new AppError('INSUFFICIENT_SCOPE', { required: access.scope });
    return;
  }
  if (!access.roles.includes(principal.role)) throw new AppError('FORBIDDEN');
  // Cookies ride along with cross-site requests; a header only our own pages can set does not.
  if (!safeMethods.has(request.method) && request.headers['x-csrf-token'] !== principal.csrfToken) {
    throw new AppError('CSRF_FAILED');
  }
}

/**
 * Fail-closed access control: every route states who may call it (`config.access`), every
 * request is checked before its handler runs, and the registry of routes is kept so the test
 * suite can walk all of them.
 */
export function installAccessControl(app: FastifyInstance, authenticate: Authenticator, authenticateCustomer?: CustomerAuthenticator): RegisteredRoute[] {
  const registry: RegisteredRoute[] = [];
  app.decorateRequest('principal', null);
  app.decorateRequest('customer', null);
  app.decorateRequest('locale', 'zh-CN');

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.config?.access && publicPrefixes.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, access: { public: true } };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) registry.push({ method, url: route.url, access: route.config?.access });
  });

  app.addHook('onRequest', async (request) => {
    request.locale = pickLocale(request.headers['accept-language']);
    const access = request.routeOptions.config?.access;
    const isPublic = !!access && 'public' in access;
    if (access && 'customer' in access) {
      const token = request.headers[CUSTOMER_TOKEN_HEADER];
      request.customer = typeof token === 'string' && token && authenticateCustomer ? await authenticateCustomer(token) : null;
      if (!request.customer) throw new AppError('AUTH_REQUIRED');
      return;
    }
    try {
      request.principal = await authenticate(request);
    } catch (err) {
      // A stale cookie or bad token on a public page is simply anonymous.
      if (!isPublic) throw err;
      request.principal = null;
    }
    // Unmatched URLs fall through to the 404 handler rather than a misleading 401.
    if (request.routeOptions.url === undefined) return;
    check(access, request.principal, request);
  });
  return registry;
}
