/**
 * The knowledge base as a folder of Markdown files, for authoring in a repository and for
 * backups: `categories.yml` plus `articles/<id>.<lang>.md`, each with front matter
 * (id, lang, category, type, title, questions, tags, related, status).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.js';
import { locales, type Locale } from '../../platform/i18n/index.js';
import { articleStatuses, articleTypes, slug, type Article, type Category } from './knowledge.js';

const localized = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) });

const categoryFile = z.array(
  z.strictObject({
    id: slug,
    parent: slug.optional(),
    name: localized,
    description: localized.partial().optional(),
  }),
);

const frontMatter = z.strictObject({
  id: slug,
  lang: z.enum(locales),
  category: slug,
  type: z.enum(articleTypes).default('faq'),
  status: z.enum(articleStatuses).default('published'),
  title: z.string().trim().min(1).max(200),
  questions: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
  tags: z.array(z.union([z.string(), z.number()]).transform(String)).max(20).default([]),
  related: z.array(slug).max(20).default([]),
});

export interface ArticleFile {
  id: string;
  categoryId: string;
  type: Article['type'];
  status: Article['status'];
  related: string[];
  texts: Partial<Record<Locale, { title: string; body: string; questions: string[]; tags: string[] }>>;
}

export interface KbFolder {
  categories: Category[];
  articles: ArticleFile[];
}

/** Reads and validates a whole folder; any bad file stops the import and is named, nothing is half-imported. */
export function readKbFolder(dir: string): KbFolder {
  const problems: string[] = [];
  let categories: Category[] = [];
  try {
    const parsed = categoryFile.safeParse(parseYaml(readFileSync(join(dir, 'categories.yml'), 'utf8')));
    if (!parsed.success) problems.push(`categories.yml: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    else {
      categories = parsed.data.map((c, position) => ({
        id: c.id,
        parentId: c.parent ?? null,
        position,
        name: c.name,
        description: { 'zh-CN': c.description?.['zh-CN'] ?? '', en: c.description?.en ?? '' },
      }));
    }
  } catch (err) {
    problems.push(`categories.yml: ${(err as Error).message}`);
  }

  const byId = new Map<string, ArticleFile>();
  const articlesDir = join(dir, 'articles');
  for (const name of readdirSync(articlesDir).filter((n) => n.endsWith('.md')).sort()) {
    try {
      const file = matter(readFileSync(join(articlesDir, name), 'utf8'));
      const parsed = frontMatter.safeParse(file.data);
      if (!parsed.success) {
        problems.push(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
        continue;
      }
      const f = parsed.data;
      if (name !== `${f.id}.${f.lang}.md`) problems.push(`${name}: the file must be named ${f.id}.${f.lang}.md`);
      const article = byId.get(f.id) ?? { id: f.id, categoryId: f.category, type: f.type, status: f.status, related: f.related, texts: {} };
      if (article.categoryId !== f.category) problems.push(`${name}: category differs from the other language (${article.categoryId})`);
      article.texts[f.lang] = { title: f.title, body: file.content.trim(), questions: f.questions, tags: f.tags };
      byId.set(f.id, article);
    } catch (err) {
      problems.push(`${name}: ${(err as Error).message}`);
    }
  }
  const categoryIds = new Set(categories.map((c) => c.id));
  for (const c of categories) if (c.parentId && !categoryIds.has(c.parentId)) problems.push(`categories.yml: ${c.id} has an unknown parent ${c.parentId}`);
  for (const a of byId.values()) {
    if (!categoryIds.has(a.categoryId)) problems.push(`${a.id}: unknown category ${a.categoryId}`);
    for (const r of a.related) if (!byId.has(r)) problems.push(`${a.id}: related article ${r} does not exist`);
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { problems });
  return { categories, articles: [...byId.values()] };
}

export function writeKbFolder(dir: string, folder: { categories: Category[]; articles: Article[] }): number {
  mkdirSync(join(dir, 'articles'), { recursive: true });
  writeFileSync(
    join(dir, 'categories.yml'),
    stringifyYaml(folder.categories.map((c) => ({ id: c.id, ...(c.parentId ? { parent: c.parentId } : {}), name: c.name, description: c.description }))),
  );
  let files = 0;
  for (const a of folder.articles) {
    for (const lang of locales) {
      const t = a.texts[lang];
      if (!t) continue;
      const data = { id: a.id, lang, category: a.categoryId, type: a.type, status: a.status, title: t.title, questions: t.questions, tags: t.tags, related: a.related };
      writeFileSync(join(dir, 'articles', `${a.id}.${lang}.md`), matter.stringify(`${t.body}\n`, data));
      files += 1;
    }
  }
  return files;
}

/** Where the product's own help-center content lives, from src/ and from dist/ alike. */
export const seedContentDir = new URL('../../../content/kb', import.meta.url).pathname;
