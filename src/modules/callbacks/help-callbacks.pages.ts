import { DateTime } from 'luxon';
import { catalog, fill, type Locale } from '../../platform/i18n/index.js';
import { helpLayout, helpPath, html, type HelpPageContext, type Html } from '../knowledge/index.js';
import { ticketCategories } from '../tickets/index.js';
import { describeSlot, zoneName, type Callback, type SlotWithRoom } from './callbacks.js';

/** The booking form as typed (the note masked when it is shown again). */
export interface CallbackForm {
  topic: string;
  tz: string;
  slot: string;
  phone: string;
  email: string;
  note: string;
}

type Strings = ReturnType<typeof catalog>['callbacks']['helpCenter'];
export type CallbackProblem = keyof Strings['fieldErrors'];
export type CallbackProblems = Partial<Record<keyof CallbackForm, CallbackProblem>>;

/** Zones offered without JavaScript to ask the browser; a zone given in the address is offered too. */
export const formZones = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Australia/Sydney', 'UTC'];

const css = `
form.callback label{font-weight:600;margin:14px 0 4px}form.callback input:not([type=radio]),form.callback select{width:100%;padding:10px;font:inherit;border:1px solid #9aa5b1;border-radius:8px;background:#fff}
form textarea{border:1px solid #9aa5b1;border-radius:8px}.hint{color:#616e7c;font-size:.9rem;margin:2px 0 0}.field-error{color:#b42318;font-weight:600;margin:4px 0 0}
[aria-invalid=true]{border-color:#b42318!important;border-width:2px!important}form.callback button{margin-top:16px}
fieldset.day{border:1px solid #d9dde2;border-radius:12px;padding:4px 12px 8px;margin:10px 0}fieldset.day legend{font-weight:600;padding:0 4px}
.times{display:flex;flex-wrap:wrap;gap:6px}.times label{font-weight:400;margin:0;border:1px solid #9aa5b1;border-radius:8px;padding:6px 10px;min-height:44px;display:flex;align-items:center;gap:6px}
.notice.ok{border-left:4px solid #12805c}
`;

/** `path` (without the language) is where the other language's link goes: a booking's own page keeps its key. */
const context = (locale: Locale, baseUrl: string, path = '/callbacks/new'): HelpPageContext => ({ locale, baseUrl, path, contact: {} });

function crumbs(locale: Locale, here: string): Html {
  return html`<nav class="crumbs" aria-label="breadcrumb"><a href="${helpPath(locale)}">${catalog(locale).help.home}</a> › ${here}</nav>`;
}

