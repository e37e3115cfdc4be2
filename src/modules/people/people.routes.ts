import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actingAgentId, actorOf, adminsOnly, managers, roles, scopes, staff } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import { decodeCursor, pageQuery, pageSchema, toPage } from '../../platform/http/pagination.js';
import { locales } from '../../platform/i18n/index.js';
import type { AgentsService } from './agents.service.js';
import type { ApiTokensService } from './api-tokens.service.js';
import type { AuthService } from './auth.service.js';
import { businessHoursSchema } from './business-hours.js';
import { MAX_PASSWORD_LENGTH, presences } from './people.js';
import type { TeamsService } from './teams.service.js';

export const SESSION_COOKIE = 'wd_session';

const idParams = z.object({ id: z.uuid() }).strict();
const skill = z.string().trim().min(1).max(50);

const agentSchema = z.object({
  id: z.uuid(),
  email: z.email(),
  name: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  active: z.boolean(),
  presence: z.enum(presences),
  presenceChangedAt: z.date(),
  capacity: z.number().int(),
  skillCategories: z.array(z.string()),
  skillLanguages: z.array(z.string()),
  teamIds: z.array(z.uuid()),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const teamSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  categories: z.array(z.string()),
  languages: z.array(z.string()),
  businessHours: businessHoursSchema.nullable(),
  memberIds: z.array(z.uuid()),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(scopes)),
  createdBy: z.uuid(),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

const password = z.string().min(1).max(MAX_PASSWORD_LENGTH);

const agentFields = {
  name: z.string().trim().min(1).max(100),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(roles),
  capacity: z.number().int().min(0).max(100),
  skillCategories: z.array(skill).max(50),
  skillLanguages: z.array(z.enum(locales)).max(2),
  teamIds: z.array(z.uuid()).max(50),
  password,
};

const createAgentBody = z.strictObject({
  email: z.email().max(200),
  ...agentFields,
  displayName: agentFields.displayName.optional(),
  capacity: agentFields.capacity.optional(),
  skillCategories: agentFields.skillCategories.optional(),
  skillLanguages: agentFields.skillLanguages.optional(),
  teamIds: agentFields.teamIds.optional(),
  password: password.optional().describe('Omit to have one generated and returned once.'),
});

const updateAgentBody = z.strictObject({
  ...Object.fromEntries(Object.entries(agentFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof agentFields]: z.ZodOptional<(typeof agentFields)[K]> },
  active: z.boolean().optional(),
});

const teamBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(1000).optional(),
  categories: z.array(skill).max(50).optional().describe('Issue categories whose handovers join this team\'s queue.'),
  languages: z.array(z.enum(locales)).max(2).optional().describe('Languages the team serves; empty: all.'),
  businessHours: businessHoursSchema.nullable().optional().describe('Opening hours in the team\'s IANA time zone, and holidays; null: around the clock. Outside them customers are offered a ticket or a callback.'),
  memberIds: z.array(z.uuid()).max(500).optional(),
});

const client = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

function principalOf(request: FastifyRequest) {
  if (!request.principal) throw new AppError('AUTH_REQUIRED');
  return request.principal;
}

export interface PeopleRouteDeps {
  auth: AuthService;
  agents: AgentsService;
  teams: TeamsService;
  apiTokens: ApiTokensService;
  cookieSecure: boolean;
}

