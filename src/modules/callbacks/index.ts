import './events.js';
import { uuidv7 } from 'uuidv7';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import { accessKey, accessKeyMatches } from '../../platform/access-links.js';
import { AppError } from '../../platform/http/app-error.js';
import type { Logger } from '../../platform/log.js';
import type { Gateway } from '../../platform/realtime/gateway.js';
import { sharedSecret } from '../../platform/shared-secrets.js';
import type { AuditService } from '../audit/index.js';
import type { Bot } from '../bot/index.js';
import { agentTopic, supervisorsTopic, type Conversations } from '../conversations/index.js';
import type { People } from '../people/index.js';
import type { Tickets } from '../tickets/index.js';
import type { Wallet } from '../wallet/index.js';
import type { Webhooks } from '../webhooks/index.js';
import { callTasksRoutes } from './call-tasks.routes.js';
import { callTasksSeeders } from './call-tasks.seed.js';
import { callTasksService, type CallTaskPorts } from './call-tasks.service.js';
import { callTasksStore } from './call-tasks.store.js';
import { callbackNotifications, type CallbackMailer } from './callback-notifications.js';
import { callbackReminders } from './callback-reminders.js';
import { callbacksWidgetRoutes } from './callbacks-widget.routes.js';
import { callbacksRoutes } from './callbacks.routes.js';
import { callbacksSeeders } from './callbacks.seed.js';
import { callbacksService } from './callbacks.service.js';
import { callbacksStore } from './callbacks.store.js';
import { helpCallbackRoutes } from './help-callbacks.routes.js';
import { returnVisitRoutes } from './return-visits.routes.js';
import { returnVisitsService } from './return-visits.service.js';

export type { Callback, CallbackStatus, CustomerCallback } from './callbacks.js';
export type { CallbackMailer } from './callback-notifications.js';
export type { CallTask, CallPolicy } from './call-tasks.js';
export type { ReturnVisitRule } from './return-visits.js';

type CallbacksConfig = Pick<Config, 'CALLBACK_REMINDER_MINUTES' | 'CALLBACK_POLL_MS' | 'publicUrl'>;

const DIAL_EVENT = 'call_task.dial_requested';

/**
 * Callbacks (回电预约) and, beside them, the call tasks and return visits (回访) that work them
 * (docs/callbacks.md): customers book calls, rules plan follow-up calls, and agents work both from
 * one call list. Built after tickets: a callback may link a ticket, and the e-mail channel is
 * handed in once it exists (`useMailer`). Call tasks also use the bot (its knowledge-gap review),
 * webhooks (whether a telephone system listens for dial requests) and analytics (chat ratings).
 */
