import type { FastifyRequest } from 'fastify';
import type { Locale } from '../i18n/index.js';

export const roles = ['admin', 'supervisor', 'agent'] as const;
export type Role = (typeof roles)[number];

/**
 * What an API token may be allowed to do. A route that accepts tokens names the one scope it
 * needs; a token without it is refused. Later modules add their scopes here.
 */
export const scopes = [
  'agents:read',
  'agents:write',
  'teams:read',
  'teams:write',
  'audit:read',
  'wallet:read',
  'wallet:write',
  'kb:read',
  'kb:write',
  'conversations:read',
  'conversations:write',
  'bot:read',
  'bot:write',
  'tickets:read',
  'tickets:write',
  'email:read',
  'email:write',
  'calls:read',
  'calls:write',
] as const;
export type Scope = (typeof scopes)[number];

export type Principal =
  | { kind: 'agent'; agentId: string; role: Role; sessionId: string; csrfToken: string }
  | { kind: 'api_token'; tokenId: string; scopes: readonly Scope[]; createdBy: string };

/**
 * Who may call a route. Every route declares one in `config.access`; a route without a declaration
 * is refused to everyone (fail closed), which the route-walking test checks.
 * - `public`: anyone, no identity needed;
 * - `roles`: a console session whose agent has one of these roles, or, if `scope` is set, an API
 *   token carrying that scope;
 * - `sharedSecret`: a system peer (the wallet backend) sending this secret in `X-WalletDesk-Secret`;
 * - `customer`: a wallet customer or visitor with a valid customer token in `X-Customer-Token`.
 */
export type Access = { public: true } | { roles: readonly Role[]; scope?: Scope } | { sharedSecret: string } | { customer: true };

export const CUSTOMER_TOKEN_HEADER = 'x-customer-token';

export const SHARED_SECRET_HEADER = 'x-walletdesk-secret';

export const staff: readonly Role[] = roles;
export const managers: readonly Role[] = ['admin', 'supervisor'];
export const adminsOnly: readonly Role[] = ['admin'];

/** Who did something, for the audit log and domain events. */
export interface Actor {
  type: 'agent' | 'api_token' | 'customer' | 'system';
  id: string | null;
  ip: string | null;
}

export const systemActor: Actor = { type: 'system', id: null, ip: null };

export function actorOf(request: FastifyRequest): Actor {
  const p = request.principal;
  if (p?.kind === 'agent') return { type: 'agent', id: p.agentId, ip: request.ip };
  if (p?.kind === 'api_token') return { type: 'api_token', id: p.tokenId, ip: request.ip };
  return { type: 'system', id: null, ip: request.ip };
}

/** The acting agent's id; tokens act on behalf of the agent who created them. */
export function actingAgentId(request: FastifyRequest): string | null {
  const p = request.principal;
  if (p?.kind === 'agent') return p.agentId;
  if (p?.kind === 'api_token') return p.createdBy;
  return null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The customer identity on `customer` routes; its type belongs to the module that verifies it. */
    customer: unknown;
    locale: Locale;
  }
}
