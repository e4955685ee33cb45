import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../support/stack';
import { MEDIA_DIR } from '../support/multipart';
import { axeViolations, launchBrowser, phonePage } from '../support/browser';

/**
 * The contributor's whole journey on a phone-sized Chromium with JavaScript: landing, the
 * consent questions, check your answers, a resumable (tus) upload, the receipt. Every page
 * passes axe's WCAG 2.2 AA rules. Also: keyboard only, a connection cut mid-upload that
 * resumes to the same bytes, and a recording from Chromium's fake camera.
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

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function noViolations(page: Page) {
  const url = page.url();
  expect({ url, violations: await axeViolations(page) }).toEqual({ url, violations: [] });
}

async function storedBytes(submissionId: string): Promise<Buffer> {
  const stored = await stack.deps.store.getStream(`originals/${submissionId}/1`);
  const chunks: Buffer[] = [];
  for await (const c of stored.body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The newest submission: the one the test just sent (tests in this file run one by one). */
async function newestSubmissionId(): Promise<string> {
  const row = await stack.deps.db
    .selectFrom('submissions')
    .select('id')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Answers every question by clicking, checking each page with axe on the way. */
async function answerSteps(page: Page, name: string) {
  const cont = page.locator('form[data-keep-answers] button.govuk-button');
  await page.locator('input[name="scope"][value="jury"]').check();
  await noViolations(page);
  await cont.click();
  await page.locator('input[name="sendingFor"][value="other"]').check();
  await page.locator('#onBehalfRelationship').fill('Mam');
  await page.locator('input[name="onBehalfBasis"][value="lasting_power_of_attorney"]').check();
  await noViolations(page);
  await cont.click();
  await page.locator('input[name="over18"][value="yes"]').check();
  await noViolations(page);
  await cont.click();
  await page.locator('input[name="othersAppear"][value="no"]').check();
  await noViolations(page);
  await cont.click();
  await page.locator('input[name="healthDetailsAgreed"][value="yes"]').check();
  await noViolations(page);
  await cont.click();
  await page.locator('#displayName').fill(name);
  await noViolations(page);
  await cont.click();
  await page.waitForURL(/\/check(\?|$)/);
}

describe.each([
  [
    'en',
    'Start now',
    'Check your answers',
    'Waiting to be checked|Still arriving|Received|Being prepared',
  ],
  ['cy', 'Dechrau nawr', 'Gwiriwch eich atebion', '.'],
])('the journey in %s', (lang, start, checkTitle) => {
  it('goes from the landing page to the receipt, with no accessibility violations', async () => {
    const page = await phonePage(browser);
    await page.goto(`${stack.baseUrl}/c/demo?lang=${lang}`);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await noViolations(page);
    await page.getByRole('button', { name: start }).click();

    // An error first: the summary links to the field, and the answer is asked again.
    await page.locator('form[data-keep-answers] button.govuk-button').click();
    expect(await page.locator('.govuk-error-summary a[href="#scope"]').count()).toBe(1);
    await noViolations(page);

    await answerSteps(page, lang === 'cy' ? 'Siân' : 'Sam');
    expect(await page.locator('h1').innerText()).toBe(checkTitle);
    expect(await page.locator('.govuk-summary-list__actions a').count()).toBe(6);
    await noViolations(page);

    // A change goes back to the question and returns to the check page.
    await page.locator('.govuk-summary-list__actions a').nth(5).click();
    await page.locator('#displayName').fill('Sam B');
    await page.locator('form[data-keep-answers] button.govuk-button').click();
    await page.waitForURL(/\/check(\?|$)/);
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('Sam B');

    await page.locator('a.govuk-button[href$="/upload"]').click();
    await page.waitForURL(/\/upload$/); // loaded: upload.js has the form
    await noViolations(page);
    // A file of the wrong type is refused before a byte is sent.
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/')) sent.push(`${r.method()} ${r.url()}`);
    });
    await page.locator('#video').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello'),
    });
    await page.locator('#upload-submit').click();
    await page.locator('#client-errors .govuk-error-summary').waitFor();
    expect(sent).toEqual([]);
    await noViolations(page);

    await page.locator('#video').setInputFiles(path.join(MEDIA_DIR, 'welsh-speech.mp4'));
    await Promise.all([
      page.waitForURL(/\/r\/[A-Za-z0-9_-]{43}$/),
      page.locator('#upload-submit').click(),
    ]);
    expect(sent.some((s) => s.startsWith('POST') && s.endsWith('/api/v1/submissions'))).toBe(true);
    expect(sent.some((s) => s.startsWith('PATCH'))).toBe(true);
    expect(await page.locator('img.app-qr').getAttribute('alt')).toBeTruthy();
    await noViolations(page);
    await page.goto(`${page.url()}/withdraw`);
    await noViolations(page);
    await page.context().close();
  });
});

