import { uuidv7 } from 'uuidv7';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Actor, Role } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import type { AuditService } from '../audit/index.js';
import { assertAcceptablePassword, normalizeEmail, wouldRemoveLastAdmin, type Agent, type Presence } from './people.js';
import type { AgentListFilter, PeopleStore } from './people.store.js';
import { generatePassword, hashPassword } from './secrets.js';

export interface NewAgent {
  email: string;
  name: string;
  displayName?: string;
  role: Role;
  /** Omitted: a password is generated and returned once. */
  password?: string;
  capacity?: number;
  skillCategories?: string[];
  skillLanguages?: string[];
  teamIds?: string[];
}

export interface AgentChange {
  name?: string;
  displayName?: string;
  role?: Role;
  active?: boolean;
  password?: string;
  capacity?: number;
  skillCategories?: string[];
  skillLanguages?: string[];
  teamIds?: string[];
}

export function agentsService(deps: { store: PeopleStore; audit: AuditService; bus: EventBus }) {
  const { store, audit, bus } = deps;

  async function assertTeamsExist(teamIds: string[] | undefined) {
    if (!teamIds?.length) return;
    const found = new Set(await store.existingTeamIds(teamIds));
    const missing = teamIds.filter((id) => !found.has(id));
    if (missing.length) throw new AppError('TEAM_NOT_FOUND', { teamIds: missing });
  }

  async function get(id: string): Promise<Agent> {
    const agent = await store.getAgent(id);
    if (!agent) throw new AppError('AGENT_NOT_FOUND');
    return agent;
  }

  return {
    get,
    list: (filter: AgentListFilter) => store.listAgents(filter),

    async create(input: NewAgent, actor: Actor): Promise<{ agent: Agent; generatedPassword: string | null }> {
      const generatedPassword = input.password ? null : generatePassword();
      const password = input.password ?? generatedPassword!;
      assertAcceptablePassword(password);
      await assertTeamsExist(input.teamIds);
      const id = uuidv7();
      try {
        await store.insertAgent({
          id,
          email: normalizeEmail(input.email),
          name: input.name,
          displayName: input.displayName ?? input.name,
          role: input.role,
          passwordHash: await hashPassword(password),
          capacity: input.capacity,
          skillCategories: input.skillCategories,
          skillLanguages: input.skillLanguages,
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('EMAIL_TAKEN');
        throw err;
      }
      if (input.teamIds?.length) await store.setAgentTeams(id, input.teamIds);
      await audit.record({ actor, action: 'agent.created', target: { type: 'agent', id }, details: { role: input.role } });
      await bus.publish('agent.created', { agentId: id });
      return { agent: await get(id), generatedPassword };
    },

    async update(id: string, change: AgentChange, actor: Actor): Promise<Agent> {
      const current = await get(id);
      if (wouldRemoveLastAdmin(current, change, await store.countActiveAdmins())) throw new AppError('LAST_ADMIN');
      if (change.password !== undefined) assertAcceptablePassword(change.password);
      await assertTeamsExist(change.teamIds);
      const { password, teamIds, ...fields } = change;
      await store.updateAgent(id, { ...fields, ...(password !== undefined ? { passwordHash: await hashPassword(password) } : {}) });
      if (teamIds) await store.setAgentTeams(id, teamIds);
      // A disabled account or a reset password ends every open session of that agent.
      if (change.active === false || password !== undefined) await store.deleteSessionsOf(id);
      const changed = Object.keys(change).filter((k) => k !== 'password');
      await audit.record({
        actor,
        action: 'agent.updated',
        target: { type: 'agent', id },
        details: { changed: password !== undefined ? [...changed, 'password'] : changed, ...(change.role ? { role: change.role } : {}) },
      });
      await bus.publish('agent.updated', { agentId: id });
      return get(id);
    },

    async setPresence(id: string, presence: Presence, actor: Actor): Promise<Agent> {
      const current = await get(id);
      if (current.presence !== presence) {
        await store.updateAgent(id, { presence, presenceChangedAt: new Date() });
        await audit.record({ actor, action: 'agent.presence_changed', target: { type: 'agent', id }, details: { from: current.presence, to: presence } });
        await bus.publish('agent.presence_changed', { agentId: id, presence });
      }
      return get(id);
    },
  };
}

export type AgentsService = ReturnType<typeof agentsService>;
