import { catalog, fill, type Locale } from '../../../platform/i18n/index.js';
import type { Announcement, Article, Category } from '../knowledge.js';
import { renderMarkdown } from '../markdown.js';
import type { SearchHit } from '../search-index.js';
import { html, trusted, type Html } from './html.js';

export interface ContactLinks {
  chat?: string;
  ticket?: string;
  callback?: string;
}

export interface PageContext {
  locale: Locale;
  baseUrl: string;
  /** The same page in the other language (path without the language segment). */
  path: string;
  contact: ContactLinks;
}

const other = (locale: Locale): Locale => (locale === 'en' ? 'zh-CN' : 'en');
export const helpPath = (locale: Locale, path = '') => `/help/${locale}${path}`;

// Mobile-first, fits a 360-pixel WebView, no web fonts, no JavaScript.
const css = `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#1f2933;background:#f7f8fa}
a{color:#0b5cad}a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #f5a623;outline-offset:2px}
header,main,footer{max-width:760px;margin:0 auto;padding:12px 16px}
header{display:flex;flex-wrap:wrap;gap:8px;align-items:center;justify-content:space-between;background:#fff;border-bottom:1px solid #e4e7eb;max-width:none}
header .brand{font-weight:700;text-decoration:none;color:#1f2933}
form.search{display:flex;gap:8px;margin:12px 0}form.search input{flex:1;min-width:0;padding:10px;font-size:16px;border:1px solid #9aa5b1;border-radius:8px}
button{padding:10px 16px;font-size:16px;border:0;border-radius:8px;background:#0b5cad;color:#fff;cursor:pointer}
section{background:#fff;border-radius:12px;padding:12px 16px;margin:12px 0}
h1{font-size:1.4rem;line-height:1.3}h2{font-size:1.1rem}ul.plain{list-style:none;padding:0;margin:0}ul.plain li{padding:8px 0;border-bottom:1px solid #eef0f2}
mark{background:#fff3b0;padding:0 1px}.notice{border-left:4px solid #0b5cad}.notice.warning{border-color:#f5a623}.notice.critical{border-color:#d64545}
.snippet{color:#52606d;font-size:.95rem;margin:2px 0 0}.muted{color:#616e7c;font-size:.9rem}.safety{background:#fff8e6}
nav.crumbs{font-size:.9rem}fieldset{border:0;padding:0;margin:0}label{display:block;margin:6px 0}textarea{width:100%;font:inherit;padding:8px}
table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}td,th{border:1px solid #d9dde2;padding:6px}
`;

/** The help center's page shell; `css` adds rules for a page's own parts (forms elsewhere in the help center). */
export function layout(ctx: PageContext, page: { title: string; description: string; body: Html; query?: string; status?: number; css?: string }): string {
  const t = catalog(ctx.locale).help;
  const url = (locale: Locale) => `${ctx.baseUrl}${helpPath(locale, ctx.path)}`;
  return `<!doctype html>${html`<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · ${t.siteName}</title>
<meta name="description" content="${page.description.slice(0, 160)}">
<link rel="canonical" href="${url(ctx.locale)}">
<link rel="alternate" hreflang="zh-CN" href="${url('zh-CN')}">
<link rel="alternate" hreflang="en" href="${url('en')}">
<link rel="alternate" hreflang="x-default" href="${url('zh-CN')}">
<meta property="og:title" content="${page.title}">
<meta property="og:description" content="${page.description.slice(0, 160)}">
<meta property="og:url" content="${url(ctx.locale)}">
<style>${trusted(css + (page.css ?? ''))}</style>
</head>
<body>
<header>
  <a class="brand" href="${helpPath(ctx.locale)}">${t.siteName}</a>
  <a href="${helpPath(other(ctx.locale), ctx.path)}" hreflang="${other(ctx.locale)}" lang="${other(ctx.locale)}">${t.otherLanguage}</a>
</header>
<main id="main">
<form class="search" role="search" action="${helpPath(ctx.locale, '/search')}" method="get">
  <label for="q" class="muted" style="position:absolute;left:-9999px">${t.searchLabel}</label>
  <input id="q" name="q" type="search" value="${page.query ?? ''}" placeholder="${t.searchPlaceholder}" autocomplete="off">
  <button type="submit">${t.searchButton}</button>
</form>
${page.body}
${stillNeedHelp(ctx)}
</main>
<footer class="muted"><p>${t.safety}</p></footer>
</body>
</html>`}`;
}

