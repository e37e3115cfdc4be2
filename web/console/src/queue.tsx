// What the conversation inbox and the ticket queue share: the view tabs and live refreshing.
import { useEffect, useRef } from 'react';
import { useI18n } from './i18n/index.js';
import type { Frame, Realtime } from './realtime.js';

export const queueViews = ['mine', 'unassigned', 'team', 'all'] as const;
export type QueueView = (typeof queueViews)[number];

export function ViewTabs({ label, view, onChange }: { label: string; view: QueueView; onChange: (v: QueueView) => void }) {
  const { t } = useI18n();
  return (
    <div role="tablist" aria-label={label} className="tabs">
      {queueViews.map((v) => (
        <button key={v} role="tab" type="button" aria-selected={view === v} onClick={() => onChange(v)}>{t.inbox.views[v]}</button>
      ))}
    </div>
  );
}

/**
 * Reloads a list when a push may have changed it (bursts coalesced into one fetch) and on a slow
 * poll, which catches what is not pushed to everyone.
 */
export function useLiveReload(live: Realtime, changes: (f: Frame) => boolean, reload: () => void, pollMs = 15_000) {
  const pending = useRef<number | undefined>(undefined);
  const matches = useRef(changes);
  matches.current = changes;
  useEffect(() => {
    const off = live.subscribe((f) => {
      if (!matches.current(f)) return;
      clearTimeout(pending.current);
      pending.current = window.setTimeout(reload, 300);
    });
    const poll = window.setInterval(reload, pollMs);
    return () => {
      off();
      clearInterval(poll);
      clearTimeout(pending.current);
    };
  }, [live, reload, pollMs]);
}
