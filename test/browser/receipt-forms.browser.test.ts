import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../src/db/users.queries';
import { axeViolations, launchBrowser, phonePage } from '../support/browser';
import { MEDIA_DIR, postMultipart, validConsent } from '../support/multipart';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The receipt's forms on a phone-sized Chromium (issue 7): a new version sent resumably (tus)
 * after a change request, captions typed in, each page passing axe's WCAG 2.2 AA rules in
 * English and Welsh; and the consent answers cookie cleared after a resumable upload.
 */
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function noViolations(page: Page) {
  const url = page.url();
  expect({ url, violations: await axeViolations(page) }).toEqual({ url, violations: [] });
}

async function submission(): Promise<{ id: string; token: string }> {
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    {
      filename: 'welsh-speech.mp4',
      body: createReadStream(path.join(MEDIA_DIR, 'welsh-speech.mp4')),
    },
  );
  expect(res.status).toBe(201);
  return res.json() as { id: string; token: string };
}

async function setStatus(id: string, status: 'awaiting_review' | 'changes_requested') {
  await stack.deps.db.updateTable('submissions').set({ status }).where('id', '=', id).execute();
}

it('sends a new version resumably after a change request, with no violations', async () => {
  const { id, token } = await submission();
  const moderator = await createUser(stack.deps.db, {
    email: 'receipt-browser@example.org',
    role: 'moderator',
    password: 'a long enough password',
  });
  await stack.deps.db
    .insertInto('reviews')
    .values({
      submission_id: id,
      media_version: 1,
      user_id: moderator.id,
      decision: 'request_changes',
      consent_check: true,
      content_check: false,
      reason_code: null,
      note: 'Please leave out the street sign.',
    })
    .execute();
  await setStatus(id, 'changes_requested');

  const page = await phonePage(browser);
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/')) sent.push(r.method());
  });
  await page.goto(`${stack.baseUrl}/r/${token}`);
  await noViolations(page);
  await page.getByRole('button', { name: /send a new version/i }).click();
  await page.waitForURL(/\/new-version$/);
  expect(await page.locator('main').innerText()).toContain('Please leave out the street sign.');
  await noViolations(page);

  // No file chosen: upload.js says so, linked to the field, before anything is sent.
  await page.locator('#upload-submit').click();
  await page.locator('#client-errors .govuk-error-summary').waitFor();
  expect(sent).toEqual([]);
  await noViolations(page);

  await page.locator('#video').setInputFiles(path.join(MEDIA_DIR, 'android-vfr.mp4'));
  await Promise.all([
    page.waitForURL(new RegExp(`/r/${token}\\?sent=version$`), { timeout: 60_000 }),
    page.locator('#upload-submit').click(),
  ]);
  expect(sent).toContain('PATCH');
  await page.locator('.govuk-notification-banner--success').waitFor();
  await noViolations(page);
  const row = await stack.deps.db
    .selectFrom('submissions')
    .select(['status', 'media_version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ status: 'uploaded', media_version: 2 });

  // In Welsh too.
  await setStatus(id, 'changes_requested');
  await page.goto(`${stack.baseUrl}/r/${token}/new-version?lang=cy`);
  expect(await page.getAttribute('html', 'lang')).toBe('cy');
  await noViolations(page);
  await page.context().close();
});

it('takes typed captions, shows a refusal accessibly, in English and Welsh', async () => {
  const { id, token } = await submission();
  await setStatus(id, 'awaiting_review');
  const page = await phonePage(browser);
  await page.goto(`${stack.baseUrl}/r/${token}`);
  await page.getByRole('link', { name: /add or correct captions/i }).click();
  await page.waitForURL(/\/captions$/);
  await noViolations(page);

  // Nothing given: the server's error summary, linked to the file field.
  await page.getByRole('button', { name: /save captions/i }).click();
  await page.locator('.govuk-error-summary').waitFor();
  await noViolations(page);

  await page.getByLabel(/type what you say/i).fill('Bore da. I look after my dad.');
  await page.getByRole('button', { name: /save captions/i }).click();
  await page.waitForURL(/\?captions=pending/);
  expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
    'matching your words',
  );
  await noViolations(page);

  await page.goto(`${stack.baseUrl}/r/${token}/captions?lang=cy`);
  expect(await page.getAttribute('html', 'lang')).toBe('cy');
  await noViolations(page);
  await page.context().close();
});

it('clears the consent answers cookie after a resumable (JavaScript) upload', async () => {
  const page = await phonePage(browser);
  const answers = {
    scope: ['jury'],
    sendingFor: 'self',
    over18: 'yes',
    othersAppear: 'no',
    healthDetailsAgreed: 'yes',
    displayName: 'Carer from Conwy',
  };
  const { hostname } = new URL(stack.baseUrl);
  await page.context().addCookies([
    {
      name: 'consent_answers',
      value: Buffer.from(JSON.stringify(answers)).toString('base64url'),
      domain: hostname,
      path: '/c/demo',
    },
  ]);
  await page.goto(`${stack.baseUrl}/c/demo/upload`);
  await page.waitForURL(/\/c\/demo\/upload$/); // complete answers: no step to go back to
  const before = await page.context().cookies(`${stack.baseUrl}/c/demo/upload`);
  expect(before.map((c) => c.name)).toContain('consent_answers');
  await page.locator('#video').setInputFiles(path.join(MEDIA_DIR, 'welsh-speech.mp4'));
  await Promise.all([
    page.waitForURL(/\/r\/[A-Za-z0-9_-]{43}$/, { timeout: 60_000 }),
    page.locator('#upload-submit').click(),
  ]);
  const cookies = await page.context().cookies(`${stack.baseUrl}/c/demo/upload`);
  expect(cookies.map((c) => c.name)).not.toContain('consent_answers');
  await page.context().close();
});
