import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, query, ApiError, type Page } from './api.js';

/** Loads on mount and whenever `deps` change; `reload` fetches again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => live && (setData(d), setError(null)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, reload, setData };
}

/** Runs an action, keeping its error (the server's localized message) and a busy flag for the UI. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

/**
 * A cursor-paged list: the first page loads (and reloads) with `params`; pages after it stay
 * loaded while the first one refreshes, and new params start over. An item on two pages (the
 * list moved under us) shows once.
 */
export function usePagedList<T extends { id: string }>(path: string, params: Record<string, string | number | undefined>) {
  const key = JSON.stringify(params);
  const first = useLoad(() => api<Page<T>>('GET', `${path}${query(params)}`), [path, key]);
  const [more, setMore] = useState<Page<T> | null>(null);
  useEffect(() => setMore(null), [path, key]);
  const paging = useAction();
  const cursor = more ? more.nextCursor : (first.data?.nextCursor ?? null);
  const loadMore = () =>
    void paging.run(async () => {
      if (!cursor) return;
      const next = await api<Page<T>>('GET', `${path}${query({ ...params, cursor })}`);
      setMore((m) => ({ items: [...(m?.items ?? []), ...next.items], nextCursor: next.nextCursor }));
    });
  const items = useMemo(() => {
    const seen = new Set<string>();
    return [...(first.data?.items ?? []), ...(more?.items ?? [])].filter((x) => !seen.has(x.id) && seen.add(x.id));
  }, [first.data, more]);
  return { first, items, cursor, loadMore, paging };
}
