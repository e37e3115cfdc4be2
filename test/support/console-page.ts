// The staff side of WalletDesk in a real browser, as reusable steps: signing in to the console,
// presence, the inbox and a conversation (canned replies, guard refusals, resolving) and the
// supervisor dashboard. Selectors are roles and labels where the page has them, so the steps read
// like what an agent does; labels are passed in so the same steps work in zh-CN and en.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { horizontalOverflow, screenshot, viewports, type ViewportName } from './widget-page.js';

const wait = { timeout: 15_000 };

export async function newStaffContext(browser: Browser, options: { viewport: ViewportName; locale: 'zh-CN' | 'en' }): Promise<BrowserContext> {
  return browser.newContext({ viewport: viewports[options.viewport], locale: options.locale, hasTouch: options.viewport === 'phone', isMobile: options.viewport === 'phone' });
}

/** Opens /console, signs in through the form and waits for the workspace. */
export async function signInToConsole(context: BrowserContext, base: string, email: string, password: string): Promise<Page> {
  const page = await context.newPage();
  // DEBUG_BROWSER=1 shows what the page logs and throws, for a failing run.
  if (process.env.DEBUG_BROWSER) {
    page.on('console', (m) => process.stderr.write(`[console ${m.type()}] ${m.text()}\n`));
    page.on('response', (r) => r.status() >= 400 && process.stderr.write(`[http ${r.status()}] ${r.request().method()} ${r.url()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.stack ?? e.message}\n`));
  }
  await page.goto(`${base}/console/inbox`);
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('input[type=password]').press('Enter');
  await page.locator('.topbar').waitFor(wait);
  return page;
}

export async function setPresence(page: Page, presence: 'online' | 'away' | 'offline'): Promise<void> {
  const response = page.waitForResponse((r) => r.url().endsWith('/api/v1/me/presence') && r.request().method() === 'PUT');
  await page.getByTestId('presence').selectOption(presence);
  if (!(await response).ok()) throw new Error('presence was not changed');
}

/** The inbox entry of a conversation; waits until the live inbox shows it. */
export async function inboxEntry(page: Page, conversationId: string): Promise<Locator> {
  const entry = page.locator(`[data-testid=inbox-list] a[data-conversation-id="${conversationId}"]`);
  await entry.waitFor(wait);
  return entry;
}

export async function openConversation(page: Page, conversationId: string): Promise<void> {
  await (await inboxEntry(page, conversationId)).click();
  await page.getByTestId('timeline').waitFor(wait);
}

/** Follows the in-page notice of a new assignment to the conversation; returns its id. */
export async function openAssignment(page: Page): Promise<string> {
  const toast = page.getByTestId('assignment-toast');
  await toast.waitFor(wait);
  const path = (await toast.getAttribute('href')) ?? '';
  await toast.click();
  await page.getByTestId('timeline').waitFor(wait);
  return path.split('/').pop()!;
}

/** Timeline entries (messages, and notes with author "note"). */
export const timelineMessages = (page: Page, author?: 'customer' | 'bot' | 'agent' | 'system'): Locator =>
  page.locator(author ? `[data-testid=timeline] li[data-author=${author}]` : '[data-testid=timeline] li[data-seq]');

export async function waitForTimelineMessage(page: Page, author: 'customer' | 'bot' | 'agent' | 'system', text: string | RegExp): Promise<Locator> {
  const message = timelineMessages(page, author).filter({ hasText: text }).last();
  await message.waitFor(wait);
  return message;
}

/** Types "/shortcut", picks the canned response with the keyboard and returns the filled-in text for review. */
export async function fillCanned(page: Page, shortcut: string): Promise<string> {
  const box = page.getByTestId('composer');
  await box.fill(`/${shortcut}`);
  await page.getByTestId('canned-list').waitFor(wait);
  await box.press('Enter');
  // The server filled it in when the shortcut is gone (a string: this file compiles without DOM types).
  await page.waitForFunction("!document.querySelector('[data-testid=composer]').value.startsWith('/')", undefined, wait);
  return box.inputValue();
}

/** Sends what is in the composer and waits until the server has stored it as an agent message. */
export async function sendReply(page: Page, text?: string): Promise<void> {
  const box = page.getByTestId('composer');
  if (text !== undefined) await box.fill(text);
  const sent = (await box.inputValue()).trim();
  await box.press('Enter');
  await waitForTimelineMessage(page, 'agent', sent);
}

/** Tries to send a reply the guard must refuse; returns the refusal shown to the agent. */
export async function sendRefusedReply(page: Page, text: string): Promise<string> {
  const box = page.getByTestId('composer');
  await box.fill(text);
  await box.press('Enter');
  const refusal = page.getByTestId('guard-refusal');
  await refusal.waitFor(wait);
  return (await refusal.textContent()) ?? '';
}

export async function resolveConversation(page: Page, code: string, buttonLabel: string | RegExp): Promise<void> {
  await page.getByTestId('resolution-code').selectOption(code);
  const response = page.waitForResponse((r) => r.url().endsWith('/resolve') && r.request().method() === 'POST');
  await page.getByRole('button', { name: buttonLabel, exact: true }).click();
  if (!(await response).ok()) throw new Error('resolving failed');
}

export interface DashboardFigures { waiting: string; volume: string; handedOver: string; rating: string; containment: string }

/** Opens the dashboard and reads its headline figures. */
export async function openDashboard(page: Page, base: string): Promise<DashboardFigures> {
  await page.goto(`${base}/console/dashboard`);
  await page.getByTestId('kpis').waitFor(wait);
  await page.locator('canvas').first().waitFor(wait);
  const value = async (id: string) => ((await page.getByTestId(id).locator('.kpi-value').textContent()) ?? '').trim();
  return { waiting: await value('kpi-waiting'), volume: await value('kpi-volume'), handedOver: await value('kpi-handed-over'), rating: await value('kpi-rating'), containment: await value('kpi-containment') };
}

/** Screenshots a console page at every size, and checks that none of them scrolls sideways. */
export async function shootBoth(page: Page, name: string): Promise<void> {
  for (const size of Object.keys(viewports) as ViewportName[]) {
    await page.setViewportSize(viewports[size]);
    await screenshot(page, `${name}-${size}`);
    assert.ok((await horizontalOverflow(page)) <= 0, `${name} scrolls sideways at ${size} size`);
  }
  await page.setViewportSize(viewports.desktop);
}
