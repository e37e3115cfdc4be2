import type { BreachAction, SlaMetric } from './sla.js';

declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    /** A timer passed its policy's warning point. Once per run of a timer; `dueAt` is ISO 8601. */
    'ticket.sla_warning': { ticketId: string; metric: SlaMetric; dueAt: string };
    /**
     * A timer passed its target; `actions` are the policy's breach actions, already carried out
     * (`notify`: supervisors should be told). (ticketId, metric, dueAt) names the breach: a node
     * that died while announcing it is replaced by another, so a consumer may see it twice.
     */
    'ticket.sla_breached': { ticketId: string; metric: SlaMetric; dueAt: string; actions: BreachAction[] };
  }
}

export {};