export function createCallbacks(deps: {
  db: Database;
  bus: EventBus;
  audit: AuditService;
  people: People;
  conversations: Conversations;
  tickets: Tickets;
  wallet: Wallet;
  webhooks: Webhooks;
  bot: Bot;
  chatRatings: (from: Date, to: Date) => Promise<{ avg: number | null; count: number }>;
  gateway: Gateway;
  config: CallbacksConfig;
  logger: Logger;
  clock: () => Date;
}) {
  const { db, bus, audit, people, conversations: chat, tickets, wallet, gateway, config, logger, clock } = deps;
  let mailer: CallbackMailer | undefined;
  const taskStore = callTasksStore(db.orm);
  const requests = callbacksStore(db.orm);

  const callbacks = callbacksService({
    orm: db.orm,
    bus,
    audit,
    clock,
    teams: () => people.teams.list(),
    contacts: {
      of: (identity) => chat.conversations.contactOf(identity),
      get: (id) => chat.contact(id),
      rememberEmail: (contactId, email) => chat.conversations.rememberEmail(contactId, email),
    },
    walletPhone: async (customerId) => (await wallet.connector.getProfile(customerId)).maskedPhone,
    conversation: (id) => chat.conversation(id),
    ticket: (id) => tickets.tickets.get(id).catch(() => undefined),
    callTaskIds: (callbackIds) => taskStore.taskIdsOfCallbacks(callbackIds),
  });

  // Private links: the help center's booking page and the e-mails open the callback by its key.
  const accessSecret = () => sharedSecret(db, 'callback_access_links');
  const manageUrl = async (callback: { id: string; language: 'zh-CN' | 'en' }) => `${config.publicUrl}/help/${callback.language}/callbacks/${callback.id}?key=${accessKey(await accessSecret(), 'callback', callback.id)}`;
  async function contactForKey(callbackId: string, key: string): Promise<string> {
    const callback = await callbacks.get(callbackId).catch(() => undefined);
    if (!callback || !accessKeyMatches(await accessSecret(), 'callback', callbackId, key)) throw new AppError('CALLBACK_NOT_FOUND');
    return callback.contactId;
  }

  callbackNotifications({
    bus,
    gateway,
    callbacks,
    contact: (id) => chat.contact(id),
    async tellInChat(conversationId, input) {
      const conversation = await chat.conversation(conversationId);
      if (!conversation || conversation.status === 'closed') return;
      await chat.conversations.sendAsBot(conversationId, { clientId: input.clientId, kind: 'text', text: input.text, payload: input.payload });
    },
    mailer: () => mailer,
    manageUrl,
    logger,
  });

  const reminders = callbackReminders({ orm: db.orm, bus, clock, logger, reminderMinutes: config.CALLBACK_REMINDER_MINUTES, pollMs: config.CALLBACK_POLL_MS });

  const ports: CallTaskPorts = {
    contact: (id) => chat.contact(id),
    conversation: (id) => chat.conversation(id),
    async conversationSummary(id) {
      // The bot's handover summary is the system's note (no author) on the conversation.
      const notes = await chat.conversations.notes(id);
      return notes.filter((n) => n.authorId === null).at(-1)?.text ?? null;
    },
    ticket: (id) => tickets.tickets.get(id).catch(() => undefined),
    async reopenTicket(actor, ticketId, note) {
      await tickets.tickets.update(actor, ticketId, { status: 'open' });
      await tickets.tickets.note(actor, ticketId, note);
    },
    async createTicket(actor, input) {
      const ticket = await tickets.tickets.create(
        { kind: 'staff', actor, channel: 'phone' },
        { category: input.category, subject: input.subject, description: input.description, contactId: input.contactId, language: input.language, assigneeId: actor.type === 'agent' ? actor.id : null },
      );
      if (input.relatedId) await tickets.tickets.link(actor, ticket.id, input.relatedId);
      return ticket;
    },
    callback: (id) => requests.get(id),
    latestCallback: async (contactId) => (await requests.ofContact(contactId, 1))[0],
    walletMaskedPhone: (customerId) => wallet.connector.getProfile(customerId).then((p) => p.maskedPhone, () => null),
    walletProfile: (actor, customerId) => wallet.service.profile(actor, customerId),
    dialNumber: (actor, customerId, taskId) => wallet.service.dialNumber(actor, customerId, { callTaskId: taskId }),
    agentName: (id) => people.agents.get(id).then((a) => a.displayName, () => null),
    async dialWebhookSubscribed() {
      return (await deps.webhooks.service.list()).some((e) => e.active && (e.events.includes('*') || e.events.includes(DIAL_EVENT)));
    },
    async logKnowledgeGap(input) {
      await deps.bot.store.insertGap({ id: uuidv7(), conversationId: input.conversationId, language: input.language, text: input.text, intent: null, confidence: 0 });
    },
  };
  const calls = callTasksService({ store: taskStore, bus, audit, ports, clock });
  const visits = returnVisitsService({ store: taskStore, bus, audit, calls, ports, clock });

  return {
    callbacks,
    reminders,
    calls,
    visits,
    seeders: [...callbacksSeeders(db.orm, async () => (await people.teams.list()).map((t) => t.id)), ...callTasksSeeders(taskStore)],
    /** Set once the e-mail channel exists. */
    useMailer(m: CallbackMailer) {
      mailer = m;
    },
    /** After migrations: reminders, the bookings' call tasks, and the events return-visit rules answer. */
    start(): void {
      reminders.start();
      visits.start();
      bus.subscribe('callback.booked', async (event) => void (await calls.fromCallback(event.payload.callbackId)));
      bus.subscribe('callback.rescheduled', (event) => calls.callbackRescheduled(event.payload.callbackId, { startsAt: new Date(event.payload.slotStartsAt), endsAt: new Date(event.payload.slotEndsAt) }));
      bus.subscribe('callback.cancelled', (event) => calls.callbackCancelled(event.payload.callbackId));
      // Pushes follow the events, so they reach the consoles connected to every node.
      bus.subscribe('call_task.assigned', (event) => gateway.publish(agentTopic(event.payload.agentId), { type: 'call_task', taskId: event.payload.taskId }));
      bus.subscribe('call_task.created', (event) => gateway.publish(supervisorsTopic, { type: 'call_task', taskId: event.payload.taskId, change: 'created' }));
      bus.subscribe('call_task.completed', (event) => gateway.publish(supervisorsTopic, { type: 'call_task', taskId: event.payload.taskId, change: 'completed', final: event.payload.final }));
    },
    stop: () => reminders.stop(),
    routes: async (app: Parameters<ReturnType<typeof callbacksRoutes>>[0]) => {
      await app.register(callbacksRoutes({ callbacks }));
      await app.register(callbacksWidgetRoutes({ callbacks }));
      await app.register(helpCallbackRoutes({ callbacks, publicUrl: config.publicUrl, manageUrl, contactForKey }));
      await app.register(callTasksRoutes({ calls, store: taskStore, chatRatings: deps.chatRatings, clock }));
      await app.register(returnVisitRoutes({ visits }));
    },
  };
}

export type Callbacks = ReturnType<typeof createCallbacks>;
