import { errorOf, postFile, sameOrigin, tokenHeader } from '../chat/rest.js';
import { ProtocolError } from '../chat/protocol.js';
import type { CustomerTicket, FieldDef, NewRequest, TicketEntry, Uploaded } from './tickets.js';

// The customer's requests (工单) over REST (/api/v1/widget/tickets...), with the token the chat
// socket authenticated with.

export class TicketsApi {
  constructor(private readonly token: () => string | null) {}

  private async call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const token = this.token();
    if (!token) throw new ProtocolError('DISCONNECTED', 'not connected yet');
    const headers: Record<string, string> = { [tokenHeader]: token };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`/api/v1/widget${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as T;
  }

  async list(): Promise<CustomerTicket[]> {
    return (await this.call<{ items: CustomerTicket[] }>('/tickets')).items;
  }

  /** Opening a request marks it read on the server. */
  async get(id: string): Promise<{ ticket: CustomerTicket; entries: TicketEntry[] }> {
    const detail = await this.call<{ ticket: CustomerTicket; entries: TicketEntry[] }>(`/tickets/${id}`);
    return { ...detail, entries: detail.entries.map((e) => ({ ...e, attachments: e.attachments.map((f) => ({ ...f, url: sameOrigin(f.url) })) })) };
  }

  create(input: NewRequest): Promise<CustomerTicket> {
    return this.call('/tickets', { method: 'POST', body: input });
  }

  reply(id: string, input: { body: string; attachmentIds?: string[] }): Promise<TicketEntry> {
    return this.call(`/tickets/${id}/replies`, { method: 'POST', body: input });
  }

  async fields(category: string): Promise<FieldDef[]> {
    return (await this.call<{ items: FieldDef[] }>(`/ticket-fields?${new URLSearchParams({ category })}`)).items;
  }

  /** A file kept for a request not sent yet: its id goes in attachmentIds. */
  upload(file: File, onProgress: (fraction: number) => void): Promise<Uploaded> {
    const token = this.token();
    if (!token) return Promise.reject(new ProtocolError('DISCONNECTED', 'not connected yet'));
    return postFile<Uploaded>({ url: `/api/v1/widget/attachments?${new URLSearchParams({ name: file.name })}`, file, token, onProgress });
  }
}
