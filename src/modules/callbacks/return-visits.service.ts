import { uuidv7 } from 'uuidv7';
import type { EventBus } from '../../platform/events/index.js';
import type { Actor } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import type { AuditService } from '../audit/index.js';
import type { CallTaskPorts, CallTasksService } from './call-tasks.service.js';
import type { CallTasksStore } from './call-tasks.store.js';
import { checkRule, visitsFor, type Occurrence, type ReturnVisitRule } from './return-visits.js';

export type RuleFields = Omit<ReturnVisitRule, 'id' | 'createdAt' | 'updatedAt'>;

/**
 * Return visits (回访): rules answer solved tickets, resolved and low-rated chats and security
 * emergencies with a planned call. Every node handles every event; the task's source key lets
 * exactly one task through, and sampling hashes rule and subject so all nodes agree.
 */
export function returnVisitsService(deps: { store: CallTasksStore; bus: EventBus; audit: AuditService; calls: CallTasksService; ports: Pick<CallTaskPorts, 'ticket' | 'conversation'>; clock: () => Date }) {
  const { store, bus, audit, calls, ports, clock } = deps;
  const target = (id: string) => ({ type: 'return_visit_rule', id });

  async function occurred(o: Occurrence, about: Parameters<CallTasksService['createReturnVisit']>[1]): Promise<number> {
    const visits = visitsFor(await store.rules({ trigger: o.trigger, active: true }), o);
    let created = 0;
    for (const visit of visits) if (await calls.createReturnVisit(visit, about)) created += 1;
    return created;
  }

  async function ticketSolved(ticketId: string): Promise<number> {
    const ticket = await ports.ticket(ticketId);
    if (!ticket?.solvedAt) return 0;
    return occurred(
      { trigger: 'ticket_solved', subject: { kind: 'ticket', id: ticket.id }, category: ticket.category, at: ticket.solvedAt, occasion: ticket.solvedAt.toISOString() },
      { contactId: ticket.contactId, ticketId: ticket.id, conversationId: ticket.conversationId, topic: ticket.category, language: ticket.language },
    );
  }

  async function aboutConversation(conversationId: string, o: (c: NonNullable<Awaited<ReturnType<CallTaskPorts['conversation']>>>) => Occurrence | null): Promise<number> {
    const conversation = await ports.conversation(conversationId);
    const occurrence = conversation && o(conversation);
    if (!conversation || !occurrence) return 0;
    return occurred(occurrence, { contactId: conversation.contactId, ticketId: null, conversationId, topic: conversation.category, language: conversation.language });
  }

  const subject = (id: string) => ({ kind: 'conversation' as const, id });
  const conversationResolved = (id: string) =>
    aboutConversation(id, (c) => (c.resolvedAt ? { trigger: 'conversation_resolved', subject: subject(id), category: c.category, at: c.resolvedAt, occasion: c.resolvedAt.toISOString() } : null));
  const conversationRated = (id: string, rating: number) => aboutConversation(id, (c) => ({ trigger: 'low_rating', subject: subject(id), category: c.category, rating, at: clock(), occasion: 'rated' }));
  const securityEmergency = (id: string) => aboutConversation(id, (c) => ({ trigger: 'security_emergency', subject: subject(id), category: c.category, at: clock(), occasion: 'emergency' }));

  async function rule(id: string): Promise<ReturnVisitRule> {
    const found = await store.rule(id);
    if (!found) throw new AppError('NOT_FOUND', { what: 'return_visit_rule' });
    return found;
  }

  return {
    ticketSolved,
    conversationResolved,
    conversationRated,
    securityEmergency,

    start(): void {
      bus.subscribe('ticket.status_changed', async (event) => {
        if (event.payload.to === 'solved') await ticketSolved(event.payload.ticketId);
      });
      bus.subscribe('conversation.resolved', async (event) => void (await conversationResolved(event.payload.conversationId)));
      bus.subscribe('conversation.rated', async (event) => void (await conversationRated(event.payload.conversationId, event.payload.score)));
      // A security emergency (scam, stolen account), in or outside business hours: a call follows to check the customer is safe.
      bus.subscribe('bot.security_emergency', async (event) => void (await securityEmergency(event.payload.conversationId)));
    },

    rules: () => store.rules(),
    rule,
    async createRule(actor: Actor, input: RuleFields): Promise<ReturnVisitRule> {
      checkRule(input);
      const created = await store.insertRule({ id: uuidv7(), ...input });
      await audit.record({ actor, action: 'return_visit_rule.created', target: target(created.id), details: { trigger: created.trigger, purpose: created.purpose } });
      return created;
    },
    async updateRule(actor: Actor, id: string, patch: Partial<RuleFields>): Promise<ReturnVisitRule> {
      const current = await rule(id);
      checkRule({ trigger: patch.trigger ?? current.trigger, maxRating: patch.maxRating !== undefined ? patch.maxRating : current.maxRating });
      const updated = (await store.updateRule(id, patch))!;
      await audit.record({ actor, action: 'return_visit_rule.updated', target: target(id), details: { fields: Object.keys(patch) } });
      return updated;
    },
    async deleteRule(actor: Actor, id: string): Promise<void> {
      if (!(await store.deleteRule(id))) throw new AppError('NOT_FOUND', { what: 'return_visit_rule' });
      await audit.record({ actor, action: 'return_visit_rule.deleted', target: target(id) });
    },
  };
}

export type ReturnVisitsService = ReturnType<typeof returnVisitsService>;
