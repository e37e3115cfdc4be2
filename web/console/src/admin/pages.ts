import type { Agent } from '../types.js';

export const pageNames = ['agents', 'teams', 'canned', 'kb', 'bot', 'announcements', 'webhooks', 'tokens', 'audit', 'sla', 'return-visits', 'call-policy', 'callback-capacity'] as const;
export type PageName = (typeof pageNames)[number];
const adminOnly: PageName[] = ['webhooks', 'tokens'];

/** What a manager may open: supervisors read staff and edit content; admins also wire integrations. */
export const adminPages = (me: Agent): PageName[] => pageNames.filter((p) => me.role === 'admin' || !adminOnly.includes(p));
