import type { Config } from './config.js';
import type { Database } from './platform/db/database.js';
import { migrate } from './platform/db/migrator.js';
import { openDatabase } from './platform/db/open-database.js';
import { openEventBus, type EventBus } from './platform/events/index.js';
import { createHttpServer, type HttpServer } from './platform/http/server.js';
import { createLogger, type Logger } from './platform/log.js';
import { runSeeders, type Seeder } from './platform/seeding.js';
import { auditRoutes, auditService, type AuditService } from './modules/audit/index.js';
import { createPeople } from './modules/people/index.js';
import { maskDeep } from './modules/guard/index.js';
import { createWallet, type Wallet } from './modules/wallet/index.js';
import { createKnowledge, type Knowledge } from './modules/knowledge/index.js';
import { createConversations, type Conversations } from './modules/conversations/index.js';
import { createWebhooks, type Webhooks } from './modules/webhooks/index.js';
import { createBot, type Bot } from './modules/bot/index.js';
import { createGateway, type Gateway } from './platform/realtime/gateway.js';
import { webAppRoutes } from './platform/http/web-apps.js';
import { createAnalytics } from './modules/analytics/index.js';
import { createTickets, type Tickets } from './modules/tickets/index.js';
import { createEmail, type Email } from './modules/email/index.js';
import { createCallbacks, type Callbacks } from './modules/callbacks/index.js';

export interface AppOptions {
  logger?: Logger;
  /** Tests hand in an already-open database (a PGlite clone, or a throwaway PostgreSQL database). */
  database?: Database;
  bus?: EventBus;
  /** Where modules read the time; tests move it to cross deadlines without waiting. */
  clock?: () => Date;
}

export interface App {
  config: Config;
  logger: Logger;
  db: Database;
  bus: EventBus;
  http: HttpServer['app'];
  routes: HttpServer['routes'];
  people: ReturnType<typeof createPeople>;
  audit: AuditService;
  wallet: Wallet;
  knowledge: Knowledge;
  conversations: Conversations;
  webhooks: Webhooks;
  bot: Bot;
  tickets: Tickets;
  email: Email;
  callbacks: Callbacks;
  gateway: Gateway;
  seeders: Seeder[];
  /** Listens on the configured port; resolves with the bound address. */
  listen(): Promise<string>;
  /** Graceful: stop accepting, finish in-flight requests and handlers, close the database. */
  stop(): Promise<void>;
}

/**
 * The composition root: the only place that knows every module. Builds config -> database ->
 * event bus -> modules -> HTTP, in that order, and tears them down in reverse.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL, { mask: maskDeep });
  const db = options.database ?? (await openDatabase(config));
  const bus =
    options.bus ??
    (await openEventBus(config.REDIS_URL, (err, event) => logger.error({ err, event: event.name, eventId: event.id }, 'event handler failed')));
  let draining = false;

  const audit = auditService(db.orm, maskDeep);
  const people = createPeople({ orm: db.orm, bus, audit, config });
  // A demo install signs its demo customers' tokens itself; it also serves the demo wallet page.
  const demoCustomers = config.seedDemo && !config.WALLET_TOKEN_SECRET;
  const wallet = createWallet({ orm: db.orm, bus, audit, config, demoPages: demoCustomers });
  const knowledge = createKnowledge({ orm: db.orm, bus, audit, baseUrl: config.publicUrl, contact: { ticket: '/help/requests/new', callback: '/help/callbacks/new' } });
  const gateway = createGateway({ logger, authenticate: people.authenticate, framesPerSecond: 20, heartbeatMs: 25_000 });
  const conversations = createConversations({ db, bus, gateway, audit, people, config, logger, clock: options.clock ?? (() => new Date()) });
  const analytics = createAnalytics({ db, people, clock: options.clock ?? (() => new Date()) });
  const bot = createBot({ db, bus, audit, conversations, knowledge, wallet, config, logger, clock: options.clock ?? (() => new Date()) });
  const clock = options.clock ?? (() => new Date());
  const tickets = createTickets({ db, bus, audit, people, conversations, gateway, config, logger, clock });
  const email = createEmail({ db, bus, audit, config, logger, clock, inbound: tickets.fromEmail });
  tickets.useMailer(email);
  const webhooks = createWebhooks({ orm: db.orm, bus, audit, log: logger, config, clock: options.clock, messageText: async (conversationId, seq) => (await conversations.conversations.message(conversationId, seq))?.text });
  const callbacks = createCallbacks({ db, bus, audit, people, conversations, tickets, wallet, webhooks, bot, chatRatings: analytics.chatRatings, gateway, config, logger, clock });
  callbacks.useMailer(email);
  callbacks.useMailer(email);

  const { app: http, routes } = await createHttpServer({
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    publicUrl: config.publicUrl,
    authenticate: people.authenticate,
    authenticateCustomer: conversations.authenticateCustomer,
    readiness: {
      check: async () => {
        await db.query('select 1');
      },
      draining: () => draining,
    },
  });
  await http.register(people.routes);
  await http.register(auditRoutes(audit));
  await http.register(wallet.routes);
  if (wallet.connectorRoutes) await http.register(wallet.connectorRoutes);
  await http.register(knowledge.routes);
  await http.register(knowledge.helpCenter);
  await http.register(conversations.routes);
  await http.register(webhooks.routes);
  await http.register(bot.routes);
  await http.register(tickets.routes);
  await http.register(email.routes);
  await http.register(callbacks.routes);
  await http.register(analytics.routes);
  await http.register(gateway.route('/api/v1/realtime'));
  if (wallet.demoRoutes) await http.register(wallet.demoRoutes);
  await http.register(webAppRoutes({ demo: demoCustomers }));
  await http.ready();

  let stopping: Promise<void> | undefined;
  return {
    config,
    logger,
    db,
    bus,
    http,
    routes,
    people,
    audit,
    wallet,
    knowledge,
    webhooks,
    bot,
    tickets,
    email,
    callbacks,
    conversations,
    gateway,
    seeders: [...people.seeders, ...wallet.seeders, ...knowledge.seeders, ...conversations.seeders, ...bot.seeders, ...tickets.seeders, ...callbacks.seeders],
    async listen() {
      const address = await http.listen({ port: config.PORT, host: config.HOST });
      await email.listen();
      return address;
    },
    stop() {
      stopping ??= (async () => {
        draining = true;
        conversations.stop();
        bot.stop();
        gateway.closeAll();
        await http.close();
        await webhooks.stop();
        await tickets.stop();
        await callbacks.stop();
        await callbacks.stop();
        await email.stop();
        await bus.close();
        await db.close();
      })();
      return stopping;
    },
  };
}

/** Opens the database, applies migrations and seeds: what `serve` does before listening. */
export async function prepareDatabase(app: App): Promise<{ migrated: string[]; seeded: string[] }> {
  const { applied } = await migrate(app.db);
  const seeded = await runSeeders(app.db, app.seeders, { demo: app.config.seedDemo });
  // Modules that keep derived state in memory (the search index) build it from the database now,
  // and background timers start once the schema is in place.
  await app.knowledge.start();
  app.conversations.start();
  app.webhooks.start();
  app.tickets.start();
  app.email.start();
  app.callbacks.start();
  // The bot answers at once; its model trains or loads in a worker meanwhile (`app.bot.models.ready()`).
  void app.bot.start();
  return { migrated: applied, seeded };
}
