import type { EventBus } from '../../platform/events/index.js';
import { catalog, fill } from '../../platform/i18n/index.js';
import type { Logger } from '../../platform/log.js';
import type { Gateway } from '../../platform/realtime/gateway.js';
import { contactTopic, type Contact } from '../conversations/index.js';
import { customerView, describeSlot, phoneTail, type Callback } from './callbacks.js';
import type { CallbacksService } from './callbacks.service.js';

export type CallbackMailTemplate = 'callback_confirmed' | 'callback_reminder' | 'callback_cancelled';

/** The e-mail channel as callbacks use it (the email module's `send`): a second mail with the same dedupe key is dropped. */
export interface CallbackMailer {
  send(mail: { dedupeKey: string; to: string; locale: 'zh-CN' | 'en'; template: CallbackMailTemplate; vars: Record<string, string> }): Promise<void>;
}

type Notice = 'confirmed' | 'rescheduled' | 'cancelled' | 'reminder';

/**
 * How the customer hears about their callback: a push to their sockets on every change, a bot
 * notice in the linked chat while it is open, and e-mail when an address is known. Every node
 * handles every event: pushes reach the sockets this node holds, and the chat notice's client id
 * and the mail's dedupe key (both derived from the event, never random) make the other nodes'
 * copies no-ops. It also follows the call: when the callback's call task ends, the request ends
 * with it (completed, or unreached after the last attempt) and the customer sees so.
 */
export function callbackNotifications(deps: {
  bus: EventBus;
  gateway: Gateway;
  callbacks: CallbacksService;
  contact: (id: string) => Promise<Contact | undefined>;
  /** A bot message in the conversation if it is not closed (the conversations module decides). */
  tellInChat: (conversationId: string, input: { clientId: string; text: string; payload: Record<string, unknown> }) => Promise<unknown>;
  mailer: () => CallbackMailer | undefined;
  /** The private link that opens the callback to change or cancel it (the help center's page). */
  manageUrl: (callback: Callback) => Promise<string>;
  logger: Logger;
}) {
  const { bus, gateway, callbacks, logger } = deps;

  function push(callback: Callback): void {
    gateway.publish(contactTopic(callback.contactId), { type: 'callback', callback: customerView(callback) });
  }

  /** One notice in the chat and by mail; `key` tells this notice from others of the same callback. */
  async function tell(callback: Callback, notice: Notice, key: string, mail?: CallbackMailTemplate): Promise<void> {
    const when = describeSlot({ startsAt: callback.slotStartsAt, endsAt: callback.slotEndsAt }, callback.timezone, callback.language);
    const vars = { when, tail: phoneTail(callback.phoneMasked), reference: callback.reference };
    if (callback.conversationId) {
      const text = fill(catalog(callback.language).callbacks.chat[notice], vars);
      await deps
        .tellInChat(callback.conversationId, { clientId: `callback:${callback.id}:${key}`, text, payload: { callback: { id: callback.id, reference: callback.reference } } })
        .catch((err: unknown) => logger.warn({ err, callbackId: callback.id }, 'callback notice not written to the chat'));
    }
    const mailer = deps.mailer();
    const to = mail && mailer ? (await deps.contact(callback.contactId))?.email : null;
    if (mail && mailer && to) {
      await mailer.send({ dedupeKey: `${mail}:${callback.id}:${key}`, to, locale: callback.language, template: mail, vars: { when, phone: callback.phoneMasked, reference: callback.reference, link: await deps.manageUrl(callback) } });
    }
  }

  async function load(id: string): Promise<Callback | undefined> {
    return callbacks.get(id).catch(() => undefined);
  }

  bus.subscribe('callback.booked', async (event) => {
    const callback = await load(event.payload.callbackId);
    if (!callback) return;
    push(callback);
    await tell(callback, 'confirmed', 'booked', 'callback_confirmed');
  });

  bus.subscribe('callback.rescheduled', async (event) => {
    const callback = await load(event.payload.callbackId);
    if (!callback) return;
    push(callback);
    // Keyed by the new time: moving it twice confirms twice.
    await tell(callback, 'rescheduled', `moved:${event.payload.slotStartsAt}`, 'callback_confirmed');
  });

  bus.subscribe('callback.cancelled', async (event) => {
    const callback = await load(event.payload.callbackId);
    if (!callback) return;
    push(callback);
    await tell(callback, 'cancelled', 'cancelled', 'callback_cancelled');
  });

  bus.subscribe('callback.reminded', async (event) => {
    const callback = await load(event.payload.callbackId);
    if (!callback || callback.status !== 'scheduled') return;
    push(callback);
    await tell(callback, 'reminder', `reminder:${callback.slotStartsAt.toISOString()}`, 'callback_reminder');
  });

  bus.subscribe('call_task.completed', async (event) => {
    const { callbackId, outcome, final } = event.payload;
    if (!callbackId) return;
    const callback = await callbacks.callEnded(callbackId, outcome, final);
    if (callback && callback.status !== 'scheduled') push(callback);
  });
}
