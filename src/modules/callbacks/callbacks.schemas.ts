import { IANAZone } from 'luxon';
import { z } from 'zod';
import { locales } from '../../platform/i18n/index.js';
import { ticketCategories } from '../tickets/index.js';
import { callbackStatuses } from './callbacks.js';

export const timezoneSchema = z
  .string()
  .max(64)
  .refine((tz) => IANAZone.isValidZone(tz), 'an IANA time zone such as Asia/Shanghai')
  .describe("The customer's IANA time zone: windows without an offset are read in it, and the confirmation is written in it.");

export const topicSchema = z.enum(ticketCategories).describe('What the call is about: an issue type as tickets have them; it picks the team (and so the slots).');

const instant = z.string().max(40).describe('ISO 8601: with an offset (…+08:00, …Z) as given, without one in `timezone`.');

export const customerCallbackSchema = z.object({
  id: z.uuid(),
  reference: z.string().describe('CB-XXXXXXXX: what the customer quotes.'),
  status: z.enum(callbackStatuses),
  topic: z.string(),
  language: z.enum(locales),
  timezone: z.string(),
  phoneMasked: z.string().describe('The number we will call, masked (138****8001).'),
  slotStartsAt: z.date(),
  slotEndsAt: z.date(),
  conversationId: z.uuid().nullable(),
  ticketId: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const staffCallbackSchema = customerCallbackSchema.extend({
  contactId: z.uuid(),
  customerName: z.string().nullable(),
  teamId: z.uuid().nullable(),
  note: z.string().nullable().describe('As stored: secrets already replaced by placeholders.'),
  callTaskId: z.uuid().nullable(),
});

export const optionsQuery = z.strictObject({
  timezone: timezoneSchema.default('Asia/Shanghai'),
  topic: topicSchema,
  language: z.enum(locales).optional().describe("Picks the team that speaks it; default: the customer's language."),
});

export const optionsSchema = z.object({
  phone: z.object({ source: z.literal('wallet'), masked: z.string() }).nullable().describe("A verified customer's number from the wallet, masked; null: the customer must give one."),
  timezone: z.string(),
  slots: z.array(z.object({ startsAt: z.date(), endsAt: z.date(), remaining: z.number().int().describe('Seats left in the slot.') })),
});

const bookingFields = z.strictObject({
  topic: topicSchema,
  phone: z.string().trim().min(1).max(40).optional().describe('Required unless the customer is verified (the wallet number is used then); validated and kept in E.164.'),
  timezone: timezoneSchema,
  language: z.enum(locales).optional(),
  slotStartsAt: instant.optional().describe('One of the slots offered by the options.'),
  windows: z.array(z.strictObject({ from: instant, to: instant })).min(1).max(10).optional().describe('Or: times that suit the customer; the earliest slot with room inside any of them is booked.'),
  note: z.string().trim().max(1000).optional().describe('Masked by the guard before it is stored.'),
  conversationId: z.uuid().optional(),
  ticketId: z.uuid().optional(),
});
const slotOrWindows = (b: { slotStartsAt?: string; windows?: unknown[] }) => (b.slotStartsAt === undefined) !== (b.windows === undefined);
const slotOrWindowsIssue = { message: 'give either slotStartsAt or windows', path: ['slotStartsAt'] };

export const bookingBody = bookingFields.refine(slotOrWindows, slotOrWindowsIssue);
export const staffBookingBody = bookingFields.extend({ contactId: z.uuid().describe('The customer (a contact) the agent books for.') }).refine(slotOrWindows, slotOrWindowsIssue);

export const rescheduleBody = z.strictObject({ slotStartsAt: instant });

export const capacitySchema = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  slotMinutes: z.number().int(),
  capacityPerSlot: z.number().int(),
  leadMinutes: z.number().int(),
  daysAhead: z.number().int(),
});

export const capacityBody = z.strictObject({
  teamId: z.uuid(),
  slotMinutes: z.number().int().min(5).max(240),
  capacityPerSlot: z.number().int().min(0).max(1000).describe('Calls the team can take at the same time; 0 offers no slots.'),
  leadMinutes: z.number().int().min(0).max(10_080).describe('Notice needed: slots starting sooner are not offered.'),
  daysAhead: z.number().int().min(1).max(60),
});
