import { catalog, fill, type Locale } from '../../platform/i18n/index.js';
import { helpLayout, helpPath, html, type HelpPageContext, type Html } from '../knowledge/index.js';
import type { TicketsService } from './tickets.service.js';
import { ticketCategories } from './tickets.js';

/** The new-request form as typed (secrets already masked when it is shown again). */
export interface RequestForm {
  email: string;
  category: string;
  subject: string;
  description: string;
  reference: string;
  amount: string;
  currency: string;
  occurredAt: string;
  errorMessage: string;
}

type Strings = ReturnType<typeof catalog>['tickets']['helpCenter'];
export type FieldProblem = keyof Strings['fieldErrors'];
export type FieldProblems = Partial<Record<keyof RequestForm, FieldProblem>>;
export type PublicView = Awaited<ReturnType<TicketsService['publicView']>>;

export const formCurrencies = ['CNY', 'HKD', 'USD'] as const;

const css = `
form.request label{font-weight:600;margin:14px 0 4px}form.request input,form.request select{width:100%;padding:10px;font:inherit;border:1px solid #9aa5b1;border-radius:8px;background:#fff}
form textarea{border:1px solid #9aa5b1;border-radius:8px}fieldset.group{border:1px solid #d9dde2;border-radius:12px;padding:4px 12px 12px;margin:14px 0}fieldset.group legend{font-weight:600;padding:0 4px}
.hint{color:#616e7c;font-size:.9rem;margin:2px 0 0}.field-error{color:#b42318;font-weight:600;margin:4px 0 0}[aria-invalid=true]{border-color:#b42318!important;border-width:2px!important}
.row{display:flex;gap:8px}.row>div:first-child{flex:1;min-width:0}form.request button{margin-top:16px}
ol.timeline{list-style:none;padding:0;margin:0}ol.timeline li{padding:10px 0;border-bottom:1px solid #eef0f2}.entry-body{white-space:pre-wrap;overflow-wrap:anywhere;margin:4px 0}
.event{color:#616e7c;font-size:.9rem}.notice.ok{border-left:4px solid #12805c}.private-link{overflow-wrap:anywhere;font-family:ui-monospace,monospace;font-size:.9rem}dl.facts{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0}dl.facts dt{color:#616e7c}dl.facts dd{margin:0}
`;

const context = (locale: Locale, baseUrl: string, path: string): HelpPageContext => ({ locale, baseUrl, path, contact: {} });

