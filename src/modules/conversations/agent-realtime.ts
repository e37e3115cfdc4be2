import { z } from 'zod';
import type { EventBus } from '../../platform/events/index.js';
import { managers, type Actor, type Role } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import type { Connection, Gateway } from '../../platform/realtime/gateway.js';
import { MAX_MESSAGE_CHARS } from './conversations.js';
import type { ConversationsService } from './conversations.service.js';
import type { ConversationsStore } from './conversations.store.js';
import { conversationView } from './realtime.js';
import { receiptBody, type ReceiptsService } from './receipts.service.js';
import { agentTopic, supervisorsTopic } from './topics.js';

const topicOf = (conversationId: string) => `conversation:${conversationId}`;
/** What only staff following a conversation see (notes); customers never join this topic. */
const staffTopicOf = (conversationId: string) => `conversation-staff:${conversationId}`;

/**
 * The agent side of the realtime protocol: the console's socket, authenticated by the session
 * cookie of the upgrade and checked again on every frame (a session ended elsewhere stops it).
 */
export function registerAgentFrames(deps: { gateway: Gateway; conversations: ConversationsService; receipts: ReceiptsService; store: ConversationsStore; bus: EventBus }) {
  const { gateway, conversations, store, bus } = deps;

  async function agentOf(conn: Connection): Promise<Actor & { id: string; role: Role }> {
    const p = await conn.principal();
    if (!p || p.kind !== 'agent') throw new AppError('AUTH_REQUIRED');
    return { type: 'agent', id: p.agentId, ip: null, role: p.role };
  }

  gateway.on('agent.hello', z.object({ type: z.literal('agent.hello'), ref: z.unknown().optional() }), async (conn) => {
    const agent = await agentOf(conn);
    gateway.subscribe(conn, agentTopic(agent.id));
    if (managers.includes(agent.role)) gateway.subscribe(conn, supervisorsTopic);
    return { type: 'agent.ready', agentId: agent.id };
  });

  gateway.on('agent.follow', z.object({ type: z.literal('agent.follow'), ref: z.unknown().optional(), conversationId: z.uuid() }), async (conn, frame) => {
    await agentOf(conn);
    const conversation = await store.conversation(frame.conversationId);
    if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
    gateway.subscribe(conn, topicOf(conversation.id));
    gateway.subscribe(conn, staffTopicOf(conversation.id));
    return { type: 'status', conversation: conversationView(conversation) };
  });

  gateway.on('agent.send', z.object({ type: z.literal('agent.send'), ref: z.unknown().optional(), conversationId: z.uuid(), clientId: z.string().min(1).max(100), text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS * 2) }), async (conn, frame) => {
    const agent = await agentOf(conn);
    const { message, duplicate } = await conversations.sendAsAgent(agent, frame.conversationId, { clientId: frame.clientId, text: frame.text });
    return { type: 'ack', clientId: message.clientId, messageId: message.id, conversationId: frame.conversationId, seq: message.seq, duplicate };
  });

  gateway.on('agent.typing', z.object({ type: z.literal('agent.typing'), ref: z.unknown().optional(), conversationId: z.uuid(), typing: z.boolean() }), async (conn, frame) => {
    await agentOf(conn);
    await bus.publish('conversation.typing', { conversationId: frame.conversationId, authorType: 'agent', typing: frame.typing });
  });

  gateway.on('agent.receipt', receiptBody.extend({ type: z.literal('agent.receipt'), ref: z.unknown().optional(), conversationId: z.uuid() }), async (conn, frame) => {
    await agentOf(conn);
    await deps.receipts.byAgent(frame.conversationId, { seq: frame.seq, state: frame.state });
  });

  bus.subscribe('conversation.note_added', (event) => {
    gateway.publish(staffTopicOf(event.payload.conversationId), { type: 'note', conversationId: event.payload.conversationId, noteId: event.payload.noteId });
  });

  // A new assignment reaches the agent's console wherever it is connected.
  bus.subscribe('conversation.assigned', (event) => {
    gateway.publish(agentTopic(event.payload.agentId), { type: 'assignment', conversationId: event.payload.conversationId });
  });
}
