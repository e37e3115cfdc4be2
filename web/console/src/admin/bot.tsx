import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n, type Locale } from '../i18n/index.js';
import { AdminHeader, Field } from './ui.js';

interface Intent { id: string; category: string | null; description: Record<Locale, string>; examples: Record<Locale, string[]>; source: 'product' | 'admin' }
interface Models { active: number | null; items: { version: number; trainedAt: string; metrics: Record<string, unknown> }[] }
interface Gap { question: string; language: Locale; count: number; gaps: { id: string }[] }

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** Intents and their examples (saving retrains the model), the model in use, and the questions the bot missed. */
export function Bot() {
  const { t, locale } = useI18n();
  const intents = useLoad(() => api<{ items: Intent[] }>('GET', '/api/v1/bot/intents'), []);
  const models = useLoad(() => api<Models>('GET', '/api/v1/bot/models'), []);
  const gaps = useLoad(() => api<{ items: Gap[] }>('GET', '/api/v1/bot/gaps'), []);
  const [editing, setEditing] = useState<Intent | 'new' | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const latest = models.data?.items.find((m) => m.version === models.data?.active);

  const retrain = () => void run(async () => (await api('POST', '/api/v1/bot/models'), models.reload()));
  const writeArticle = (g: Gap) =>
    void run(async () => {
      const r = await api<{ articleId: string }>('POST', '/api/v1/bot/gaps/article', { gapIds: g.gaps.map((x) => x.id), title: g.question, lang: g.language });
      setNote(t.bot.drafted(r.articleId));
      gaps.reload();
    });
  const dismiss = (g: Gap) => void run(async () => (await api('POST', '/api/v1/bot/gaps/dismiss', { gapIds: g.gaps.map((x) => x.id) }), gaps.reload()));

  return (
    <>
      <AdminHeader title={t.bot.title} error={error?.message ?? intents.error} note={note} />
      <section className="card row wrap" aria-label={t.bot.model}>
        <span role="status">{t.bot.retrained(models.data?.active ?? null)}</span>
        {latest && <span className="muted small">{dateTime(latest.trainedAt, locale)} · {t.bot.trainedOn(Number(latest.metrics.intents), Number(latest.metrics.examples))}</span>}
        <button type="button" disabled={busy} onClick={retrain}>{t.bot.retrain}</button>
      </section>
      {editing && <IntentForm intent={editing === 'new' ? null : editing} onDone={(saved) => (setEditing(null), saved && (setNote(t.bot.savedRetrain), intents.reload()))} />}
      <table className="table">
        <thead>
          <tr><th>{t.bot.intent}</th><th>{t.bot.category}</th><th>{t.bot.examplesColumn}</th><th>{t.common.actions}</th></tr>
        </thead>
        <tbody>
          {intents.data?.items.map((i) => (
            <tr key={i.id}>
              <td><code>{i.id}</code><div>{i.description[locale]}</div></td>
              <td>{i.category ?? '—'}</td>
              <td className="small">{t.bot.examples(i.examples['zh-CN'].length, i.examples.en.length)}<div className="muted">{t.bot.source[i.source]}</div></td>
              <td><button type="button" onClick={() => setEditing(i)}>{t.common.edit}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {!editing && <button type="button" onClick={() => setEditing('new')}>{t.bot.add}</button>}
      <section aria-labelledby="gaps-title">
        <h2 id="gaps-title">{t.bot.gaps}</h2>
        {gaps.data?.items.length === 0 && <p className="muted">{t.bot.noGaps}</p>}
        <ul className="gap-list">
          {gaps.data?.items.map((g) => (
            <li key={g.gaps[0]!.id} className="card row wrap">
              <span><strong>{g.question}</strong> <span className="muted small">{g.language} · {t.bot.asked(g.count)}</span></span>
              <span className="row">
                <button type="button" disabled={busy} onClick={() => writeArticle(g)}>{t.bot.writeArticle}</button>
                <button type="button" disabled={busy} onClick={() => dismiss(g)}>{t.bot.dismiss}</button>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function IntentForm({ intent, onDone }: { intent: Intent | null; onDone: (saved: boolean) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    id: intent?.id ?? '',
    category: intent?.category ?? '',
    zh: intent?.description['zh-CN'] ?? '',
    en: intent?.description.en ?? '',
    examplesZh: intent?.examples['zh-CN'].join('\n') ?? '',
    examplesEn: intent?.examples.en.join('\n') ?? '',
  });
  const { busy, error, run } = useAction();
  const field = (key: keyof typeof form) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api('PUT', `/api/v1/bot/intents/${encodeURIComponent(form.id)}`, {
        category: form.category.trim() || null,
        description: { 'zh-CN': form.zh, en: form.en },
        examples: { 'zh-CN': lines(form.examplesZh), en: lines(form.examplesEn) },
      });
      onDone(true);
    });
  };
  return (
    <form className="card form" onSubmit={submit}>
      <h2>{intent ? intent.id : t.bot.add}</h2>
      {error && <p className="error" role="alert">{error.message}</p>}
      {!intent && <Field label={t.bot.id}><input required pattern="[a-z][a-z0-9_]{0,59}" {...field('id')} /></Field>}
      <Field label={t.bot.category}><input {...field('category')} /></Field>
      <Field label={t.bot.descriptionZh}><input required {...field('zh')} /></Field>
      <Field label={t.bot.descriptionEn}><input required {...field('en')} /></Field>
      <Field label={t.bot.examplesZh}><textarea rows={8} {...field('examplesZh')} /></Field>
      <Field label={t.bot.examplesEn}><textarea rows={8} {...field('examplesEn')} /></Field>
      <div className="row wrap">
        <button type="submit" className="primary" disabled={busy}>{t.common.save}</button>
        <button type="button" onClick={() => onDone(false)}>{t.common.cancel}</button>
      </div>
    </form>
  );
}
