import type { EventBus } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/app-error.js';
import type { Agent } from '../people/index.js';
import type { Conversation } from './conversations.js';
import type { ConversationsStore } from './conversations.store.js';
import { estimateWaitSeconds, pickAgent, queueOrder, type Candidate } from './routing.js';

/** Until there is handling history to learn from: a typical wallet chat takes about five minutes. */
const DEFAULT_HANDLE_SECONDS = 300;

/**
 * Handover, the queue and assignment. Decisions are made under a database advisory lock, so two
 * nodes routing at the same moment never give one conversation to two agents or overfill one.
 */
export function routingService(deps: { store: ConversationsStore; bus: EventBus; onlineAgents: () => Promise<Agent[]>; clock?: () => Date }) {
  const { store, bus, onlineAgents } = deps;
  const clock = deps.clock ?? (() => new Date());

  /** Assigns what can be assigned, then tells everyone still waiting where they stand. */
  async function assignWaiting(): Promise<{ assigned: { conversationId: string; agentId: string }[] }> {
    const agents = await onlineAgents();
    const { assigned, waiting, capacity } = await store.transaction(async (s) => {
      await s.lockRouting();
      const loads = await s.agentLoads();
      const candidates: Candidate[] = agents.map((a) => {
        const l = loads.get(a.id);
        const lastAssigned = l?.lastAssignedAt?.getTime() ?? 0;
        return { id: a.id, capacity: a.capacity, load: l?.load ?? 0, skillCategories: a.skillCategories, skillLanguages: a.skillLanguages, teamIds: a.teamIds, idleSince: new Date(Math.max(lastAssigned, a.presenceChangedAt.getTime())) };
      });
      const queue = (await s.queued()).filter((c): c is Conversation & { queuedAt: Date } => c.queuedAt !== null).sort(queueOrder);
      const done: { conversationId: string; agentId: string }[] = [];
      const left: Conversation[] = [];
      const now = clock();
      for (const conversation of queue) {
        const agent = pickAgent(candidates, { category: conversation.category, language: conversation.language, teamId: conversation.teamId });
        if (!agent) {
          left.push(conversation);
          continue;
        }
        await s.updateConversation(conversation.id, { status: 'assigned', assigneeId: agent.id, assignedAt: now });
        agent.load += 1;
        agent.idleSince = now;
        done.push({ conversationId: conversation.id, agentId: agent.id });
      }
      return { assigned: done, waiting: left, capacity: candidates.reduce((sum, c) => sum + c.capacity, 0) };
    });
    for (const a of assigned) await bus.publish('conversation.assigned', a);
    if (waiting.length) {
      await bus.publish('conversation.queue_changed', {
        positions: waiting.map((c, i) => ({ conversationId: c.id, position: i + 1, etaSeconds: estimateWaitSeconds(i + 1, capacity, DEFAULT_HANDLE_SECONDS) })),
      });
    }
    return { assigned };
  }

  return {
    assignWaiting,

    /** The customer (or the bot) asks for a human: the conversation joins the queue. */
    async handover(conversation: Conversation, input: { category: string | null; priority?: Conversation['priority'] }): Promise<Conversation> {
      if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
      if (conversation.status === 'queued' || conversation.status === 'assigned') return conversation;
      await store.updateConversation(conversation.id, {
        status: 'queued',
        category: input.category ?? conversation.category,
        priority: input.priority ?? conversation.priority,
        queuedAt: clock(),
      });
      await bus.publish('conversation.queued', { conversationId: conversation.id, category: input.category });
      await assignWaiting();
      return (await store.conversation(conversation.id))!;
    },

    /** An agent who went offline (or away) hands their open conversations back to the queue, first in line. */
    async releaseAgent(agentId: string): Promise<number> {
      const released = await store.transaction(async (s) => {
        await s.lockRouting();
        const mine = await s.inbox({ assigneeId: agentId, status: 'assigned', limit: 1000 });
        // Keeping the original queue time puts them ahead of newer arrivals.
        for (const c of mine) await s.updateConversation(c.id, { status: 'queued', assigneeId: null, queuedAt: c.queuedAt ?? clock() });
        return mine.length;
      });
      if (released) await assignWaiting();
      return released;
    },

    /** Hands a conversation to a named agent at once, or to a team's queue. */
    async transfer(conversationId: string, to: { agentId?: string; teamId?: string }): Promise<Conversation> {
      const conversation = await store.conversation(conversationId);
      if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
      if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
      const now = clock();
      if (to.agentId) {
        const moved = await store.updateConversation(conversationId, { status: 'assigned', assigneeId: to.agentId, assignedAt: now });
        await bus.publish('conversation.assigned', { conversationId, agentId: to.agentId });
        await bus.publish('conversation.transferred', { conversationId, toAgentId: to.agentId, toTeamId: null });
        return moved;
      }
      await store.updateConversation(conversationId, { status: 'queued', assigneeId: null, teamId: to.teamId ?? null, queuedAt: now });
      await bus.publish('conversation.transferred', { conversationId, toAgentId: null, toTeamId: to.teamId ?? null });
      await assignWaiting();
      return (await store.conversation(conversationId))!;
    },

    async resolve(conversationId: string, agentId: string | null): Promise<Conversation> {
      const conversation = await store.conversation(conversationId);
      if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
      if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
      const resolved = await store.updateConversation(conversationId, { status: 'resolved', resolvedAt: clock() });
      await bus.publish('conversation.resolved', { conversationId, agentId: conversation.assigneeId ?? agentId });
      await assignWaiting();
      return resolved;
    },
  };
}

export type RoutingService = ReturnType<typeof routingService>;
