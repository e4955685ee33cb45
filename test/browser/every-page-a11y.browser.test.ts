import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../src/db/users.queries';
import { axeViolations, launchBrowser } from '../support/browser';
import { seedJurorPlaylist } from '../support/juror-playlist';
import { MEDIA_DIR, postMultipart, validConsent } from '../support/multipart';
import { seedClip } from '../support/playlist-clips';
import { startTestStack, type TestStack } from '../support/stack';
import { findDemoCampaign } from '../support/test-database';

/**
 * Issue 7: every page of the product, contributor, juror and staff, in English and Welsh, at
 * 320 CSS px wide. 320 px is WCAG's reflow width (1.4.10), and it is also what a 640 px wide
 * window shows at 200% zoom, so one viewport covers both "works at 320 px" and "works at 200%
 * zoom". Each page must pass axe's WCAG 2.2 AA rules and must not scroll sideways.
 */
let stack: TestStack;
let browser: Browser;
let visitor: BrowserContext;
let staff: BrowserContext;
const ADMIN_PASSWORD = 'a long administrator password';
const ids = {
  receiptToken: '',
  changesToken: '',
  reviewId: '',
  playlistId: '',
  watchToken: '',
  otherStaffId: '',
};

async function upload(name: string): Promise<{ id: string; token: string }> {
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify({ ...validConsent, displayName: name }) },
    {
      filename: 'welsh-speech.mp4',
      body: createReadStream(path.join(MEDIA_DIR, 'welsh-speech.mp4')),
    },
  );
  if (res.status !== 201) throw new Error(`upload failed: ${res.status}`);
  return res.json() as { id: string; token: string };
}

/** 320×640 CSS px with no device emulation: the same layout a 640 px window gives at 200%. */
const narrowContext = () =>
  // bypassCSP lets the test inject axe-core; the pages' own CSP is tested elsewhere.
  browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 640 } });

