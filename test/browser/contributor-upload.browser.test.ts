import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestStack, type TestStack } from '../support/stack';
import { MEDIA_DIR } from '../support/multipart';
import { axeViolations, launchBrowser, phonePage } from '../support/browser';

/**
 * A contributor on a phone-sized browser: the demo campaign's plain form (no script needed),
 * consent, a video, then the receipt with the clip once processed. English and Welsh.
 */
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack({ workers: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('contributor upload page', () => {
  it('sends a video without JavaScript and shows a receipt that later plays the clip', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/c/demo`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: /start now/i }).click();

    // The consent questions, one page each, each a plain form post.
    const next = () => page.locator('form[data-keep-answers] button.govuk-button').click();
    await page.locator('input[name="scope"][value="jury"]').check();
    await next();
    await page.locator('input[name="sendingFor"][value="self"]').check();
    await next();
    await page.locator('input[name="over18"][value="yes"]').check();
    await next();
    await page.locator('input[name="othersAppear"][value="no"]').check();
    await next();
    await page.locator('input[name="healthDetailsAgreed"][value="yes"]').check();
    await next();
    await page.locator('#displayName').fill('Carer from Conwy');
    await next();
    await page.waitForURL(/\/check$/);
    await page.getByRole('button', { name: /continue to send/i }).click();

    await page.locator('#video').setInputFiles(path.join(MEDIA_DIR, 'welsh-speech.mp4'));
    await Promise.all([
      page.waitForURL(/\/r\/[A-Za-z0-9_-]{43}$/),
      page.getByRole('button', { name: /send my video/i }).click(),
    ]);

    const receiptUrl = page.url();
    expect(await page.locator('body').innerText()).toContain(receiptUrl);

    // Processing runs in the in-process worker; the receipt says so until the clip is ready.
    const until = Date.now() + 120_000;
    while (!(await page.locator('video').count()) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 1000));
      await page.reload();
    }
    const src = await page
      .locator('video source, video')
      .first()
      .evaluate((el) => (el as unknown as { src: string }).src);
    expect(src).toMatch(/\/media\/720p\.mp4$/);
    const media = await page.request.get(src, { headers: { range: 'bytes=0-1023' } });
    expect(media.status()).toBe(206);
    await context.close();

    // The same pages with JavaScript on pass the automated accessibility check.
    const checked = await phonePage(browser);
    for (const url of [`${stack.baseUrl}/c/demo`, receiptUrl, `${receiptUrl}/withdraw`]) {
      await checked.goto(url);
      expect({ url, violations: await axeViolations(checked) }).toEqual({ url, violations: [] });
    }
    await checked.context().close();
  });

  it('switches language on a question and keeps the place and what was typed', async () => {
    const page = await phonePage(browser);
    await page.goto(`${stack.baseUrl}/c/demo/consent/name?lang=en`);
    await page.locator('#displayName').fill('Siân');
    // With JavaScript the switch saves the typed answer first (steps.js), then shows Welsh.
    await Promise.all([
      page.waitForURL(/consent\/name\?lang=cy/),
      page.locator('.govuk-language-navigation__link[lang="cy"]').click(),
    ]);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.locator('#displayName').inputValue()).toBe('Siân');
    expect(await axeViolations(page)).toEqual([]);
    // An error in Welsh keeps the answer too.
    await page.locator('#displayName').fill('<b>');
    await page.locator('form[data-keep-answers] button.govuk-button').click();
    expect(await page.locator('.govuk-error-summary a[href="#displayName"]').count()).toBe(1);
    expect(await page.locator('#displayName').inputValue()).toBe('<b>');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
