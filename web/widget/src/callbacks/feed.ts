import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ChatClient } from '../chat/client.js';
import type { Locale } from '../i18n/index.js';
import { CallbacksApi } from './api.js';
import { upsertCallback, type CustomerCallback } from './callbacks.js';

export interface CallbackFeed {
  api: CallbacksApi;
  /** Newest booking first; null until the first load. */
  items: CustomerCallback[] | null;
  /** The last load failed (the list may be stale or missing). */
  failed: boolean;
  upsert(callback: CustomerCallback): void;
}

/**
 * The customer's callbacks while the view is open: loaded whenever the socket comes (back) online,
 * since pushes missed while it was down are not replayed, and kept current by the socket's
 * `callback` pushes (an agent moved it, the call happened).
 */
export function useCallbackFeed(client: ChatClient, online: boolean, locale: Locale): CallbackFeed {
  const api = useMemo(() => new CallbacksApi(() => client.currentToken(), locale), [client, locale]);
  const [items, setItems] = useState<CustomerCallback[] | null>(null);
  const [failed, setFailed] = useState(false);
  const upsert = (callback: CustomerCallback) => setItems((all) => upsertCallback(all ?? [], callback));

  useEffect(
    () =>
      client.onPush((frame) => {
        if (frame.type === 'callback') upsert(frame.callback as CustomerCallback);
      }),
    [client],
  );

  useEffect(() => {
    if (!online) return;
    api.list().then(
      (list) => {
        // Pushes that arrived while the list was on its way are kept if newer.
        setItems((shown) => list.reduce(upsertCallback, shown ?? []));
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, [online, api]);

  return { api, items, failed, upsert };
}
