declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    'knowledge.article_changed': { articleId: string };
    'knowledge.announcement_changed': { announcementId: string };
  }
}

export {};
