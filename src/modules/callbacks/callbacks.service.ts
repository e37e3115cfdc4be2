/*
 * Callback requests (回电预约): booking into capacity-aware slots, reschedule, cancel, and the
 * request's end when its call task ends.
 *
 * What `callbacksService(deps)` needs, for the composition in index.ts:
 *   orm          db.orm
 *   bus, audit   the event bus and the audit service
 *   clock        the app clock
 *   teams        () => people.teams.list()                      (categories, languages, business hours)
 *   contacts     { of: (identity) => chat.conversations.contactOf(identity),
 *                  get: (id) => chat.contact(id),
 *                  rememberEmail: (contactId, email) => chat.conversations.rememberEmail(contactId, email) }
 *   walletPhone  (walletCustomerId) => wallet.connector.getProfile(id).then((p) => p.maskedPhone)
 *   conversation (id) => chat.conversation(id)
 *   ticket       (id) => tickets.tickets.get(id).catch(() => undefined)
 *   callTaskIds  optional: (callbackIds) => Map<callbackId, taskId> from the call tasks (A2)
 * Its companions: callbackNotifications(deps) (pushes, chat notices, mail; callback-notifications.ts),
 * callbackReminders(deps) (callback-reminders.ts), the routes (callbacks.routes.ts,
 * callbacks-widget.routes.ts, help-callbacks.routes.ts) and callbacksSeeders (callbacks.seed.ts).
 */
import './events.js';
import { uuidv7 } from 'uuidv7';
import type { Orm } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Actor } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AuditService } from '../audit/index.js';
import { teamFor, type Contact, type CustomerIdentity } from '../conversations/index.js';
import { maskText } from '../guard/index.js';
import type { BusinessHours } from '../people/index.js';
import { newReference } from '../tickets/index.js';
import { maskPhone } from '../wallet/index.js';
import {
  assertChangeable,
  defaultCapacity,
  instantIn,
  isTimeZone,
  normalizePhone,
  slotsFor,
  slotsInWindows,
  statusAfterCall,
  withRoom,
  type Callback,
  type CallbackCapacity,
  type CallbackStatus,
  type PhoneSource,
  type SlotWithRoom,
} from './callbacks.js';
import { callbacksStore, type CallbacksQueries } from './callbacks.store.js';

export interface CallbackTeam {
  id: string;
  name: string;
  categories: string[];
  languages: string[];
  businessHours: BusinessHours | null;
}

export interface CallbacksDeps {
  orm: Orm;
  bus: EventBus;
  audit: AuditService;
  clock: () => Date;
  teams: () => Promise<CallbackTeam[]>;
  contacts: {
    of(identity: CustomerIdentity): Promise<Contact>;
    get(id: string): Promise<Contact | undefined>;
    rememberEmail(contactId: string, email: string): Promise<void>;
  };
  /** The masked number of a verified customer, from the wallet; the number itself is never stored here. */
  walletPhone: (walletCustomerId: string) => Promise<string>;
  conversation: (id: string) => Promise<{ id: string; contactId: string } | undefined>;
  ticket: (id: string) => Promise<{ id: string; contactId: string } | undefined>;
  callTaskIds?: (callbackIds: string[]) => Promise<Map<string, string>>;
}

export interface BookingInput {
  topic: string;
  /** Typed by the customer (or the agent): overrides the wallet's number. */
  phone?: string;
  timezone: string;
  language?: Locale;
  /** One slot as offered (an instant; without an offset it is read in `timezone`)... */
  slotStartsAt?: string;
  /** ...or the customer's windows: the earliest slot with room inside any of them. */
  windows?: { from: string; to: string }[];
  note?: string;
  conversationId?: string;
  ticketId?: string;
  /** Help center: where the confirmation and the reminder are also mailed. */
  email?: string;
}

type Booker = { kind: 'customer' } | { kind: 'staff'; actor: Actor };

