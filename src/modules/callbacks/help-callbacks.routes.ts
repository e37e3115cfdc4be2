import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errorStatus, type ErrorCode } from '../../platform/http/app-error.js';
import { privatePage } from '../../platform/http/html-page.js';
import { fromOwnPages } from '../../platform/http/same-origin.js';
import { catalog, errorMessage, locales, pickLocale, type Locale } from '../../platform/i18n/index.js';
import { maskText } from '../guard/index.js';
import { helpPath } from '../knowledge/index.js';
import { ticketCategories } from '../tickets/index.js';
import { isTimeZone } from './callbacks.js';
import type { Callback } from './callbacks.js';
import type { CallbacksService } from './callbacks.service.js';
import { bookedPage, invalidCallbackLinkPage, manageCallbackPage, newCallbackPage, type CallbackForm, type CallbackProblem, type CallbackProblems } from './help-callbacks.pages.js';

const defaultZone = 'Asia/Shanghai';

// Each issue's message is the name of the problem the page shows next to the field.
const formSchema = z.object({
  topic: z.enum(ticketCategories, 'required'),
  tz: z.string().refine(isTimeZone, 'invalid'),
  slot: z.string().min(1, 'slot').max(40, 'slot'),
  phone: z.string().trim().min(1, 'required').max(40, 'tooLong'),
  email: z.string().trim().max(254, 'email').refine((s) => !s || z.email().safeParse(s).success, 'email'),
  note: z.string().trim().max(1000, 'tooLong'),
});
const formKeys = Object.keys(formSchema.shape) as (keyof CallbackForm)[];
const emptyForm: CallbackForm = { topic: '', tz: defaultZone, slot: '', phone: '', email: '', note: '' };
const problemNames = new Set<string>(Object.keys(catalog('en').callbacks.helpCenter.fieldErrors));

/** Where a refusal of the service shows on the form. */
const problemOf: Partial<Record<ErrorCode, [keyof CallbackForm, CallbackProblem]>> = {
  CALLBACK_PHONE_INVALID: ['phone', 'phone'],
  CALLBACK_PHONE_REQUIRED: ['phone', 'required'],
  CALLBACK_SLOT_INVALID: ['slot', 'slot'],
  CALLBACK_SLOT_FULL: ['slot', 'slot'],
};

/** The posted form as strings (a field sent twice counts once). */
function typedForm(body: unknown): CallbackForm {
  const posted = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const form = { ...emptyForm };
  for (const key of formKeys) {
    const raw = Array.isArray(posted[key]) ? posted[key][0] : posted[key];
    if (typeof raw === 'string') form[key] = raw.slice(0, 2000);
  }
  return form;
}

const access = { public: true } as const;
const langParams = z.object({ lang: z.enum(locales) });

const linkParams = langParams.extend({ id: z.uuid() });
const keyQuery = z.object({ key: z.string().max(100) });


/**
 * "Ask us to call you back" in the help center: plain HTML forms that work without JavaScript. The
 * visitor is anonymous, so the number is asked for (and an e-mail address for the confirmation).
 * Posts are accepted only from this site's own pages and are rate-limited per address; a refused
 * post shows the form again with what was typed (the note masked), in the page's language.
 */
