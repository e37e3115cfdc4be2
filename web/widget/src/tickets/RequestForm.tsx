import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ProtocolError } from '../chat/protocol.js';
import type { Locale } from '../i18n/index.js';
import type { CustomerTicket, FieldDef, FieldValue, NewRequest } from './tickets.js';
import type { TicketFeed } from './feed.js';
import { formCurrencies, toMinorUnits } from './money.js';
import { FilePicker, useUploads } from './parts.js';
import type { Strings } from './strings.js';

type Errors = Record<string, string>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ComponentChildren }) {
  return (
    <div class="wd-field">
      <label for={id}>{label}</label>
      {children}
      {error && <p class="wd-field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

/** Props that tie an input to its label's field and its error. */
const control = (id: string, errors: Errors, key: string) => ({ id, 'aria-invalid': errors[key] ? true : undefined, 'aria-describedby': errors[key] ? `${id}-error` : undefined });

/** A custom field's typed text as the API wants it; undefined when it cannot be read. */
function fieldValue(def: FieldDef, text: string): FieldValue | undefined {
  if (def.kind === 'money') return toMinorUnits(text) ?? undefined;
  if (def.kind === 'number') {
    const n = Number(text.replace(/,/g, ''));
    return Number.isFinite(n) ? n : undefined;
  }
  return text;
}

/**
 * Where the server put a problem (a zod issue path such as `body.transaction.amount.amount`, or a
 * custom field's key) to the form field that shows it.
 */
function fieldOfIssue(path: string): string {
  const parts = path.split('.').filter((p) => p !== 'body');
  if (parts[0] === 'transaction' && parts[1]) return parts[1] === 'amount' ? 'amount' : parts[1];
  if (parts[0] === 'fields' && parts[1]) return `field:${parts[1]}`;
  return parts[0] ?? '';
}

/**
 * The new-request form (提交工单): issue type, what happened, the transaction (reference, amount
 * typed as "123.45" and sent in minor units, time, the error shown), an e-mail for updates,
 * screenshots, and the issue type's own questions. The server checks everything again and its
 * answer is shown next to the fields it names.
 */
export function RequestForm({ feed, s, locale, onCreated }: { feed: TicketFeed; s: Strings; locale: Locale; onCreated: (ticket: CustomerTicket) => void }) {
  const { t } = s;
  const f = t.form;
  const [values, setValues] = useState({ category: '', subject: '', description: '', reference: '', amount: '', currency: 'CNY', occurredAt: '', errorMessage: '', email: '' });
  const [custom, setCustom] = useState<Record<string, string>>({});
  const [defs, setDefs] = useState<FieldDef[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const uploads = useUploads(feed.api, s);
  const form = useRef<HTMLFormElement>(null);

  // The issue type's own questions; an answer for a type no longer chosen is dropped.
  useEffect(() => {
    let current = true;
    setDefs([]);
    if (values.category) feed.api.fields(values.category).then((list) => current && setDefs(list), () => undefined);
    return () => {
      current = false;
    };
  }, [values.category]);

  // After a refused send, the first field to fix gets the focus.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  // Editing a field takes its complaint away; the next send judges it again.
  const settle = (key: string) => errors[key] && setErrors(({ [key]: _, ...rest }) => rest);
  const set = (key: keyof typeof values) => (e: { currentTarget: { value: string } }) => {
    setValues({ ...values, [key]: e.currentTarget.value });
    settle(key);
  };

  function build(): { input: NewRequest; errors: Errors } {
    const found: Errors = {};
    if (!values.category) found.category = t.fieldErrors.required;
    if (!values.description.trim()) found.description = t.fieldErrors.required;
    if (values.email.trim() && !emailPattern.test(values.email.trim())) found.email = t.fieldErrors.email;
    const amount = values.amount.trim() ? toMinorUnits(values.amount) : null;
    if (values.amount.trim() && amount === null) found.amount = t.fieldErrors.amount;
    const occurredAt = values.occurredAt ? new Date(values.occurredAt) : null;
    if (occurredAt && Number.isNaN(occurredAt.getTime())) found.occurredAt = t.fieldErrors.invalid;
    const fields: Record<string, FieldValue> = {};
    for (const def of defs) {
      const text = (custom[def.key] ?? '').trim();
      if (!text) continue;
      const value = fieldValue(def, text);
      if (value === undefined) found[`field:${def.key}`] = def.kind === 'money' ? t.fieldErrors.amount : t.fieldErrors.invalid;
      else fields[def.key] = value;
    }
    const transaction = {
      ...(values.reference.trim() ? { reference: values.reference.trim() } : {}),
      ...(amount !== null ? { amount: { amount, currency: values.currency } } : {}),
      ...(occurredAt && !found.occurredAt ? { occurredAt: occurredAt.toISOString() } : {}),
      ...(values.errorMessage.trim() ? { errorMessage: values.errorMessage.trim() } : {}),
    };
    const input: NewRequest = {
      category: values.category,
      description: values.description.trim(),
      ...(values.subject.trim() ? { subject: values.subject.trim() } : {}),
      ...(values.email.trim() ? { email: values.email.trim() } : {}),
      ...(Object.keys(fields).length ? { fields } : {}),
      ...(Object.keys(transaction).length ? { transaction } : {}),
      ...(uploads.ids.length ? { attachmentIds: uploads.ids } : {}),
    };
    return { input, errors: found };
  }

  /** The server's refusal, spread over the fields it names; anything else is said above the button. */
  function refused(err: unknown) {
    const details = err instanceof ProtocolError ? err.details : undefined;
    const found: Errors = {};
    if (err instanceof ProtocolError && err.code === 'TICKET_FIELDS_INVALID') {
      for (const [key, why] of Object.entries((details?.fields ?? {}) as Record<string, string>)) found[`field:${key}`] = why === 'required' ? t.fieldErrors.required : t.fieldErrors.invalid;
    } else if (err instanceof ProtocolError && err.code === 'VALIDATION_FAILED') {
      for (const issue of (details?.issues ?? []) as { path: string }[]) {
        const key = fieldOfIssue(issue.path);
        found[key] = key === 'email' ? t.fieldErrors.email : key === 'amount' ? t.fieldErrors.amount : t.fieldErrors.invalid;
      }
    }
    setErrors(found);
    setProblem(Object.keys(found).length ? f.checkFields : s.errorText(err));
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    if (uploads.busy) return setProblem(f.uploading);
    const { input, errors: found } = build();
    setErrors(found);
    if (Object.keys(found).length) return setProblem(f.checkFields);
    setSending(true);
    setProblem(null);
    try {
      const ticket = await feed.api.create(input);
      feed.upsert(ticket);
      onCreated(ticket);
    } catch (err) {
      refused(err);
    } finally {
      setSending(false);
    }
  };

  const input = (key: keyof typeof values, id: string, label: string, extra: Record<string, unknown> = {}) => (
    <Field id={id} label={label} error={errors[key]}>
      <input {...control(id, errors, key)} value={values[key]} onInput={set(key)} {...extra} />
    </Field>
  );

  return (
    <form ref={form} class="wd-request-form" noValidate onSubmit={submit} aria-labelledby="wd-requests-title">
      <h2 id="wd-requests-title">{t.newRequest}</h2>
      <p class="wd-muted">{f.intro}</p>
      <Field id="wd-category" label={f.category} error={errors.category}>
        <select {...control('wd-category', errors, 'category')} value={values.category} onChange={set('category')}>
          <option value="">{f.choose}</option>
          {Object.entries(t.categories).map(([key, label]) => <option key={key} value={key}>{label}</option>)}
        </select>
      </Field>
      {input('subject', 'wd-subject', f.subject, { maxLength: 200 })}
      <Field id="wd-description" label={f.description} error={errors.description}>
        <textarea {...control('wd-description', errors, 'description')} rows={4} maxLength={10_000} value={values.description} onInput={set('description')} />
      </Field>
      <p class="wd-hint">{f.safety}</p>
      <fieldset class="wd-group">
        <legend>{f.transaction}</legend>
        {input('reference', 'wd-reference', f.reference, { maxLength: 100, autoComplete: 'off' })}
        <div class="wd-amount-row">
          {input('amount', 'wd-amount', f.amount, { inputMode: 'decimal', placeholder: f.amountPlaceholder, autoComplete: 'off' })}
          <Field id="wd-currency" label={f.currency}>
            <select id="wd-currency" value={values.currency} onChange={set('currency')}>
              {formCurrencies.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </Field>
        </div>
        {input('occurredAt', 'wd-occurred', f.occurredAt, { type: 'datetime-local' })}
        {input('errorMessage', 'wd-error-message', f.errorMessage, { maxLength: 500 })}
      </fieldset>
      {defs.length > 0 && (
        <fieldset class="wd-group">
          <legend>{f.more}</legend>
          {defs.map((def) => {
            const key = `field:${def.key}`;
            const id = `wd-field-${def.key}`;
            const change = (e: { currentTarget: { value: string } }) => {
              setCustom({ ...custom, [def.key]: e.currentTarget.value });
              settle(key);
            };
            const label = `${def.label[locale]}${def.required ? ' *' : ''}`;
            return (
              <Field key={def.key} id={id} label={label} error={errors[key]}>
                {def.kind === 'select' ? (
                  <select {...control(id, errors, key)} aria-required={def.required} value={custom[def.key] ?? ''} onChange={change}>
                    <option value="">{f.choose}</option>
                    {def.options.map((o) => <option key={o.value} value={o.value}>{o.label[locale]}</option>)}
                  </select>
                ) : def.kind === 'date' ? (
                  <input {...control(id, errors, key)} aria-required={def.required} type="date" value={custom[def.key] ?? ''} onInput={change} />
                ) : (
                  <input {...control(id, errors, key)} aria-required={def.required} inputMode={def.kind === 'text' ? undefined : 'decimal'} placeholder={def.kind === 'money' ? f.amountPlaceholder : undefined} maxLength={500} value={custom[def.key] ?? ''} onInput={change} />
                )}
              </Field>
            );
          })}
        </fieldset>
      )}
      {input('email', 'wd-email', f.email, { type: 'email', autoComplete: 'email', maxLength: 254 })}
      <FilePicker uploads={uploads} s={s} label={f.screenshots} id="wd-screenshots" />
      {problem && <p class="wd-field-error" role="alert">{problem}</p>}
      <button type="submit" class="wd-primary" disabled={sending}>{sending ? f.submitting : f.submit}</button>
    </form>
  );
}
