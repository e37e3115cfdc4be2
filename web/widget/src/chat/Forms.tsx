import { useState } from 'preact/hooks';
import type { Catalog } from '../i18n/index.js';
import { fill } from '../i18n/index.js';
import type { OutsideHours } from './protocol.js';

type Strings = Catalog['chat'];

export function RatingForm({ t, onRate }: { t: Strings; onRate: (score: number, comment: string) => Promise<void> }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    await onRate(score, comment).finally(() => setBusy(false));
  };
  return (
    <form class="wd-panel wd-rating" onSubmit={submit}>
      <fieldset>
        <legend>{t.rating.prompt}</legend>
        <div class="wd-stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} class={n <= score ? 'wd-star wd-star-on' : 'wd-star'}>
              <input type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)} aria-label={fill(t.rating.star, { n })} />
              <span aria-hidden="true">★</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label class="wd-field">
        {t.rating.comment}
        <textarea rows={2} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      <button type="submit" class="wd-primary" disabled={score === 0 || busy}>{t.rating.submit}</button>
    </form>
  );
}

/**
 * Outside business hours: a request (工单), written in the requests view's form, or a callback,
 * booked in the callbacks view's form with this conversation linked to it.
 */
export function OutsideHoursForm({ t, locale, outsideHours, onTicket, onCallback }: { t: Strings; locale: string; outsideHours: OutsideHours; onTicket: () => void; onCallback: () => void }) {
  const s = t.outsideHours;
  const [choice, setChoice] = useState<'ticket' | 'callback'>(outsideHours.options[0] ?? 'ticket');
  const opens = outsideHours.nextOpeningAt && new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(outsideHours.nextOpeningAt));
  return (
    <section class="wd-panel" aria-labelledby="wd-outside-title">
      <p id="wd-outside-title"><strong>{s.closed}</strong> {opens && fill(s.opens, { time: opens })}</p>
      <fieldset class="wd-choice">
        <legend>{s.choose}</legend>
        {outsideHours.options.map((option) => (
          <label key={option}>
            <input type="radio" name="outside-choice" checked={choice === option} onChange={() => setChoice(option)} /> {s[option]}
          </label>
        ))}
      </fieldset>
      <p class="wd-muted">{choice === 'ticket' ? s.ticketNote : s.callbackNote}</p>
      <button type="button" class="wd-primary" onClick={choice === 'ticket' ? onTicket : onCallback}>{choice === 'ticket' ? s.openForm : s.openCallbackForm}</button>
    </section>
  );
}
