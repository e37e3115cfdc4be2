import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { useAction } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import type { Agent } from '../types.js';

export function Login({ onSignedIn }: { onSignedIn: (agent: Agent, csrf: string) => void }) {
  const { t, locale, setLocale } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await api<{ agent: Agent; csrfToken: string }>('POST', '/api/v1/auth/login', { email, password });
      onSignedIn(r.agent, r.csrfToken);
    });
  };
  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t.login.title}</h1>
        <label>
          {t.login.email}
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t.login.password}
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <p className="error" role="alert">{error.message}</p>}
        <button type="submit" className="primary" disabled={busy}>{t.login.submit}</button>
        <button type="button" className="link-button" aria-label={t.switchLanguageLabel} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>{t.switchLanguage}</button>
      </form>
    </main>
  );
}
