// The help center in a real browser: a customer on a phone searches in Chinese, opens an article,
// switches to English and votes, with JavaScript disabled (the pages must not need it).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from './support/app.js';
import { suiteBrowser } from './support/browser.js';

describe('help center in headless Chromium', async () => {
  const app = await testApp();
  const base = await app.listen();
  const browser = await suiteBrowser();

  test('search in Chinese, open an article, switch language, vote; on a 360-pixel phone without JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/help`);
      assert.equal(new URL(page.url()).pathname, '/help/zh-CN', 'the browser language picks the Chinese pages');
      const homeOverflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      assert.ok(homeOverflow <= 0, `the home page scrolls sideways by ${homeOverflow}px on a 360-pixel screen`);

      await page.getByRole('searchbox').fill('充值没到账');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/help\/zh-CN\/search\?q=/);
      const first = page.locator('main ol li a').first();
      assert.match((await first.innerHTML()) + (await page.locator('main ol li .snippet').first().innerHTML()), /<mark>/);
      await first.click();
      await page.waitForURL(/\/help\/zh-CN\/articles\//);
      const path = new URL(page.url()).pathname;
      const zhTitle = await page.locator('article h1').textContent();
      assert.match(zhTitle ?? '', /\p{Script=Han}/u);

      await page.getByRole('link', { name: 'English' }).click();
      await page.waitForURL(/\/help\/en\/articles\//);
      assert.equal(new URL(page.url()).pathname, path.replace('/zh-CN/', '/en/'));
      const enTitle = await page.locator('article h1').textContent();
      assert.notEqual(enTitle, zhTitle);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');

      // Keyboard only: reach the "yes" answer and send.
      await page.getByLabel('Yes').check();
      await page.getByLabel(/How can we improve it/).fill('Clear steps, thank you');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.waitForURL(/voted=1/);
      assert.equal(await page.getByRole('status').textContent(), 'Thank you for your feedback.');
      const articleId = path.split('/').pop()!;
      const [votes] = await app.db.query<{ n: number }>('select count(*)::int as n from kb_votes where article_id = $1 and helpful', [articleId]);
      assert.equal(votes!.n, 1);

      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      assert.ok(overflow <= 0, `the article page scrolls sideways by ${overflow}px on a 360-pixel screen`);
    } finally {
      await context.close();
    }
  });
});