/** Answers every consent question so the check and upload pages show (not redirect). */
async function answerConsent(page: Page) {
  const cont = page.locator('form[data-keep-answers] button.govuk-button');
  await page.goto(`${stack.baseUrl}/c/demo/consent/uses?lang=en`);
  await page.locator('input[name="scope"][value="jury"]').check();
  await cont.click();
  await page.locator('input[name="sendingFor"][value="other"]').check();
  await page.locator('#onBehalfRelationship').fill('Mam');
  await page.locator('input[name="onBehalfBasis"][value="lasting_power_of_attorney"]').check();
  await cont.click();
  await page.locator('input[name="over18"][value="yes"]').check();
  await cont.click();
  await page.locator('input[name="othersAppear"][value="no"]').check();
  await cont.click();
  await page.locator('input[name="healthDetailsAgreed"][value="yes"]').check();
  await cont.click();
  await page.locator('#displayName').fill('Carer in Gwynedd');
  await cont.click();
  await page.waitForURL(/\/check(\?|$)/);
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  const db = stack.deps.db;
  const demo = await findDemoCampaign(db);
  await createUser(db, {
    email: 'a11y-admin@example.org',
    role: 'admin',
    password: ADMIN_PASSWORD,
  });
  const other = await createUser(db, {
    email: 'a-rather-long-moderator-address@example.org',
    role: 'moderator',
    password: 'a long moderator password',
    campaignIds: [demo.id],
  });
  ids.otherStaffId = other.id;

  // A clip waiting for review: its receipt offers captions and withdrawal.
  const waiting = await upload('Carer in Gwynedd');
  await db
    .updateTable('submissions')
    .set({ status: 'awaiting_review' })
    .where('id', '=', waiting.id)
    .execute();
  ids.receiptToken = waiting.token;
  ids.reviewId = waiting.id;

  // A clip sent back with a change request: its receipt offers a new version.
  const changes = await upload('Sam from Rhyl');
  await db
    .insertInto('reviews')
    .values({
      submission_id: changes.id,
      media_version: 1,
      user_id: other.id,
      decision: 'request_changes',
      consent_check: true,
      content_check: false,
      reason_code: null,
      note: 'Please leave out the street sign.',
    })
    .execute();
  await db
    .updateTable('submissions')
    .set({ status: 'changes_requested' })
    .where('id', '=', changes.id)
    .execute();
  ids.changesToken = changes.token;

  // Rows for the escalations, failed jobs and picker tables, so their widths are tested.
  await seedClip(stack, { campaignId: demo.id, name: 'Dee waiting', escalated: true });
  const failed = await seedClip(stack, { campaignId: demo.id, name: 'Efa failed' });
  await db
    .updateTable('submissions')
    .set({
      status: 'failed',
      failure_code: 'processing_error',
      failure_detail: 'ffmpeg exited with code 1 while writing the 720p rendition',
    })
    .where('id', '=', failed)
    .execute();
  await seedClip(stack, { campaignId: demo.id, name: 'Ffion from Aberystwyth', seconds: 75 });

  const playlist = await seedJurorPlaylist(stack, [
    {
      name: 'Gwen from Caernarfon',
      intro: { en: 'About mornings', cy: 'Am y boreau' },
      captions: ['en', 'cy'],
    },
  ]);
  ids.playlistId = playlist.playlistId;
  ids.watchToken = playlist.token;

  visitor = await narrowContext();
  await answerConsent(await visitor.newPage());

  staff = await narrowContext();
  const page = await staff.newPage();
  await page.goto(`${stack.baseUrl}/staff/login?lang=en`);
  await page.locator('#email').fill('a11y-admin@example.org');
  await page.locator('#password').fill(ADMIN_PASSWORD);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.endsWith('/login')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

type Who = 'visitor' | 'staff';
const pages: Array<[string, Who, () => string]> = [
  ['contributor landing', 'visitor', () => '/c/demo'],
  ['consent: uses', 'visitor', () => '/c/demo/consent/uses'],
  ['consent: for whom', 'visitor', () => '/c/demo/consent/for-whom'],
  ['consent: age', 'visitor', () => '/c/demo/consent/age'],
  ['consent: others', 'visitor', () => '/c/demo/consent/others'],
  ['consent: health', 'visitor', () => '/c/demo/consent/health'],
  ['consent: name', 'visitor', () => '/c/demo/consent/name'],
  ['check answers', 'visitor', () => '/c/demo/check'],
  ['upload', 'visitor', () => '/c/demo/upload'],
  ['receipt', 'visitor', () => `/r/${ids.receiptToken}`],
  ['receipt: withdraw', 'visitor', () => `/r/${ids.receiptToken}/withdraw`],
  ['receipt: captions', 'visitor', () => `/r/${ids.receiptToken}/captions`],
  ['receipt: changes requested', 'visitor', () => `/r/${ids.changesToken}`],
  ['receipt: new version', 'visitor', () => `/r/${ids.changesToken}/new-version`],
  ['watch', 'visitor', () => `/watch/${ids.watchToken}`],
  ['not found', 'visitor', () => '/c/no-such-campaign'],
  ['staff login', 'visitor', () => '/staff/login'],
  ['review queue', 'staff', () => '/staff/'],
  ['review page', 'staff', () => `/staff/submissions/${ids.reviewId}`],
  ['own password', 'staff', () => '/staff/password'],
  ['playlists', 'staff', () => '/staff/playlists'],
  ['playlist', 'staff', () => `/staff/playlists/${ids.playlistId}`],
  ['playlist picker', 'staff', () => `/staff/playlists/${ids.playlistId}/clips`],
  ['upload on behalf', 'staff', () => '/staff/upload-on-behalf'],
  ['admin: staff', 'staff', () => '/staff/admin/staff'],
  ['admin: staff password', 'staff', () => `/staff/admin/staff/${ids.otherStaffId}/password`],
  ['admin: escalations', 'staff', () => '/staff/admin/escalations'],
  ['admin: campaigns', 'staff', () => '/staff/admin/campaigns'],
  ['admin: campaign', 'staff', () => '/staff/admin/campaigns/demo'],
  ['admin: failed jobs', 'staff', () => '/staff/admin/jobs'],
  ['admin: storage', 'staff', () => '/staff/admin/storage'],
];
const cases = pages.flatMap(([name, who, at]) =>
  (['en', 'cy'] as const).map((lang) => [name, lang, who, at] as const),
);

describe('every page at 320 px (200% zoom), English and Welsh', () => {
  it.each(cases)('%s (%s)', async (name, lang, who, at) => {
    const page = await (who === 'staff' ? staff : visitor).newPage();
    try {
      const url = `${stack.baseUrl}${at()}?lang=${lang}`;
      await page.goto(url);
      // Landed where asked (no redirect to sign-in or back to an earlier step), in the language.
      expect({ name, path: new URL(page.url()).pathname }).toEqual({
        name,
        path: new URL(url).pathname,
      });
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const width = await page.evaluate(() => {
        // Runs in the page; typed through globalThis so the Node build needs no DOM types.
        interface El {
          tagName: string;
          id: string;
          className: unknown;
          getBoundingClientRect(): { right: number };
        }
        const g = globalThis as unknown as {
          innerWidth: number;
          document: {
            documentElement: { scrollWidth: number };
            querySelectorAll(s: string): ArrayLike<El>;
          };
        };
        // Elements reaching past the right edge (the last, innermost ones), so a failure names them.
        const wide = Array.from(g.document.querySelectorAll('body *'))
          .filter((e) => e.getBoundingClientRect().right > g.innerWidth + 1)
          .slice(-3)
          .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${String(e.className)}`);
        return {
          scrollWidth: g.document.documentElement.scrollWidth,
          innerWidth: g.innerWidth,
          wide,
        };
      });
      const violations = (await axeViolations(page)).map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      const sideways = width.scrollWidth > width.innerWidth + 1 ? width.wide : [];
      expect({ name, lang, violations, sideways }).toEqual({
        name,
        lang,
        violations: [],
        sideways: [],
      });
    } finally {
      await page.close();
    }
  });
});
