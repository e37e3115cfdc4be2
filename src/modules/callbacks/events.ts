// Callbacks and call tasks (docs/callbacks.md). Published after the commit; every node handles
// every event, so subscribers are idempotent.
declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    'callback.booked': { callbackId: string; contactId: string; slotStartsAt: string; slotEndsAt: string; teamId: string };
    'callback.rescheduled': { callbackId: string; slotStartsAt: string; slotEndsAt: string };
    'callback.cancelled': { callbackId: string; by: 'customer' | 'staff' };
    'callback.reminded': { callbackId: string };
    // The call task side (call-tasks.service.ts); declared here too so the request can follow its call.
    'call_task.completed': { taskId: string; kind: 'callback' | 'return_visit'; callbackId: string | null; outcome: string; final: boolean };
    'call_task.created': { taskId: string; kind: 'callback' | 'return_visit'; purpose: string; dueAt: string; callbackId: string | null; ruleId: string | null };
    'call_task.assigned': { taskId: string; agentId: string };
    // For a telephone system that places the agent's call: the one event that carries a full number.
    'call_task.dial_requested': { taskId: string; agentId: string; phone: string; customerRef: string };
  }
}

export {};