export function peopleRoutes(deps: PeopleRouteDeps) {
  const { auth, agents, teams, apiTokens, cookieSecure } = deps;

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // ---- sign-in
    app.post('/api/v1/auth/login', {
      config: {
        access: { public: true },
        // Per address; the per-account lockout stops guessing spread over many addresses.
        rateLimit: { max: 20, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in to the console; sets the HTTP-only session cookie',
        body: z.strictObject({ email: z.string().trim().min(1).max(200), password }),
        response: { 200: z.object({ agent: agentSchema, csrfToken: z.string(), expiresAt: z.date() }) },
      },
    }, async (request, reply) => {
      const result = await auth.login(request.body.email, request.body.password, client(request));
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        httpOnly: true,
        secure: cookieSecure,
        sameSite: 'lax',
        path: '/',
        expires: result.expiresAt,
      });
      return { agent: result.agent, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
    });

    app.post('/api/v1/auth/logout', {
      config: { access: { roles: staff } },
      schema: { tags: ['auth'], summary: 'Sign out and end this session', response: { 204: z.null() } },
    }, async (request, reply) => {
      await auth.logout(principalOf(request), client(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    // ---- the signed-in agent
    app.get('/api/v1/me', {
      config: { access: { roles: staff } },
      schema: { tags: ['auth'], summary: 'The signed-in agent and the CSRF token for writes', response: { 200: z.object({ agent: agentSchema, csrfToken: z.string() }) } },
    }, async (request) => {
      const p = principalOf(request);
      if (p.kind !== 'agent') throw new AppError('FORBIDDEN');
      return { agent: await agents.get(p.agentId), csrfToken: p.csrfToken };
    });

    app.put('/api/v1/me/presence', {
      config: { access: { roles: staff } },
      schema: { tags: ['auth'], summary: 'Set my presence (online, away, offline)', body: z.strictObject({ presence: z.enum(presences) }), response: { 200: agentSchema } },
    }, async (request) => agents.setPresence(actingAgentId(request)!, request.body.presence, actorOf(request)));

    app.post('/api/v1/me/password', {
      config: { access: { roles: staff }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Change my password; other sessions are signed out', body: z.strictObject({ currentPassword: password, newPassword: password }), response: { 204: z.null() } },
    }, async (request, reply) => {
      await auth.changePassword(principalOf(request), request.body.currentPassword, request.body.newPassword, client(request));
      return reply.status(204).send(null);
    });

    // ---- agents
    app.get('/api/v1/agents', {
      config: { access: { roles: managers, scope: 'agents:read' } },
      schema: {
        tags: ['agents'],
        summary: 'List agents',
        querystring: pageQuery.extend({
          role: z.enum(roles).optional(),
          presence: z.enum(presences).optional(),
          active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          teamId: z.uuid().optional(),
        }).strict(),
        response: { 200: pageSchema(agentSchema) },
      },
    }, async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return toPage(await agents.list({ ...filter, limit, after: decodeCursor(cursor) }), limit, (a) => a.id);
    });

    app.get('/api/v1/agents/:id', {
      config: { access: { roles: managers, scope: 'agents:read' } },
      schema: { tags: ['agents'], summary: 'One agent', params: idParams, response: { 200: agentSchema } },
    }, async (request) => agents.get(request.params.id));

    app.post('/api/v1/agents', {
      config: { access: { roles: adminsOnly, scope: 'agents:write' } },
      schema: {
        tags: ['agents'],
        summary: 'Create an agent, supervisor or admin',
        body: createAgentBody,
        response: { 201: z.object({ agent: agentSchema, generatedPassword: z.string().nullable().describe('Shown once when no password was given.') }) },
      },
    }, async (request, reply) => reply.status(201).send(await agents.create(request.body, actorOf(request))));

    app.patch('/api/v1/agents/:id', {
      config: { access: { roles: adminsOnly, scope: 'agents:write' } },
      schema: { tags: ['agents'], summary: 'Change an agent (role, skills, capacity, teams, password, active)', params: idParams, body: updateAgentBody, response: { 200: agentSchema } },
    }, async (request) => agents.update(request.params.id, request.body, actorOf(request)));

    app.delete('/api/v1/agents/:id', {
      config: { access: { roles: adminsOnly, scope: 'agents:write' } },
      schema: { tags: ['agents'], summary: 'Deactivate an agent (history keeps their name)', params: idParams, response: { 200: agentSchema } },
    }, async (request) => agents.update(request.params.id, { active: false }, actorOf(request)));

    // ---- teams
    app.get('/api/v1/teams', {
      config: { access: { roles: staff, scope: 'teams:read' } },
      schema: { tags: ['teams'], summary: 'List teams', response: { 200: z.object({ items: z.array(teamSchema), nextCursor: z.null() }) } },
    }, async () => ({ items: await teams.list(), nextCursor: null }));

    app.get('/api/v1/teams/:id', {
      config: { access: { roles: staff, scope: 'teams:read' } },
      schema: { tags: ['teams'], summary: 'One team', params: idParams, response: { 200: teamSchema } },
    }, async (request) => teams.get(request.params.id));

    app.post('/api/v1/teams', {
      config: { access: { roles: adminsOnly, scope: 'teams:write' } },
      schema: { tags: ['teams'], summary: 'Create a team', body: teamBody, response: { 201: teamSchema } },
    }, async (request, reply) => reply.status(201).send(await teams.create(request.body, actorOf(request))));

    app.patch('/api/v1/teams/:id', {
      config: { access: { roles: adminsOnly, scope: 'teams:write' } },
      schema: { tags: ['teams'], summary: 'Change a team or its members', params: idParams, body: teamBody.partial(), response: { 200: teamSchema } },
    }, async (request) => teams.update(request.params.id, request.body, actorOf(request)));

    app.delete('/api/v1/teams/:id', {
      config: { access: { roles: adminsOnly, scope: 'teams:write' } },
      schema: { tags: ['teams'], summary: 'Delete a team', params: idParams, response: { 204: z.null() } },
    }, async (request, reply) => {
      await teams.remove(request.params.id, actorOf(request));
      return reply.status(204).send(null);
    });

    // ---- API tokens (sessions only: a token cannot mint or revoke tokens)
    app.get('/api/v1/api-tokens', {
      config: { access: { roles: adminsOnly } },
      schema: { tags: ['api-tokens'], summary: 'List API tokens (never their secret)', response: { 200: z.object({ items: z.array(apiTokenSchema), nextCursor: z.null() }) } },
    }, async () => ({ items: await apiTokens.list(), nextCursor: null }));

    app.post('/api/v1/api-tokens', {
      config: { access: { roles: adminsOnly } },
      schema: {
        tags: ['api-tokens'],
        summary: 'Create an API token; the secret is in this response only',
        body: z.strictObject({ name: z.string().trim().min(1).max(100), scopes: z.array(z.enum(scopes)).min(1), expiresAt: z.coerce.date().optional() }),
        response: { 201: z.object({ token: z.string(), info: apiTokenSchema }) },
      },
    }, async (request, reply) => reply.status(201).send(await apiTokens.create(request.body, actingAgentId(request)!, actorOf(request))));

    app.delete('/api/v1/api-tokens/:id', {
      config: { access: { roles: adminsOnly } },
      schema: { tags: ['api-tokens'], summary: 'Revoke an API token', params: idParams, response: { 204: z.null() } },
    }, async (request, reply) => {
      await apiTokens.revoke(request.params.id, actorOf(request));
      return reply.status(204).send(null);
    });
  };
}
