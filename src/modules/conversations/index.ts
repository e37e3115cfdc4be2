import './events.js';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import { BoundedMap } from '../../platform/bounded-map.js';
import type { Logger } from '../../platform/log.js';
import type { Gateway } from '../../platform/realtime/gateway.js';
import { sharedSecret } from '../../platform/shared-secrets.js';
import type { AuditService } from '../audit/index.js';
import type { People } from '../people/index.js';
import { agentRoutes } from './agent.routes.js';
import { attachmentRoutes } from './attachments.routes.js';
import { attachmentsService } from './attachments.service.js';
import { attachmentsStore } from './attachments.store.js';
import { registerAgentFrames } from './agent-realtime.js';
import { conversationsSeeders } from './conversations.seed.js';
import { conversationsService } from './conversations.service.js';
import { conversationsStore } from './conversations.store.js';
import { messageAppendStore } from './message-append.store.js';
import { customerTokens } from './identity.js';
import { registerCustomerFrames } from './realtime.js';
import { receiptsService } from './receipts.service.js';
import { routingService } from './routing.service.js';
import { transcriptService } from './transcript.service.js';
import { widgetRoutes } from './widget.routes.js';

export type { Conversation, Message, Contact } from './conversations.js';
import type { Conversation } from './conversations.js';
export type { CustomerIdentity } from './identity.js';
export { contactTopic, agentTopic, supervisorsTopic } from './topics.js';
export { customerOf } from './widget.routes.js';
export { teamFor, type QueueTeam } from './routing.js';

type ConversationsConfig = Pick<Config, 'WALLET_TOKEN_SECRET' | 'seedDemo' | 'GUARD_ALLOWED_LINK_DOMAINS' | 'ACCEPT_TIMEOUT_SECONDS' | 'DATA_DIR' | 'ATTACHMENT_MAX_BYTES' | 'ATTACHMENT_URL_TTL_SECONDS' | 'publicUrl'>;

export function createConversations(deps: { db: Database; bus: EventBus; gateway: Gateway; audit: AuditService; people: People; config: ConversationsConfig; clock: () => Date; logger: Logger }) {
  const { db, bus, gateway, audit, people, config, clock, logger } = deps;
  const tokens = customerTokens(async () => ({
    // Without a secret shared with a wallet app, a demo install signs its demo customers itself.
    wallet: config.WALLET_TOKEN_SECRET ?? (await sharedSecret(db, 'demo_customer_tokens')),
    visitor: await sharedSecret(db, 'visitor_tokens'),
  }));
  const store = conversationsStore(db.orm);
  const conversations = conversationsService({ store, append: messageAppendStore(db), bus, audit, allowedLinkDomains: config.GUARD_ALLOWED_LINK_DOMAINS, clock });
  const routing = routingService({
    store,
    bus,
    onlineAgents: () => people.agents.list({ presence: 'online', active: true, limit: 1000 }),
    teams: () => people.teams.list(),
    acceptTimeoutMs: config.ACCEPT_TIMEOUT_SECONDS * 1000,
    clock,
  });
  const attachments = attachmentsService({
    store: attachmentsStore(db.orm),
    conversations,
    dataDir: config.DATA_DIR,
    maxBytes: config.ATTACHMENT_MAX_BYTES,
    linkTtlSeconds: config.ATTACHMENT_URL_TTL_SECONDS,
    publicUrl: config.publicUrl,
    signingKey: () => sharedSecret(db, 'attachment_urls'),
    clock,
  });
  const agentDisplayName = async (id: string) => (await people.agents.get(id)).displayName;
  const receipts = receiptsService({ store, bus, conversations, clock });
  const transcripts = transcriptService({ store, conversations, agentName: agentDisplayName });
  registerAgentFrames({ gateway, conversations, receipts, store, bus });
  registerCustomerFrames({ gateway, conversations, routing, receipts, transcripts, tokens, bus, agentName: agentDisplayName });
  // Someone coming online, or a seat freed anywhere, may let the queue move.
  bus.subscribe('agent.presence_changed', async (event) => {
    if (event.payload.presence === 'online') await routing.assignWaiting();
    else await routing.releaseAgent(event.payload.agentId);
  });
  // Replying is taking the conversation. Conversations known to be accepted skip the read: in a
  // busy chat most agent messages come after the first.
  const accepted = new BoundedMap<string, true>(50_000);
  bus.subscribe('conversation.accepted', (event) => void accepted.set(event.payload.conversationId, true));
  bus.subscribe('conversation.assigned', (event) => void accepted.delete(event.payload.conversationId));
  bus.subscribe('message.created', async (event) => {
    if (event.payload.authorType !== 'agent' || accepted.has(event.payload.conversationId)) return;
    const conversation = await store.conversation(event.payload.conversationId);
    if (conversation?.acceptedAt) accepted.set(conversation.id, true);
    else if (conversation?.assigneeId) await routing.accept(conversation.id, conversation.assigneeId).catch(() => undefined);
  });
  let offerTimer: NodeJS.Timeout | undefined;

  return {
    conversations,
    routing,
    tokens,
    attachments,
    transcripts,
    seeders: conversationsSeeders(store),
    authenticateCustomer: (token: string) => tokens.verify(token),
    /** For the bot: what it reads of a conversation it answers in. */
    conversation: (id: string) => store.conversation(id),
    contact: (id: string) => store.contact(id),
    setLanguage: (id: string, language: Conversation['language']) => store.updateConversation(id, { language }),
    /** Background work: offers that lapse move on. */
    start() {
      if (config.ACCEPT_TIMEOUT_SECONDS <= 0 || offerTimer) return;
      const every = Math.min(5_000, (config.ACCEPT_TIMEOUT_SECONDS * 1000) / 4);
      offerTimer = setInterval(() => void routing.expireOffers().catch((err: unknown) => logger.error({ err }, 'expiring unaccepted offers failed')), every);
      offerTimer.unref();
    },
    stop() {
      clearInterval(offerTimer);
      offerTimer = undefined;
    },
    routes: async (app: Parameters<ReturnType<typeof widgetRoutes>>[0]) => {
      await app.register(widgetRoutes({ conversations, routing, receipts, transcripts, tokens, demoTokens: config.seedDemo && !config.WALLET_TOKEN_SECRET }));
      await app.register(agentRoutes({ conversations, routing, receipts, transcripts, store, assertAgent: (id) => people.agents.get(id), assertTeam: (id) => people.teams.get(id), agentName: agentDisplayName, agentTeamIds: async (id) => (await people.agents.get(id)).teamIds }));
      await app.register(attachmentRoutes({ attachments, maxBytes: config.ATTACHMENT_MAX_BYTES }));
    },
  };
}

export type Conversations = ReturnType<typeof createConversations>;
