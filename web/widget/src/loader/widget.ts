// The embed loader: one script tag puts a launcher button on the host page and opens the chat in
// a frame served by WalletDesk. The host (the wallet's web app) hands over its customer's token:
//
//   <script>window.WalletDeskSettings = { getToken: () => fetch('/my/walletdesk-token').then(r => r.text()), locale: 'zh-CN' }</script>
//   <script src="https://support.example.com/widget/widget.js" async></script>
//
// Without a token the customer chats as an anonymous visitor. `WalletDesk.init(settings)` starts
// it again (after the customer signs in or out); `WalletDesk.open()` and `.close()` drive the panel.
import { launcherStrings } from '../i18n/launcher.js';
import { messageSource, type FrameToHost, type HostToFrame, type Unstamped } from '../shared/embed-messages.js';

interface Settings {
  token?: string;
  getToken?: () => string | null | Promise<string | null>;
  locale?: string;
  open?: boolean;
}

interface Api {
  init(settings?: Settings): void;
  open(): void;
  close(): void;
}

declare global {
  interface Window {
    WalletDesk?: Api;
    WalletDeskSettings?: Settings;
  }
}

const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="/widget/widget"]');
const origin = new URL(script?.src ?? location.href, location.href).origin;

// Styles are set through the DOM, not a <style> element: host pages with a strict Content Security
// Policy block inline style sheets but not that.
type Style = Partial<CSSStyleDeclaration>;
const launcherStyle: Style = { position: 'fixed', right: '20px', bottom: '20px', zIndex: '2147483000', width: '56px', height: '56px', border: '0', borderRadius: '50%', background: '#1463ff', color: '#fff', boxShadow: '0 4px 16px rgba(16,32,64,.3)', cursor: 'pointer', display: 'grid', placeItems: 'center', padding: '0' };
const frameStyle: Style = { position: 'fixed', zIndex: '2147483001', border: '0', background: '#fff', boxShadow: '0 12px 40px rgba(16,32,64,.22)' };
const desktopFrame: Style = { inset: 'auto 20px 88px auto', width: '380px', height: 'min(640px, calc(100vh - 108px))', borderRadius: '12px' };
// On a phone the chat takes the whole screen and has its own close button.
const phoneFrame: Style = { inset: '0', width: '100%', height: '100%', borderRadius: '0' };
const phone = window.matchMedia('(max-width: 480px)');

const chatIcon = '<svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28"><path fill="currentColor" d="M4 4h16a2 2 0 012 2v10a2 2 0 01-2 2H9l-5 4v-4a2 2 0 01-2-2V6a2 2 0 012-2z"/></svg>';
const closeIcon = '<svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 6l12 12M18 6L6 18"/></svg>';

function localeOf(settings: Settings): 'zh-CN' | 'en' {
  const wanted = settings.locale ?? document.documentElement.lang ?? navigator.language;
  return /^zh/i.test(wanted || navigator.language) ? 'zh-CN' : 'en';
}

function mount(settings: Settings) {
  let locale = localeOf(settings);
  const root = document.createElement('div');
  root.className = 'wd-embed';
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'wd-launcher';
  launcher.setAttribute('aria-expanded', 'false');
  Object.assign(launcher.style, launcherStyle);
  root.append(launcher);
  document.body.append(root);
  let frame: HTMLIFrameElement | null = null;
  const layout = () => {
    const open = root.classList.contains('wd-open');
    if (frame) Object.assign(frame.style, phone.matches ? phoneFrame : desktopFrame, { display: open ? 'block' : 'none' });
    launcher.style.display = open && phone.matches ? 'none' : 'grid';
  };
  phone.addEventListener('change', layout);

  const label = () => {
    const open = root.classList.contains('wd-open');
    launcher.innerHTML = open ? closeIcon : chatIcon;
    launcher.setAttribute('aria-label', launcherStrings[locale][open ? 'close' : 'open']);
    launcher.setAttribute('aria-expanded', String(open));
  };
  const post = (message: Unstamped<HostToFrame>) => frame?.contentWindow?.postMessage({ source: messageSource, ...message }, origin);
  const token = async () => settings.token ?? (settings.getToken ? await settings.getToken() : null);

  const onMessage = (event: MessageEvent<FrameToHost>) => {
    if (!frame || event.source !== frame.contentWindow || event.origin !== origin || event.data?.source !== messageSource) return;
    if (event.data.type === 'token-request') void token().then((t) => post({ type: 'token', token: t }), () => post({ type: 'token', token: null }));
    if (event.data.type === 'close') setOpen(false);
    if (event.data.type === 'locale') {
      locale = event.data.locale === 'en' ? 'en' : 'zh-CN';
      label();
    }
  };
  window.addEventListener('message', onMessage);

  function setOpen(open: boolean) {
    if (open && !frame) {
      // The frame loads on first open, so a page that never opens the chat pays for one button.
      frame = document.createElement('iframe');
      frame.className = 'wd-frame';
      frame.title = launcherStrings[locale].frame;
      frame.src = `${origin}/chat?embed=1&lang=${locale}`;
      frame.setAttribute('allow', 'clipboard-write');
      Object.assign(frame.style, frameStyle);
      frame.addEventListener('load', () => root.classList.contains('wd-open') && focusChat());
      root.append(frame);
    }
    root.classList.toggle('wd-open', open);
    layout();
    label();
    if (open) focusChat();
    else launcher.focus();
  }
  function focusChat() {
    frame!.focus();
    post({ type: 'open' });
  }

  launcher.addEventListener('click', () => setOpen(!root.classList.contains('wd-open')));
  label();
  if (settings.open) setOpen(true);
  return {
    setOpen,
    destroy() {
      window.removeEventListener('message', onMessage);
      phone.removeEventListener('change', layout);
      root.remove();
    },
  };
}

let current: ReturnType<typeof mount> | undefined;
const whenReady = (fn: () => void) => (document.body ? fn() : document.addEventListener('DOMContentLoaded', fn, { once: true }));

// A page that includes the script twice still gets one launcher.
if (!window.WalletDesk) {
  window.WalletDesk = {
    init(settings = {}) {
      whenReady(() => {
        current?.destroy();
        current = mount(settings);
      });
    },
    open: () => whenReady(() => current?.setOpen(true)),
    close: () => whenReady(() => current?.setOpen(false)),
  };
  window.WalletDesk.init(window.WalletDeskSettings ?? { locale: script?.dataset.locale });
}
