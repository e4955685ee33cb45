import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { getConsentStatement } from '../src/db/campaigns.queries';
import { transitionSubmission } from '../src/db/submissions.queries';
import { createUser } from '../src/db/users.queries';
import { en } from '../src/i18n/en';
import { cy } from '../src/i18n/cy';
import { axeViolations, launchBrowser } from './support/browser';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { startTestStack, type TestStack } from './support/stack';
import { findDemoCampaign } from './support/test-database';

/**
 * The admin pages through HTTP with a real session and CSRF token: campaign dates, retention
 * and consent statement versions; failed processing with the CLI's retry; storage used. Then
 * each page in Chromium with axe-core.
 */
let stack: TestStack;
let browser: Browser;
const PASSWORD = 'correct horse battery staple';
const CLIP = path.join(MEDIA_DIR, 'android-vfr.mp4');

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(email: string): Promise<Session> {
  const res = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

const get = (s: Session | undefined, p: string) =>
  fetch(`${stack.baseUrl}${p}`, { headers: s ? { cookie: s.cookie } : {}, redirect: 'manual' });

const post = (s: Session, p: string, form: Record<string, string>, csrf = s.csrf) =>
  fetch(`${stack.baseUrl}${p}`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form, _csrf: csrf }).toString(),
    redirect: 'manual',
  });

let admin: Session;
let moderator: Session;
let failedId: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  const db = stack.deps.db;
  await createUser(db, {
    email: 'ops-admin@example.org',
    role: 'admin',
    password: PASSWORD,
    campaignIds: [],
  });
  await createUser(db, {
    email: 'ops-mod@example.org',
    role: 'moderator',
    password: PASSWORD,
    campaignIds: [],
  });
  admin = await signIn('ops-admin@example.org');
  moderator = await signIn('ops-mod@example.org');
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    { filename: 'clip.mp4', contentType: 'video/mp4', body: createReadStream(CLIP) },
  );
  expect(res.status).toBe(201);
  failedId = (res.json() as { id: string }).id;
  // As a worker would after the last attempt: processing failed with a reason.
  await transitionSubmission(db, failedId, 'processing_started');
  await transitionSubmission(db, failedId, 'processing_failed', {
    failure_code: 'processing_error',
    failure_detail: 'ffmpeg exited with code 1: <Invalid data found>',
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack.close();
});

describe('who may see them', () => {
  it('sends a visitor with no session to sign in', async () => {
    const res = await get(undefined, '/staff/admin/campaigns');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `/staff/login?next=${encodeURIComponent('/staff/admin/campaigns')}`,
    );
  });

  it.each(['/staff/admin/campaigns', '/staff/admin/jobs', '/staff/admin/storage'])(
    'refuses a moderator %s',
    async (p) => {
      expect((await get(moderator, p)).status).toBe(403);
    },
  );

  it('refuses a form post without the CSRF token', async () => {
    const res = await post(admin, '/staff/admin/campaigns/demo', { retentionUntil: '' }, 'forged');
    expect(res.status).toBe(403);
  });

  it('links admins, and only admins, to the pages from the staff bar', async () => {
    expect(await (await get(admin, '/staff/')).text()).toContain('href="/staff/admin/jobs"');
    expect(await (await get(moderator, '/staff/')).text()).not.toContain('/staff/admin/');
  });
});

