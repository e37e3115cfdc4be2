import { systemActor } from '../../platform/http/access.js';
import type { Seeder } from '../../platform/seeding.js';
import type { IntentsService } from './intents.service.js';
import { readIntentFiles } from './nlu/intent-files.js';

/** Where the product's own intents live, from src/ and from dist/ alike. */
export const botContentDir = new URL('../../../content/bot', import.meta.url).pathname;

export function botSeeders(intents: IntentsService): Seeder[] {
  return [
    {
      // The intents the product ships (content/bot), for every install; admins extend them.
      name: 'bot.intents',
      demo: false,
      async run() {
        for (const file of readIntentFiles(botContentDir)) {
          await intents.seed(systemActor, file.intent, {
            category: file.category ?? null,
            description: { 'zh-CN': file.description?.['zh-CN'] ?? file.intent, en: file.description?.en ?? file.intent },
            examples: { 'zh-CN': file.examples['zh-CN'], en: file.examples.en },
          });
        }
      },
    },
  ];
}
