import { after } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { gated } from './setup-gate.js';

/** Debian's chromium, as .ci/run installs it; the flags keep it quiet and offline. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A headless Chromium for the calling suite, closed when the suite ends. One per suite, not one
 * per process: `after` belongs to the suite that registers it, so a browser shared across files
 * would be closed under the next file's feet when the first file finishes.
 */
export async function suiteBrowser(): Promise<Browser> {
  const browser = await gated(() => chromium.launch({ executablePath, args }));
  after(() => browser.close());
  return browser;
}
