import './events.js';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Gateway } from '../../platform/realtime/gateway.js';
import { sharedSecret } from '../../platform/shared-secrets.js';
import { conversationsService } from './conversations.service.js';
import { conversationsStore } from './conversations.store.js';
import { customerTokens } from './identity.js';
import { registerCustomerFrames } from './realtime.js';
import { widgetRoutes } from './widget.routes.js';

export type { Conversation, Message, Contact } from './conversations.js';
export type { CustomerIdentity } from './identity.js';

type ConversationsConfig = Pick<Config, 'WALLET_TOKEN_SECRET' | 'seedDemo'>;

export function createConversations(deps: { db: Database; bus: EventBus; gateway: Gateway; config: ConversationsConfig }) {
  const { db, bus, gateway, config } = deps;
  const tokens = customerTokens(async () => ({
    // Without a secret shared with a wallet app, a demo install signs its demo customers itself.
    wallet: config.WALLET_TOKEN_SECRET ?? (await sharedSecret(db, 'demo_customer_tokens')),
    visitor: await sharedSecret(db, 'visitor_tokens'),
  }));
  const conversations = conversationsService({ store: conversationsStore(db.orm), bus });
  registerCustomerFrames({ gateway, conversations, tokens, bus });
  return {
    conversations,
    tokens,
    authenticateCustomer: (token: string) => tokens.verify(token),
    routes: widgetRoutes({ conversations, tokens, demoTokens: config.seedDemo && !config.WALLET_TOKEN_SECRET }),
  };
}

export type Conversations = ReturnType<typeof createConversations>;
