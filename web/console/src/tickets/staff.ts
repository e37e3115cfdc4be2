import { useMemo } from 'react';
import { api, type Page } from '../api.js';
import { useLoad } from '../hooks.js';
import type { Agent, Team } from '../types.js';

/**
 * Who can own a ticket. Managers may read the staff list; agents may not, so for them the only
 * colleague with a name is themselves (others show as "agent").
 */
export function useStaff(me: Agent) {
  const manager = me.role !== 'agent';
  const agents = useLoad(() => (manager ? api<Page<Agent>>('GET', '/api/v1/agents?active=true&limit=200').then((p) => p.items) : Promise.resolve([me])), [manager, me.id]);
  const teams = useLoad(() => api<Page<Team>>('GET', '/api/v1/teams').then((p) => p.items), []);
  return useMemo(() => {
    const names = new Map((agents.data ?? [me]).map((a) => [a.id, a.displayName]));
    const teamNames = new Map((teams.data ?? []).map((team) => [team.id, team.name]));
    return { agents: agents.data ?? [me], teams: teams.data ?? [], agentName: (id: string) => names.get(id), teamName: (id: string) => teamNames.get(id) };
  }, [agents.data, teams.data, me]);
}

export type Staff = ReturnType<typeof useStaff>;
