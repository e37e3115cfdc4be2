import { useMemo, useState, type FormEvent } from 'react';
import MarkdownIt from 'markdown-it';
import { api, ApiError, type Page } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n, type Locale } from '../i18n/index.js';
import { AdminHeader, Field } from './ui.js';

// Raw HTML in Markdown stays text, as on the help center.
const markdown = new MarkdownIt({ html: false, linkify: true });

interface ArticleText { lang: Locale; title: string; body: string; questions: string[]; tags: string[]; version: number }
interface Article { id: string; categoryId: string; type: 'faq' | 'guide'; status: 'draft' | 'published' | 'archived'; helpful: number; notHelpful: number; texts: Partial<Record<Locale, ArticleText>> }
interface Category { id: string; name: Record<Locale, string> }

export function KnowledgeBase() {
  const { t, locale } = useI18n();
  const articles = useLoad(() => api<Page<Article>>('GET', '/api/v1/kb/articles?limit=200'), []);
  const categories = useLoad(() => api<{ items: Category[] }>('GET', '/api/v1/help/categories'), []);
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const article = articles.data?.items.find((a) => a.id === selected);
  return (
    <div className="kb">
      <AdminHeader title={t.kb.title} error={articles.error} />
      <div className="split">
        <ul className="article-list">
          <li><button type="button" onClick={() => setSelected('new')}>{t.kb.add}</button></li>
          {articles.data?.items.map((a) => (
            <li key={a.id}>
              <button type="button" className="link-button" aria-current={a.id === selected || undefined} onClick={() => setSelected(a.id)}>
                {(a.texts[locale] ?? a.texts['zh-CN'] ?? a.texts.en)?.title ?? a.id}
              </button>{' '}
              <span className={`badge kb-${a.status}`}>{t.kb.statuses[a.status]}</span>
            </li>
          ))}
        </ul>
        {selected === 'new' && <NewArticle categories={categories.data?.items ?? []} onCreated={(id) => (articles.reload(), setSelected(id))} />}
        {article && <ArticleEditor key={article.id} article={article} onChanged={articles.reload} />}
      </div>
    </div>
  );
}

function NewArticle({ categories, onCreated }: { categories: Category[]; onCreated: (id: string) => void }) {
  const { t, locale } = useI18n();
  const [id, setId] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [type, setType] = useState<'faq' | 'guide'>('faq');
  const [title, setTitle] = useState('');
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api('POST', '/api/v1/kb/articles', { id, categoryId: categoryId || categories[0]?.id, type, texts: { [locale]: { title, body: '' } } });
      onCreated(id);
    });
  };
  return (
    <form className="card form" onSubmit={submit}>
      <h2>{t.kb.add}</h2>
      {error && <p className="error" role="alert">{error.message}</p>}
      <Field label={t.kb.id}><input required pattern="[a-z0-9][a-z0-9\-]{0,99}" value={id} onChange={(e) => setId(e.target.value)} /></Field>
      <Field label={t.kb.category}>
        <select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>{categories.map((c) => <option key={c.id} value={c.id}>{c.name[locale]}</option>)}</select>
      </Field>
      <Field label={t.kb.type}><select value={type} onChange={(e) => setType(e.target.value as 'faq' | 'guide')}><option value="faq">{t.kb.types.faq}</option><option value="guide">{t.kb.types.guide}</option></select></Field>
      <Field label={t.kb.articleTitle}><input required value={title} onChange={(e) => setTitle(e.target.value)} /></Field>
      <button type="submit" className="primary" disabled={busy}>{t.common.create}</button>
    </form>
  );
}

/** Both languages side by side in tabs; Markdown with a live preview; saves carry the version edited. */
function ArticleEditor({ article, onChanged }: { article: Article; onChanged: () => void }) {
  const { t } = useI18n();
  const [lang, setLang] = useState<Locale>('zh-CN');
  const text = article.texts[lang];
  const [drafts, setDrafts] = useState<Record<Locale, { title: string; body: string; questions: string }>>(() => ({
    'zh-CN': { title: article.texts['zh-CN']?.title ?? '', body: article.texts['zh-CN']?.body ?? '', questions: article.texts['zh-CN']?.questions.join('\n') ?? '' },
    en: { title: article.texts.en?.title ?? '', body: article.texts.en?.body ?? '', questions: article.texts.en?.questions.join('\n') ?? '' },
  }));
  const draft = drafts[lang];
  const preview = useMemo(() => markdown.render(draft.body), [draft.body]);
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<typeof draft>) => (setSaved(false), setDrafts({ ...drafts, [lang]: { ...draft, ...patch } }));
  const save = () =>
    void run(async () => {
      await api('PUT', `/api/v1/kb/articles/${article.id}/texts/${lang}`, {
        title: draft.title, body: draft.body, questions: draft.questions.split('\n').map((q) => q.trim()).filter(Boolean), tags: text?.tags ?? [], baseVersion: text?.version ?? 0,
      });
      setSaved(true);
      onChanged();
    });
  const transition = (verb: 'publish' | 'unpublish' | 'archive') => void run(async () => (await api('POST', `/api/v1/kb/articles/${article.id}/${verb}`), onChanged()));
  return (
    <div className="card editor">
      <div className="row wrap">
        <h2>{article.id}</h2>
        <span className={`badge kb-${article.status}`}>{t.kb.statuses[article.status]}</span>
        <span className="muted small">{t.kb.helpful(article.helpful, article.notHelpful)}</span>
      </div>
      <div role="tablist" className="tabs">
        {(['zh-CN', 'en'] as const).map((l) => <button key={l} type="button" role="tab" aria-selected={lang === l} onClick={() => setLang(l)}>{l === 'en' ? t.common.en : t.common.zh}</button>)}
      </div>
      {error && <p className="error" role="alert">{error instanceof ApiError && error.code === 'VERSION_CONFLICT' ? t.kb.versionConflict : error.message}</p>}
      {saved && <p role="status" className="muted small">{t.common.saved}</p>}
      <Field label={t.kb.articleTitle}><input value={draft.title} onChange={(e) => set({ title: e.target.value })} /></Field>
      <div className="split-equal">
        <Field label={t.kb.body}><textarea rows={16} className="mono" value={draft.body} onChange={(e) => set({ body: e.target.value })} /></Field>
        <section aria-label={t.kb.preview} className="preview">
          <span className="small muted">{t.kb.preview}</span>
          <div className="markdown" dangerouslySetInnerHTML={{ __html: preview }} />
        </section>
      </div>
      <Field label={t.kb.questions}><textarea rows={3} value={draft.questions} onChange={(e) => set({ questions: e.target.value })} /></Field>
      <div className="row wrap">
        <button type="button" className="primary" disabled={busy || !draft.title.trim()} onClick={save}>{t.common.save}</button>
        {article.status !== 'published' && <button type="button" disabled={busy} onClick={() => transition('publish')}>{t.kb.publish}</button>}
        {article.status === 'published' && <button type="button" disabled={busy} onClick={() => transition('unpublish')}>{t.kb.unpublish}</button>}
        {article.status !== 'archived' && <button type="button" disabled={busy} onClick={() => transition('archive')}>{t.kb.archive}</button>}
      </div>
    </div>
  );
}
