import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../src/db/users.queries';
import { axeViolations, launchBrowser } from '../support/browser';
import { MEDIA_DIR, postMultipart, validConsent } from '../support/multipart';
import { startTestStack, type TestStack } from '../support/stack';
import { findDemoCampaign } from '../support/test-database';

/**
 * A moderator on a laptop-sized browser: signs in, finds the clip in the queue, claims it,
 * watches it beside the consent record, ticks both checks and approves. Every page passes the
 * automated accessibility check, in English and Welsh.
 */
let stack: TestStack;
let browser: Browser;
const PASSWORD = 'a long moderator password';
let submissionId: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack({ workers: true }), launchBrowser()]);
  const demo = await findDemoCampaign(stack.deps.db);
  await createUser(stack.deps.db, {
    email: 'moderator@example.org',
    role: 'moderator',
    password: PASSWORD,
    campaignIds: [demo.id],
  });
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    {
      campaign: 'demo',
      consent: JSON.stringify({ ...validConsent, displayName: 'Carer in Gwynedd' }),
    },
    { filename: 'clip.mp4', body: createReadStream(path.join(MEDIA_DIR, 'welsh-speech.mp4')) },
  );
  expect(res.status).toBe(201);
  submissionId = res.json().id as string;
  // The in-process workers probe and transcode the clip for real.
  const until = Date.now() + 120_000;
  for (;;) {
    const s = await stack.deps.db
      .selectFrom('submissions')
      .select('status')
      .where('id', '=', submissionId)
      .executeTakeFirstOrThrow();
    if (s.status === 'awaiting_review') break;
    if (s.status === 'failed' || Date.now() > until) throw new Error(`clip ended ${s.status}`);
    await new Promise((r) => setTimeout(r, 500));
  }
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function laptopPage(): Promise<Page> {
  // bypassCSP lets the test inject axe-core; the pages' own CSP is tested elsewhere.
  const context = await browser.newContext({
    bypassCSP: true,
    viewport: { width: 1280, height: 800 },
  });
  return context.newPage();
}

async function expectAccessible(page: Page) {
  const url = page.url();
  expect({ url, violations: await axeViolations(page) }).toEqual({ url, violations: [] });
}

describe('moderator review pages', () => {
  it('signs in, claims, reviews and approves a clip', async () => {
    const page = await laptopPage();
    await page.goto(`${stack.baseUrl}/staff/`);
    expect(page.url()).toContain('/staff/login');
    await expectAccessible(page);

    await page.locator('#email').fill('moderator@example.org');
    await page.locator('#password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('not right');
    await expectAccessible(page);

    await page.locator('#password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/staff\/$/),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toBe('Videos to review');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Review video 1' }).click();
    await page.waitForURL(new RegExp(`/staff/submissions/${submissionId}$`));
    expect(await page.locator('body').innerText()).toContain('Carer in Gwynedd');
    expect(await page.locator('video').getAttribute('poster')).toMatch(/poster\.jpg$/);
    const src = (await page.locator('video').getAttribute('src')) ?? '';
    const media = await page.request.get(`${stack.baseUrl}${src}`, {
      headers: { range: 'bytes=0-1023' },
    });
    expect(media.status()).toBe(206);

    await page.getByRole('button', { name: 'Claim this video' }).click();
    await page.waitForURL(new RegExp(`/staff/submissions/${submissionId}`));
    expect(await page.locator('body').innerText()).toContain('You are reviewing this video');
    await expectAccessible(page);

    // Approving with a check missing is refused with an error summary, answers kept.
    await page.getByLabel('The recorded consent covers everyone').check();
    await page.getByRole('button', { name: 'Approve' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('consent check');
    await expectAccessible(page);

    for (const label of [
      'No personal details',
      'No one who can be identified',
      'I saw no sign of abuse or neglect',
      'There is no self-harm',
      'The captions are accurate',
    ]) {
      await page.getByLabel(label).check();
    }
    await page.getByLabel('The recorded consent covers everyone').check();
    await Promise.all([
      page.waitForURL(/\/staff\/\?done=1/),
      page.getByRole('button', { name: 'Approve' }).click(),
    ]);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('recorded');
    const row = await stack.deps.db
      .selectFrom('submissions')
      .select('status')
      .where('id', '=', submissionId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('approved');

    await page.goto(`${stack.baseUrl}/staff/?lang=cy`);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.locator('h1').innerText()).toBe("Fideos i'w hadolygu");
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Allgofnodi' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Allgofnodi' }).click();
    await page.waitForURL(/\/staff\/login/);
    await page.goto(`${stack.baseUrl}/staff/`);
    expect(page.url()).toContain('/staff/login');
    await page.context().close();
  });

  it('shows the admin pages for staff, escalations and uploads on a contributor’s behalf', async () => {
    await createUser(stack.deps.db, {
      email: 'admin-pages@example.org',
      role: 'admin',
      password: PASSWORD,
    });
    const page = await laptopPage();
    await page.goto(`${stack.baseUrl}/staff/login`);
    await page.locator('#email').fill('admin-pages@example.org');
    await page.locator('#password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/staff\/$/),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await page.goto(`${stack.baseUrl}/staff/admin/staff`);
    expect(await page.locator('h1').innerText()).toBe('Staff accounts');
    await expectAccessible(page);
    // A refused form keeps its error summary accessible too.
    await page.locator('#email').fill('not an email');
    await page.locator('#password').fill('a temporary password 1');
    await page.getByRole('button', { name: 'Add account' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('email address');
    await expectAccessible(page);
    await page.goto(`${stack.baseUrl}/staff/admin/escalations?lang=cy`);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await expectAccessible(page);
    await page.goto(`${stack.baseUrl}/staff/upload-on-behalf`);
    // The language chosen above is remembered.
    expect(await page.locator('h1').innerText()).toBe('Llwytho fideo i fyny ar ran cyfrannwr');
    await expectAccessible(page);
    await page.context().close();
  });
});