/** One labelled control with its hint and its problem, tied together for screen readers. */
function field(id: string, label: string, control: (aria: Html) => Html, problem?: string, hint?: string): Html {
  const described = [problem ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  const aria = html`${problem ? html` aria-invalid="true"` : ''}${described ? html` aria-describedby="${described}"` : ''}`;
  return html`<div><label for="${id}">${label}</label>${control(aria)}${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}${problem ? html`<p class="field-error" id="${id}-error">${problem}</p>` : ''}</div>`;
}

/** Free slots grouped by the customer's local day, as radio buttons. */
function slotChoices(locale: Locale, form: CallbackForm, slots: SlotWithRoom[], problem?: string): Html {
  const t = catalog(locale).callbacks.helpCenter;
  const days = new Map<string, SlotWithRoom[]>();
  for (const slot of slots) {
    const day = DateTime.fromJSDate(slot.startsAt, { zone: form.tz }).toISODate()!;
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  const dayName = new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', timeZone: form.tz });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: form.tz });
  return html`<h2 id="slots-title">${t.slots}</h2>
<p class="hint" id="slots-hint">${fill(t.slotsHint, { zone: zoneName(form.tz, locale, slots[0]?.startsAt ?? new Date()) })}</p>
${problem ? html`<p class="field-error" id="slots-error" role="alert">${problem}</p>` : ''}
${[...days.values()].map(
  (list) => html`<fieldset class="day"><legend>${dayName.format(list[0]!.startsAt)}</legend><div class="times">${list.map((s) => {
    const value = s.startsAt.toISOString();
    return html`<label><input type="radio" name="slot" value="${value}" required${form.slot === value ? html` checked` : ''}> ${time.format(s.startsAt)}–${time.format(s.endsAt)}</label>`;
  })}</div></fieldset>`,
)}`;
}

/**
 * Step one (a GET form) picks the topic, which decides the team and so the slots, and the zone the
 * times are shown in; step two (the POST form) shows the free slots and asks for the number.
 */
export function newCallbackPage(locale: Locale, baseUrl: string, data: { form: CallbackForm; slots: SlotWithRoom[] | null; problems: CallbackProblems; problem?: string }): string {
  const c = catalog(locale);
  const t = c.callbacks.helpCenter;
  const { form, problems, slots } = data;
  const problem = (key: keyof CallbackForm) => (problems[key] ? t.fieldErrors[problems[key]] : undefined);
  const zones = formZones.includes(form.tz) ? formZones : [form.tz, ...formZones];
  const choose = html`<form class="callback" method="get" action="${helpPath(locale, '/callbacks/new')}">
${field('topic', t.topic, (aria) => html`<select id="topic" name="topic" required${aria}><option value="">${t.choose}</option>${ticketCategories.map((key) => html`<option value="${key}"${form.topic === key ? html` selected` : ''}>${c.tickets.categories[key]}</option>`)}</select>`, problem('topic'))}
${field('tz', t.timezone, (aria) => html`<select id="tz" name="tz"${aria}>${zones.map((zone) => html`<option value="${zone}"${form.tz === zone ? html` selected` : ''}>${zone}</option>`)}</select>`)}
<button type="submit">${t.showTimes}</button>
</form>`;
  const book =
    slots === null
      ? ''
      : slots.length === 0
        ? html`<section class="notice" role="status"><p>${t.noSlots}</p></section>`
        : html`<form class="callback" method="post" action="${helpPath(locale, '/callbacks/new')}">
<input type="hidden" name="topic" value="${form.topic}"><input type="hidden" name="tz" value="${form.tz}">
${slotChoices(locale, form, slots, problem('slot'))}
${field('phone', t.phone, (aria) => html`<input id="phone" name="phone" type="tel" required maxlength="40" autocomplete="tel" value="${form.phone}"${aria}>`, problem('phone'), t.phoneHint)}
${field('email', t.email, (aria) => html`<input id="email" name="email" type="email" maxlength="254" autocomplete="email" value="${form.email}"${aria}>`, problem('email'), t.emailHint)}
${field('note', t.note, (aria) => html`<textarea id="note" name="note" rows="3" maxlength="1000"${aria}>${form.note}</textarea>`, problem('note'), t.safety)}
<button type="submit">${t.submit}</button>
</form>`;
  return helpLayout(context(locale, baseUrl), {
    title: t.title,
    description: t.intro,
    css,
    body: html`${crumbs(locale, t.title)}
<h1>${t.title}</h1>
<p>${t.intro}</p>
${data.problem ? html`<div class="notice critical" role="alert" style="padding:4px 12px"><p>${data.problem}</p></div>` : ''}
${choose}
${book}`,
  });
}

/** What was booked: the time in the customer's zone, the masked number and the reference, and the private link to change it. */
export function bookedPage(locale: Locale, baseUrl: string, callback: Callback, manageUrl: string): string {
  const t = catalog(locale).callbacks.helpCenter;
  const when = describeSlot({ startsAt: callback.slotStartsAt, endsAt: callback.slotEndsAt }, callback.timezone, locale);
  return helpLayout(context(locale, baseUrl), {
    title: t.booked,
    description: t.booked,
    css,
    body: html`${crumbs(locale, t.booked)}
<section class="notice ok" role="status"><h1>${t.booked}</h1><p>${fill(t.bookedDetail, { when, phone: callback.phoneMasked, reference: callback.reference })}</p><p>${t.bookedNext}</p><p><a href="${manageUrl}">${t.manageLink}</a></p></section>`,
  });
}

/**
 * A callback opened by its private link: what is booked and, while it is booked, the free times to
 * move it to and a button to cancel it, POST forms whose addresses carry the key.
 */
export function manageCallbackPage(locale: Locale, baseUrl: string, data: { callback: Callback; path: string; actions: { move: string; cancel: string }; slots: SlotWithRoom[]; done?: 'moved' | 'cancelled'; problem?: string }): string {
  const c = catalog(locale);
  const t = c.callbacks.helpCenter;
  const { callback } = data;
  const when = describeSlot({ startsAt: callback.slotStartsAt, endsAt: callback.slotEndsAt }, callback.timezone, locale);
  const form: CallbackForm = { topic: callback.topic, tz: callback.timezone, slot: '', phone: '', email: '', note: '' };
  const open = callback.status === 'scheduled';
  const done = data.done === 'moved' ? fill(t.moved, { when }) : data.done === 'cancelled' ? t.cancelled : undefined;
  const changes = !open
    ? html`<p>${t.closed}</p>`
    : html`${data.slots.length === 0 ? html`<p>${t.noSlots}</p>` : html`<form class="callback" method="post" action="${data.actions.move}">
<h2>${t.moveTitle}</h2>
${slotChoices(locale, form, data.slots)}
<button type="submit">${t.move}</button>
</form>`}
<form class="callback" method="post" action="${data.actions.cancel}"><button type="submit" class="secondary">${t.cancel}</button></form>`;
  return helpLayout(context(locale, baseUrl, data.path), {
    title: t.manage,
    description: t.manage,
    css,
    body: html`${crumbs(locale, t.manage)}
<h1>${t.manage}</h1>
${done ? html`<section class="notice ok" role="status"><p>${done}</p></section>` : ''}
${data.problem ? html`<div class="notice critical" role="alert" style="padding:4px 12px"><p>${data.problem}</p></div>` : ''}
<p>${fill(open ? t.bookedDetail : t.closedDetail, { when, phone: callback.phoneMasked, reference: callback.reference })}</p>
<p>${c.tickets.categories[callback.topic as keyof typeof c.tickets.categories] ?? callback.topic} · ${fill(t.status, { status: c.callbacks.statuses[callback.status] })}</p>
${changes}`,
  });
}

/** A link that opens nothing: a wrong key, or a callback that does not exist. */
export function invalidCallbackLinkPage(locale: Locale, baseUrl: string): string {
  const t = catalog(locale).callbacks.helpCenter;
  return helpLayout(context(locale, baseUrl), { title: t.manage, description: t.manage, css, body: html`${crumbs(locale, t.manage)}
<h1>${t.manage}</h1>
<p>${t.invalidLink}</p>
<p><a href="${helpPath(locale, '/callbacks/new')}">${t.title}</a></p>` });
}
