import './events.js';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/app-error.js';
import type { Config } from '../../config.js';
import type { Orm } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Principal } from '../../platform/http/access.js';
import type { AuditService } from '../audit/index.js';
import { agentsService } from './agents.service.js';
import { apiTokensService } from './api-tokens.service.js';
import { authService } from './auth.service.js';
import { peopleStore } from './people.store.js';
import { peopleRoutes, SESSION_COOKIE } from './people.routes.js';
import { peopleSeeders } from './people.seed.js';
import { teamsService } from './teams.service.js';

export type { Agent, Team, Presence } from './people.js';
export { isOpen, nextOpening, businessHoursSchema, type BusinessHours } from './business-hours.js';
export { addBusinessTime, businessTimeBetween } from './business-time.js';
export { openingsBetween } from './business-time.js';
export { demoAccounts } from './people.seed.js';
export { SESSION_COOKIE } from './people.routes.js';

type PeopleConfig = Pick<Config, 'LOGIN_MAX_FAILURES' | 'LOGIN_LOCKOUT_MINUTES' | 'SESSION_TTL_HOURS' | 'COOKIE_SECURE'>;

export function createPeople(deps: { orm: Orm; bus: EventBus; audit: AuditService; config: PeopleConfig }) {
  const { orm, bus, audit, config } = deps;
  const store = peopleStore(orm);
  const auth = authService({
    store,
    audit,
    lockout: { maxFailures: config.LOGIN_MAX_FAILURES, lockoutMs: config.LOGIN_LOCKOUT_MINUTES * 60_000 },
    sessionTtlMs: config.SESSION_TTL_HOURS * 3_600_000,
  });
  const agents = agentsService({ store, audit, bus });
  const teams = teamsService({ store, audit, bus });
  const apiTokens = apiTokensService({ store, audit });

  /** Bearer token first (integrations), then the console cookie. */
  async function authenticate(request: FastifyRequest): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (header?.toLowerCase().startsWith('bearer ')) return auth.tokenPrincipal(header.slice(7).trim());
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) return auth.sessionPrincipal(cookie);
    return null;
  }

  return {
    auth,
    agents,
    teams,
    apiTokens,
    authenticate,
    /** A team's business hours, read on the caller's connection (inside its transaction: PGlite has only one). */
    async teamHours(teamId: string, via: Orm = orm) {
      const team = await peopleStore(via).getTeam(teamId);
      if (!team) throw new AppError('TEAM_NOT_FOUND');
      return team.businessHours;
    },
    routes: peopleRoutes({ auth, agents, teams, apiTokens, cookieSecure: config.COOKIE_SECURE }),
    seeders: peopleSeeders(agents, teams),
  };
}

export type People = ReturnType<typeof createPeople>;
