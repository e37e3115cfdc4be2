import { lazyPanel } from '../chat/lazy-panel.js';
import { catalogs, type Locale } from '../i18n/index.js';
import type { TicketFeed } from './feed.js';

export type RequestsRoute = { view: 'list' } | { view: 'new' } | { view: 'detail'; id: string; created?: boolean };

export interface RequestsProps {
  feed: TicketFeed;
  locale: Locale;
  route: RequestsRoute;
  onRoute: (route: RequestsRoute) => void;
  onClose: () => void;
  /** Opens "My callbacks", which sits beside the requests. */
  onCallbacks?: () => void;
}

export const RequestsHost = lazyPanel<RequestsProps>(() => import('./Requests.js').then((m) => m.Requests));

/** The header button that opens the requests, with the number of requests that have news. */
export function RequestsButton({ locale, unread, open, onClick }: { locale: Locale; unread: number; open: boolean; onClick: () => void }) {
  const t = catalogs[locale].chat;
  const label = unread ? `${t.requests} (${unread})` : t.requests;
  return (
    <button type="button" class="wd-header-button wd-icon wd-requests-button" aria-label={label} title={label} aria-pressed={open} onClick={onClick}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" d="M6 3h9l4 4v14H6zM9 11h7M9 15h7M14 3v5h5" /></svg>
      {unread > 0 && <span class="wd-count" aria-hidden="true">{unread}</span>}
    </button>
  );
}
