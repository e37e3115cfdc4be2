import { after } from 'node:test';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, as .ci/run installs it; the flags keep it quiet and offline. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Promise<Browser> | undefined;

/** One headless Chromium per test process, closed when the tests end. */
export function sharedBrowser(): Promise<Browser> {
  if (!browser) {
    browser = chromium.launch({ executablePath, args });
    after(async () => (await browser!).close());
  }
  return browser;
}