describe('campaigns', () => {
  it('lists campaigns with their dates and statement version', async () => {
    const html = await (await get(admin, '/staff/admin/campaigns')).text();
    expect(html).toContain(en.adminOps.campaigns.title);
    expect(html).toContain('href="/staff/admin/campaigns/demo?lang=en"');
    expect(html).toContain('Version 1');
  });

  it('saves dates, storing closing as the end of its last day', async () => {
    const res = await post(admin, '/staff/admin/campaigns/demo', {
      opensAt: '2026-01-05',
      closesAt: '2026-03-31',
      retentionUntil: '2027-03-31',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/admin/campaigns/demo?saved=dates&lang=en');
    const c = await stack.deps.db
      .selectFrom('campaigns')
      .select(['opens_at', 'closes_at', 'retention_until'])
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    expect(c.opens_at?.toISOString()).toBe('2026-01-05T00:00:00.000Z');
    expect(c.closes_at?.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    const html = await (await get(admin, '/staff/admin/campaigns/demo?saved=dates')).text();
    expect(html).toContain(en.adminOps.campaign.savedDates);
    expect(html).toContain('value="2026-03-31"');
    expect(html).toContain('value="2027-03-31"');
    const audit = await stack.deps.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'campaign.dates_changed')
      .execute();
    expect(audit).toEqual([{ details: expect.objectContaining({ retentionUntil: '2027-03-31' }) }]);
  });

  it('refuses a retention date before the campaign closes, keeping what was typed', async () => {
    const res = await post(admin, '/staff/admin/campaigns/demo?lang=cy', {
      opensAt: '2026-01-05',
      closesAt: '2026-03-31',
      retentionUntil: '2026-02-01',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(cy.adminOps.dateErrors.retention_before_close.replace(/'/g, '&#39;'));
    expect(html).toContain(`${cy.common.errorPrefix}:`);
    expect(html).toContain('href="#retentionUntil"');
    expect(html).toContain('value="2026-02-01"');
  });

  it('adds a consent statement version, which becomes the newest', async () => {
    const missing = await post(admin, '/staff/admin/campaigns/demo/statements', {
      statementEn: 'Only English',
      statementCy: ' ',
    });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain(en.adminOps.statementErrors.statementCyMissing);

    const res = await post(admin, '/staff/admin/campaigns/demo/statements', {
      statementEn: 'Version two in English.',
      statementCy: 'Fersiwn dau yn Gymraeg.',
    });
    expect(res.status).toBe(303);
    const c = await findDemoCampaign(stack.deps.db);
    expect(await getConsentStatement(stack.deps.db, c.id)).toMatchObject({
      version: 2,
      text_en: 'Version two in English.',
      text_cy: 'Fersiwn dau yn Gymraeg.',
    });
    const html = await (await get(admin, '/staff/admin/campaigns/demo')).text();
    expect(html).toContain('Version 2, added');
    expect(html).toContain('Version 1, added');
  });

  it('answers an unknown campaign with 404', async () => {
    expect((await get(admin, '/staff/admin/campaigns/no-such-thing')).status).toBe(404);
  });
});

describe('failed processing', () => {
  it('lists the failed video with its reason and retries it through the state machine', async () => {
    const html = await (await get(admin, '/staff/admin/jobs')).text();
    expect(html).toContain(`/staff/admin/jobs/${failedId}/retry`);
    expect(html).toContain(en.media.refusal.processing_error);
    expect(html).toContain('&lt;Invalid data found&gt;');

    const res = await post(admin, `/staff/admin/jobs/${failedId}/retry`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/admin/jobs?retried=1&lang=en');
    const s = await stack.deps.db
      .selectFrom('submissions')
      .select(['status', 'failure_code'])
      .where('id', '=', failedId)
      .executeTakeFirstOrThrow();
    expect(s).toEqual({ status: 'uploaded', failure_code: null });
    const probe = await stack.deps.queues.queue('media').getJob(`probe-${failedId}-v1`);
    expect(probe).toBeDefined();
    const retried = await stack.deps.db
      .selectFrom('audit_events')
      .select(['actor_type', 'action'])
      .where('subject_id', '=', failedId)
      .where('action', '=', 'submission.retry')
      .execute();
    expect(retried).toEqual([{ actor_type: 'staff', action: 'submission.retry' }]);
    expect(await (await get(admin, '/staff/admin/jobs?retried=1')).text()).toContain(
      en.adminOps.jobs.empty,
    );
  });

  it('refuses to retry one that is not failed', async () => {
    const res = await post(admin, `/staff/admin/jobs/${failedId}/retry`, {});
    expect(res.status).toBe(409);
  });
});

describe('storage', () => {
  it('sums what each campaign holds from the database', async () => {
    const bytes = (
      await stack.deps.db
        .selectFrom('submissions')
        .select('original_bytes')
        .where('id', '=', failedId)
        .executeTakeFirstOrThrow()
    ).original_bytes;
    expect(Number(bytes)).toBeGreaterThan(100_000);
    const html = await (await get(admin, '/staff/admin/storage')).text();
    expect(html).toContain(en.adminOps.storage.title);
    expect(html).toMatch(
      /<th scope="row" class="govuk-table__header">demo<\/th>\s*<td[^>]*>1<\/td>/,
    );
    expect(html).toContain(`${Math.round(Number(bytes) / 1000)} KB`);
  });
});

describe('accessibility', () => {
  it.each([
    '/staff/admin/campaigns',
    '/staff/admin/campaigns/demo',
    '/staff/admin/jobs',
    '/staff/admin/storage',
    '/staff/admin/campaigns/demo?lang=cy',
  ])('%s has no axe violations', async (url) => {
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1280, height: 800 },
    });
    await context.addCookies([
      {
        name: admin.cookie.split('=')[0]!,
        value: admin.cookie.split('=').slice(1).join('='),
        url: stack.baseUrl,
      },
    ]);
    const page = await context.newPage();
    const res = await page.goto(`${stack.baseUrl}${url}`);
    expect(res?.status()).toBe(200);
    expect({ url, violations: await axeViolations(page) }).toEqual({ url, violations: [] });
    await context.close();
  });
});
