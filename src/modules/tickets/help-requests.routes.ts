import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError, errorStatus } from '../../platform/http/app-error.js';
import { privatePage } from '../../platform/http/html-page.js';
import { fromOwnPages } from '../../platform/http/same-origin.js';
import { catalog, errorMessage, locales, pickLocale, type Locale } from '../../platform/i18n/index.js';
import type { Contact } from '../conversations/index.js';
import { maskText } from '../guard/index.js';
import { helpPath } from '../knowledge/index.js';
import { formCurrencies, invalidLinkPage, newRequestPage, requestPage, type FieldProblem, type FieldProblems, type RequestForm } from './help-requests.pages.js';
import type { TicketsService } from './tickets.service.js';
import { ticketCategories } from './tickets.js';

/** Times typed without a zone are Beijing time, as the form says: the help center has no script to ask the browser. */
const formZone = 'Asia/Shanghai';

/** "123.45" as typed (full-width digits too) to minor units by moving digits, never through a float. */
export function amountFromText(typed: string): number | null {
  const match = /^(\d*)(?:\.(\d{1,2}))?$/.exec(typed.normalize('NFKC').replace(/[\s,]/g, ''));
  if (!match || (!match[1] && !match[2])) return null;
  const minor = Number(`${match[1] || '0'}${(match[2] ?? '').padEnd(2, '0')}`);
  return Number.isSafeInteger(minor) ? minor : null;
}

// Each issue's message is the name of the problem the page shows next to the field.
const requestSchema = z.object({
  email: z.string().trim().min(1, 'required').max(254, 'email').pipe(z.email('email')),
  category: z.enum(ticketCategories, 'required'),
  subject: z.string().trim().max(200, 'tooLong'),
  description: z.string().trim().min(1, 'required').max(10_000, 'tooLong'),
  reference: z.string().trim().max(100, 'tooLong'),
  amount: z.string().refine((s) => !s.trim() || amountFromText(s) !== null, 'amount'),
  currency: z.enum(formCurrencies, 'invalid'),
  occurredAt: z.string().trim().refine((s) => !s || DateTime.fromISO(s, { zone: formZone }).isValid, 'time'),
  errorMessage: z.string().trim().max(500, 'tooLong'),
});
const formKeys = Object.keys(requestSchema.shape) as (keyof RequestForm)[];
const emptyForm: RequestForm = { email: '', category: '', subject: '', description: '', reference: '', amount: '', currency: 'CNY', occurredAt: '', errorMessage: '' };
// What may hold a secret the customer typed by mistake: shown again only masked.
const freeText = new Set<keyof RequestForm>(['subject', 'description', 'reference', 'errorMessage']);

/** The posted form as strings (a field sent twice counts once), free text masked for showing it again. */
function typedForm(body: unknown): RequestForm {
  const posted = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const form = { ...emptyForm };
  for (const key of formKeys) {
    const raw = Array.isArray(posted[key]) ? posted[key][0] : posted[key];
    if (typeof raw === 'string') form[key] = raw.slice(0, 10_000);
  }
  return form;
}
/** The reply box as posted. */
const typedReply = (body: unknown): string => {
  const text = (body as { body?: unknown } | undefined)?.body;
  return typeof text === 'string' ? text.trim() : '';
};
const shownAgain = (form: RequestForm): RequestForm => Object.fromEntries(formKeys.map((k) => [k, freeText.has(k) ? maskText(form[k]) : form[k]])) as unknown as RequestForm;

const fieldProblems = new Set<string>(Object.keys(catalog('en').tickets.helpCenter.fieldErrors));

const access = { public: true } as const;
const langParams = z.object({ lang: z.enum(locales) });
const ticketParams = langParams.extend({ id: z.uuid() });
const keyQuery = z.object({ key: z.string().max(100), created: z.string().optional(), sent: z.string().optional() });


/**
 * "Submit a request" and "my request" in the help center: plain HTML forms that work without
 * JavaScript. A request is opened by its private link (/help/requests/:id?key=..., also e-mailed),
 * which holds an HMAC of the ticket id: the link is the credential, so the pages are never cached
 * or indexed. Posts are accepted only from this site's own pages (Origin, else Referer) and are
 * rate-limited per address; a refused post shows the form again with what was typed, secrets
 * masked, in the page's language.
 */
