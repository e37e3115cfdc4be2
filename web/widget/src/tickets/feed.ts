import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ChatClient } from '../chat/client.js';
import { TicketsApi } from './api.js';
import { upsertTicket, type CustomerTicket } from './tickets.js';

export interface TicketFeed {
  api: TicketsApi;
  /** Most recent activity first; null until the first load. */
  items: CustomerTicket[] | null;
  /** The last load failed (the list may be stale or missing). */
  failed: boolean;
  unread: number;
  upsert(ticket: CustomerTicket): void;
}

/**
 * The customer's requests as the header badge and the requests view see them: loaded whenever the
 * socket comes (back) online, since pushes missed while it was down are not replayed, and kept
 * current by the socket's `ticket` pushes.
 */
export function useTicketFeed(client: ChatClient, online: boolean): TicketFeed {
  const api = useMemo(() => new TicketsApi(() => client.currentToken()), [client]);
  const [items, setItems] = useState<CustomerTicket[] | null>(null);
  const [failed, setFailed] = useState(false);
  const upsert = (ticket: CustomerTicket) => setItems((all) => upsertTicket(all ?? [], ticket));

  useEffect(
    () =>
      client.onPush((frame) => {
        if (frame.type === 'ticket') upsert(frame.ticket as CustomerTicket);
      }),
    [client],
  );

  useEffect(() => {
    if (!online) return;
    api.list().then(
      (list) => {
        setItems(list.reduce(upsertTicket, [] as CustomerTicket[]));
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, [online]);

  return { api, items, failed, unread: items?.filter((t) => t.unread).length ?? 0, upsert };
}
