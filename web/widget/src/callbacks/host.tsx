import { lazyPanel } from '../chat/lazy-panel.js';
import type { ChatClient } from '../chat/client.js';
import { catalogs, type Locale } from '../i18n/index.js';

/** Where a booking came from: the chat it is linked to, so the agent who calls knows the story. */
export interface BookingLink {
  conversationId?: string;
}

export type CallbacksRoute = { view: 'callbacks' } | ({ view: 'book' } & BookingLink) | { view: 'booked'; id: string };

const views = new Set(['callbacks', 'book', 'booked']);
export const isCallbacksRoute = (route: { view: string }): route is CallbacksRoute => views.has(route.view);

export interface CallbacksProps {
  client: ChatClient;
  online: boolean;
  locale: Locale;
  route: CallbacksRoute;
  onRoute: (route: CallbacksRoute) => void;
  onRequests: () => void;
  onClose: () => void;
}

export const CallbacksHost = lazyPanel<CallbacksProps>(() => import('./Callbacks.js').then((m) => m.Callbacks));

/** The header's way to a phone call: opens the booking form. */
export function CallbackButton({ locale, open, onClick }: { locale: Locale; open: boolean; onClick: () => void }) {
  const label = catalogs[locale].chat.bookCallback;
  return (
    <button type="button" class="wd-header-button wd-icon wd-callback-button" aria-label={label} title={label} aria-pressed={open} onClick={onClick}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a1 1 0 0 1-1 1A16 16 0 0 1 4 5a1 1 0 0 1 1-1z" /></svg>
    </button>
  );
}
