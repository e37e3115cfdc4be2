import { render } from 'preact';
import '../../../shared/tokens.css';
import './chat.css';
import { pickLocale, type Locale } from '../i18n/index.js';
import { messageSource, type FrameToHost, type HostToFrame, type Unstamped } from '../shared/embed-messages.js';
import { App } from './App.js';
import { ChatClient } from './client.js';
import { visitorToken } from './rest.js';

// The chat page. Two ways in:
// - inside the embed loader's frame (?embed=1): the host page hands over the customer's token on
//   request, and again whenever it has expired;
// - as a full page in an app's WebView (/chat#token=...&lang=...): the app puts the token in the
//   fragment, which never reaches a server log.
// Without a token the customer chats as an anonymous visitor.

const params = new URLSearchParams(location.search);
const fragment = new URLSearchParams(location.hash.slice(1));
const embedded = params.get('embed') === '1' && window.parent !== window;
const locale: Locale = pickLocale(params.get('lang') ?? fragment.get('lang') ?? navigator.language);
const pageToken = fragment.get('token');
if (location.hash) history.replaceState(null, '', location.pathname + location.search);

// Browsers that block storage in third-party frames throw on access: the chat still works, it
// just forgets the visitor when the page closes.
function storage(): Pick<Storage, 'getItem' | 'setItem'> {
  try {
    localStorage.setItem('walletdesk.probe', '1');
    return localStorage;
  } catch {
    const memory = new Map<string, string>();
    return { getItem: (key) => memory.get(key) ?? null, setItem: (key, value) => void memory.set(key, value) };
  }
}
const store = storage();

function toHost(message: Unstamped<FrameToHost>) {
  window.parent.postMessage({ source: messageSource, ...message }, '*');
}

/** Asks the host page for a fresh token; null means the customer is not signed in there. */
function tokenFromHost(): Promise<string | null> {
  return new Promise((resolve) => {
    const listen = (event: MessageEvent<HostToFrame>) => {
      if (event.source !== window.parent || event.data?.source !== messageSource || event.data.type !== 'token') return;
      window.removeEventListener('message', listen);
      resolve(event.data.token);
    };
    window.addEventListener('message', listen);
    toHost({ type: 'token-request' });
  });
}

// A WebView's token cannot be refreshed from here: once it expires the chat says so, and the app
// opens it again with a fresh one.
async function token(): Promise<string> {
  const given = embedded ? await tokenFromHost() : pageToken;
  return given ?? visitorToken(store);
}

const client = new ChatClient({ url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/realtime`, language: locale, token, storage: store });
client.start();

if (embedded) {
  window.addEventListener('message', (event: MessageEvent<HostToFrame>) => {
    if (event.source === window.parent && event.data?.source === messageSource && event.data.type === 'open') {
      document.querySelector<HTMLTextAreaElement>('.wd-composer textarea')?.focus();
      client.markRead();
    }
  });
}

render(
  <App client={client} locale={locale} onClose={embedded ? () => toHost({ type: 'close' }) : undefined} onLocale={embedded ? (next) => toHost({ type: 'locale', locale: next }) : undefined} />,
  document.getElementById('app')!,
);