export function callbacksService(deps: CallbacksDeps) {
  const { bus, audit, clock } = deps;
  const store = callbacksStore(deps.orm);

  /** The team routing would hand this topic to; with none for it, one that speaks the language, then any. */
  async function teamOf(topic: string, language: Locale, teamId?: string | null): Promise<CallbackTeam> {
    const teams = await deps.teams();
    const byName = [...teams].sort((a, b) => a.name.localeCompare(b.name));
    const team =
      (teamId ? teams.find((t) => t.id === teamId) : undefined) ??
      teamFor(teams, { category: topic, language }) ??
      byName.find((t) => t.languages.length === 0 || t.languages.includes(language)) ??
      byName[0];
    if (!team) throw new AppError('CALLBACK_SLOT_INVALID', { reason: 'no team takes callbacks' });
    return team;
  }

  async function capacityOf(teamId: string): Promise<CallbackCapacity> {
    return (await store.capacity(teamId)) ?? defaultCapacity;
  }

  /** The team's slots from now with the seats left in each. */
  async function offered(team: CallbackTeam): Promise<{ capacity: CallbackCapacity; slots: SlotWithRoom[] }> {
    const capacity = await capacityOf(team.id);
    const slots = slotsFor(team.businessHours, capacity, clock());
    const seats = slots.length ? await store.seats(team.id, slots[0]!.startsAt, slots[slots.length - 1]!.endsAt) : new Map();
    return { capacity, slots: withRoom(slots, seats, capacity.capacityPerSlot) };
  }

  function checkZone(timezone: string): void {
    if (!isTimeZone(timezone)) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'timezone', message: 'an IANA time zone such as Asia/Shanghai' }] });
  }

  /** The one slot asked for, or the slots inside the windows that still have room, earliest first. */
  function candidates(slots: SlotWithRoom[], input: Pick<BookingInput, 'slotStartsAt' | 'windows' | 'timezone'>): SlotWithRoom[] {
    if (input.slotStartsAt !== undefined) {
      const at = instantIn(input.slotStartsAt, input.timezone);
      const slot = at && slots.find((s) => s.startsAt.getTime() === at.getTime());
      if (!slot) throw new AppError('CALLBACK_SLOT_INVALID', { reason: 'not one of the slots offered' });
      return [slot];
    }
    if (!input.windows?.length) throw new AppError('CALLBACK_SLOT_INVALID', { reason: 'a slot or time windows are needed' });
    const windows = input.windows.map((w) => ({ from: instantIn(w.from, input.timezone), to: instantIn(w.to, input.timezone) }));
    if (windows.some((w) => !w.from || !w.to || w.to <= w.from)) throw new AppError('CALLBACK_SLOT_INVALID', { reason: 'a window is not a time range' });
    const inside = slotsInWindows(slots, windows as { from: Date; to: Date }[]);
    if (!inside.length) throw new AppError('CALLBACK_SLOT_INVALID', { reason: 'no slot inside the windows' });
    const free = inside.filter((s) => s.remaining > 0);
    if (!free.length) throw new AppError('CALLBACK_SLOT_FULL');
    return free;
  }

  async function phoneFor(contact: Contact, typed: string | undefined, language: Locale): Promise<{ source: PhoneSource; e164: string | null; masked: string }> {
    if (typed?.trim()) {
      const e164 = normalizePhone(typed, language);
      return { source: 'entered', e164, masked: maskPhone(e164) };
    }
    if (contact.walletCustomerId) return { source: 'wallet', e164: null, masked: await deps.walletPhone(contact.walletCustomerId) };
    throw new AppError('CALLBACK_PHONE_REQUIRED');
  }

  /** A linked chat or ticket must be the customer's own; another's is "not found", as everywhere. */
  async function assertLinks(contactId: string, input: Pick<BookingInput, 'conversationId' | 'ticketId'>): Promise<void> {
    if (input.conversationId && (await deps.conversation(input.conversationId))?.contactId !== contactId) throw new AppError('CONVERSATION_NOT_FOUND');
    if (input.ticketId && (await deps.ticket(input.ticketId))?.contactId !== contactId) throw new AppError('TICKET_NOT_FOUND');
  }

  /**
   * Slots and the phone are worked out first; the transaction then only locks the contact (so the
   * overlap check holds against the customer's concurrent requests), takes a seat and writes the
   * request. With windows, a slot taken meanwhile gives way to the next one inside them.
   */
  async function book(contact: Contact, by: Booker, input: BookingInput): Promise<Callback> {
    checkZone(input.timezone);
    const language = input.language ?? contact.locale;
    const team = await teamOf(input.topic, language);
    const { capacity, slots } = await offered(team);
    const choices = candidates(slots, input);
    const phone = await phoneFor(contact, input.phone, language);
    await assertLinks(contact.id, input);
    if (input.email) await deps.contacts.rememberEmail(contact.id, input.email);
    const note = input.note?.trim() ? maskText(input.note.trim()) : null;
    const created = await store.transaction(async (s) => {
      await s.lockContact(contact.id);
      let full = false;
      for (const slot of choices) {
        if ((await s.overlapping(contact.id, slot)).length) continue;
        if (!(await s.takeSeat(team.id, slot, capacity.capacityPerSlot))) {
          full = true;
          continue;
        }
        const now = clock();
        return s.insert({
          id: uuidv7(),
          reference: newReference('CB'),
          contactId: contact.id,
          walletCustomerId: contact.walletCustomerId,
          phoneSource: phone.source,
          phoneE164: phone.e164,
          phoneMasked: phone.masked,
          timezone: input.timezone,
          language,
          topic: input.topic,
          note,
          teamId: team.id,
          slotStartsAt: slot.startsAt,
          slotEndsAt: slot.endsAt,
          status: 'scheduled',
          conversationId: input.conversationId ?? null,
          ticketId: input.ticketId ?? null,
          createdBy: by.kind === 'staff' ? (by.actor.id ?? 'staff') : 'customer',
          createdAt: now,
          updatedAt: now,
        });
      }
      throw new AppError(full ? 'CALLBACK_SLOT_FULL' : 'CALLBACK_ALREADY_BOOKED');
    });
    if (by.kind === 'staff') await audit.record({ actor: by.actor, action: 'callback.booked', target: { type: 'callback', id: created.id }, details: { reference: created.reference, contactId: contact.id } });
    await bus.publish('callback.booked', { callbackId: created.id, contactId: contact.id, slotStartsAt: created.slotStartsAt.toISOString(), slotEndsAt: created.slotEndsAt.toISOString(), teamId: team.id });
    return created;
  }

  async function existing(id: string, contactId?: string): Promise<Callback> {
    const callback = await store.get(id);
    if (!callback || (contactId && callback.contactId !== contactId)) throw new AppError('CALLBACK_NOT_FOUND');
    return callback;
  }

  /** Runs `fn` on the locked request (after the contact's lock, the order booking takes them in). */
  async function change<T>(callback: Callback, fn: (s: CallbacksQueries, locked: Callback) => Promise<T>): Promise<T> {
    return store.transaction(async (s) => {
      await s.lockContact(callback.contactId);
      const locked = await s.lock(callback.id);
      if (!locked) throw new AppError('CALLBACK_NOT_FOUND');
      return fn(s, locked);
    });
  }

  /** The old seat is freed and the new one taken in one transaction: a full slot leaves the booking as it was. */
  async function reschedule(callback: Callback, by: Booker, slotStartsAt: string): Promise<Callback> {
    assertChangeable(callback);
    const team = await teamOf(callback.topic, callback.language, callback.teamId);
    const { capacity, slots } = await offered(team);
    const [slot] = candidates(slots, { slotStartsAt, timezone: callback.timezone });
    const moved = await change(callback, async (s, current) => {
      assertChangeable(current);
      if (current.slotStartsAt.getTime() === slot!.startsAt.getTime() && current.teamId === team.id) return null;
      if ((await s.overlapping(current.contactId, slot!, current.id)).length) throw new AppError('CALLBACK_ALREADY_BOOKED');
      // Slot rows are touched earliest first, as every booking does, so two customers swapping
      // times cannot deadlock.
      const free = async () => {
        if (current.teamId) await s.freeSeat(current.teamId, current.slotStartsAt);
      };
      const take = async () => {
        if (!(await s.takeSeat(team.id, slot!, capacity.capacityPerSlot))) throw new AppError('CALLBACK_SLOT_FULL');
      };
      for (const step of current.slotStartsAt < slot!.startsAt ? [free, take] : [take, free]) await step();
      // A new time needs a new reminder.
      return s.update(current.id, { teamId: team.id, slotStartsAt: slot!.startsAt, slotEndsAt: slot!.endsAt, remindedAt: null, reminderLeaseUntil: null, reminderSentAt: null }, clock());
    });
    if (!moved) return callback;
    if (by.kind === 'staff') await audit.record({ actor: by.actor, action: 'callback.rescheduled', target: { type: 'callback', id: moved.id }, details: { slotStartsAt: moved.slotStartsAt.toISOString() } });
    await bus.publish('callback.rescheduled', { callbackId: moved.id, slotStartsAt: moved.slotStartsAt.toISOString(), slotEndsAt: moved.slotEndsAt.toISOString() });
    return moved;
  }

  async function cancel(callback: Callback, by: Booker): Promise<Callback> {
    assertChangeable(callback);
    const cancelled = await change(callback, async (s, current) => {
      assertChangeable(current);
      if (current.teamId) await s.freeSeat(current.teamId, current.slotStartsAt);
      const now = clock();
      return s.update(current.id, { status: 'cancelled', cancelledAt: now }, now);
    });
    if (by.kind === 'staff') await audit.record({ actor: by.actor, action: 'callback.cancelled', target: { type: 'callback', id: cancelled.id } });
    await bus.publish('callback.cancelled', { callbackId: cancelled.id, by: by.kind });
    return cancelled;
  }

  async function options(contact: Contact | null, input: { topic: string; timezone: string; language: Locale }) {
    checkZone(input.timezone);
    const team = await teamOf(input.topic, input.language);
    const { slots } = await offered(team);
    // A wallet that cannot say (down, or the customer unknown to it) leaves the customer to type a number.
    const masked = contact?.walletCustomerId ? await deps.walletPhone(contact.walletCustomerId).catch(() => null) : null;
    return {
      phone: masked === null ? null : { source: 'wallet' as const, masked },
      timezone: input.timezone,
      slots: slots.filter((s) => s.remaining > 0),
    };
  }

  /** What staff see besides the customer's view: who, which team, the note and the call task. */
  async function forStaff(list: Callback[]) {
    const [names, tasks] = await Promise.all([
      Promise.all([...new Set(list.map((c) => c.contactId))].map(async (id) => [id, (await deps.contacts.get(id))?.displayName || null] as const)).then((e) => new Map(e)),
      deps.callTaskIds ? deps.callTaskIds(list.map((c) => c.id)) : Promise.resolve(new Map<string, string>()),
    ]);
    return list.map((c) => ({ ...c, customerName: names.get(c.contactId) ?? null, callTaskId: tasks.get(c.id) ?? null }));
  }

  // The customer's own changes, by contact: from the widget (their token names the contact) or a
  // help-center private link (the link does).
  const rescheduleAsContact = async (contactId: string, id: string, slotStartsAt: string): Promise<Callback> => reschedule(await existing(id, contactId), { kind: 'customer' }, slotStartsAt);
  const cancelAsContact = async (contactId: string, id: string): Promise<Callback> => cancel(await existing(id, contactId), { kind: 'customer' });

  return {
    get: (id: string) => existing(id),

    // The customer's side: another customer's callback does not exist for them.
    async optionsForCustomer(identity: CustomerIdentity, input: { topic: string; timezone: string; language?: Locale }) {
      const contact = await deps.contacts.of(identity);
      return options(contact, { ...input, language: input.language ?? contact.locale });
    },
    async bookAsCustomer(identity: CustomerIdentity, input: BookingInput): Promise<Callback> {
      return book(await deps.contacts.of(identity), { kind: 'customer' }, input);
    },
    async listForCustomer(identity: CustomerIdentity): Promise<Callback[]> {
      return store.ofContact((await deps.contacts.of(identity)).id, 100);
    },
    rescheduleAsCustomer: async (identity: CustomerIdentity, id: string, slotStartsAt: string) => rescheduleAsContact((await deps.contacts.of(identity)).id, id, slotStartsAt),
    cancelAsCustomer: async (identity: CustomerIdentity, id: string) => cancelAsContact((await deps.contacts.of(identity)).id, id),
    rescheduleAsContact,
    cancelAsContact,

    /** The help center: a visitor not known yet, who gives a number. */
    optionsForAnyone: (input: { topic: string; timezone: string; language: Locale }) => options(null, input),

    // Staff: on behalf of a customer (on the phone, in a chat), and the list of all requests.
    async optionsForContact(contactId: string, input: { topic: string; timezone: string; language?: Locale }) {
      const contact = await deps.contacts.get(contactId);
      if (!contact) throw new AppError('NOT_FOUND', { what: 'contact' });
      return options(contact, { ...input, language: input.language ?? contact.locale });
    },
    async bookForContact(actor: Actor, contactId: string, input: BookingInput): Promise<Callback> {
      const contact = await deps.contacts.get(contactId);
      if (!contact) throw new AppError('NOT_FOUND', { what: 'contact' });
      return book(contact, { kind: 'staff', actor }, input);
    },
    reschedule: async (actor: Actor, id: string, slotStartsAt: string) => reschedule(await existing(id), { kind: 'staff', actor }, slotStartsAt),
    cancel: async (actor: Actor, id: string) => cancel(await existing(id), { kind: 'staff', actor }),
    list: (filter: { status?: CallbackStatus[]; contactId?: string }, limit: number, cursor?: string) => store.list(filter, limit, cursor),
    forStaff,

    async capacities() {
      const [teams, settings] = await Promise.all([deps.teams(), store.capacities()]);
      return teams
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((t) => ({ teamId: t.id, teamName: t.name, ...(settings.get(t.id) ?? defaultCapacity) }));
    },
    async setCapacity(actor: Actor, teamId: string, capacity: CallbackCapacity) {
      if (!(await deps.teams()).some((t) => t.id === teamId)) throw new AppError('TEAM_NOT_FOUND');
      const now = clock();
      await store.setCapacity(teamId, capacity, now, now);
      await audit.record({ actor, action: 'callback_capacity.updated', target: { type: 'team', id: teamId }, details: { ...capacity } });
    },

    /**
     * The call task of a callback ended: reached completes the request, a final failure marks it
     * unreached; a retry leaves it booked. Every node gets the event: the first one changes the
     * row, the others find it changed. Returns the request as it now is.
     */
    async callEnded(callbackId: string, outcome: string, final: boolean): Promise<Callback | undefined> {
      const to = statusAfterCall(outcome, final);
      const callback = await store.get(callbackId);
      if (!callback || !to) return callback;
      return store.transaction(async (s) => {
        const current = await s.lock(callbackId);
        if (!current || current.status !== 'scheduled') return current;
        const now = clock();
        return s.update(callbackId, { status: to, completedAt: now }, now);
      });
    },
  };
}

export type CallbacksService = ReturnType<typeof callbacksService>;
