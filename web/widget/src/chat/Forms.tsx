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
 * Outside business hours: a request (工单), written in the requests view's form, or a callback.
 * Callbacks have no API yet, so a callback request is posted in the chat as a clearly labelled
 * message carrying the choice as its quick-reply value: the bot then queues the conversation for
 * when the team opens.
 */
export function OutsideHoursForm({ t, locale, outsideHours, onSend, onTicket }: { t: Strings; locale: string; outsideHours: OutsideHours; onSend: (text: string, choice: 'callback') => void; onTicket: () => void }) {
  const s = t.outsideHours;
  const [choice, setChoice] = useState<'ticket' | 'callback'>(outsideHours.options[0] ?? 'ticket');
  const [fields, setFields] = useState({ phone: '', when: '' });
  const [sent, setSent] = useState(false);
  const field = (name: keyof typeof fields, label: string) => (
    <label class="wd-field">
      {label}
      <input required maxLength={200} value={fields[name]} onInput={(e) => setFields({ ...fields, [name]: e.currentTarget.value })} />
    </label>
  );
  const opens = outsideHours.nextOpeningAt && new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(outsideHours.nextOpeningAt));
  const submit = (event: Event) => {
    event.preventDefault();
    onSend(fill(s.callbackMessage, fields), 'callback');
    setSent(true);
  };
  return (
    <section class="wd-panel" aria-labelledby="wd-outside-title">
      <p id="wd-outside-title"><strong>{s.closed}</strong> {opens && fill(s.opens, { time: opens })}</p>
      {sent ? (
        <p role="status">{s.sent}</p>
      ) : (
        <form onSubmit={submit}>
          <fieldset class="wd-choice">
            <legend>{s.choose}</legend>
            {outsideHours.options.map((option) => (
              <label key={option}>
                <input type="radio" name="outside-choice" checked={choice === option} onChange={() => setChoice(option)} /> {s[option]}
              </label>
            ))}
          </fieldset>
          {choice === 'ticket' ? (
            <>
              <p class="wd-muted">{s.ticketNote}</p>
              <button type="button" class="wd-primary" onClick={onTicket}>{s.openForm}</button>
            </>
          ) : (
            <>
              {field('phone', s.phone)}
              {field('when', s.when)}
              <p class="wd-muted">{s.note}</p>
              <button type="submit" class="wd-primary">{s.submit}</button>
            </>
          )}
        </form>
      )}
    </section>
  );
}
