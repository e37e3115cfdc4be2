import { uuidv7 } from 'uuidv7';
import type { Orm } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Actor } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AuditService } from '../audit/index.js';
import type { Contact, CustomerIdentity } from '../conversations/index.js';
import { checkAgentMessage, detectLang, maskText, scanText } from '../guard/index.js';
import { validateFields, type FieldDef } from './ticket-fields.js';
import {
  customerView,
  initialPriority,
  newReference,
  raisePriority,
  refusal,
  statusAfterAgentReply,
  statusAfterCustomerReply,
  subjectFrom,
  type ComplaintOutcome,
  type Money,
  type Ticket,
  type TicketChannel,
  type TicketEntry,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
} from './tickets.js';
import type { TicketFilter, TicketPatch, TicketsQueries, TicketsStore } from './tickets.store.js';

/** What the SLA timers need of a ticket. */
export type SlaTicket = Pick<Ticket, 'id' | 'type' | 'priority' | 'status' | 'teamId'>;

/** The SLA timers, joined to the transaction that changes the ticket (tickets/sla.service.ts). */
export interface SlaPort {
  timers(tx: Orm): {
    ticketCreated(t: SlaTicket): Promise<void>;
    statusChanged(t: SlaTicket, from: TicketStatus, to: TicketStatus): Promise<void>;
    agentReplied(t: SlaTicket): Promise<void>;
    customerReplied(t: SlaTicket): Promise<void>;
    acknowledged(t: SlaTicket): Promise<void>;
    priorityChanged(t: SlaTicket): Promise<void>;
    teamChanged(t: SlaTicket): Promise<void>;
    merged(ticketId: string): Promise<void>;
  };
}

/** What tickets use of the conversations module: contacts, files, chats and their transcripts. */
export interface ConversationsPort {
  contactOf(identity: CustomerIdentity): Promise<Contact>;
  contactByEmail(email: string, input: { name: string; locale: Locale }): Promise<Contact>;
  rememberEmail(contactId: string, email: string): Promise<void>;
  contact(id: string): Promise<Contact | undefined>;
  conversation(id: string): Promise<{ id: string; contactId: string; category: string | null; language: Locale; priority: string; teamId: string | null } | undefined>;
  transcript(conversationId: string): Promise<string>;
  tellCustomer(conversationId: string, input: { clientId: string; text: string; payload: Record<string, unknown> }): Promise<unknown>;
  files: {
    ownLoose(uploader: { type: 'customer' | 'agent'; id: string }, ids: string[]): Promise<{ id: string; name: string; contentType: string; sizeBytes: number }[]>;
    storeLoose(uploader: { type: 'customer' | 'agent'; id: string }, input: { name: string; bytes: Uint8Array }): Promise<{ id: string }>;
    describe(ids: string[]): Promise<{ id: string; name: string; contentType: string; sizeBytes: number }[]>;
    signedUrl(id: string): Promise<{ url: string; expiresAt: Date }>;
  };
}

export type Origin =
  | { kind: 'customer'; identity: CustomerIdentity; channel: 'web' | 'app' | 'help_center' }
  /** A contact known by other means: an e-mail sender, a help-center requester holding the ticket's link. */
  | { kind: 'contact'; contactId: string; channel: 'email' | 'help_center' }
  | { kind: 'staff'; actor: Actor; channel: 'api' | 'phone' | 'web' };

export interface NewTicket {
  type?: TicketType;
  category: string;
  subject?: string;
  description: string;
  priority?: TicketPriority;
  email?: string;
  contactId?: string;
  teamId?: string | null;
  assigneeId?: string | null;
  fields?: Record<string, string | number | boolean | null>;
  transaction?: { reference?: string | null; amount?: Money | null; occurredAt?: Date | null; errorMessage?: string | null };
  attachmentIds?: string[];
  language?: Locale;
}

export interface TicketUpdate {
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: string | null;
  teamId?: string | null;
  category?: string;
  subject?: string;
  fields?: Record<string, string | number | boolean | null>;
}

const agentIdOf = (actor: Actor) => (actor.type === 'agent' ? actor.id : null);