function stillNeedHelp(ctx: PageContext): Html {
  const t = catalog(ctx.locale).help;
  const links = ([['chat', t.chat], ['ticket', t.ticket], ['callback', t.callback]] as const).filter(([k]) => ctx.contact[k]);
  return html`<section aria-labelledby="need-help">
<h2 id="need-help">${t.stillNeedHelp}</h2>
<p>${t.hours}</p>
${links.length ? html`<ul>${links.map(([k, label]) => html`<li><a href="${ctx.contact[k]!}?lang=${ctx.locale}">${label}</a></li>`)}</ul>` : html`<p>${t.inApp}</p>`}
</section>`;
}

/** The text to show in a language, falling back to the other one. */
function textOf(article: Article, locale: Locale) {
  return article.texts[locale] ?? article.texts[other(locale)];
}

function articleLink(ctx: PageContext, article: Article): Html {
  const text = textOf(article, ctx.locale);
  return html`<a href="${helpPath(ctx.locale, `/articles/${article.id}`)}">${text?.title ?? article.id}</a>`;
}

function announcementsBlock(ctx: PageContext, items: Announcement[]): Html | string {
  if (!items.length) return '';
  const t = catalog(ctx.locale).help;
  return html`<section aria-labelledby="notices"><h2 id="notices">${t.announcements}</h2>
${items.map((a) => html`<div class="notice ${a.severity}" role="${a.severity === 'critical' ? 'alert' : 'note'}" style="padding:4px 12px;margin:8px 0"><strong>${a.title[ctx.locale]}</strong>${a.body[ctx.locale] ? html`<p style="margin:4px 0">${a.body[ctx.locale]}</p>` : ''}</div>`)}
</section>`;
}

function categoryTree(ctx: PageContext, categories: Category[]): Html {
  const t = catalog(ctx.locale).help;
  const top = categories.filter((c) => !c.parentId);
  return html`<section aria-labelledby="topics"><h2 id="topics">${t.categories}</h2>
${top.map((c) => html`<h3 style="font-size:1rem;margin:12px 0 4px"><a href="${helpPath(ctx.locale, `/categories/${c.id}`)}">${c.name[ctx.locale]}</a></h3>
<ul class="plain">${categories.filter((s) => s.parentId === c.id).map((s) => html`<li><a href="${helpPath(ctx.locale, `/categories/${s.id}`)}">${s.name[ctx.locale]}</a> <span class="muted">${s.description[ctx.locale]}</span></li>`)}</ul>`)}
</section>`;
}

export function homePage(ctx: PageContext, data: { categories: Category[]; popular: Article[]; announcements: Announcement[] }): string {
  const t = catalog(ctx.locale).help;
  return layout(ctx, {
    title: t.home,
    description: t.tagline,
    body: html`<h1>${t.tagline}</h1>
${announcementsBlock(ctx, data.announcements)}
<section aria-labelledby="popular"><h2 id="popular">${t.popular}</h2><ul class="plain">${data.popular.map((a) => html`<li>${articleLink(ctx, a)}</li>`)}</ul></section>
${categoryTree(ctx, data.categories)}`,
  });
}

export function categoryPage(ctx: PageContext, data: { category: Category; categories: Category[]; articles: Article[] }): string {
  const t = catalog(ctx.locale).help;
  const { category } = data;
  const parent = data.categories.find((c) => c.id === category.parentId);
  const children = data.categories.filter((c) => c.parentId === category.id);
  return layout(ctx, {
    title: category.name[ctx.locale],
    description: category.description[ctx.locale] || category.name[ctx.locale],
    body: html`<nav class="crumbs" aria-label="breadcrumb"><a href="${helpPath(ctx.locale)}">${t.home}</a>${parent ? html` › <a href="${helpPath(ctx.locale, `/categories/${parent.id}`)}">${parent.name[ctx.locale]}</a>` : ''}</nav>
<h1>${category.name[ctx.locale]}</h1><p class="muted">${category.description[ctx.locale]}</p>
${children.length ? html`<section><ul class="plain">${children.map((c) => html`<li><a href="${helpPath(ctx.locale, `/categories/${c.id}`)}">${c.name[ctx.locale]}</a> <span class="muted">${c.description[ctx.locale]}</span></li>`)}</ul></section>` : ''}
<section aria-labelledby="list"><h2 id="list">${fill(t.articlesIn, { name: category.name[ctx.locale] })}</h2>
${data.articles.length ? html`<ul class="plain">${data.articles.map((a) => html`<li>${articleLink(ctx, a)}</li>`)}</ul>` : html`<p>${t.empty}</p>`}</section>`,
  });
}

