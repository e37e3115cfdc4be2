import { errorOf, tokenHeader } from '../chat/rest.js';
import { ProtocolError } from '../chat/protocol.js';
import type { Locale } from '../i18n/index.js';
import type { CallbackOptions, CustomerCallback, NewCallback } from './callbacks.js';

// The customer's callbacks over REST (/api/v1/widget/callbacks...), with the token the chat socket
// authenticated with. The server's messages come back in the widget's language, not the browser's.

export class CallbacksApi {
  constructor(private readonly token: () => string | null, private readonly locale: Locale) {}

  private async call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const token = this.token();
    if (!token) throw new ProtocolError('DISCONNECTED', 'not connected yet');
    const headers: Record<string, string> = { [tokenHeader]: token, 'accept-language': this.locale };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`/api/v1/widget${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as T;
  }

  options(timezone: string, topic: string): Promise<CallbackOptions> {
    return this.call(`/callbacks/options?${new URLSearchParams({ timezone, ...(topic ? { topic } : {}) })}`);
  }

  async list(): Promise<CustomerCallback[]> {
    return (await this.call<{ items: CustomerCallback[] }>('/callbacks')).items;
  }

  book(input: NewCallback): Promise<CustomerCallback> {
    return this.call('/callbacks', { method: 'POST', body: input });
  }

  reschedule(id: string, slotStartsAt: string): Promise<CustomerCallback> {
    return this.call(`/callbacks/${id}/reschedule`, { method: 'POST', body: { slotStartsAt } });
  }

  cancel(id: string): Promise<CustomerCallback> {
    return this.call(`/callbacks/${id}/cancel`, { method: 'POST', body: {} });
  }
}
