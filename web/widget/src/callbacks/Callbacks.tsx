import { fill, type Locale } from '../i18n/index.js';
import { BookingForm } from './BookingForm.js';
import { CallbackList, CallbackStatus } from './CallbackList.js';
import { slotText, zoneLabel } from './callbacks.js';
import { useCallbackFeed, type CallbackFeed } from './feed.js';
import type { CallbacksProps } from './host.js';
import { stringsFor, type Strings } from './strings.js';
import '../tickets/tickets.css';
import './callbacks.css';

/** What the customer sees right after booking: when, in which zone, which number, and the reference. */
function Confirmation({ id, feed, s, locale, onList }: { id: string; feed: CallbackFeed; s: Strings; locale: Locale; onList: () => void }) {
  const { c } = s;
  const callback = feed.items?.find((x) => x.id === id);
  if (!callback) return <p class="wd-event" role="status">{feed.failed ? c.loadFailed : c.loading}</p>;
  return (
    <article class="wd-request wd-callback-booked" aria-labelledby="wd-callbacks-title" data-reference={callback.reference}>
      <h2 id="wd-callbacks-title">{c.confirmation.title}</h2>
      <p class="wd-notice" role="status">
        {fill(c.confirmation.reference, { reference: callback.reference })} <CallbackStatus callback={callback} s={s} />
      </p>
      <dl class="wd-facts">
        <dt>{c.confirmation.when}</dt>
        <dd><time dateTime={callback.slotStartsAt}>{slotText(callback.slotStartsAt, callback.slotEndsAt, callback.timezone, locale)}</time></dd>
        <dt>{c.confirmation.zone}</dt>
        <dd>{zoneLabel(callback.timezone, callback.slotStartsAt, locale)}</dd>
        <dt>{c.confirmation.phone}</dt>
        <dd>{callback.phoneMasked}</dd>
      </dl>
      <p class="wd-muted">{c.confirmation.text}</p>
      <button type="button" class="wd-primary" onClick={onList}>{c.confirmation.list}</button>
    </article>
  );
}

/** The callbacks view: "My callbacks", the booking form and its confirmation. */
export function Callbacks(props: CallbacksProps) {
  const { client, online, locale, route, onRoute } = props;
  const feed = useCallbackFeed(client, online, locale);
  const s = stringsFor(locale);
  const { c } = s;
  return (
    <section class="wd-requests" aria-labelledby="wd-callbacks-title">
      <nav class="wd-requests-nav">
        <button type="button" class="wd-link" onClick={props.onClose}>‹ {c.backToChat}</button>
        {route.view === 'callbacks' ? (
          <button type="button" class="wd-primary" onClick={() => onRoute({ view: 'book' })}>{c.book}</button>
        ) : (
          <button type="button" class="wd-link" onClick={() => onRoute({ view: 'callbacks' })}>{c.title}</button>
        )}
      </nav>
      {route.view === 'callbacks' && (
        <>
          <h2 id="wd-callbacks-title">{c.title}</h2>
          <CallbackList feed={feed} s={s} locale={locale} />
          <p>
            <button type="button" class="wd-link" onClick={props.onRequests}>{c.myRequests} ›</button>
          </p>
        </>
      )}
      {route.view === 'book' && <BookingForm feed={feed} s={s} locale={locale} link={{ conversationId: route.conversationId }} onBooked={(callback) => onRoute({ view: 'booked', id: callback.id })} />}
      {route.view === 'booked' && <Confirmation id={route.id} feed={feed} s={s} locale={locale} onList={() => onRoute({ view: 'callbacks' })} />}
    </section>
  );
}
