import './events.js';
import type { Orm } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import type { AuditService } from '../audit/index.js';
import { announcementsService } from './announcements.service.js';
import { helpCenterRoutes } from './help/help.routes.js';
import type { ContactLinks } from './help/pages.js';
import { knowledgeRoutes } from './knowledge.routes.js';
import { knowledgeSeeders } from './knowledge.seed.js';
import { knowledgeService } from './knowledge.service.js';
import { knowledgeStore } from './knowledge.store.js';
import { createSearchIndex } from './search-index.js';

export type { Article, Category, Announcement } from './knowledge.js';
export type { SearchHit, SearchQuery } from './search-index.js';
export { readKbFolder, writeKbFolder } from './kb-files.js';
export { analyze } from './search-analyzer.js';
export { leadParagraph } from './markdown.js';
export { layout as helpLayout, helpPath, type PageContext as HelpPageContext } from './help/pages.js';
export { html, type Html } from './help/html.js';

export function createKnowledge(deps: { orm: Orm; bus: EventBus; audit: AuditService; baseUrl: string; contact?: ContactLinks; clock?: () => Date }) {
  const { orm, bus, audit } = deps;
  const clock = deps.clock ?? (() => new Date());
  const store = knowledgeStore(orm);
  const index = createSearchIndex();
  const knowledge = knowledgeService({ store, index, audit, bus });
  const announcements = announcementsService({ store, audit, bus, clock });

  return {
    knowledge,
    announcements,
    routes: knowledgeRoutes({ knowledge, announcements }),
    helpCenter: helpCenterRoutes({ knowledge, announcements, baseUrl: deps.baseUrl, contact: deps.contact ?? {} }),
    seeders: knowledgeSeeders(knowledge, announcements, clock),
    /** After migrations and seeding: build the index from the database and follow other nodes' edits. */
    async start(): Promise<void> {
      await knowledge.loadIndex();
      bus.subscribe('knowledge.article_changed', (event) => knowledge.reindex(event.payload.articleId));
    },
  };
}

export type Knowledge = ReturnType<typeof createKnowledge>;
