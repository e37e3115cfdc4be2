import type { Locale } from '../../platform/i18n/index.js';
import { leadParagraph, type Article, type Knowledge } from '../knowledge/index.js';
import type { ArticleAnswer } from './dialogue/dialogue.js';
import { QuestionMatcher } from './nlu/matcher.js';

/** A customer phrasing this close to an article's listed question is that question. */
const MATCH = 0.5;
/** A search hit this strong answers even without a listed phrasing. */
const SEARCH_SCORE = 12;

interface Phrasing {
  articleId: string;
  text: string;
}

/**
 * Answers from the knowledge base: first the question matcher over every published article's
 * title and listed phrasings (what the FAQ says people ask), then the search index. The matcher
 * is rebuilt lazily after an article changes.
 */
export function knowledgeAnswers(deps: { knowledge: Knowledge; baseUrl: string }) {
  const { knowledge } = deps.knowledge;
  let built: Promise<Record<Locale, { matcher: QuestionMatcher; phrasings: Phrasing[] }>> | null = null;

  async function build() {
    const articles: Article[] = [];
    for (let after: string | undefined; ; ) {
      const page = await knowledge.list({ status: 'published', after, limit: 500 });
      articles.push(...page.slice(0, 500));
      if (page.length <= 500) break;
      after = page[499]!.id;
    }
    const forLang = (lang: Locale) => {
      const phrasings = articles.flatMap((a) => {
        const t = a.texts[lang];
        return t ? [t.title, ...t.questions].map((text) => ({ articleId: a.id, text })) : [];
      });
      return { matcher: QuestionMatcher.fit(phrasings.map((p) => p.text)), phrasings };
    };
    return { 'zh-CN': forLang('zh-CN'), en: forLang('en') };
  }

  async function toAnswer(articleId: string, lang: Locale): Promise<ArticleAnswer | null> {
    const article = await knowledge.get(articleId);
    const text = article.texts[lang] ?? article.texts[lang === 'en' ? 'zh-CN' : 'en'];
    if (!text) return null;
    return { articleId, title: text.title, summary: leadParagraph(text.body), url: `${deps.baseUrl}/help/${text.lang}/articles/${articleId}` };
  }

  return {
    invalidate() {
      built = null;
    },
    async answer(question: string, lang: Locale): Promise<ArticleAnswer | null> {
      built ??= build();
      const { matcher, phrasings } = (await built)[lang];
      const best = matcher.best(question, phrasings.map((p) => p.text));
      if (best && best.score >= MATCH) return toAnswer(phrasings[best.index]!.articleId, lang);
      const [hit] = knowledge.search({ q: question, lang, limit: 1 });
      return hit && hit.score >= SEARCH_SCORE ? toAnswer(hit.articleId, lang) : null;
    },
  };
}

export type KnowledgeAnswers = ReturnType<typeof knowledgeAnswers>;