export function helpRequestRoutes(deps: {
  tickets: TicketsService;
  contactByEmail: (email: string, input: { name: string; locale: Locale }) => Promise<Contact>;
  contactForKey: (ticketId: string, key: string) => Promise<string>;
  accessKey: (ticketId: string) => Promise<string>;
  requestUrl: (ticket: { id: string }) => Promise<string>;
  publicUrl: string;
}) {
  const { tickets, publicUrl } = deps;
  const fromOurPages = (request: FastifyRequest) => fromOwnPages(request, publicUrl);

  const ticketPath = (id: string, key: string) => `/requests/${id}?key=${encodeURIComponent(key)}`;
  const formAgain = (reply: FastifyReply, lang: Locale, body: unknown, status: number, problems: FieldProblems, problem: string) =>
    privatePage(reply, newRequestPage(lang, publicUrl, { form: shownAgain(typedForm(body)), problems, problem }), status);

  async function showTicket(reply: FastifyReply, lang: Locale, id: string, key: string, extra: { created?: boolean; sent?: boolean; reply?: string; problem?: string; status?: number }) {
    const contactId = await deps.contactForKey(id, key);
    const view = await tickets.publicView(id, contactId);
    const link = extra.created ? await deps.requestUrl({ id }) : undefined;
    return privatePage(reply, requestPage(lang, publicUrl, { view, path: ticketPath(id, key), link, sent: !!extra.sent, reply: extra.reply ?? '', problem: extra.problem }), extra.status);
  }

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // Everything here answers with a page in the page's language, never with JSON.
    app.setErrorHandler(async (err, request, reply) => {
      const params = request.params as { lang?: string; id?: string };
      const lang: Locale = (locales as readonly string[]).includes(params.lang ?? '') ? (params.lang as Locale) : pickLocale(request.headers['accept-language']);
      const code = err instanceof AppError ? err.code : null;
      if (code === 'TICKET_ACCESS_KEY_INVALID' || code === 'TICKET_NOT_FOUND' || hasZodFastifySchemaValidationErrors(err)) {
        return privatePage(reply, invalidLinkPage(lang, publicUrl), 404);
      }
      if (code === 'RATE_LIMITED' && request.method === 'POST') {
        const message = errorMessage('RATE_LIMITED', lang);
        if (!params.id) return formAgain(reply, lang, request.body, 429, {}, message);
        const key = (request.query as { key?: string }).key ?? '';
        return showTicket(reply, lang, params.id, key, { reply: maskText(typedReply(request.body)), problem: message, status: 429 });
      }
      throw err;
    });

    app.get('/help/requests/new', {
      config: { access },
      schema: { hide: true, querystring: z.object({ lang: z.string().max(20).optional() }) },
    }, async (request, reply) => reply.redirect(helpPath(pickLocale(request.query.lang ?? request.headers['accept-language']), '/requests/new'), 302));

    app.get('/help/:lang/requests/new', { config: { access }, schema: { hide: true, params: langParams } }, async (request, reply) =>
      privatePage(reply, newRequestPage(request.params.lang, publicUrl, { form: emptyForm, problems: {} })),
    );

    app.post('/help/:lang/requests/new', {
      config: { access, rateLimit: { max: 5, timeWindow: '10 minutes', hook: 'preHandler' } },
      schema: { hide: true, params: langParams },
    }, async (request, reply) => {
      const { lang } = request.params;
      const t = catalog(lang).tickets.helpCenter;
      if (!fromOurPages(request)) return formAgain(reply, lang, request.body, 403, {}, t.crossSite);
      const parsed = requestSchema.safeParse(typedForm(request.body));
      if (!parsed.success) {
        const problems: FieldProblems = {};
        for (const issue of parsed.error.issues) problems[issue.path[0] as keyof RequestForm] ??= (fieldProblems.has(issue.message) ? issue.message : 'invalid') as FieldProblem;
        return formAgain(reply, lang, request.body, 400, problems, t.checkFields);
      }
      const form = parsed.data;
      const amount = form.amount.trim() ? amountFromText(form.amount) : null;
      try {
        const contact = await deps.contactByEmail(form.email, { name: '', locale: lang });
        const ticket = await tickets.create(
          { kind: 'contact', contactId: contact.id, channel: 'help_center' },
          {
            category: form.category,
            subject: form.subject || undefined,
            description: form.description,
            email: form.email,
            language: lang,
            transaction: {
              reference: form.reference || null,
              amount: amount === null ? null : { amount, currency: form.currency },
              occurredAt: form.occurredAt ? DateTime.fromISO(form.occurredAt, { zone: formZone }).toJSDate() : null,
              errorMessage: form.errorMessage || null,
            },
          },
        );
        return reply.redirect(`${helpPath(lang, ticketPath(ticket.id, await deps.accessKey(ticket.id)))}&created=1`, 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return formAgain(reply, lang, request.body, errorStatus[err.code], {}, errorMessage(err.code, lang));
      }
    });

    // The link in the e-mail names no language: it opens in the request's own.
    app.get('/help/requests/:id', {
      config: { access, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { hide: true, params: z.object({ id: z.uuid() }), querystring: keyQuery },
    }, async (request, reply) => {
      const { id } = request.params;
      const { key } = request.query;
      await deps.contactForKey(id, key);
      const ticket = await tickets.get(id);
      return reply.header('referrer-policy', 'same-origin').header('cache-control', 'no-store').redirect(helpPath(ticket.language, ticketPath(id, key)), 302);
    });

    app.get('/help/:lang/requests/:id', {
      config: { access, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { hide: true, params: ticketParams, querystring: keyQuery },
    }, async (request, reply) => {
      const { lang, id } = request.params;
      return showTicket(reply, lang, id, request.query.key, { created: request.query.created !== undefined, sent: request.query.sent !== undefined });
    });

    app.post('/help/:lang/requests/:id', {
      config: { access, rateLimit: { max: 20, timeWindow: '10 minutes', hook: 'preHandler' } },
      schema: { hide: true, params: ticketParams, querystring: keyQuery },
    }, async (request, reply) => {
      const { lang, id } = request.params;
      const { key } = request.query;
      const t = catalog(lang).tickets.helpCenter;
      const text = typedReply(request.body);
      const again = (status: number, problem: string) => showTicket(reply, lang, id, key, { reply: maskText(text), problem, status });
      if (!fromOurPages(request)) return again(403, t.crossSite);
      if (!text) return again(400, t.fieldErrors.required);
      if (text.length > 10_000) return again(400, t.fieldErrors.tooLong);
      const contactId = await deps.contactForKey(id, key);
      try {
        await tickets.addCustomerReply(id, contactId, { body: text, via: 'help_center' });
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'TICKET_NOT_FOUND') throw err;
        return again(errorStatus[err.code], errorMessage(err.code, lang));
      }
      return reply.redirect(`${helpPath(lang, ticketPath(id, key))}&sent=1#reply`, 303);
    });
  };
}
