import type { EventBus } from '../../platform/events/index.js';
import type { Logger } from '../../platform/log.js';
import type { Gateway } from '../../platform/realtime/gateway.js';
import { agentTopic, contactTopic, supervisorsTopic, type Contact } from '../conversations/index.js';
import { customerView, type Ticket } from './tickets.js';
import type { TicketsStore } from './tickets.store.js';

export type MailTemplate = 'ticket_created' | 'ticket_reply' | 'ticket_pending' | 'ticket_solved' | 'complaint_acknowledged' | 'sla_breached';

/** The e-mail channel as tickets use it: queue one mail; a second with the same dedupe key is dropped. */
export interface Mailer {
  send(mail: { dedupeKey: string; to: string; locale: 'zh-CN' | 'en'; template: MailTemplate; vars: Record<string, string>; ticketId?: string; ticketReference?: string }): Promise<void>;
}

/**
 * Who hears about a ticket's changes, and how: the customer by e-mail (when an address is known)
 * and in the widget; the assignee in the console; supervisors on breaches and review requests.
 * Every node handles every event: pushes go to the sockets this node holds, and the mail's dedupe
 * key (event-specific, never random) makes the copies from other nodes no-ops.
 */
export function ticketNotifications(deps: {
  bus: EventBus;
  gateway: Gateway;
  store: TicketsStore;
  mailer: () => Mailer | undefined;
  contact: (id: string) => Promise<Contact | undefined>;
  agentName: (id: string) => Promise<string>;
  supervisorEmails: () => Promise<{ email: string; locale: 'zh-CN' | 'en' }[]>;
  requestUrl: (ticket: Ticket) => Promise<string>;
  ticketUrl: (ticket: Ticket) => string;
  logger: Logger;
}) {
  const { bus, gateway, store } = deps;

  async function load(ticketId: string): Promise<Ticket | undefined> {
    return store.get(ticketId);
  }

  function pushToCustomer(ticket: Ticket): void {
    gateway.publish(contactTopic(ticket.contactId), { type: 'ticket', ticket: customerView(ticket) });
  }

  async function mailCustomer(ticket: Ticket, template: MailTemplate, dedupeKey: string, vars: Record<string, string> = {}): Promise<void> {
    const mailer = deps.mailer();
    const to = ticket.requesterEmail ?? (await deps.contact(ticket.contactId))?.email;
    if (!mailer || !to) return;
    await mailer.send({
      dedupeKey,
      to,
      locale: ticket.language,
      template,
      ticketId: ticket.id,
      ticketReference: ticket.reference,
      vars: { reference: ticket.reference, subject: ticket.subject, requestUrl: await deps.requestUrl(ticket), ...vars },
    });
  }

  bus.subscribe('ticket.created', async (event) => {
    const ticket = await load(event.payload.ticketId);
    if (!ticket) return;
    pushToCustomer(ticket);
    await mailCustomer(ticket, 'ticket_created', `ticket_created:${ticket.id}`);
  });

  bus.subscribe('ticket.replied', async (event) => {
    const { ticketId, entryId, authorType } = event.payload;
    if (!event.payload.public) return;
    const ticket = await load(ticketId);
    if (!ticket) return;
    if (authorType === 'customer') {
      if (ticket.assigneeId) gateway.publish(agentTopic(ticket.assigneeId), { type: 'ticket.customer_replied', ticketId, reference: ticket.reference, subject: ticket.subject });
      return;
    }
    pushToCustomer(ticket);
    const entry = (await store.entries(ticketId, true)).find((e) => e.id === entryId);
    if (!entry) return;
    const agentName = entry.authorId ? await deps.agentName(entry.authorId).catch(() => '') : '';
    // Asking the customer for more is its own template: it says what happens if they do not answer.
    const template = ticket.status === 'pending' ? 'ticket_pending' : 'ticket_reply';
    await mailCustomer(ticket, template, `ticket_reply:${entryId}`, { body: entry.body, agentName });
  });

  bus.subscribe('ticket.status_changed', async (event) => {
    const ticket = await load(event.payload.ticketId);
    if (!ticket) return;
    pushToCustomer(ticket);
    if (event.payload.to === 'solved') await mailCustomer(ticket, 'ticket_solved', `ticket_solved:${ticket.id}:${ticket.solvedAt?.toISOString()}`);
  });

  bus.subscribe('ticket.acknowledged', async (event) => {
    const ticket = await load(event.payload.ticketId);
    if (!ticket) return;
    pushToCustomer(ticket);
    await mailCustomer(ticket, 'complaint_acknowledged', `complaint_acknowledged:${ticket.id}`);
  });

  bus.subscribe('ticket.assigned', async (event) => {
    const { ticketId, agentId } = event.payload;
    if (!agentId) return;
    const ticket = await load(ticketId);
    if (ticket) gateway.publish(agentTopic(agentId), { type: 'ticket.assigned', ticketId, reference: ticket.reference, subject: ticket.subject });
  });

  bus.subscribe('ticket.review_requested', async (event) => {
    const ticket = await load(event.payload.ticketId);
    if (ticket) gateway.publish(supervisorsTopic, { type: 'ticket.review_requested', ticketId: ticket.id, reference: ticket.reference, subject: ticket.subject });
  });

  bus.subscribe('ticket.sla_breached', async (event) => {
    const { ticketId, metric, dueAt, actions } = event.payload;
    const ticket = await load(ticketId);
    if (!ticket) return;
    gateway.publish(supervisorsTopic, { type: 'ticket.sla_breached', ticketId, reference: ticket.reference, subject: ticket.subject, metric, dueAt });
    // Policies choose whether a breach is mailed to supervisors; the console always shows it.
    const mailer = deps.mailer();
    if (!mailer || !actions.includes('notify')) return;
    for (const supervisor of await deps.supervisorEmails()) {
      await mailer.send({
        dedupeKey: `sla_breached:${ticketId}:${metric}:${dueAt}:${supervisor.email}`,
        to: supervisor.email,
        locale: supervisor.locale,
        template: 'sla_breached',
        vars: { reference: ticket.reference, subject: ticket.subject, metric, dueAt, ticketUrl: deps.ticketUrl(ticket) },
      });
    }
  });
}
