import './events.js';
import { uuidv7 } from 'uuidv7';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Logger } from '../../platform/log.js';
import type { AuditService } from '../audit/index.js';
import type { Conversations } from '../conversations/index.js';
import type { Knowledge } from '../knowledge/index.js';
import type { Wallet } from '../wallet/index.js';
import { botRoutes } from './bot.routes.js';
import { botSeeders } from './bot.seed.js';
import { botService } from './bot.service.js';
import { botStore } from './bot.store.js';
import { intentsService } from './intents.service.js';
import { knowledgeAnswers } from './knowledge-answer.js';
import { modelService } from './model.service.js';

export { turnLanguage } from './bot.service.js';

/** The intelligent bot (智能客服): understanding, dialogue, handover, knowledge gaps and the model's life. */
export function createBot(deps: { db: Database; bus: EventBus; audit: AuditService; conversations: Conversations; knowledge: Knowledge; wallet: Wallet; config: Pick<Config, 'publicUrl' | 'BOT_ENABLED'>; clock: () => Date; logger: Logger }) {
  const { db, bus, audit, knowledge, logger } = deps;
  const store = botStore(db.orm);
  const models = modelService({ store, bus, logger });
  const intents = intentsService({ store, bus, audit });
  const answers = knowledgeAnswers({ knowledge, baseUrl: deps.config.publicUrl });
  const service = botService({ store, bus, models, answers, conversations: deps.conversations, wallet: deps.wallet, clock: deps.clock, logger });

  async function draftArticle(input: { title: string; lang: 'zh-CN' | 'en'; questions: string[]; categoryId?: string }, actor: Parameters<typeof knowledge.knowledge.create>[0]): Promise<string> {
    const categoryId = input.categoryId ?? (await knowledge.knowledge.categories()).find((c) => c.parentId === null)!.id;
    const id = `faq-${uuidv7().slice(-12)}`;
    await knowledge.knowledge.create(actor, { id, categoryId, type: 'faq', status: 'draft', texts: { [input.lang]: { title: input.title, body: '', questions: input.questions, tags: [] } } });
    return id;
  }

  return {
    models,
    intents,
    store,
    seeders: botSeeders(intents),
    routes: botRoutes({ intents, models, store, draftArticle }),
    /** After migrations and seeding: train or load the model (in the background) and start answering. */
    start(): Promise<void> {
      if (!deps.config.BOT_ENABLED) return Promise.resolve();
      service.start();
      bus.subscribe('knowledge.article_changed', () => answers.invalidate());
      return models.start();
    },
    stop: () => models.stop(),
  };
}

export type Bot = ReturnType<typeof createBot>;
