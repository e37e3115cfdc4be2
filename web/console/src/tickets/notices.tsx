import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { alertAssignment } from '../notify.js';
import type { Realtime } from '../realtime.js';
import { href, navigate } from '../router.js';
import { noticeText } from './events.js';
import './tickets.css';

interface Notice { key: string; ticketId: string; text: string }
const KEEP = 4;

/**
 * Ticket pushes on the agent's socket (assigned to me, a customer replied; for supervisors an SLA
 * breach or a complaint to review) become toasts, a desktop notification with a chime, and a count
 * on the Tickets link; opening the ticket clears its notices, and the ticket on screen gets none.
 */
export function useTicketNotices(live: Realtime | null, route: string) {
  const { t } = useI18n();
  const [notices, setNotices] = useState<Notice[]>([]);
  const open = /^tickets\/([^/]+)$/.exec(route)?.[1];
  const onScreen = useRef(open);
  onScreen.current = open;
  useEffect(() => {
    if (!live) return;
    return live.subscribe((frame) => {
      const text = noticeText(frame, t);
      if (!text) return;
      const ticketId = String(frame.ticketId);
      if (ticketId === onScreen.current) return;
      const key = `${frame.type}:${ticketId}:${String(frame.metric ?? '')}`;
      setNotices((list) => [...list.filter((n) => n.key !== key), { key, ticketId, text }].slice(-KEEP));
      alertAssignment(text, () => navigate(`tickets/${ticketId}`), `walletdesk-ticket-${ticketId}`);
    });
  }, [live, t]);
  useEffect(() => {
    if (open) setNotices((list) => (list.some((n) => n.ticketId === open) ? list.filter((n) => n.ticketId !== open) : list));
  }, [open]);
  const dismiss = useCallback((key: string) => setNotices((list) => list.filter((n) => n.key !== key)), []);
  return { notices, dismiss };
}

export function TicketToasts({ notices, dismiss }: ReturnType<typeof useTicketNotices>) {
  const { t } = useI18n();
  return (
    <>
      {notices.map((n) => (
        <div key={n.key} className="toast ticket-toast" data-testid="ticket-toast">
          <a href={href(`tickets/${n.ticketId}`)} onClick={(e) => (e.preventDefault(), navigate(`tickets/${n.ticketId}`))}>{n.text}</a>
          <button type="button" className="link-button" aria-label={t.tickets.notices.dismiss} onClick={() => dismiss(n.key)}>×</button>
        </div>
      ))}
    </>
  );
}