export function helpCallbackRoutes(deps: {
  callbacks: CallbacksService;
  publicUrl: string;
  /** The private link of a booking (e-mailed too), and the contact a link's key opens. */
  manageUrl: (callback: Callback) => Promise<string>;
  contactForKey: (callbackId: string, key: string) => Promise<string>;
}) {
  const { callbacks, publicUrl } = deps;

  /** The page of a booking opened by its link; throws CALLBACK_NOT_FOUND for a wrong key. */
  async function managePage(reply: FastifyReply, lang: Locale, id: string, key: string, extra: { done?: 'moved' | 'cancelled'; problem?: string; status?: number } = {}) {
    const contactId = await deps.contactForKey(id, key);
    const callback = await callbacks.get(id);
    const slots = callback.status === 'scheduled' ? (await callbacks.optionsForContact(contactId, { topic: callback.topic, timezone: callback.timezone, language: lang })).slots : [];
    const query = `?key=${encodeURIComponent(key)}`;
    const base = helpPath(lang, `/callbacks/${id}`);
    const actions = { move: `${base}/move${query}`, cancel: `${base}/cancel${query}` };
    return privatePage(reply, manageCallbackPage(lang, publicUrl, { callback, path: `/callbacks/${id}${query}`, actions, slots: slots.filter((s) => s.startsAt.getTime() !== callback.slotStartsAt.getTime()), ...extra }), extra.status);
  }

  async function formPage(reply: FastifyReply, lang: Locale, form: CallbackForm, extra: { problems?: CallbackProblems; problem?: string; status?: number } = {}) {
    const topic = ticketCategories.find((c) => c === form.topic);
    const tz = isTimeZone(form.tz) ? form.tz : defaultZone;
    const slots = topic ? (await callbacks.optionsForAnyone({ topic, timezone: tz, language: lang })).slots : null;
    return privatePage(reply, newCallbackPage(lang, publicUrl, { form: { ...form, tz, note: maskText(form.note) }, slots, problems: extra.problems ?? {}, problem: extra.problem }), extra.status);
  }

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // Everything here answers with a page in the page's language, never with JSON.
    app.setErrorHandler(async (err, request, reply) => {
      const params = request.params as { lang?: string };
      const lang: Locale = (locales as readonly string[]).includes(params.lang ?? '') ? (params.lang as Locale) : pickLocale(request.headers['accept-language']);
      const id = (request.params as { id?: string }).id;
      if (id !== undefined && ((err instanceof AppError && err.code === 'CALLBACK_NOT_FOUND') || hasZodFastifySchemaValidationErrors(err))) {
        return privatePage(reply, invalidCallbackLinkPage(lang, publicUrl), 404);
      }
      if (err instanceof AppError && err.code === 'RATE_LIMITED' && request.method === 'POST') {
        return formPage(reply, lang, typedForm(request.body), { problem: errorMessage('RATE_LIMITED', lang), status: 429 });
      }
      throw err;
    });

    // The help center's contact links name no language: ?lang= or the browser's.
    app.get('/help/callbacks/new', {
      config: { access },
      schema: { hide: true, querystring: z.object({ lang: z.string().max(20).optional() }) },
    }, async (request, reply) => reply.redirect(helpPath(pickLocale(request.query.lang ?? request.headers['accept-language']), '/callbacks/new'), 302));

    app.get('/help/:lang/callbacks/new', {
      config: { access, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { hide: true, params: langParams, querystring: z.object({ topic: z.string().max(50).optional(), tz: z.string().max(64).optional() }) },
    }, async (request, reply) => formPage(reply, request.params.lang, { ...emptyForm, topic: request.query.topic ?? '', tz: request.query.tz ?? defaultZone }));

    app.post('/help/:lang/callbacks/new', {
      config: { access, rateLimit: { max: 5, timeWindow: '10 minutes', hook: 'preHandler' } },
      schema: { hide: true, params: langParams },
    }, async (request, reply) => {
      const { lang } = request.params;
      const t = catalog(lang).callbacks.helpCenter;
      const typed = typedForm(request.body);
      if (!fromOwnPages(request, publicUrl)) return formPage(reply, lang, typed, { problem: t.crossSite, status: 403 });
      const parsed = formSchema.safeParse(typed);
      if (!parsed.success) {
        const problems: CallbackProblems = {};
        for (const issue of parsed.error.issues) problems[issue.path[0] as keyof CallbackForm] ??= (problemNames.has(issue.message) ? issue.message : 'invalid') as CallbackProblem;
        return formPage(reply, lang, typed, { problems, problem: t.checkFields, status: 400 });
      }
      const form = parsed.data;
      try {
        // A help-center visitor has no account: each booking is made for a new anonymous contact.
        const callback = await callbacks.bookAsCustomer(
          { kind: 'visitor', visitorId: randomUUID(), expiresAt: Date.now() },
          { topic: form.topic, phone: form.phone, timezone: form.tz, language: lang, slotStartsAt: form.slot, note: form.note || undefined, email: form.email || undefined },
        );
        return privatePage(reply, bookedPage(lang, publicUrl, callback, await deps.manageUrl(callback)), 201);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const at = problemOf[err.code];
        return formPage(reply, lang, typed, { problems: at ? { [at[0]]: at[1] } : {}, problem: errorMessage(err.code, lang), status: errorStatus[err.code] });
      }
    });

    // A booking opened by its private link: see it, move it, cancel it.
    app.get('/help/:lang/callbacks/:id', {
      config: { access, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { hide: true, params: linkParams, querystring: keyQuery },
    }, async (request, reply) => managePage(reply, request.params.lang, request.params.id, request.query.key));

    // Moving and cancelling: the same checks, then the service, then the booking's page again.
    const change = (action: 'move' | 'cancel') =>
      app.post(`/help/:lang/callbacks/:id/${action}`, {
        config: { access, rateLimit: { max: 10, timeWindow: '10 minutes', hook: 'preHandler' } },
        schema: { hide: true, params: linkParams, querystring: keyQuery },
      }, async (request, reply) => {
        const { lang, id } = request.params;
        const { key } = request.query;
        const contactId = await deps.contactForKey(id, key);
        if (!fromOwnPages(request, publicUrl)) return managePage(reply, lang, id, key, { problem: catalog(lang).callbacks.helpCenter.crossSite, status: 403 });
        try {
          if (action === 'move') await callbacks.rescheduleAsContact(contactId, id, typedForm(request.body).slot);
          else await callbacks.cancelAsContact(contactId, id);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          return managePage(reply, lang, id, key, { problem: errorMessage(err.code, lang), status: errorStatus[err.code] });
        }
        return managePage(reply, lang, id, key, { done: action === 'move' ? 'moved' : 'cancelled' });
      });
    change('move');
    change('cancel');
  };
}
