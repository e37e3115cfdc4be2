import { z } from 'zod';
import type { Locale } from '../../platform/i18n/index.js';

export const articleStatuses = ['draft', 'published', 'archived'] as const;
export const articleTypes = ['faq', 'guide'] as const;
export const announcementKinds = ['feature', 'policy', 'incident'] as const;
export const announcementSeverities = ['info', 'warning', 'critical'] as const;
export const announcementAudiences = ['all', 'app', 'web', 'verified'] as const;

export type ArticleStatus = (typeof articleStatuses)[number];
export type ArticleType = (typeof articleTypes)[number];

/** Article and category ids are readable slugs: they appear in shareable help-center URLs. */
export const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'lower-case letters, digits and hyphens');

export interface ArticleText {
  lang: Locale;
  title: string;
  body: string;
  questions: string[];
  tags: string[];
  version: number;
  updatedBy: string | null;
  updatedAt: Date;
}

export interface Article {
  id: string;
  categoryId: string;
  type: ArticleType;
  status: ArticleStatus;
  related: string[];
  views: number;
  helpful: number;
  notHelpful: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  texts: Partial<Record<Locale, ArticleText>>;
}

export interface Category {
  id: string;
  parentId: string | null;
  position: number;
  name: Record<Locale, string>;
  description: Record<Locale, string>;
}

export interface Announcement {
  id: string;
  kind: (typeof announcementKinds)[number];
  severity: (typeof announcementSeverities)[number];
  audience: (typeof announcementAudiences)[number];
  title: Record<Locale, string>;
  body: Record<Locale, string>;
  /** Issue topics it concerns (e.g. top_up), so the bot can mention it to a customer asking about one. */
  topics: string[];
  startsAt: Date;
  endsAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
}

/** The text fields of one language version, as an editor or a Markdown file supplies them. */
export const articleTextInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(50_000),
  questions: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});
export type ArticleTextInput = z.infer<typeof articleTextInput>;

export function isActive(a: Pick<Announcement, 'startsAt' | 'endsAt'>, now: Date): boolean {
  return a.startsAt <= now && (a.endsAt === null || a.endsAt > now);
}
