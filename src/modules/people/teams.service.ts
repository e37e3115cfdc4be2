import { uuidv7 } from 'uuidv7';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Actor } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import type { AuditService } from '../audit/index.js';
import type { BusinessHours } from './business-hours.js';
import type { Team } from './people.js';
import type { PeopleStore } from './people.store.js';

export interface TeamInput {
  name: string;
  description?: string;
  categories?: string[];
  languages?: string[];
  businessHours?: BusinessHours | null;
  memberIds?: string[];
}

export function teamsService(deps: { store: PeopleStore; audit: AuditService; bus: EventBus }) {
  const { store, audit, bus } = deps;

  async function get(id: string): Promise<Team> {
    const team = await store.getTeam(id);
    if (!team) throw new AppError('TEAM_NOT_FOUND');
    return team;
  }

  async function assertAgentsExist(ids: string[] | undefined) {
    if (!ids?.length) return;
    const found = new Set(await store.existingAgentIds(ids));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new AppError('AGENT_NOT_FOUND', { agentIds: missing });
  }

  async function renamed<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('TEAM_NAME_TAKEN');
      throw err;
    }
  }

  return {
    get,
    list: () => store.listTeams(),

    async create(input: TeamInput, actor: Actor): Promise<Team> {
      const { memberIds, ...fields } = input;
      await assertAgentsExist(memberIds);
      const id = uuidv7();
      await renamed(() => store.insertTeam({ id, ...fields }));
      if (memberIds?.length) await store.setTeamMembers(id, memberIds);
      await audit.record({ actor, action: 'team.created', target: { type: 'team', id } });
      await bus.publish('team.changed', { teamId: id, deleted: false });
      return get(id);
    },

    async update(id: string, change: Partial<TeamInput>, actor: Actor): Promise<Team> {
      await get(id);
      await assertAgentsExist(change.memberIds);
      const { memberIds, ...fields } = change;
      if (Object.keys(fields).length) await renamed(() => store.updateTeam(id, fields));
      if (memberIds) await store.setTeamMembers(id, memberIds);
      await audit.record({ actor, action: 'team.updated', target: { type: 'team', id }, details: { changed: Object.keys(change) } });
      await bus.publish('team.changed', { teamId: id, deleted: false });
      return get(id);
    },

    async remove(id: string, actor: Actor): Promise<void> {
      if (!(await store.deleteTeam(id))) throw new AppError('TEAM_NOT_FOUND');
      await audit.record({ actor, action: 'team.deleted', target: { type: 'team', id } });
      await bus.publish('team.changed', { teamId: id, deleted: true });
    },
  };
}

export type TeamsService = ReturnType<typeof teamsService>;
