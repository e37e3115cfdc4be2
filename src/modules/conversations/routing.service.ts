import type { EventBus } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { isOpen, nextOpening, type Agent, type Team } from '../people/index.js';
import type { Conversation, ResolutionCode } from './conversations.js';
import type { ConversationsStore } from './conversations.store.js';
import { estimateWaitSeconds, pickAgent, queueOrder, teamFor, type Candidate } from './routing.js';

/** Until there is handling history to learn from: a typical wallet chat takes about five minutes. */
const DEFAULT_HANDLE_SECONDS = 300;
/** The handling times the wait estimate learns from. */
const HANDLE_WINDOW_MS = 24 * 3_600_000;

/** What a handover led to: a place in a queue, or, outside the team's hours, other ways to be helped. */
export type HandoverResult =
  | { conversation: Conversation; outsideHours: null }
  | { conversation: Conversation; outsideHours: { teamId: string; nextOpeningAt: Date | null; options: ('ticket' | 'callback')[] } };

/**
 * Handover, the queue and assignment. Decisions are made under a database advisory lock, so two
 * nodes routing at the same moment never give one conversation to two agents or overfill one.
 */
export function routingService(deps: {
  store: ConversationsStore;
  bus: EventBus;
  onlineAgents: () => Promise<Agent[]>;
  teams: () => Promise<Team[]>;
  /** How long an assigned agent has to accept before the conversation is offered to someone else; 0: no limit. */
  acceptTimeoutMs: number;
  clock?: () => Date;
}) {
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
        const agent = pickAgent(candidates, { category: conversation.category, language: conversation.language, teamId: conversation.teamId, skippedAgentIds: conversation.skippedAgentIds });
        if (!agent) {
          left.push(conversation);
          continue;
        }
        await s.updateConversation(conversation.id, { status: 'assigned', assigneeId: agent.id, assignedAt: now, acceptedAt: null });
        agent.load += 1;
        agent.idleSince = now;
        done.push({ conversationId: conversation.id, agentId: agent.id });
      }
      return { assigned: done, waiting: left, capacity: candidates.reduce((sum, c) => sum + c.capacity, 0) };
    });
    for (const a of assigned) await bus.publish('conversation.assigned', a);
    if (waiting.length) {
      const handleSeconds = (await store.averageHandleSeconds(new Date(clock().getTime() - HANDLE_WINDOW_MS))) ?? DEFAULT_HANDLE_SECONDS;
      await bus.publish('conversation.queue_changed', {
        positions: waiting.map((c, i) => ({ conversationId: c.id, position: i + 1, etaSeconds: estimateWaitSeconds(i + 1, capacity, Math.round(handleSeconds)) })),
      });
    }
    return { assigned };
  }

  return {
    assignWaiting,

    /**
     * The customer (or the bot) asks for a human: the conversation joins the queue of the team for
     * its category and language. When that team is closed, nobody would answer, so the customer
     * is offered a ticket or a callback instead of a wait.
     */
    async handover(conversation: Conversation, input: { category: string | null; priority?: Conversation['priority']; afterHours?: { label: string } }): Promise<HandoverResult> {
      if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
      if (conversation.status === 'queued' || conversation.status === 'assigned') return { conversation, outsideHours: null };
      const category = input.category ?? conversation.category;
      const team = teamFor(await deps.teams(), { category, language: conversation.language });
      const now = clock();
      // A customer who chose to leave a request outside hours is queued for when the team opens,
      // labelled so it is picked up first thing.
      if (team && !isOpen(team.businessHours, now) && !input.afterHours) {
        const outsideHours = { teamId: team.id, nextOpeningAt: nextOpening(team.businessHours, now), options: ['ticket', 'callback'] as ('ticket' | 'callback')[] };
        const updated = await store.updateConversation(conversation.id, { category });
        await bus.publish('conversation.outside_hours', { conversationId: conversation.id, teamId: team.id, nextOpeningAt: outsideHours.nextOpeningAt?.toISOString() ?? null, options: outsideHours.options });
        return { conversation: updated, outsideHours };
      }
      await store.updateConversation(conversation.id, {
        status: 'queued',
        category,
        teamId: team?.id ?? null,
        priority: input.priority ?? conversation.priority,
        queuedAt: now,
        ...(input.afterHours ? { labels: [...new Set([...conversation.labels, input.afterHours.label])] } : {}),
      });
      await bus.publish('conversation.queued', { conversationId: conversation.id, category });
      await assignWaiting();
      return { conversation: (await store.conversation(conversation.id))!, outsideHours: null };
    },

    /** The assignee takes the offer; until then it may move on to someone else. */
    async accept(conversationId: string, agentId: string): Promise<Conversation> {
      const conversation = await store.conversation(conversationId);
      if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
      if (conversation.assigneeId !== agentId || conversation.status !== 'assigned') throw new AppError('NOT_ASSIGNEE');
      if (await store.markAccepted(conversationId, agentId, clock())) await bus.publish('conversation.accepted', { conversationId, agentId });
      return (await store.conversation(conversationId))!;
    },

    /**
     * Offers not accepted in time go back to the queue, keeping their place; the agent who let
     * one lapse is tried last for it. Runs on a timer on every node: the routing lock makes the
     * nodes take turns.
     */
    async expireOffers(): Promise<number> {
      if (deps.acceptTimeoutMs <= 0) return 0;
      const expired = await store.transaction(async (s) => {
        await s.lockRouting();
        const lapsed = await s.unacceptedSince(new Date(clock().getTime() - deps.acceptTimeoutMs));
        for (const c of lapsed) {
          await s.updateConversation(c.id, { status: 'queued', assigneeId: null, acceptedAt: null, queuedAt: c.queuedAt ?? clock(), skippedAgentIds: [...new Set([...c.skippedAgentIds, c.assigneeId!])] });
        }
        return lapsed;
      });
      for (const c of expired) await bus.publish('conversation.offer_expired', { conversationId: c.id, agentId: c.assigneeId! });
      if (expired.length) await assignWaiting();
      return expired.length;
    },

    /** An agent who went offline (or away) hands their open conversations back to the queue, first in line. */
    async releaseAgent(agentId: string): Promise<number> {
      const released = await store.transaction(async (s) => {
        await s.lockRouting();
        const mine = await s.inbox({ assigneeId: agentId, status: 'assigned', limit: 1000 });
        // Keeping the original queue time puts them ahead of newer arrivals.
        for (const c of mine) await s.updateConversation(c.id, { status: 'queued', assigneeId: null, acceptedAt: null, queuedAt: c.queuedAt ?? clock() });
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
        const moved = await store.updateConversation(conversationId, { status: 'assigned', assigneeId: to.agentId, assignedAt: now, acceptedAt: null });
        await bus.publish('conversation.assigned', { conversationId, agentId: to.agentId });
        await bus.publish('conversation.transferred', { conversationId, toAgentId: to.agentId, toTeamId: null });
        return moved;
      }
      await store.updateConversation(conversationId, { status: 'queued', assigneeId: null, acceptedAt: null, teamId: to.teamId ?? null, queuedAt: now });
      await bus.publish('conversation.transferred', { conversationId, toAgentId: null, toTeamId: to.teamId ?? null });
      await assignWaiting();
      return (await store.conversation(conversationId))!;
    },

    async resolve(conversationId: string, agentId: string | null, resolutionCode: ResolutionCode): Promise<Conversation> {
      const conversation = await store.conversation(conversationId);
      if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
      if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
      const resolved = await store.updateConversation(conversationId, { status: 'resolved', resolvedAt: clock(), resolutionCode });
      await bus.publish('conversation.resolved', { conversationId, agentId: conversation.assigneeId ?? agentId, resolutionCode });
      await assignWaiting();
      return resolved;
    },
  };
}

export type RoutingService = ReturnType<typeof routingService>;
