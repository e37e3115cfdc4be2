import './events.js';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Gateway } from '../../platform/realtime/gateway.js';
import { sharedSecret } from '../../platform/shared-secrets.js';
import type { AuditService } from '../audit/index.js';
import type { People } from '../people/index.js';
import { agentRoutes } from './agent.routes.js';
import { registerAgentFrames } from './agent-realtime.js';
import { conversationsService } from './conversations.service.js';
import { conversationsStore } from './conversations.store.js';
import { customerTokens } from './identity.js';
import { registerCustomerFrames } from './realtime.js';
import { routingService } from './routing.service.js';
import { widgetRoutes } from './widget.routes.js';

export type { Conversation, Message, Contact } from './conversations.js';
export type { CustomerIdentity } from './identity.js';

type ConversationsConfig = Pick<Config, 'WALLET_TOKEN_SECRET' | 'seedDemo' | 'GUARD_ALLOWED_LINK_DOMAINS'>;

export function createConversations(deps: { db: Database; bus: EventBus; gateway: Gateway; audit: AuditService; people: People; config: ConversationsConfig }) {
  const { db, bus, gateway, audit, people, config } = deps;
  const tokens = customerTokens(async () => ({
    // Without a secret shared with a wallet app, a demo install signs its demo customers itself.
    wallet: config.WALLET_TOKEN_SECRET ?? (await sharedSecret(db, 'demo_customer_tokens')),
    visitor: await sharedSecret(db, 'visitor_tokens'),
  }));
  const store = conversationsStore(db.orm);
  const conversations = conversationsService({ store, bus, audit, allowedLinkDomains: config.GUARD_ALLOWED_LINK_DOMAINS });
  const routing = routingService({ store, bus, onlineAgents: () => people.agents.list({ presence: 'online', active: true, limit: 1000 }) });
  registerAgentFrames({ gateway, conversations, store, bus });
  const agentDisplayName = async (id: string) => (await people.agents.get(id)).displayName;
  registerCustomerFrames({ gateway, conversations, routing, tokens, bus, agentName: agentDisplayName });
  // Someone coming online, or a seat freed anywhere, may let the queue move.
  bus.subscribe('agent.presence_changed', async (event) => {
    if (event.payload.presence === 'online') await routing.assignWaiting();
    else await routing.releaseAgent(event.payload.agentId);
  });

  return {
    conversations,
    routing,
    tokens,
    authenticateCustomer: (token: string) => tokens.verify(token),
    routes: async (app: Parameters<ReturnType<typeof widgetRoutes>>[0]) => {
      await app.register(widgetRoutes({ conversations, routing, tokens, demoTokens: config.seedDemo && !config.WALLET_TOKEN_SECRET }));
      await app.register(agentRoutes({ conversations, routing, store, assertAgent: (id) => people.agents.get(id), assertTeam: (id) => people.teams.get(id), agentName: agentDisplayName }));
    },
  };
}

export type Conversations = ReturnType<typeof createConversations>;
