import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser } from '../support/browser';
import { seedJurorPlaylist, type SeededPlaylist } from '../support/juror-playlist';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * A juror on a tablet-sized browser opens the share link in Welsh: the Welsh captions show, the
 * transcript panel lists the Welsh cues, the keyboard moves to the next clip and seeks from the
 * transcript, and the page passes the automated accessibility check in Welsh and English. Once
 * the facilitator revokes the link, the page and its media stop working.
 */
let stack: TestStack;
let browser: Browser;
let seeded: SeededPlaylist;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  seeded = await seedJurorPlaylist(stack, [
    {
      name: 'Carer in Gwynedd',
      intro: { en: 'About mornings', cy: 'Am y boreau' },
      captions: ['en', 'cy'],
    },
    {
      name: 'Sam',
      intro: { en: 'About nights', cy: 'Am y nosweithiau' },
      captions: ['en', 'cy'],
      cues: {
        en: ['The nights are long.', 'I sleep in the chair.'],
        cy: ['Mae’r nosweithiau’n hir.', 'Rwy’n cysgu yn y gadair.'],
      },
    },
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function tabletPage(): Promise<Page> {
  // bypassCSP lets the test inject axe-core; the pages' own CSP is tested elsewhere.
  const context = await browser.newContext({
    bypassCSP: true,
    viewport: { width: 1024, height: 768 },
    hasTouch: true,
  });
  return context.newPage();
}

async function expectAccessible(page: Page) {
  const url = page.url();
  expect({ url, violations: await axeViolations(page) }).toEqual({ url, violations: [] });
}

// The parts of the page's <video> these checks read (the Node build has no DOM types).
interface VideoLike {
  textTracks: ArrayLike<{ language: string; mode: string }>;
  pause(): void;
}
const video = (page: Page) => page.locator('#watch-video');

/** The video's tracks as the browser sees them: language and mode. */
const trackModes = (page: Page) =>
  video(page).evaluate((v) =>
    Array.from((v as unknown as VideoLike).textTracks).map((t) => [t.language, t.mode]),
  );

// Conditions evaluated in the page, as text for the same reason.
const showing = (lang: string) =>
  `Array.from(document.getElementById('watch-video').textTracks).some((t) => t.language === '${lang}' && t.mode === 'showing')`;
const cueRows = (n: number) =>
  `document.querySelectorAll('#transcript [data-start]').length === ${n}`;
const clipHeading = (text: string) =>
  `document.getElementById('clip-heading').textContent === '${text}'`;

const transcriptText = (page: Page) =>
  page.locator('#transcript .app-transcript__text').allInnerTexts();

describe('the juror page', () => {
  it('plays the playlist with Welsh captions, by keyboard, and stops when revoked', async () => {
    const page = await tabletPage();
    const watch = `${stack.baseUrl}/watch/${seeded.token}`;
    const opened = await page.goto(`${watch}?lang=cy`);
    expect(opened?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.locator('h1').innerText()).toBe('Sesiwn un');
    expect(await page.locator('#clip-heading').innerText()).toBe('Clip 1 o 2');

    // The Welsh captions are on, the English ones off.
    await page.waitForFunction(showing('cy'));
    expect(await trackModes(page)).toEqual([
      ['en', 'disabled'],
      ['cy', 'showing'],
    ]);
    // The transcript lists the Welsh cues (built from the showing track's cues).
    await page.waitForFunction(cueRows(2));
    expect(await transcriptText(page)).toEqual([
      'Bob bore rwy’n helpu fy mam i godi.',
      'Rhai dyddiau does neb yn dod.',
    ]);
    expect(await page.locator('#autoplay-wrap').isVisible()).toBe(true);
    await expectAccessible(page);

    // Enter on a transcript line seeks the video there.
    await page.locator('#transcript [data-start="2"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction("document.getElementById('watch-video').currentTime >= 2");
    await video(page).evaluate((v) => (v as unknown as VideoLike).pause());

    // Next, by keyboard: the second clip in the player, its Welsh captions and transcript.
    await page.locator('#clip-next').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(clipHeading('Clip 2 o 2'));
    expect(await page.locator('#watch-video').getAttribute('src')).toBe(
      `/api/v1/watch/${seeded.token}/items/${seeded.itemIds[1]}/720p.mp4`,
    );
    expect(await page.locator('#clip-intro').innerText()).toBe('Am y nosweithiau');
    expect(page.url()).toContain('item=2');
    await page.waitForFunction(
      "document.querySelector('#transcript .app-transcript__text').textContent === 'Mae’r nosweithiau’n hir.'",
    );
    expect(await transcriptText(page)).toEqual([
      'Mae’r nosweithiau’n hir.',
      'Rwy’n cysgu yn y gadair.',
    ]);
    expect(await trackModes(page)).toEqual([
      ['en', 'disabled'],
      ['cy', 'showing'],
    ]);
    // The last clip has no "next": the keyboard lands on the clip's heading, and the list
    // marks the clip now playing.
    expect(await page.locator('#clip-next').isHidden()).toBe(true);
    expect(
      await page.locator('#clip-heading').evaluate((h) => h === h.ownerDocument.activeElement),
    ).toBe(true);
    expect(await page.locator('a[data-clip][aria-current="true"]').innerText()).toBe('Clip 2 o 2');
    // Previous, by keyboard, goes back.
    await page.locator('#clip-previous').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(clipHeading('Clip 1 o 2'));
    await expectAccessible(page);

    // The same page in English: English captions on, and still accessible.
    await page.goto(`${watch}?lang=en`);
    await page.waitForFunction(showing('en'));
    await page.waitForFunction(cueRows(2));
    expect(await transcriptText(page)).toContain('Every morning I help my mum get out of bed.');
    expect(await page.locator('#clip-heading').innerText()).toBe('Clip 1 of 2');
    await expectAccessible(page);

    // Revoked: the page and a media request stop working at once.
    const media = `${stack.baseUrl}/api/v1/watch/${seeded.token}/items/${seeded.itemIds[0]}/720p.mp4`;
    expect((await page.request.get(media, { headers: { range: 'bytes=0-1023' } })).status()).toBe(
      206,
    );
    const revoked = await seeded.call(
      'DELETE',
      `/playlists/${seeded.playlistId}/shares/${seeded.shareId}`,
    );
    expect(revoked.status).toBeLessThan(300);
    const again = await page.goto(`${watch}?lang=cy`);
    expect(again?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe("Dyw'r ddolen hon ddim yn gweithio");
    await expectAccessible(page);
    expect((await page.request.get(media, { headers: { range: 'bytes=0-1023' } })).status()).toBe(
      404,
    );
  });
});