/** One labelled form control with its hint and its problem, tied together for screen readers. */
function field(id: string, label: string, control: (aria: Html) => Html, problem?: string, hint?: string): Html {
  const described = [problem ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  const aria = html`${problem ? html` aria-invalid="true"` : ''}${described ? html` aria-describedby="${described}"` : ''}`;
  return html`<div><label for="${id}">${label}</label>${control(aria)}${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}${problem ? html`<p class="field-error" id="${id}-error">${problem}</p>` : ''}</div>`;
}

function crumbs(locale: Locale, here: string): Html {
  return html`<nav class="crumbs" aria-label="breadcrumb"><a href="${helpPath(locale)}">${catalog(locale).help.home}</a> › ${here}</nav>`;
}

export function newRequestPage(locale: Locale, baseUrl: string, data: { form: RequestForm; problems: FieldProblems; problem?: string }): string {
  const c = catalog(locale).tickets;
  const t = c.helpCenter;
  const { form, problems } = data;
  const problem = (key: keyof RequestForm) => (problems[key] ? t.fieldErrors[problems[key]] : undefined);
  const text = (key: keyof RequestForm, id: string, label: string, extra: Html | string = '', hint?: string) =>
    field(id, label, (aria) => html`<input id="${id}" name="${key}" value="${form[key]}"${aria}${extra}>`, problem(key), hint);
  return helpLayout(context(locale, baseUrl, '/requests/new'), {
    title: t.newTitle,
    description: t.newIntro,
    css,
    body: html`${crumbs(locale, t.newTitle)}
<h1>${t.newTitle}</h1>
<p>${t.newIntro}</p>
${data.problem ? html`<div class="notice critical" role="alert" style="padding:4px 12px"><p>${data.problem}</p></div>` : ''}
<form class="request" method="post" action="${helpPath(locale, '/requests/new')}">
${text('email', 'email', t.email, html` type="email" required maxlength="254" autocomplete="email"`, t.emailHint)}
${field('category', t.category, (aria) => html`<select id="category" name="category" required${aria}><option value="">${t.choose}</option>${ticketCategories.map((key) => html`<option value="${key}"${form.category === key ? html` selected` : ''}>${c.categories[key]}</option>`)}</select>`, problem('category'))}
${text('subject', 'subject', t.subject, html` maxlength="200"`)}
${field('description', t.description, (aria) => html`<textarea id="description" name="description" rows="6" required maxlength="10000"${aria}>${form.description}</textarea>`, problem('description'), t.safety)}
<fieldset class="group"><legend>${t.transaction}</legend>
${text('reference', 'reference', t.transactionReference, html` maxlength="100" autocomplete="off"`)}
<div class="row">${text('amount', 'amount', t.amount, html` inputmode="decimal" placeholder="${t.amountHint}" autocomplete="off"`)}
${field('currency', t.currency, (aria) => html`<select id="currency" name="currency"${aria}>${formCurrencies.map((code) => html`<option${form.currency === code ? html` selected` : ''}>${code}</option>`)}</select>`)}</div>
${text('occurredAt', 'occurredAt', t.occurredAt, html` type="datetime-local"`)}
${text('errorMessage', 'errorMessage', t.errorMessage, html` maxlength="500"`)}
</fieldset>
<button type="submit">${t.submit}</button>
</form>`,
  });
}

function entryItem(locale: Locale, entry: PublicView['entries'][number], when: Intl.DateTimeFormat): Html | '' {
  const c = catalog(locale).tickets;
  const t = c.helpCenter;
  const time = html`<time datetime="${entry.createdAt.toISOString()}">${when.format(entry.createdAt)}</time>`;
  if (entry.kind === 'event') {
    const to = String(entry.data.to) as keyof typeof c.statuses;
    const text = entry.data.event === 'status_changed' ? fill(t.statusChanged, { status: c.statuses[to] ?? to }) : entry.data.event === 'acknowledged' ? t.acknowledged : null;
    return text ? html`<li class="event">${text} · ${time}</li>` : '';
  }
  const files = entry.attachments.map((f) => html`<li><a href="${f.url}" rel="noopener">${f.name}</a></li>`);
  return html`<li><p class="muted" style="margin:0"><strong>${entry.authorType === 'customer' ? t.you : t.support}</strong> · ${time}</p>
<p class="entry-body">${entry.body}</p>${files.length ? html`<ul>${files}</ul>` : ''}</li>`;
}

/** One request for whoever holds its link: status, the public history and a reply form. */
export function requestPage(locale: Locale, baseUrl: string, data: { view: PublicView; path: string; link?: string; sent: boolean; reply: string; problem?: string }): string {
  const c = catalog(locale).tickets;
  const t = c.helpCenter;
  const { ticket, entries } = data.view;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  const title = fill(t.requestTitle, { reference: ticket.reference });
  return helpLayout(context(locale, baseUrl, data.path), {
    title,
    description: ticket.subject,
    css,
    body: html`${crumbs(locale, title)}
${data.link ? html`<section class="notice ok" role="status"><p>${fill(t.created, { reference: ticket.reference })}</p><p class="private-link"><a href="${data.link}">${data.link}</a></p></section>` : ''}
${data.sent ? html`<section class="notice ok" role="status"><p>${t.sent}</p></section>` : ''}
<h1>${ticket.subject}</h1>
<section><dl class="facts"><dt>${t.status}</dt><dd><strong>${c.statuses[ticket.status]}</strong></dd><dt>${t.issueType}</dt><dd>${c.categories[ticket.category as keyof typeof c.categories] ?? ticket.category}</dd><dt>${t.reference}</dt><dd>${ticket.reference}</dd></dl></section>
<section aria-labelledby="history"><h2 id="history">${t.history}</h2><p class="muted">${t.timesNote}</p>
<ol class="timeline">${entries.map((e) => entryItem(locale, e, when))}</ol></section>
<section id="reply" aria-labelledby="reply-title">
${data.problem ? html`<p class="field-error" role="alert" id="body-error">${data.problem}</p>` : ''}
${ticket.status === 'closed'
  ? html`<p id="reply-title">${t.closed}</p><p><a href="${helpPath(locale, '/requests/new')}">${t.newRequest}</a></p>`
  : html`<form method="post" action="${helpPath(locale, data.path)}">
<h2 id="reply-title" style="margin-top:0"><label for="body">${t.reply}</label></h2>
<p class="hint" id="body-hint">${t.safety}</p>
<textarea id="body" name="body" rows="4" required maxlength="10000" aria-describedby="body-hint${data.problem ? ' body-error' : ''}"${data.problem ? html` aria-invalid="true"` : ''}>${data.reply}</textarea>
<button type="submit">${t.send}</button>
</form>`}
</section>`,
  });
}

/** A request link that opens nothing (a wrong key, a made-up id), with the ways on: a new request, the help center. */
export function invalidLinkPage(locale: Locale, baseUrl: string): string {
  const t = catalog(locale).tickets.helpCenter;
  return helpLayout(context(locale, baseUrl, ''), {
    title: t.invalidLink,
    description: t.invalidLink,
    body: html`<h1 style="font-size:1.2rem">${t.invalidLink}</h1><p><a href="${helpPath(locale, '/requests/new')}">${t.newRequest}</a> · <a href="${helpPath(locale)}">${catalog(locale).help.home}</a></p>`,
  });
}
