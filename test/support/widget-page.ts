// The customer's side of WalletDesk in a real browser, as reusable steps: the demo wallet page with
// the embedded widget, the full-page chat an app opens in a WebView, and what a customer does in
// the chat. Works on the embedded frame and the full page alike (both are a `ChatScope`).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';

export const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } } as const;
export type ViewportName = keyof typeof viewports;
export type ChatScope = Page | FrameLocator;
export type Author = 'customer' | 'bot' | 'agent' | 'system';

const wait = { timeout: 15_000 };

export async function newCustomerContext(browser: Browser, options: { viewport: ViewportName; locale: string }): Promise<BrowserContext> {
  return browser.newContext({ viewport: viewports[options.viewport], locale: options.locale, acceptDownloads: true, hasTouch: options.viewport === 'phone', isMobile: options.viewport === 'phone' });
}

/** The demo wallet page, signed in as a demo customer (or anonymous), widget still closed. */
export async function openDemoWallet(context: BrowserContext, base: string, options: { customer?: string; lang: 'zh-CN' | 'en' }): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/demo?lang=${options.lang}`);
  await page.locator('.wd-launcher').waitFor(wait);
  if (options.customer) {
    await page.locator('.demo-who select').selectOption(options.customer);
    await page.locator('.demo-amount').first().waitFor(wait);
  }
  return page;
}

/** Opens the widget from its launcher with the keyboard, as a screen-reader user would. */
export async function openWidget(page: Page): Promise<FrameLocator> {
  await page.locator('.wd-launcher').focus();
  await page.keyboard.press('Enter');
  const chat = page.frameLocator('iframe.wd-frame');
  await composer(chat).waitFor(wait);
  return chat;
}

/** The full-page chat an app opens in its WebView, with the token it signed in the fragment. */
export async function openChatPage(context: BrowserContext, base: string, options: { token?: string; lang: 'zh-CN' | 'en' }): Promise<Page> {
  const page = await context.newPage();
  const fragment = options.token ? `#token=${encodeURIComponent(options.token)}` : '';
  await page.goto(`${base}/chat?lang=${options.lang}${fragment}`);
  await composer(page).waitFor(wait);
  return page;
}

/** What a wallet backend does for its signed-in user (demo installs mint it for demo customers). */
export async function demoCustomerToken(base: string, customerId: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/demo/customer-tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customerId }) });
  if (!response.ok) throw new Error(`demo token: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export const composer = (chat: ChatScope): Locator => chat.locator('.wd-composer textarea');

/** Shown messages (not the ones still being sent), optionally only one author's. */
export const messages = (chat: ChatScope, author?: Author): Locator => chat.locator(author ? `li.wd-message.wd-from-${author}[data-seq]` : 'li.wd-message[data-seq]');

/** Waits until a message of this author with this text is shown, and returns it. */
export async function waitForMessage(chat: ChatScope, author: Author, text: string | RegExp): Promise<Locator> {
  const message = messages(chat, author).filter({ hasText: text }).last();
  await message.waitFor(wait);
  return message;
}

/** Waits for a message of this author after the given sequence number (an answer), and returns it. */
export async function waitForAnswer(chat: ChatScope, author: Author, afterSeq: number): Promise<Locator> {
  const last = messages(chat, author).last();
  for (const started = Date.now(); Date.now() - started < wait.timeout; await new Promise((r) => setTimeout(r, 100))) {
    if ((await last.count()) > 0 && Number(await last.getAttribute('data-seq')) > afterSeq) return last;
  }
  throw new Error(`no ${author} message after seq ${afterSeq}`);
}

export async function send(chat: ChatScope, text: string): Promise<void> {
  await composer(chat).fill(text);
  await composer(chat).press('Enter');
}

/** Sends and waits until the server has stored it (it is shown with a sequence number). */
export async function sendAndWait(chat: ChatScope, text: string | RegExp, typed?: string): Promise<Locator> {
  await send(chat, typed ?? String(text));
  return waitForMessage(chat, 'customer', text);
}

/** Asks for a person, unless the bot has handed the conversation over already; done once the customer waits or an agent has joined. */
export async function askForHuman(chat: ChatScope, label: string | RegExp): Promise<void> {
  const button = chat.getByRole('button', { name: label });
  const waiting = chat.locator('.wd-queue, .wd-panel, .wd-agent');
  await button.or(waiting).first().waitFor(wait);
  if (await button.isVisible()) await button.click();
  await waiting.first().waitFor(wait);
}

/** Rates with the keyboard: the stars are a radio group. */
export async function rate(chat: ChatScope, starLabel: string | RegExp, submit: string | RegExp): Promise<void> {
  const star = chat.getByRole('radio', { name: starLabel });
  await star.waitFor(wait);
  await star.focus();
  await star.press('Space');
  await chat.getByRole('button', { name: submit }).click();
  await chat.locator('.wd-rating').waitFor({ state: 'detached', ...wait });
}

/** Sequence numbers of the shown messages, in page order. */
export async function shownSeqs(chat: ChatScope): Promise<number[]> {
  // The tests compile without the DOM's types: read the attribute through a narrow view.
  return messages(chat).evaluateAll((items) => items.map((li) => Number((li as unknown as { dataset: { seq: string } }).dataset.seq)));
}

/** How far the page scrolls sideways (0 when it fits the screen). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
}

/**
 * Saves a screenshot to test-artifacts/screenshots/NAME.png; with UPDATE_SCREENSHOTS=1 also to
 * docs/screenshots/ (the ones the README shows).
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join('test-artifacts', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path });
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync(join('docs', 'screenshots'), { recursive: true });
    copyFileSync(path, join('docs', 'screenshots', `${name}.png`));
  }
  return path;
}
