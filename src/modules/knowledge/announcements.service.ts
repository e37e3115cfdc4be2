import { uuidv7 } from 'uuidv7';
import type { EventBus } from '../../platform/events/index.js';
import type { Actor } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AuditService } from '../audit/index.js';
import type { Announcement } from './knowledge.js';
import type { KnowledgeStore } from './knowledge.store.js';

export interface AnnouncementInput {
  kind: Announcement['kind'];
  severity: Announcement['severity'];
  audience: Announcement['audience'];
  title: Record<Locale, string>;
  body: Record<Locale, string>;
  topics: string[];
  startsAt: Date;
  endsAt: Date | null;
}

const rank = { critical: 0, warning: 1, info: 2 } as const;

/** Notices (信息更新) for the help center, the widget and the bot. */
export function announcementsService(deps: { store: KnowledgeStore; audit: AuditService; bus: EventBus; clock?: () => Date }) {
  const { store, audit, bus } = deps;
  const clock = deps.clock ?? (() => new Date());

  function row(input: AnnouncementInput) {
    if (input.endsAt && input.endsAt <= input.startsAt) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'endsAt', message: 'must be after startsAt' }] });
    return {
      kind: input.kind,
      severity: input.severity,
      audience: input.audience,
      titleZh: input.title['zh-CN'],
      titleEn: input.title.en,
      bodyZh: input.body['zh-CN'],
      bodyEn: input.body.en,
      topics: input.topics,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
    };
  }

  async function get(id: string): Promise<Announcement> {
    const found = await store.announcement(id);
    if (!found) throw new AppError('ANNOUNCEMENT_NOT_FOUND', { id });
    return found;
  }

  return {
    get,
    list: () => store.announcements(),

    /**
     * What is in effect now, most severe first; narrowed to an issue topic (the bot asks "anything
     * about top-ups?") and to where it is shown.
     */
    async active(filter: { topic?: string; audience?: Announcement['audience'] } = {}): Promise<Announcement[]> {
      const now = clock();
      return (await store.activeAnnouncements(now))
        .filter((a) => !filter.topic || a.topics.includes(filter.topic))
        .filter((a) => !filter.audience || a.audience === 'all' || a.audience === filter.audience)
        .sort((a, b) => rank[a.severity] - rank[b.severity] || b.startsAt.getTime() - a.startsAt.getTime());
    },

    async create(actor: Actor, input: AnnouncementInput): Promise<Announcement> {
      const id = uuidv7();
      await store.insertAnnouncement({ id, ...row(input), createdBy: actor.type === 'agent' ? actor.id : null });
      await audit.record({ actor, action: 'kb.announcement_created', target: { type: 'announcement', id } });
      await bus.publish('knowledge.announcement_changed', { announcementId: id });
      return get(id);
    },

    async update(actor: Actor, id: string, input: AnnouncementInput): Promise<Announcement> {
      await get(id);
      await store.updateAnnouncement(id, row(input));
      await audit.record({ actor, action: 'kb.announcement_updated', target: { type: 'announcement', id } });
      await bus.publish('knowledge.announcement_changed', { announcementId: id });
      return get(id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      if (!(await store.deleteAnnouncement(id))) throw new AppError('ANNOUNCEMENT_NOT_FOUND', { id });
      await audit.record({ actor, action: 'kb.announcement_deleted', target: { type: 'announcement', id } });
      await bus.publish('knowledge.announcement_changed', { announcementId: id });
    },
  };
}

export type AnnouncementsService = ReturnType<typeof announcementsService>;
