import { z } from 'zod';
import type { EventBus } from '../../platform/events/index.js';
import type { Actor } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import type { AuditService } from '../audit/index.js';
import { scanText } from '../guard/index.js';
import type { BotStore, IntentRow } from './bot.store.js';

const example = z.string().trim().min(1).max(300);
export const intentInput = z.strictObject({
  category: z.string().trim().min(1).max(50).nullable().default(null).describe('Routing category a handover from this intent joins; null: the shared queue.'),
  description: z.strictObject({ 'zh-CN': z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(100) }),
  examples: z.strictObject({ 'zh-CN': z.array(example).max(500), en: z.array(example).max(500) }),
});
export type IntentInput = z.infer<typeof intentInput>;

export const intentView = (r: IntentRow) => ({
  id: r.id,
  category: r.category,
  description: { 'zh-CN': r.descriptionZh, en: r.descriptionEn },
  examples: { 'zh-CN': r.examplesZh, en: r.examplesEn },
  source: r.source as 'product' | 'admin',
  updatedAt: r.updatedAt,
});

/** The intents admins teach the bot; any change retrains the model (debounced, in the background). */
export function intentsService(deps: { store: BotStore; bus: EventBus; audit: AuditService }) {
  const { store, bus, audit } = deps;

  async function save(actor: Actor, id: string, input: IntentInput, source: 'product' | 'admin') {
    // Examples are training data read by staff: a secret pasted into one would live on in models.
    const leaking = [...input.examples['zh-CN'], ...input.examples.en].filter((e) => scanText(e).findings.some((f) => f.secret));
    if (leaking.length) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'examples', message: `${leaking.length} example(s) contain what looks like a secret` }] });
    const row = await store.upsertIntent({
      id,
      category: input.category,
      descriptionZh: input.description['zh-CN'],
      descriptionEn: input.description.en,
      examplesZh: [...new Set(input.examples['zh-CN'])],
      examplesEn: [...new Set(input.examples.en)],
      source,
    });
    if (source === 'admin') await audit.record({ actor, action: 'bot.intent_saved', target: { type: 'bot_intent', id }, details: { examples: row.examplesZh.length + row.examplesEn.length } });
    await bus.publish('bot.intents_changed', { intentId: id });
    return intentView(row);
  }

  return {
    list: async () => (await store.intents()).map(intentView),
    async get(id: string) {
      const row = await store.intent(id);
      if (!row) throw new AppError('NOT_FOUND');
      return intentView(row);
    },
    save: (actor: Actor, id: string, input: IntentInput) => save(actor, id, input, 'admin'),
    /** The product's own intents, written as shipped (an admin's later edits are kept over a re-seed: seeding runs once). */
    seed: (actor: Actor, id: string, input: IntentInput) => save(actor, id, input, 'product'),
    async remove(actor: Actor, id: string) {
      if (!(await store.deleteIntent(id))) throw new AppError('NOT_FOUND');
      await audit.record({ actor, action: 'bot.intent_deleted', target: { type: 'bot_intent', id } });
      await bus.publish('bot.intents_changed', { intentId: id });
    },
  };
}

export type IntentsService = ReturnType<typeof intentsService>;
