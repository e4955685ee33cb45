import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../src/db/users.queries';
import { axeViolations, launchBrowser } from '../support/browser';
import { seedClip } from '../support/playlist-clips';
import { startTestStack, type TestStack } from '../support/stack';
import { waitFor } from '../support/wait-for';
import { findDemoCampaign } from '../support/test-database';

/**
 * A facilitator on a laptop-sized browser: signs in, creates a playlist, sees why a clip cannot
 * be added, adds approved ones, reorders them with the buttons and by dragging, writes an
 * introduction and makes a share link. The list, playlist and picker pages pass the automated
 * accessibility check in English and in Welsh.
 */
let stack: TestStack;
let browser: Browser;
const PASSWORD = 'a long facilitator password';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  const demo = await findDemoCampaign(stack.deps.db);
  await createUser(stack.deps.db, {
    email: 'facilitator@example.org',
    role: 'facilitator',
    password: PASSWORD,
    campaignIds: [demo.id],
  });
  await seedClip(stack, { campaignId: demo.id, name: 'Ann from Bangor', seconds: 30 });
  await seedClip(stack, { campaignId: demo.id, name: 'Bryn from Rhyl', seconds: 40 });
  await seedClip(stack, { campaignId: demo.id, name: 'Cai from Tywyn', seconds: 20 });
  await seedClip(stack, { campaignId: demo.id, name: 'Dee waiting', escalated: true });
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

const order = (page: Page) =>
  page.locator('#playlist-items .app-playlist__item h3').allInnerTexts();

describe('facilitator playlist pages', () => {
  it('builds, orders and shares a playlist', async () => {
    const page = await laptopPage();
    await page.goto(`${stack.baseUrl}/staff/playlists`);
    expect(page.url()).toContain('/staff/login');
    await page.locator('#email').fill('facilitator@example.org');
    await page.locator('#password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/staff\/playlists$/),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toBe('Playlists');
    expect(await page.locator('.app-staff-bar').innerText()).not.toContain('Upload');
    await expectAccessible(page);

    await page.getByLabel('Title in English').fill('Jury session one');
    await page.getByLabel('Title in Welsh').fill('Sesiwn rheithgor un');
    await page.getByLabel('Jury viewing').check();
    await page.getByLabel('Date').fill('2027-03-14');
    await Promise.all([
      page.waitForURL(/\/staff\/playlists\/[0-9a-f-]{36}\?done=created/),
      page.getByRole('button', { name: 'Create playlist' }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toBe('Jury session one');
    const playlistUrl = page.url().replace(/\?.*$/, '');

    await page.getByRole('button', { name: 'Add clips' }).click();
    await page.waitForURL(/\/clips/);
    const refused = page.locator('tr', { hasText: 'Dee waiting' });
    expect(await refused.innerText()).toContain('escalated and is waiting for an admin');
    expect(await refused.getByRole('button').count()).toBe(0);
    await expectAccessible(page);
    for (const name of ['Ann from Bangor', 'Bryn from Rhyl', 'Cai from Tywyn']) {
      await Promise.all([
        page.waitForURL(/done=added/),
        page.getByRole('button', { name: `Add ${name}` }).click(),
      ]);
    }
    await page.goto(
      `${stack.baseUrl}/staff/playlists/${playlistUrl.split('/').pop()}/clips?lang=cy`,
    );
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.locator('body').innerText()).toContain('Eisoes yn y rhestr chwarae');
    await expectAccessible(page);

    await page.goto(`${playlistUrl}?lang=en`);
    expect(await order(page)).toEqual([
      'Clip 1: Ann from Bangor',
      'Clip 2: Bryn from Rhyl',
      'Clip 3: Cai from Tywyn',
    ]);
    expect(await page.locator('body').innerText()).toContain('Total running time: 1 min 30 s');
    await expectAccessible(page);

    // The keyboard path: the move buttons are plain forms.
    await page.getByRole('button', { name: 'Move down: clip 1, Ann from Bangor' }).focus();
    await Promise.all([page.waitForURL(/done=moved/), page.keyboard.press('Enter')]);
    expect(await order(page)).toEqual([
      'Clip 1: Bryn from Rhyl',
      'Clip 2: Ann from Bangor',
      'Clip 3: Cai from Tywyn',
    ]);
    // The live region says where the clip went (set again by the script so it is announced).
    const said = await waitFor(
      async () => {
        const text = (await page.locator('#order-status').textContent()) ?? '';
        return text.includes('now number 2 of 3') && text;
      },
      { what: 'the move to be announced', timeoutMs: 5000, intervalMs: 50 },
    );
    expect(said).toBe('Clip Ann from Bangor is now number 2 of 3.');
    // Focus stays with the clip that moved.
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } } }).document
            .activeElement.id,
      ),
    ).toMatch(/^item-/);

    // Drag and drop, on top of the buttons: Cai's grip dropped on the top of the first clip.
    // Tall enough that source and target are both in view, so nothing scrolls mid-drag.
    await page.setViewportSize({ width: 1280, height: 2400 });
    await page.goto(`${playlistUrl}?lang=en`);
    expect(await page.locator('#drag-hint').isVisible()).toBe(true);
    const cai = page.locator('.app-playlist__item', { hasText: 'Cai from Tywyn' });
    const caiItem = (await cai.getAttribute('data-item-id')) ?? '';
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('item') === caiItem),
      cai
        .locator('.app-playlist__handle')
        .dragTo(page.locator('.app-playlist__item', { hasText: 'Bryn from Rhyl' }), {
          targetPosition: { x: 40, y: 5 },
        }),
    ]);
    expect(await order(page)).toEqual([
      'Clip 1: Cai from Tywyn',
      'Clip 2: Bryn from Rhyl',
      'Clip 3: Ann from Bangor',
    ]);
    // The live region is emptied on load and set again 150 ms later (so it is announced).
    await waitFor(
      async () =>
        ((await page.locator('#order-status').textContent()) ?? '').includes('now number 1 of 3'),
      { what: 'the drop to be announced', timeoutMs: 5000, intervalMs: 50 },
    );
    await page.setViewportSize({ width: 1280, height: 800 });

    await page
      .getByRole('textbox', { name: 'Introduction in English (optional)' })
      .first()
      .fill('Cai talks about caring for his mum.');
    await Promise.all([
      page.waitForURL(/done=introSaved/),
      page.getByRole('button', { name: 'Save introduction' }).first().click(),
    ]);
    expect(await page.locator('#playlist-items li').first().innerText()).toContain(
      'Cai talks about caring for his mum.',
    );

    await page.getByLabel('Days the link works for').fill('7');
    await page.getByRole('button', { name: 'Create a share link' }).click();
    await page.waitForSelector('#share-url');
    expect(await page.locator('#share-url').inputValue()).toMatch(/\/watch\/[A-Za-z0-9_-]+$/);
    await page.getByRole('link', { name: 'Back to the playlist' }).click();
    expect(await page.locator('#shares + p + .app-table-scroll table').innerText()).toContain(
      'Working',
    );

    await page.goto(`${playlistUrl}?lang=cy`);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await expectAccessible(page);
    await page.goto(`${stack.baseUrl}/staff/playlists?lang=cy`);
    expect(await page.locator('h1').innerText()).toBe('Rhestrau chwarae');
    await expectAccessible(page);
  });
});
