import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ProtocolError } from '../chat/protocol.js';
import { fill, type Locale } from '../i18n/index.js';
import { browserTimeZone, type CustomerCallback, type NewCallback } from './callbacks.js';
import type { CallbackFeed } from './feed.js';
import type { BookingLink } from './host.js';
import { SlotPicker, useOptions, ZonePicker } from './slots.js';
import type { Strings } from './strings.js';

type Errors = Partial<Record<'topic' | 'phone' | 'slot', string>>;

const phoneErrors = new Set(['CALLBACK_PHONE_INVALID', 'CALLBACK_PHONE_REQUIRED']);
const slotErrors = new Set(['CALLBACK_SLOT_FULL', 'CALLBACK_SLOT_INVALID', 'CALLBACK_ALREADY_BOOKED']);

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="wd-field">
      <label for={id}>{label}</label>
      {children}
      {hint && <p class="wd-muted" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="wd-field-error" id={`${id}-error`} role="alert">{error}</p>}
    </div>
  );
}

/**
 * The booking form (预约回电): what it is about, the number we call (a verified customer's wallet
 * number, masked, unless they give another), a free slot shown in their own time zone, and a
 * note. The server validates the number and holds the slot; its refusal lands next to the field it
 * concerns, and a slot taken meanwhile brings fresh times.
 */
export function BookingForm({ feed, s, locale, link, onBooked }: { feed: CallbackFeed; s: Strings; locale: Locale; link: BookingLink; onBooked: (callback: CustomerCallback) => void }) {
  const f = s.c.form;
  const [topic, setTopic] = useState('');
  const [timezone, setTimezone] = useState(browserTimeZone);
  const [slot, setSlot] = useState<string | null>(null);
  const [otherNumber, setOtherNumber] = useState(false);
  const [phone, setPhone] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const { options, failed, reload } = useOptions(feed.api, timezone, topic);
  const form = useRef<HTMLFormElement>(null);
  const wallet = options?.phone ?? null;
  // Until the options say whether the wallet gives a number, the form does not ask for one.
  const askPhone = !!options && (!wallet || otherNumber);

  // A time picked for another topic or zone may not be offered any more.
  useEffect(() => {
    if (slot && options && !options.slots.some((x) => x.startsAt === slot)) setSlot(null);
  }, [options]);

  // After a refused send, the first thing to fix gets the focus (only then: not while typing).
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals) (form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.current?.querySelector<HTMLElement>('.wd-slots-invalid input'))?.focus();
  }, [refusals]);

  // Fixing a field takes its complaint away, and the summary with the last one; the next send judges again.
  const settle = (key: keyof Errors) => {
    if (!errors[key]) return;
    const { [key]: _, ...rest } = errors;
    setErrors(rest);
    if (!Object.keys(rest).length) setProblem(null);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Errors = {};
    if (!topic) found.topic = f.required;
    if (askPhone && !phone.trim()) found.phone = f.required;
    if (!slot) found.slot = f.pickSlot;
    setErrors(found);
    if (Object.keys(found).length) {
      setRefusals((n) => n + 1);
      return setProblem(f.checkFields);
    }
    const input: NewCallback = {
      topic,
      timezone,
      language: locale,
      slotStartsAt: slot!,
      ...(askPhone ? { phone: phone.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(link.conversationId ? { conversationId: link.conversationId } : {}),
    };
    setSending(true);
    setProblem(null);
    try {
      const callback = await feed.api.book(input);
      feed.upsert(callback);
      onBooked(callback);
    } catch (err) {
      const code = err instanceof ProtocolError ? err.code : '';
      const issues = (err instanceof ProtocolError && code === 'VALIDATION_FAILED' ? (err.details?.issues ?? []) : []) as { path: string }[];
      if (phoneErrors.has(code) || issues.some((i) => i.path.endsWith('phone'))) setErrors({ phone: s.errorText(err) });
      else if (slotErrors.has(code)) {
        setErrors({ slot: s.errorText(err) });
        reload();
      } else setProblem(s.errorText(err));
      setRefusals((n) => n + 1);
    } finally {
      setSending(false);
    }
  };

  const invalid = (key: keyof Errors, id: string, hint?: boolean) => ({
    id,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': [errors[key] ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined,
  });

  return (
    <form ref={form} class="wd-request-form wd-callback-form" noValidate onSubmit={submit} aria-labelledby="wd-callbacks-title">
      <h2 id="wd-callbacks-title">{s.c.book}</h2>
      <p class="wd-muted">{f.intro}</p>
      <Field id="wd-cb-topic" label={f.topic} error={errors.topic}>
        <select {...invalid('topic', 'wd-cb-topic')} value={topic} onChange={(e) => (setTopic(e.currentTarget.value), settle('topic'))}>
          <option value="">{f.choose}</option>
          {Object.entries(s.topics).map(([key, label]) => <option key={key} value={key}>{label}</option>)}
        </select>
      </Field>
      {wallet && (
        <div class="wd-field wd-wallet-phone">
          <p>
            <strong data-testid="callback-wallet-phone">{fill(f.walletPhone, { phone: wallet.masked })}</strong>
            <span class="wd-muted"> ({f.walletPhoneHint})</span>
          </p>
          <label class="wd-check">
            <input type="checkbox" checked={otherNumber} onChange={(e) => (setOtherNumber(e.currentTarget.checked), settle('phone'))} /> {f.otherNumber}
          </label>
        </div>
      )}
      {askPhone && (
        <Field id="wd-cb-phone" label={f.phone} error={errors.phone} hint={f.phoneHint}>
          <input {...invalid('phone', 'wd-cb-phone', true)} type="tel" autoComplete="tel" inputMode="tel" maxLength={32} required value={phone} onInput={(e) => (setPhone(e.currentTarget.value), settle('phone'))} />
        </Field>
      )}
      <ZonePicker id="wd-cb-zone" value={timezone} onChange={setTimezone} s={s} locale={locale} />
      {!topic ? <p class="wd-muted">{f.pickTopicFirst}</p> : <SlotPicker id="wd-cb-slot" legend={f.times} options={options} failed={failed} timezone={timezone} value={slot} onChange={(startsAt) => (setSlot(startsAt), settle('slot'))} error={errors.slot} s={s} locale={locale} />}
      <Field id="wd-cb-note" label={f.note} hint={f.noteHint}>
        <textarea id="wd-cb-note" aria-describedby="wd-cb-note-hint" rows={3} maxLength={1000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      {problem && <p class="wd-field-error" role="alert">{problem}</p>}
      <button type="submit" class="wd-primary" disabled={sending}>{sending ? f.submitting : f.submit}</button>
    </form>
  );
}