it('can be completed with the keyboard only (Tab, Space, Enter)', async () => {
  const page = await phonePage(browser);
  await page.goto(`${stack.baseUrl}/c/demo?lang=en`);
  const tabTo = async (selector: string) => {
    for (let i = 0; i < 80; i += 1) {
      await page.keyboard.press('Tab');
      // `:focus` asks the page which element has focus, with no DOM types needed here.
      if (await page.locator(`${selector}:focus`).count()) return;
    }
    throw new Error(`could not Tab to ${selector}`);
  };
  const submit = 'form[data-keep-answers] button.govuk-button';
  await tabTo('a.govuk-button--start');
  await page.keyboard.press('Enter');
  await page.waitForURL(/consent\/uses/);
  await tabTo('input[value="jury"]');
  await page.keyboard.press('Space');
  await tabTo(submit);
  await page.keyboard.press('Enter');
  await page.waitForURL(/consent\/for-whom/);
  await tabTo('input[name="sendingFor"]');
  await page.keyboard.press('Space');
  await tabTo(submit);
  await page.keyboard.press('Enter');
  for (const [url, field] of [
    ['age', 'over18'],
    ['others', 'othersAppear'],
    ['health', 'healthDetailsAgreed'],
  ] as const) {
    await page.waitForURL(new RegExp(`consent/${url}`));
    await tabTo(`input[name="${field}"][value="yes"]`);
    // The first radio of a group takes focus; "no" for others is the next one (arrow keys
    // would move it, but Space on "yes" is enough for the others question too).
    await page.keyboard.press('Space');
    if (field === 'othersAppear') {
      await tabTo('input[name="othersConsented"][value="yes"]');
      await page.keyboard.press('Space');
    }
    await tabTo(submit);
    await page.keyboard.press('Enter');
  }
  await page.waitForURL(/consent\/name/);
  await tabTo('#displayName');
  await page.keyboard.type('Keys');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/check/);
  await tabTo('a.govuk-button[href$="/upload"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/upload/);
  // Choosing a file opens the system picker, which no keyboard test can drive: set it directly.
  await page.locator('#video').setInputFiles(path.join(MEDIA_DIR, 'welsh-speech.mp4'));
  await tabTo('#upload-submit');
  await Promise.all([page.waitForURL(/\/r\/[A-Za-z0-9_-]{43}$/), page.keyboard.press('Enter')]);
  expect(await page.locator('body').innerText()).toContain('Keys');
  await page.context().close();
});

it('resumes an upload cut off halfway to a byte-identical object', async () => {
  // 12 MB: a real video's bytes (the type is sniffed from the start) followed by padding, so
  // the upload takes three 5 MB pieces.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lev-resume-'));
  const head = await readFile(path.join(MEDIA_DIR, 'welsh-speech.mp4'));
  const file = Buffer.concat([head, Buffer.alloc(12 * 1024 * 1024 - head.length, 7)]);
  const filePath = path.join(dir, 'long-video.mp4');
  await writeFile(filePath, file);

  const page = await phonePage(browser);
  await page.goto(`${stack.baseUrl}/c/demo?lang=en`);
  await page.getByRole('button', { name: 'Start now' }).click();
  await answerSteps(page, 'Resumer');
  await page.locator('a.govuk-button[href$="/upload"]').click();
  // Until the page has loaded, upload.js (deferred) may not have taken the form over, and a
  // click would send the plain form instead of tus (seen on a busy machine).
  await page.waitForURL(/\/upload$/);

  // After the first piece arrives, the connection drops for three PATCH attempts.
  let patches = 0;
  let cut = 0;
  await page.route('**/api/v1/uploads/**', async (route) => {
    if (route.request().method() === 'PATCH') {
      patches += 1;
      if (patches >= 2 && cut < 3) {
        cut += 1;
        return route.abort('internetdisconnected');
      }
    }
    return route.continue();
  });
  await page.locator('#video').setInputFiles(filePath);
  await Promise.all([
    page.waitForURL(/\/r\/[A-Za-z0-9_-]{43}$/, { timeout: 90_000 }),
    page.locator('#upload-submit').click(),
  ]);
  expect(cut).toBe(3);
  const id = await newestSubmissionId();
  expect(sha256(await storedBytes(id))).toBe(sha256(file));
  await page.context().close();
});

it('records from the fake camera, uploads the recording and reaches the receipt', async () => {
  const camBrowser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
  try {
    const page = await phonePage(camBrowser);
    await page.context().grantPermissions(['camera', 'microphone'], { origin: stack.baseUrl });
    await page.goto(`${stack.baseUrl}/c/demo?lang=en`);
    await page.getByRole('button', { name: 'Start now' }).click();
    await answerSteps(page, 'Recorder');
    await page.locator('a.govuk-button[href$="/upload"]').click();
    await page.locator('#record-camera').click();
    await page.locator('#record-start').click();
    await page.waitForTimeout(3000);
    await page.locator('#record-stop').click();
    await page.locator('#record-playback').waitFor({ state: 'visible' });
    expect(await page.locator('#record-timer').innerText()).toMatch(/^0:0[1-5] of \d+:\d\d$/);
    await noViolations(page);
    await Promise.all([
      page.waitForURL(/\/r\/[A-Za-z0-9_-]{43}$/, { timeout: 60_000 }),
      page.locator('#record-use').click(),
    ]);
    const id = await newestSubmissionId();
    const stored = await storedBytes(id);
    // WebM starts with the EBML magic number.
    expect(stored.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
  } finally {
    await camBrowser.close();
  }
});
