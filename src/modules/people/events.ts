import type { Presence } from './people.js';

declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    'agent.created': { agentId: string };
    'agent.updated': { agentId: string };
    'agent.presence_changed': { agentId: string; presence: Presence };
    'team.changed': { teamId: string; deleted: boolean };
  }
}
