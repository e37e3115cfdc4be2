import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api, session } from './api.js';
import { useAction } from './hooks.js';
import { catalogs, I18n, initialLocale, saveLocale, useI18n, type Locale } from './i18n/index.js';
import { alertAssignment, enableAlerts } from './notify.js';
import { adminPages } from './admin/pages.js';
import { Inbox } from './pages/inbox.js';
import { Login } from './pages/login.js';
import { realtime, type Realtime } from './realtime.js';
import { href, navigate, useRoute } from './router.js';
import { TicketToasts, useTicketNotices } from './tickets/notices.js';
import type { Agent, Presence } from './types.js';

// The dashboard (charts) and admin (Markdown editor) load on first visit: agents rarely open them.
const Dashboard = lazy(() => import('./pages/dashboard.js').then((m) => ({ default: m.Dashboard })));
const Admin = lazy(() => import('./admin/index.js').then((m) => ({ default: m.Admin })));
const Tickets = lazy(() => import('./tickets/page.js').then((m) => ({ default: m.Tickets })));
const Calls = lazy(() => import('./calls/page.js').then((m) => ({ default: m.Calls })));

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [me, setMe] = useState<Agent | null | undefined>(undefined);
  const setLocale = useCallback((l: Locale) => {
    saveLocale(l);
    session.setLanguage(l);
    setLocaleState(l);
  }, []);
  useEffect(() => {
    saveLocale(locale);
    session.setLanguage(locale);
    session.onSignedOut(() => setMe(null));
    api<{ agent: Agent; csrfToken: string }>('GET', '/api/v1/me').then(
      (r) => (session.setCsrf(r.csrfToken), setMe(r.agent)),
      () => setMe(null),
    );
    // The initial locale is applied once; later changes go through setLocale.
  }, []);
  const i18n = useMemo(() => ({ t: catalogs[locale], locale, setLocale }), [locale, setLocale]);
  return (
    <I18n.Provider value={i18n}>
      {me === undefined ? null : me === null ? <Login onSignedIn={(agent, csrf) => (session.setCsrf(csrf), setMe(agent))} /> : <Shell me={me} setMe={setMe} />}
    </I18n.Provider>
  );
}

function Shell({ me, setMe }: { me: Agent; setMe: (a: Agent | null) => void }) {
  const { t, locale, setLocale } = useI18n();
  const route = useRoute();
  const [live, setLive] = useState<Realtime | null>(null);
  const [online, setOnline] = useState(true);
  const [assigned, setAssigned] = useState<string | null>(null);
  const manager = me.role !== 'agent';
  const { run } = useAction();
  const ticketNotices = useTicketNotices(live, route);

  useEffect(() => {
    const rt = realtime();
    setLive(rt);
    const off = rt.subscribe((frame) => {
      if (frame.type === 'connection') setOnline(frame.online as boolean);
      if (frame.type === 'assignment') {
        const path = `conversations/${String(frame.conversationId)}`;
        setAssigned(path);
        alertAssignment(t.notify.assigned, () => navigate(path));
      }
    });
    return () => {
      off();
      rt.close();
    };
  }, [t]);

  const setPresence = (presence: Presence) => {
    if (presence === 'online') enableAlerts();
    void run(async () => setMe(await api<Agent>('PUT', '/api/v1/me/presence', { presence })));
  };
  const signOut = () => void api('POST', '/api/v1/auth/logout').finally(() => setMe(null));

  const [section, ...rest] = route.split('/');
  let page;
  if (section === 'dashboard' && manager) page = <Dashboard />;
  else if (section === 'admin' && manager) page = <Admin me={me} page={rest[0] ?? 'agents'} />;
  else if (section === 'tickets') page = live && <Tickets me={me} live={live} ticketId={rest[0] ?? null} />;
  else if (section === 'calls') page = live && <Calls me={me} live={live} path={rest[0] ?? null} />;
  else page = live && <Inbox me={me} live={live} conversationId={section === 'conversations' ? (rest[0] ?? null) : null} />;

  const link = (path: string, label: string, active: boolean, count = 0) => (
    <a key={path} href={href(path)} aria-current={active ? 'page' : undefined} onClick={(e) => (e.preventDefault(), navigate(path))}>
      {label}
      {count > 0 && <span className="badge count" data-testid={`${path}-count`}> {count}</span>}
    </a>
  );
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t.appName}</span>
        <nav aria-label={t.nav.label} className="mainnav">
          {link('inbox', t.nav.inbox, section === '' || section === 'inbox' || section === 'conversations')}
          {link('tickets', t.nav.tickets, section === 'tickets', ticketNotices.notices.length)}
          {link('calls', t.nav.calls, section === 'calls')}
          {manager && link('dashboard', t.nav.dashboard, section === 'dashboard')}
          {manager && link('admin/agents', t.nav.admin, section === 'admin')}
        </nav>
        <div className="topbar-tools">
          <label className="presence">
            <span className={`dot dot-${me.presence}`} aria-hidden="true" />
            <span className="visually-hidden">{t.presence.label}</span>
            <select value={me.presence} onChange={(e) => setPresence(e.target.value as Presence)} data-testid="presence">
              {(['online', 'away', 'offline'] as const).map((p) => <option key={p} value={p}>{t.presence[p]}</option>)}
            </select>
          </label>
          <button type="button" className="link-button" aria-label={t.switchLanguageLabel} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>{t.switchLanguage}</button>
          <span className="me" title={me.email}>{me.displayName}</span>
          <button type="button" className="link-button" onClick={signOut}>{t.login.signOut}</button>
        </div>
      </header>
      {!online && <div className="banner banner-warning" role="status">{t.connection.lost}</div>}
      <div role="status" className="toast-region">
        {assigned && (
          <a className="toast" href={href(assigned)} onClick={(e) => (e.preventDefault(), navigate(assigned), setAssigned(null))} data-testid="assignment-toast">
            {t.notify.assigned}
          </a>
        )}
        <TicketToasts {...ticketNotices} />
      </div>
      {section === 'admin' && manager && (
        <nav aria-label={t.nav.admin} className="subnav">
          {adminPages(me).map((p) => link(`admin/${p}`, t.nav[p], (rest[0] ?? 'agents') === p))}
        </nav>
      )}
      <main id="main">
        <Suspense fallback={<p className="placeholder muted">{t.common.loading}</p>}>{page}</Suspense>
      </main>
    </div>
  );
}
