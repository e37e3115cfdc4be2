import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../../shared/tokens.css';
import './demo.css';
import { catalogs, pickLocale, type Locale } from '../i18n/index.js';
import { formatMoney, formatTime } from '../chat/format.js';

// The demo wallet page: a pretend wallet app that embeds the widget with the one script tag a real
// host page uses, signed in as the demo customer the visitor picks (or anonymous).

interface DemoCustomer {
  id: string;
  displayName: string;
  locale: Locale;
  currency: string;
}

interface Wallet {
  profile: { displayName: string; status: string; balances: { amount: number; currency: string }[] };
  transactions: { reference: string; type: string; status: string; amount: number; currency: string; counterparty: string | null; createdAt: string }[];
}

const anonymous = '';

/** What a wallet backend does when its signed-in user opens support: sign a token for them. */
async function customerToken(customer: DemoCustomer): Promise<string> {
  const response = await fetch('/api/v1/demo/customer-tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customerId: customer.id, name: customer.displayName, locale: customer.locale }) });
  return ((await response.json()) as { token: string }).token;
}

let loaderAdded = false;

function startWidget(customer: DemoCustomer | undefined, locale: Locale) {
  const settings = { locale, getToken: () => (customer ? customerToken(customer) : null) };
  if (window.WalletDesk) return window.WalletDesk.init(settings);
  // Until the loader has run, it picks up the latest settings from here.
  window.WalletDeskSettings = settings;
  if (loaderAdded) return;
  loaderAdded = true;
  const script = document.createElement('script');
  script.src = '/widget/widget.js';
  // In development the loader is served from source as a module.
  if (import.meta.env.DEV) script.type = 'module';
  document.head.append(script);
}

function Demo() {
  const [customers, setCustomers] = useState<DemoCustomer[]>([]);
  const [selected, setSelected] = useState(() => new URLSearchParams(location.search).get('customer') ?? localStorage.getItem('walletdesk.demo.customer') ?? anonymous);
  const [locale, setLocale] = useState<Locale>(() => pickLocale(new URLSearchParams(location.search).get('lang') ?? navigator.language));
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [failed, setFailed] = useState(false);
  const t = catalogs[locale].demo;
  const customer = customers.find((c) => c.id === selected);

  useEffect(() => {
    fetch('/api/v1/demo/customers').then((r) => r.json() as Promise<{ items: DemoCustomer[] }>).then((body) => setCustomers(body.items), () => setFailed(true));
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${t.title} · WalletDesk`;
  }, [locale]);

  // A demo customer can be shown once the list (with their name and language) has arrived.
  const ready = selected === anonymous || customers.length > 0;
  useEffect(() => {
    if (!ready) return;
    localStorage.setItem('walletdesk.demo.customer', selected);
    setWallet(null);
    startWidget(customer, locale);
    if (customer) {
      fetch(`/api/v1/demo/customers/${customer.id}/wallet`).then((r) => (r.ok ? (r.json() as Promise<Wallet>) : Promise.reject(new Error(String(r.status))))).then(setWallet, () => setFailed(true));
    }
  }, [selected, ready, locale]);

  const statusNote = wallet?.profile.status === 'frozen' ? t.statusFrozen : wallet?.profile.status === 'locked' ? t.statusLocked : null;
  return (
    <div class="demo">
      <header class="demo-bar">
        <span class="demo-logo" aria-hidden="true">◎</span>
        <h1>{t.title}</h1>
        <button type="button" class="demo-lang" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')} lang={locale === 'zh-CN' ? 'en' : 'zh-CN'} aria-label={catalogs[locale].chat.switchLanguageLabel}>{catalogs[locale].chat.switchLanguage}</button>
      </header>
      <main>
        <p class="demo-intro">{t.intro}</p>
        <label class="demo-who">
          {t.chooseCustomer}
          <select value={selected} onChange={(e) => setSelected(e.currentTarget.value)}>
            <option value={anonymous}>{t.anonymous}</option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>{c.displayName} ({c.id})</option>
            ))}
          </select>
        </label>
        {failed && <p role="alert">{t.loadFailed}</p>}
        {customer ? (
          <>
            <section class="demo-card demo-balance" aria-label={t.balance}>
              <p class="demo-muted">{t.balance} · {customer.displayName}</p>
              {wallet?.profile.balances.map((b) => <p class="demo-amount" key={b.currency}>{formatMoney(b, locale)}</p>)}
              {statusNote && <p class="demo-status">{statusNote}</p>}
            </section>
            <section class="demo-card">
              <h2>{t.recent}</h2>
              {wallet && wallet.transactions.length === 0 && <p>{t.noTransactions}</p>}
              <ul class="demo-transactions">
                {wallet?.transactions.map((tx) => (
                  <li key={tx.reference}>
                    <span>
                      <strong>{catalogs[locale].chat.transactionTypes[tx.type] ?? tx.type}</strong>
                      {tx.counterparty && ` · ${tx.counterparty}`}
                      <br />
                      <time class="demo-muted" dateTime={tx.createdAt}>{formatTime(tx.createdAt, locale)}</time>
                    </span>
                    <span class="demo-right">
                      {formatMoney(tx, locale)}
                      <br />
                      <span class={`demo-tx-status demo-tx-${tx.status}`}>{catalogs[locale].chat.transactionStatuses[tx.status] ?? tx.status}</span>
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          </>
        ) : (
          <p class="demo-card">{t.anonymousNote}</p>
        )}
        <button type="button" class="demo-open" onClick={() => window.WalletDesk?.open()}>{t.openChat}</button>
        <nav class="demo-links">
          <a href={`/help/${locale}`}>{t.helpLink}</a>
          <a href="/console/">{t.consoleLink}</a>
        </nav>
      </main>
    </div>
  );
}

render(<Demo />, document.getElementById('app')!);
