import { useState } from 'preact/hooks';
import { fill, type Locale } from '../i18n/index.js';
import { changeable, slotText, zoneLabel, type CustomerCallback } from './callbacks.js';
import type { CallbackFeed } from './feed.js';
import { SlotPicker, useOptions } from './slots.js';
import type { Strings } from './strings.js';

export function CallbackStatus({ callback, s }: { callback: CustomerCallback; s: Strings }) {
  return <span class={`wd-pill wd-pill-cb-${callback.status}`}>{s.c.statuses[callback.status] ?? callback.status}</span>;
}

const when = (callback: CustomerCallback, locale: string) => slotText(callback.slotStartsAt, callback.slotEndsAt, callback.timezone, locale);

/** Another time for a booked call, in the zone it was booked in. */
function Reschedule({ callback, feed, s, locale, onDone }: { callback: CustomerCallback; feed: CallbackFeed; s: Strings; locale: Locale; onDone: (notice: string) => void }) {
  const { options, failed, reload } = useOptions(feed.api, callback.timezone, callback.topic);
  const [slot, setSlot] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const offered = options && { ...options, slots: options.slots.filter((x) => x.startsAt !== callback.slotStartsAt) };
  const save = async (event: Event) => {
    event.preventDefault();
    if (!slot) return setError(s.c.form.pickSlot);
    setBusy(true);
    try {
      const moved = await feed.api.reschedule(callback.id, slot);
      feed.upsert(moved);
      onDone(fill(s.c.item.moved, { time: when(moved, locale) }));
    } catch (err) {
      setError(s.errorText(err));
      reload();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="wd-reschedule" onSubmit={save}>
      <SlotPicker id={`wd-move-${callback.id}`} legend={s.c.item.pickNew} options={offered} failed={failed} timezone={callback.timezone} value={slot} onChange={(startsAt) => (setSlot(startsAt), setError(null))} error={error ?? undefined} s={s} locale={locale} />
      <p class="wd-muted">{zoneLabel(callback.timezone, callback.slotStartsAt, locale)}</p>
      <button type="submit" class="wd-primary" disabled={busy}>{s.c.item.save}</button>
    </form>
  );
}

function CallbackItem({ callback, feed, s, locale }: { callback: CustomerCallback; feed: CallbackFeed; s: Strings; locale: Locale }) {
  const { c } = s;
  const [mode, setMode] = useState<'idle' | 'move' | 'cancel'>('idle');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = changeable(callback);
  const cancel = async () => {
    setBusy(true);
    try {
      feed.upsert(await feed.api.cancel(callback.id));
      setMode('idle');
      setNotice(c.item.cancelled);
      setError(null);
    } catch (err) {
      setError(s.errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (next: 'move' | 'cancel') => {
    setMode(mode === next ? 'idle' : next);
    setNotice(null);
    setError(null);
  };
  return (
    <li class="wd-callback" data-reference={callback.reference} data-status={callback.status}>
      <div class="wd-ticket-row">
        <span class="wd-ref">{callback.reference}</span>
        <CallbackStatus callback={callback} s={s} />
      </div>
      <p class="wd-callback-when">
        <time dateTime={callback.slotStartsAt}>{when(callback, locale)}</time>
      </p>
      <p class="wd-muted">
        {s.topics[callback.topic] ?? callback.topic} · {callback.phoneMasked} · {zoneLabel(callback.timezone, callback.slotStartsAt, locale)}
      </p>
      {notice && <p class="wd-notice" role="status">{notice}</p>}
      {error && <p class="wd-field-error" role="alert">{error}</p>}
      {open && (
        <div class="wd-callback-actions">
          <button type="button" class="wd-link" aria-expanded={mode === 'move'} onClick={() => toggle('move')}>{mode === 'move' ? c.item.close : c.item.reschedule}</button>
          <button type="button" class="wd-link wd-danger" aria-expanded={mode === 'cancel'} onClick={() => toggle('cancel')}>{c.item.cancel}</button>
        </div>
      )}
      {open && mode === 'move' && <Reschedule callback={callback} feed={feed} s={s} locale={locale} onDone={(text) => (setMode('idle'), setNotice(text))} />}
      {open && mode === 'cancel' && (
        <div class="wd-confirm" role="group" aria-label={c.item.cancel}>
          <p>{fill(c.item.confirmCancel, { time: when(callback, locale) })}</p>
          <button type="button" class="wd-primary wd-danger-button" disabled={busy} onClick={cancel}>{c.item.yesCancel}</button>
          <button type="button" class="wd-link" onClick={() => setMode('idle')}>{c.item.keep}</button>
        </div>
      )}
    </li>
  );
}

/** "My callbacks": each booking with its time and status; a booked one can be moved or called off. */
export function CallbackList({ feed, s, locale }: { feed: CallbackFeed; s: Strings; locale: Locale }) {
  const { c } = s;
  if (!feed.items) return <p class="wd-event" role="status">{feed.failed ? c.loadFailed : c.loading}</p>;
  if (!feed.items.length) return <p class="wd-requests-empty">{c.empty}</p>;
  return (
    <ul class="wd-tickets wd-callbacks" aria-live="polite">
      {feed.items.map((callback) => <CallbackItem key={callback.id} callback={callback} feed={feed} s={s} locale={locale} />)}
    </ul>
  );
}