/**
 * Tickets (工单) and complaints (投诉). Every change happens in one transaction with its timeline
 * entry and the SLA timers it moves; events are published after the commit, and what follows from
 * them (e-mail, pushes, webhooks) runs from those events.
 */
export function ticketsService(deps: {
  store: TicketsStore;
  bus: EventBus;
  audit: AuditService;
  sla: SlaPort;
  conversations: ConversationsPort;
  assertAgent: (id: string) => Promise<unknown>;
  assertTeam: (id: string) => Promise<unknown>;
  /** The name customers and colleagues see for a staff member. */
  agentName: (id: string) => Promise<string>;
  allowedLinkDomains: string[];
  clock: () => Date;
}) {
  const { store, bus, audit, sla, conversations, clock } = deps;
  type Pending = () => Promise<void>;

  /** Runs `fn` in a transaction on the locked ticket, then publishes what it queued. */
  async function change<T>(id: string, fn: (s: TicketsQueries, ticket: Ticket, later: (p: Pending) => void) => Promise<T>): Promise<T> {
    const queued: Pending[] = [];
    const result = await store.transaction(async (s) => {
      const ticket = await s.lock(id);
      if (!ticket) throw new AppError('TICKET_NOT_FOUND');
      return fn(s, ticket, (p) => queued.push(p));
    });
    for (const p of queued) await p();
    return result;
  }

  function event(s: TicketsQueries, ticketId: string, authorType: TicketEntry['authorType'], authorId: string | null, data: Record<string, unknown>, via: TicketChannel) {
    return s.insertEntry({ id: uuidv7(), ticketId, kind: 'event', authorType, authorId, body: '', data, via, createdAt: clock() });
  }

  /** Custom field values are customer text like any other: checked, then masked. */
  async function checkedFields(q: Pick<TicketsQueries, 'fields'>, category: string, values: Record<string, string | number | boolean | null>, requireAll: boolean) {
    const valid = validateFields(await fieldDefs(category, q), values, { requireAll });
    return Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, typeof v === 'string' ? maskText(v) : v]));
  }

  async function fieldDefs(category: string, q: Pick<TicketsQueries, 'fields'> = store): Promise<FieldDef[]> {
    return (await q.fields(category)).map((f) => ({ key: f.key, kind: f.kind as FieldDef['kind'], required: f.required, options: f.options.map((o) => o.value) }));
  }

  /** Moves a ticket to a status: rules checked, timestamps set, timers moved, event queued. */
  async function moveStatus(s: TicketsQueries, ticket: Ticket, to: TicketStatus, who: { type: TicketEntry['authorType']; id: string | null }, via: TicketChannel, later: (p: Pending) => void): Promise<Ticket> {
    if (to === ticket.status) return ticket;
    const refused = refusal(ticket, to);
    if (refused) throw new AppError(refused, { from: ticket.status, to });
    const now = clock();
    const updated = await s.update(ticket.id, {
      status: to,
      updatedAt: now,
      ...(to === 'solved' ? { solvedAt: now } : {}),
      ...(to === 'closed' ? { closedAt: now } : {}),
      ...(ticket.status === 'solved' && to !== 'closed' ? { solvedAt: null } : {}),
    });
    await event(s, ticket.id, who.type, who.id, { event: 'status_changed', from: ticket.status, to }, via);
    await sla.timers(s.orm).statusChanged(updated, ticket.status, to);
    later(() => bus.publish('ticket.status_changed', { ticketId: ticket.id, from: ticket.status, to }));
    return updated;
  }

  async function contactFor(origin: Origin, input: NewTicket): Promise<Contact> {
    if (origin.kind === 'customer') {
      const contact = await conversations.contactOf(origin.identity);
      if (input.email) await conversations.rememberEmail(contact.id, input.email);
      return contact;
    }
    if (origin.kind === 'contact') {
      const contact = await conversations.contact(origin.contactId);
      if (!contact) throw new AppError('NOT_FOUND', { what: 'contact' });
      return contact;
    }
    if (input.contactId) {
      const contact = await conversations.contact(input.contactId);
      if (!contact) throw new AppError('NOT_FOUND', { what: 'contact' });
      return contact;
    }
    if (input.email) return conversations.contactByEmail(input.email, { name: '', locale: input.language ?? 'zh-CN' });
    throw new AppError('VALIDATION_FAILED', { reason: 'a ticket needs its customer: contactId or email' });
  }

  function uploaderOf(origin: Origin, contactId: string): { type: 'customer' | 'agent'; id: string } {
    if (origin.kind !== 'staff') return { type: 'customer', id: contactId };
    if (!origin.actor.id) throw new AppError('FORBIDDEN');
    return { type: 'agent', id: origin.actor.id };
  }

  async function create(origin: Origin, input: NewTicket, extra: { conversationId?: string; channel?: TicketChannel; firstEntry?: 'reply' | 'note' } = {}): Promise<Ticket> {
    const contact = await contactFor(origin, input);
    const type = input.type ?? (input.category === 'complaint' ? 'complaint' : 'request');
    // Customer text is masked before it is stored; the raw description never leaves this call.
    const scan = scanText(input.description, { lang: detectLang(input.description) });
    const fields = await checkedFields(store, input.category, input.fields ?? {}, origin.kind === 'customer');
    if (input.assigneeId) await deps.assertAgent(input.assigneeId);
    if (input.teamId) await deps.assertTeam(input.teamId);
    const files = input.attachmentIds?.length ? await conversations.files.ownLoose(uploaderOf(origin, contact.id), input.attachmentIds) : [];
    const channel: TicketChannel = extra.channel ?? origin.channel;
    const author = origin.kind === 'staff' ? { type: 'agent' as const, id: agentIdOf(origin.actor) } : { type: 'customer' as const, id: contact.id };
    const now = clock();
    const amount = input.transaction?.amount ?? null;
    const ticket = await store.transaction(async (s) => {
      const ticket = await s.insert({
        id: uuidv7(),
        reference: newReference(),
        type,
        category: input.category,
        subject: maskText(input.subject?.trim() || subjectFrom(scan.masked)),
        priority: initialPriority(type, input.priority, scan.scam),
        channel,
        contactId: contact.id,
        requesterEmail: input.email?.toLowerCase() ?? contact.email,
        language: input.language ?? contact.locale,
        assigneeId: input.assigneeId ?? null,
        teamId: input.teamId ?? null,
        conversationId: extra.conversationId ?? null,
        fields,
        transactionReference: input.transaction?.reference ? maskText(input.transaction.reference) : null,
        amountMinor: amount?.amount ?? null,
        currency: amount?.currency ?? null,
        occurredAt: input.transaction?.occurredAt ?? null,
        errorMessage: input.transaction?.errorMessage ? maskText(input.transaction.errorMessage) : null,
        status: input.assigneeId ? 'open' : 'new',
        createdAt: now,
        updatedAt: now,
        lastPublicAt: author.type === 'customer' ? null : now,
      });
      const entry = await s.insertEntry({
        id: uuidv7(),
        ticketId: ticket.id,
        kind: extra.firstEntry ?? 'reply',
        authorType: author.type,
        authorId: author.id,
        body: scan.masked,
        data: scan.scam ? { scam: true } : {},
        via: channel,
        createdAt: now,
      });
      await s.attach(files.map((f) => f.id), ticket.id, entry.id);
      await sla.timers(s.orm).ticketCreated(ticket);
      return ticket;
    });
    if (origin.kind === 'staff') await audit.record({ actor: origin.actor, action: 'ticket.create', target: { type: 'ticket', id: ticket.id }, details: { reference: ticket.reference, channel } });
    await bus.publish('ticket.created', { ticketId: ticket.id, type: ticket.type, channel: ticket.channel, contactId: ticket.contactId });
    if (ticket.assigneeId) await bus.publish('ticket.assigned', { ticketId: ticket.id, agentId: ticket.assigneeId, teamId: ticket.teamId });
    return ticket;
  }

  async function addCustomerReply(ticketId: string, contactId: string, input: { body: string; attachmentIds?: string[]; via: TicketChannel; files?: { id: string }[] }): Promise<TicketEntry> {
    const scan = scanText(input.body, { lang: detectLang(input.body) });
    const files = input.files ?? (input.attachmentIds?.length ? await conversations.files.ownLoose({ type: 'customer', id: contactId }, input.attachmentIds) : []);
    return change(ticketId, async (s, ticket, later) => {
      if (ticket.contactId !== contactId) throw new AppError('TICKET_NOT_FOUND');
      if (ticket.mergedIntoId) throw new AppError('TICKET_MERGED', { into: ticket.mergedIntoId });
      if (ticket.status === 'closed') throw new AppError('TICKET_CLOSED');
      const now = clock();
      const entry = await s.insertEntry({ id: uuidv7(), ticketId, kind: 'reply', authorType: 'customer', authorId: contactId, body: scan.masked, data: scan.scam ? { scam: true } : {}, via: input.via, createdAt: now });
      await s.attach(files.map((f) => f.id), ticketId, entry.id);
      let current = await s.update(ticketId, { updatedAt: now, customerSeenAt: now, ...(scan.scam ? { priority: 'urgent' } : {}) });
      current = await moveStatus(s, current, statusAfterCustomerReply(ticket.status), { type: 'customer', id: contactId }, input.via, later);
      await sla.timers(s.orm).customerReplied(current);
      later(() => bus.publish('ticket.replied', { ticketId, entryId: entry.id, authorType: 'customer', public: true, via: input.via }));
      return entry;
    });
  }

  async function agentReply(actor: Actor, ticketId: string, input: { body: string; attachmentIds?: string[]; status?: TicketStatus }, via: TicketChannel = 'web'): Promise<TicketEntry> {
    const verdict = checkAgentMessage(input.body, { allowedDomains: deps.allowedLinkDomains });
    if (!verdict.allowed) {
      await audit.record({ actor, action: 'ticket.agent_reply_refused', target: { type: 'ticket', id: ticketId }, details: { reason: verdict.reason, detail: verdict.detail } });
      throw new AppError('AGENT_MESSAGE_REFUSED', { reason: verdict.reason, detail: verdict.detail });
    }
    const agentId = agentIdOf(actor);
    const files = input.attachmentIds?.length && agentId ? await conversations.files.ownLoose({ type: 'agent', id: agentId }, input.attachmentIds) : [];
    return change(ticketId, async (s, ticket, later) => {
      if (ticket.mergedIntoId) throw new AppError('TICKET_MERGED', { into: ticket.mergedIntoId });
      if (ticket.status === 'closed') throw new AppError('TICKET_CLOSED');
      const target = statusAfterAgentReply(ticket.status, input.status);
      // Checked before anything is written: a complaint cannot be solved by a reply either.
      const refused = target === ticket.status ? null : refusal(ticket, target);
      if (refused) throw new AppError(refused, { from: ticket.status, to: target });
      const now = clock();
      const entry = await s.insertEntry({ id: uuidv7(), ticketId, kind: 'reply', authorType: 'agent', authorId: agentId, body: maskText(input.body), data: {}, via, createdAt: now });
      await s.attach(files.map((f) => f.id), ticketId, entry.id);
      let current = await s.update(ticketId, { updatedAt: now, lastPublicAt: now, firstResponseAt: ticket.firstResponseAt ?? now, ...(!ticket.assigneeId && agentId ? { assigneeId: agentId } : {}) });
      await sla.timers(s.orm).agentReplied(current);
      current = await moveStatus(s, current, target, { type: 'agent', id: agentId }, via, later);
      later(() => bus.publish('ticket.replied', { ticketId, entryId: entry.id, authorType: 'agent', public: true, via }));
      return entry;
    });
  }

  async function note(actor: Actor, ticketId: string, body: string): Promise<TicketEntry> {
    const entry = await change(ticketId, async (s) => {
      const created = await s.insertEntry({ id: uuidv7(), ticketId, kind: 'note', authorType: 'agent', authorId: agentIdOf(actor), body: maskText(body), data: {}, via: 'web', createdAt: clock() });
      await s.update(ticketId, { updatedAt: clock() });
      return created;
    });
    await bus.publish('ticket.replied', { ticketId, entryId: entry.id, authorType: 'agent', public: false, via: 'web' });
    return entry;
  }

  /** An entry as shown: with its files and their signed links. */
  const shown = async (entry: TicketEntry) => (await withFiles(entry.ticketId, [entry]))[0]!;

  return {
    create,
    agentReply: async (...args: Parameters<typeof agentReply>) => shown(await agentReply(...args)),
    note: async (...args: Parameters<typeof note>) => shown(await note(...args)),

    /** Custom field definitions, labelled in both languages, for forms. */
    async fieldList(category?: string) {
      return (await store.fields(category)).map((f) => ({ key: f.key, category: f.category, label: { en: f.labelEn, 'zh-CN': f.labelZh }, kind: f.kind as FieldDef['kind'], options: f.options, required: f.required }));
    },

    get: async (id: string) => {
      const ticket = await store.get(id);
      if (!ticket) throw new AppError('TICKET_NOT_FOUND');
      return ticket;
    },

    list: (filter: TicketFilter, limit: number, cursor?: string) => store.list(filter, limit, cursor),

    /** The whole ticket for staff: timeline with notes, links, merges and file links. */
    async detail(id: string) {
      const ticket = await store.get(id);
      if (!ticket) throw new AppError('TICKET_NOT_FOUND');
      const [entries, related, mergedFrom, into, contact] = await Promise.all([
        store.entries(id, false),
        store.related(id),
        store.mergedInto(id),
        ticket.mergedIntoId ? store.get(ticket.mergedIntoId) : undefined,
        conversations.contact(ticket.contactId),
      ]);
      const linkOf = (t: Ticket, kind: string) => ({ ticketId: t.id, reference: t.reference, subject: t.subject, status: t.status, kind });
      return {
        ticket,
        entries: await withFiles(id, entries),
        links: [...related.map((t) => linkOf(t, 'related')), ...mergedFrom.map((t) => linkOf(t, 'merged_from')), ...(into ? [linkOf(into, 'merged_into')] : [])],
        contact: contact ? { id: contact.id, displayName: contact.displayName, email: contact.email, walletCustomerId: contact.walletCustomerId } : null,
      };
    },

    /** A chat that needs more than the chat: the ticket keeps the link and the transcript. */
    async fromConversation(actor: Actor, conversationId: string, input: { subject?: string; type?: TicketType; priority?: TicketPriority; note?: string; category?: string }): Promise<Ticket> {
      const conversation = await conversations.conversation(conversationId);
      if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
      const transcript = await conversations.transcript(conversationId);
      const ticket = await create(
        { kind: 'staff', actor, channel: 'web' },
        {
          type: input.type,
          category: input.category ?? conversation.category ?? 'other',
          subject: input.subject,
          description: transcript,
          priority: input.priority ?? (conversation.priority as TicketPriority),
          contactId: conversation.contactId,
          teamId: conversation.teamId,
          assigneeId: agentIdOf(actor),
          language: conversation.language,
        },
        { conversationId, channel: 'chat', firstEntry: 'note' },
      );
      if (input.note?.trim()) await note(actor, ticket.id, input.note);
      await conversations.tellCustomer(conversationId, { clientId: `ticket:${ticket.id}`, text: ticket.reference, payload: { ticket: { id: ticket.id, reference: ticket.reference } } });
      return ticket;
    },

    async update(actor: Actor, id: string, patch: TicketUpdate): Promise<Ticket> {
      if (patch.assigneeId) await deps.assertAgent(patch.assigneeId);
      if (patch.teamId) await deps.assertTeam(patch.teamId);
      const who = { type: 'agent' as const, id: agentIdOf(actor) };
      const updated = await change(id, async (s, ticket, later) => {
        if (ticket.mergedIntoId) throw new AppError('TICKET_MERGED', { into: ticket.mergedIntoId });
        const set: TicketPatch = {};
        if (patch.subject !== undefined) set.subject = maskText(patch.subject);
        if (patch.category !== undefined && patch.category !== ticket.category) set.category = patch.category;
        if (patch.fields !== undefined) set.fields = await checkedFields(s, patch.category ?? ticket.category, { ...ticket.fields, ...patch.fields }, false);
        const reassigned = (patch.assigneeId !== undefined && patch.assigneeId !== ticket.assigneeId) || (patch.teamId !== undefined && patch.teamId !== ticket.teamId);
        if (patch.assigneeId !== undefined) set.assigneeId = patch.assigneeId;
        if (patch.teamId !== undefined) set.teamId = patch.teamId;
        const reprioritized = patch.priority !== undefined && patch.priority !== ticket.priority;
        if (reprioritized) set.priority = patch.priority;
        let current = Object.keys(set).length ? await s.update(id, { ...set, updatedAt: clock() }) : ticket;
        if (patch.teamId !== undefined && patch.teamId !== ticket.teamId) await sla.timers(s.orm).teamChanged(current);
        if (reassigned) {
          await event(s, id, who.type, who.id, { event: 'assigned', agentId: current.assigneeId, teamId: current.teamId }, 'web');
          later(() => bus.publish('ticket.assigned', { ticketId: id, agentId: current.assigneeId, teamId: current.teamId }));
        }
        if (reprioritized) {
          await event(s, id, who.type, who.id, { event: 'priority_changed', from: ticket.priority, to: current.priority }, 'web');
          await sla.timers(s.orm).priorityChanged(current);
          later(() => bus.publish('ticket.priority_changed', { ticketId: id, from: ticket.priority, to: current.priority }));
        }
        if (patch.status) current = await moveStatus(s, current, patch.status, who, 'web', later);
        return current;
      });
      await audit.record({ actor, action: 'ticket.update', target: { type: 'ticket', id }, details: { fields: Object.keys(patch) } });
      return updated;
    },

    /**
     * A duplicate folds into the ticket that stays: the duplicate is closed and points at it, the
     * one that stays gets the duplicate's request as a note, and the duplicate's timers stop.
     */
    async merge(actor: Actor, sourceId: string, intoId: string): Promise<Ticket> {
      if (sourceId === intoId) throw new AppError('TICKET_MERGE_INVALID', { reason: 'same ticket' });
      const who = agentIdOf(actor);
      const queued: Pending[] = [];
      // Both rows locked in id order, so two merges of the same pair cannot deadlock.
      const target = await store.transaction(async (s) => {
        const [first, second] = [sourceId, intoId].sort();
        const locked = new Map([[first!, await s.lock(first!)], [second!, await s.lock(second!)]]);
        const source = locked.get(sourceId);
        const into = locked.get(intoId);
        if (!source || !into) throw new AppError('TICKET_NOT_FOUND');
        if (source.mergedIntoId || into.mergedIntoId) throw new AppError('TICKET_MERGED', { into: source.mergedIntoId ?? into.mergedIntoId });
        if (into.status === 'closed') throw new AppError('TICKET_MERGE_INVALID', { reason: 'the ticket to keep is closed' });
        if (source.contactId !== into.contactId) throw new AppError('TICKET_MERGE_INVALID', { reason: 'different customers' });
        const now = clock();
        await s.update(sourceId, { mergedIntoId: intoId, status: 'closed', closedAt: now, updatedAt: now });
        await event(s, sourceId, 'agent', who, { event: 'merged_into', ticketId: intoId, reference: into.reference }, 'web');
        const request = (await s.entries(sourceId, true)).find((e) => e.kind === 'reply');
        await s.insertEntry({ id: uuidv7(), ticketId: intoId, kind: 'note', authorType: 'system', authorId: null, body: request?.body ?? '', data: { mergedFrom: sourceId, reference: source.reference }, via: 'web', createdAt: now });
        await sla.timers(s.orm).merged(sourceId);
        queued.push(() => bus.publish('ticket.merged', { ticketId: sourceId, intoId }));
        return s.update(intoId, { updatedAt: now });
      });
      for (const p of queued) await p();
      await audit.record({ actor, action: 'ticket.merge', target: { type: 'ticket', id: sourceId }, details: { into: intoId } });
      return target;
    },

    async link(actor: Actor, id: string, relatedId: string): Promise<void> {
      if (id === relatedId) throw new AppError('VALIDATION_FAILED', { reason: 'a ticket cannot be related to itself' });
      if (!(await store.get(id)) || !(await store.get(relatedId))) throw new AppError('TICKET_NOT_FOUND');
      await store.link(id, relatedId);
      await audit.record({ actor, action: 'ticket.link', target: { type: 'ticket', id }, details: { relatedId } });
    },
    async unlink(actor: Actor, id: string, relatedId: string): Promise<void> {
      if (!(await store.unlink(id, relatedId))) throw new AppError('NOT_FOUND', { what: 'link' });
      await audit.record({ actor, action: 'ticket.unlink', target: { type: 'ticket', id }, details: { relatedId } });
    },

    /** Complaints: telling the customer it was received and is being handled, within the deadline. */
    async acknowledge(actor: Actor, id: string): Promise<Ticket> {
      return change(id, async (s, ticket, later) => {
        if (ticket.type !== 'complaint') throw new AppError('NOT_A_COMPLAINT');
        if (ticket.complaint?.acknowledgedAt) return ticket;
        const now = clock();
        const updated = await s.update(id, { acknowledgedAt: now, lastPublicAt: now, updatedAt: now, ...(ticket.status === 'new' ? { status: 'open' } : {}) });
        await event(s, id, 'agent', agentIdOf(actor), { event: 'acknowledged', public: true }, 'web');
        await sla.timers(s.orm).acknowledged(updated);
        if (ticket.status === 'new') await sla.timers(s.orm).statusChanged(updated, 'new', 'open');
        later(() => bus.publish('ticket.acknowledged', { ticketId: id }));
        return updated;
      });
    },

    async requestReview(actor: Actor, id: string, note?: string): Promise<Ticket> {
      return change(id, async (s, ticket, later) => {
        if (ticket.type !== 'complaint') throw new AppError('NOT_A_COMPLAINT');
        if (ticket.complaint?.reviewStatus === 'approved') throw new AppError('CONFLICT', { reason: 'already approved' });
        const updated = await s.update(id, { reviewStatus: 'requested', reviewNote: note ? maskText(note) : null, updatedAt: clock() });
        await event(s, id, 'agent', agentIdOf(actor), { event: 'review_requested' }, 'web');
        later(() => bus.publish('ticket.review_requested', { ticketId: id }));
        return updated;
      });
    },

    /** A supervisor's decision on a complaint's outcome; only an approved complaint can be solved. */
    async review(actor: Actor, id: string, input: { decision: 'approve' | 'reject'; note: string; outcome?: ComplaintOutcome }): Promise<Ticket> {
      const reviewer = agentIdOf(actor);
      const updated = await change(id, async (s, ticket, later) => {
        if (ticket.type !== 'complaint') throw new AppError('NOT_A_COMPLAINT');
        if (ticket.complaint?.reviewStatus !== 'requested') throw new AppError('COMPLAINT_REVIEW_NOT_REQUESTED');
        if (input.decision === 'approve' && !input.outcome) throw new AppError('VALIDATION_FAILED', { reason: 'an approval records the outcome' });
        const decision = input.decision === 'approve' ? 'approved' : 'rejected';
        const result = await s.update(id, {
          reviewStatus: decision,
          reviewedBy: reviewer,
          reviewNote: maskText(input.note),
          ...(input.outcome ? { outcome: { code: input.outcome.code, summary: maskText(input.outcome.summary), compensation: input.outcome.compensation ?? null } } : {}),
          updatedAt: clock(),
        });
        await event(s, id, 'agent', reviewer, { event: 'reviewed', decision }, 'web');
        later(() => bus.publish('ticket.reviewed', { ticketId: id, decision, reviewerId: reviewer }));
        return result;
      });
      await audit.record({ actor, action: 'ticket.review', target: { type: 'ticket', id }, details: { decision: input.decision } });
      return updated;
    },

    /** One step up the escalation path: priority raised, supervisors told; level 2 and above also unassigns for the team lead to pick. */
    async escalate(actor: Actor, id: string, note?: string): Promise<Ticket> {
      return change(id, async (s, ticket, later) => {
        const level = (ticket.complaint?.escalationLevel ?? 0) + 1;
        const updated = await s.update(id, { escalationLevel: level, priority: raisePriority(ticket.priority), updatedAt: clock(), ...(level >= 2 ? { assigneeId: null } : {}) });
        await event(s, id, 'agent', agentIdOf(actor), { event: 'escalated', level, note: note ? maskText(note) : null }, 'web');
        if (updated.priority !== ticket.priority) await sla.timers(s.orm).priorityChanged(updated);
        later(() => bus.publish('ticket.escalated', { ticketId: id, level }));
        return updated;
      });
    },

    // The customer's side.
    async listForCustomer(identity: CustomerIdentity) {
      const contact = await conversations.contactOf(identity);
      return (await store.ofContact(contact.id, 100)).map(customerView);
    },

    /** One of the customer's own tickets, public entries only; looking marks it seen. Another's is "not found". */
    async forCustomer(identity: CustomerIdentity, id: string) {
      const contact = await conversations.contactOf(identity);
      return publicView(id, contact.id);
    },

    publicView,

    createForCustomer: (identity: CustomerIdentity, channel: 'web' | 'app' | 'help_center', input: NewTicket) => create({ kind: 'customer', identity, channel }, input),

    async replyAsCustomer(identity: CustomerIdentity, id: string, input: { body: string; attachmentIds?: string[] }, via: TicketChannel = 'web') {
      const contact = await conversations.contactOf(identity);
      return shown(await addCustomerReply(id, contact.id, { ...input, via }));
    },

    addCustomerReply: async (...args: Parameters<typeof addCustomerReply>) => shown(await addCustomerReply(...args)),

    /** Whether a file belongs to this ticket (for a signed link); the customer sees files of their own tickets only. */
    async fileLink(id: string, attachmentId: string, contactId?: string) {
      const ticket = await store.get(id);
      if (!ticket || (contactId && ticket.contactId !== contactId)) throw new AppError('TICKET_NOT_FOUND');
      if (!(await store.holdsAttachment(id, attachmentId))) throw new AppError('NOT_FOUND', { what: 'attachment' });
      return conversations.files.signedUrl(attachmentId);
    },
  };

  async function withFiles(ticketId: string, entries: TicketEntry[]) {
    const held = await store.attachmentsOf(ticketId);
    const described = new Map((await conversations.files.describe(held.map((h) => h.attachmentId))).map((f) => [f.id, f]));
    const byEntry = new Map<string, { id: string; name: string; contentType: string; sizeBytes: number; url: string }[]>();
    for (const h of held) {
      const file = described.get(h.attachmentId);
      if (!file) continue;
      const list = byEntry.get(h.entryId) ?? [];
      list.push({ ...file, url: (await conversations.files.signedUrl(file.id)).url });
      byEntry.set(h.entryId, list);
    }
    const staffIds = [...new Set(entries.filter((e) => e.authorType === 'agent' && e.authorId).map((e) => e.authorId!))];
    const names = new Map(await Promise.all(staffIds.map(async (id) => [id, await deps.agentName(id).catch(() => null)] as const)));
    return entries.map((e) => ({ ...e, authorName: e.authorType === 'agent' && e.authorId ? (names.get(e.authorId) ?? null) : null, attachments: byEntry.get(e.id) ?? [] }));
  }

  async function publicView(id: string, contactId: string) {
    const ticket = await store.get(id);
    if (!ticket || ticket.contactId !== contactId) throw new AppError('TICKET_NOT_FOUND');
    const entries = (await store.entries(id, true)).filter((e) => e.kind !== 'event' || e.data.event === 'status_changed' || e.data.public === true);
    const seen = await store.update(id, { customerSeenAt: clock(), updatedAt: ticket.updatedAt });
    return { ticket: customerView(seen), entries: await withFiles(id, entries) };
  }
}

export type TicketsService = ReturnType<typeof ticketsService>;
