import type { Locale } from '../../platform/i18n/index.js';
import type { ConversationsPort, TicketsService } from './tickets.service.js';
import type { TicketsStore } from './tickets.store.js';
import { subjectFrom, type Ticket } from './tickets.js';

/** What the e-mail channel hands over: already parsed, quoted history stripped and masked by the guard. */
export interface MailIn {
  from: { address: string; name: string };
  subject: string;
  text: string;
  language: Locale;
  ticketReference: string | null;
  threadTicketId: string | null;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/**
 * Files an inbound e-mail: a reply threads into its ticket, anything else opens one. Only the
 * ticket's own requester threads into it; a stranger who quotes a reference (or a forwarded
 * thread) gets a ticket of their own, so nobody writes into someone else's case by guessing.
 */
export function emailInbound(deps: { tickets: TicketsService; store: TicketsStore; conversations: ConversationsPort; onFileRefused: (name: string, err: unknown) => void }) {
  const { tickets, store, conversations } = deps;

  async function threadOf(mail: MailIn): Promise<Ticket | undefined> {
    let ticket = mail.threadTicketId ? await store.get(mail.threadTicketId) : undefined;
    ticket ??= mail.ticketReference ? await store.byReference(mail.ticketReference) : undefined;
    // A reply to a merged duplicate belongs to the ticket it was merged into.
    for (let hops = 0; ticket?.mergedIntoId && hops < 5; hops++) ticket = await store.get(ticket.mergedIntoId);
    return ticket;
  }

  /** Images and PDFs are kept; other files are refused one by one, never the whole mail. */
  async function keepFiles(contactId: string, attachments: MailIn['attachments']): Promise<{ id: string }[]> {
    const kept: { id: string }[] = [];
    for (const a of attachments) {
      try {
        kept.push(await conversations.files.storeLoose({ type: 'customer', id: contactId }, { name: a.filename, bytes: a.content }));
      } catch (err) {
        deps.onFileRefused(a.filename, err);
      }
    }
    return kept;
  }

  return async function fromEmail(mail: MailIn): Promise<{ ticketId: string }> {
    const contact = await conversations.contactByEmail(mail.from.address, { name: mail.from.name, locale: mail.language });
    const thread = await threadOf(mail);
    const body = mail.text.trim() || mail.subject;
    if (thread && thread.contactId === contact.id && thread.status !== 'closed') {
      const files = await keepFiles(contact.id, mail.attachments);
      await tickets.addCustomerReply(thread.id, contact.id, { body, via: 'email', files });
      return { ticketId: thread.id };
    }
    const files = await keepFiles(contact.id, mail.attachments);
    const created = await tickets.create(
      { kind: 'contact', contactId: contact.id, channel: 'email' },
      { category: 'other', subject: mail.subject.trim() || subjectFrom(body), description: body, email: mail.from.address, language: mail.language, attachmentIds: files.map((f) => f.id) },
    );
    // Writing again about a closed case opens a follow-up that points back to it.
    if (thread && thread.contactId === contact.id) await store.link(created.id, thread.id);
    return { ticketId: created.id };
  };
}
