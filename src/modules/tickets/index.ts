import './events.js';
import './sla-events.js';
import type { Database } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import { systemActor } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import { catalog, fill } from '../../platform/i18n/index.js';
import type { Logger } from '../../platform/log.js';
import type { Gateway } from '../../platform/realtime/gateway.js';
import { sharedSecret } from '../../platform/shared-secrets.js';
import type { AuditService } from '../audit/index.js';
import type { Conversations } from '../conversations/index.js';
import type { People } from '../people/index.js';
import { accessKey, accessKeyMatches } from '../../platform/access-links.js';
import { emailInbound, type MailIn } from './email-inbound.js';
import { helpRequestRoutes } from './help-requests.routes.js';
import { ticketNotifications, type Mailer } from './notifications.js';
import { slaRoutes } from './sla.routes.js';
import { slaSeeders } from './sla.seed.js';
import { slaService } from './sla.service.js';
import { ticketsWidgetRoutes } from './tickets-widget.routes.js';
import { ticketsRoutes } from './tickets.routes.js';
import { ticketsSeeders } from './tickets.seed.js';
import { ticketsService, type ConversationsPort } from './tickets.service.js';
import { ticketsStore } from './tickets.store.js';
import { raisePriority, type Ticket } from './tickets.js';

export type { Ticket, TicketEntry, TicketStatus, CustomerTicket } from './tickets.js';
export type { Mailer, MailTemplate } from './notifications.js';
export type { MailIn } from './email-inbound.js';
export { newReference, ticketCategories } from './tickets.js';

interface TicketsConfig {
  GUARD_ALLOWED_LINK_DOMAINS: string[];
  SLA_POLL_MS: number;
  publicUrl: string;
}

export function createTickets(deps: {
  db: Database;
  bus: EventBus;
  audit: AuditService;
  people: People;
  conversations: Conversations;
  gateway: Gateway;
  config: TicketsConfig;
  logger: Logger;
  clock: () => Date;
}) {
  const { db, bus, audit, people, conversations: chat, gateway, config, logger, clock } = deps;
  const store = ticketsStore(db.orm);
  let mailer: Mailer | undefined;

  const conversationsPort: ConversationsPort = {
    contactOf: (identity) => chat.conversations.contactOf(identity),
    contactByEmail: (email, input) => chat.conversations.contactByEmail(email, input),
    rememberEmail: (contactId, email) => chat.conversations.rememberEmail(contactId, email),
    contact: (id) => chat.contact(id),
    conversation: (id) => chat.conversation(id),
    transcript: (id) => chat.transcripts.forStaff(id),
    async tellCustomer(conversationId, input) {
      const conversation = await chat.conversation(conversationId);
      if (!conversation || conversation.status === 'closed') return;
      await chat.conversations.sendAsBot(conversationId, { clientId: input.clientId, kind: 'text', text: fill(catalog(conversation.language).tickets.createdFromChat, { reference: input.text }), payload: input.payload });
    },
    files: chat.attachments,
  };

  // The SLA timers escalate through the ticket service, which in turn moves them: each refers to
  // the other, and the timers only call back once both exist.
  const sla = slaService({
    orm: db.orm,
    bus,
    clock,
    logger,
    audit,
    pollMs: config.SLA_POLL_MS,
    businessHoursOf: (teamId, orm) => people.teamHours(teamId, orm),
    escalate: {
      async raisePriority(ticketId) {
        const ticket = await store.get(ticketId);
        if (ticket) await tickets.update(systemActor, ticketId, { priority: raisePriority(ticket.priority) });
      },
      async reassign(ticketId) {
        await tickets.update(systemActor, ticketId, { assigneeId: null });
      },
    },
  });
  const tickets = ticketsService({
    store,
    bus,
    audit,
    sla,
    conversations: conversationsPort,
    assertAgent: (id) => people.agents.get(id),
    assertTeam: (id) => people.teams.get(id),
    agentName: async (id) => (await people.agents.get(id)).displayName,
    allowedLinkDomains: config.GUARD_ALLOWED_LINK_DOMAINS,
    clock,
  });

  const accessSecret = () => sharedSecret(db, 'ticket_access_links');
  const requestUrl = async (ticket: Pick<Ticket, 'id'>) => `${config.publicUrl}/help/requests/${ticket.id}?key=${accessKey(await accessSecret(), 'ticket', ticket.id)}`;

  ticketNotifications({
    bus,
    gateway,
    store,
    mailer: () => mailer,
    contact: (id) => chat.contact(id),
    agentName: async (id) => (await people.agents.get(id)).displayName,
    supervisorEmails: async () =>
      (await people.agents.list({ active: true, limit: 1000 })).filter((a) => a.role !== 'agent').map((a) => ({ email: a.email, locale: a.skillLanguages.includes('zh-CN') ? ('zh-CN' as const) : ('en' as const) })),
    requestUrl,
    ticketUrl: (ticket) => `${config.publicUrl}/console/tickets/${ticket.id}`,
    logger,
  });

  async function contactForKey(ticketId: string, key: string): Promise<string> {
    const ticket = await store.get(ticketId);
    if (!ticket || !accessKeyMatches(await accessSecret(), 'ticket', ticketId, key)) throw new AppError('TICKET_ACCESS_KEY_INVALID');
    return ticket.contactId;
  }

  const fromEmail = emailInbound({
    tickets,
    store,
    conversations: conversationsPort,
    onFileRefused: (name, err) => logger.info({ err, file: name }, 'an e-mail attachment was not kept'),
  });

  return {
    tickets,
    sla,
    seeders: [...ticketsSeeders(store), ...slaSeeders(db.orm)],
    /** The e-mail channel's inbound port: a parsed, guarded mail becomes a ticket or a reply on one. */
    fromEmail: (mail: MailIn) => fromEmail(mail),
    /** Set once the e-mail channel exists (it is built after tickets, since it hands mail to them). */
    useMailer(m: Mailer) {
      mailer = m;
    },
    /** The help-center link that opens one ticket for whoever holds it (e-mailed to the requester). */
    requestUrl,
    /** The ticket's contact when the key is the one in its link; "not found" otherwise. */
    contactForKey,
    start: () => sla.start(),
    stop: () => sla.stop(),
    routes: async (app: Parameters<ReturnType<typeof ticketsRoutes>>[0]) => {
      await app.register(ticketsRoutes({ tickets, agentTeamIds: async (id) => (await people.agents.get(id)).teamIds, slaView: (id) => sla.view(id) }));
      await app.register(ticketsWidgetRoutes({ tickets }));
      await app.register(slaRoutes({ sla }));
      await app.register(
        helpRequestRoutes({
          tickets,
          contactByEmail: conversationsPort.contactByEmail,
          contactForKey,
          accessKey: async (id) => accessKey(await accessSecret(), 'ticket', id),
          requestUrl,
          publicUrl: config.publicUrl,
        }),
      );
    },
  };
}

export type Tickets = ReturnType<typeof createTickets>;