export function articlePage(ctx: PageContext, data: { article: Article; category: Category | undefined; related: Article[]; voted: boolean }): string {
  const t = catalog(ctx.locale).help;
  const { article } = data;
  const text = textOf(article, ctx.locale)!;
  const fallback = !article.texts[ctx.locale];
  const date = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(text.updatedAt);
  const description = text.body.replace(/[#*_>`|-]/g, ' ').replace(/\s+/g, ' ').trim();
  return layout(ctx, {
    title: text.title,
    description,
    body: html`<nav class="crumbs" aria-label="breadcrumb"><a href="${helpPath(ctx.locale)}">${t.home}</a>${data.category ? html` › <a href="${helpPath(ctx.locale, `/categories/${data.category.id}`)}">${data.category.name[ctx.locale]}</a>` : ''}</nav>
<article lang="${text.lang}">
<h1>${text.title}</h1>
${fallback ? html`<p class="muted" lang="${ctx.locale}">${t.onlyInOtherLanguage}</p>` : ''}
<p class="muted">${fill(t.updated, { date })}</p>
${trusted(renderMarkdown(text.body))}
</article>
<section id="vote" aria-labelledby="vote-title">
${data.voted
  ? html`<p role="status" id="vote-title">${t.thanks}</p>`
  : html`<form method="post" action="${helpPath(ctx.locale, `/articles/${article.id}/vote`)}">
<fieldset><legend id="vote-title"><strong>${t.helpfulQuestion}</strong></legend>
<label><input type="radio" name="helpful" value="yes" required> ${t.yes}</label>
<label><input type="radio" name="helpful" value="no"> ${t.no}</label>
<label for="comment">${t.commentLabel}</label>
<textarea id="comment" name="comment" rows="3" maxlength="1000"></textarea>
</fieldset>
<button type="submit">${t.send}</button>
</form>`}
</section>
${data.related.length ? html`<section aria-labelledby="related"><h2 id="related">${t.related}</h2><ul class="plain">${data.related.map((a) => html`<li>${articleLink(ctx, a)}</li>`)}</ul></section>` : ''}`,
  });
}

export function searchPage(ctx: PageContext, data: { q: string; hits: SearchHit[]; popular: Article[] }): string {
  const t = catalog(ctx.locale).help;
  return layout(ctx, {
    title: data.q ? fill(t.resultsFor, { q: data.q }) : t.searchLabel,
    description: t.tagline,
    query: data.q,
    body: html`<h1>${data.q ? fill(t.resultsFor, { q: data.q }) : t.searchLabel}</h1>
${data.hits.length
  ? html`<section><ol class="plain" aria-label="${t.searchLabel}">${data.hits.map((h) => html`<li><a href="${helpPath(ctx.locale, `/articles/${h.articleId}`)}">${trusted(h.titleHtml)}</a><p class="snippet">${trusted(h.snippetHtml)}</p></li>`)}</ol></section>`
  : html`${data.q ? html`<p>${fill(t.noResults, { q: data.q })}</p>` : ''}<section><h2>${t.popular}</h2><ul class="plain">${data.popular.map((a) => html`<li>${articleLink(ctx, a)}</li>`)}</ul></section>`}`,
  });
}

export function notFoundPage(ctx: PageContext): string {
  const t = catalog(ctx.locale).help;
  return layout(ctx, { title: t.notFound, description: t.notFound, body: html`<h1>${t.notFound}</h1><p><a href="${helpPath(ctx.locale)}">${t.home}</a></p>` });
}
