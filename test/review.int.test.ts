import { createReadStream } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { createCampaign } from '../src/db/campaigns.queries';
import { recountReviewQueue } from '../src/db/reviews.queries';
import { transitionSubmission } from '../src/db/submissions.queries';
import { createUser } from '../src/db/users.queries';
import { demoCampaign } from '../src/demo-campaign';
import { findDemoCampaign } from './support/test-database';
import { startTestStack, type TestStack } from './support/stack';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';

/**
 * Staff sign-in, claims, decisions and the audit trail against real PostgreSQL, Redis and S3.
 * Submissions are uploaded through the API and moved to awaiting_review with the state machine.
 */
let stack: TestStack;
const PASSWORD = 'correct horse battery staple';
let demoId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const db = stack.deps.db;
  const other = await createCampaign(db, { ...demoCampaign, slug: 'other' });
  const demo = await findDemoCampaign(db);
  demoId = demo.id;
  const make = (
    email: string,
    role: 'admin' | 'moderator' | 'facilitator',
    campaignIds: string[],
  ) => createUser(db, { email, role, password: PASSWORD, campaignIds });
  await make('boss@example.org', 'admin', []);
  await make('mod1@example.org', 'moderator', [demo.id]);
  await make('mod2@example.org', 'moderator', [demo.id]);
  await make('elsewhere@example.org', 'moderator', [other.id]);
  await make('facil@example.org', 'facilitator', [demo.id]);
  await createUser(db, {
    email: 'new@example.org',
    role: 'moderator',
    password: PASSWORD,
    mustChangePassword: true,
    campaignIds: [demo.id],
  });
});
afterAll(() => stack.close());

const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;

interface Session {
  cookie: string;
  csrf: string;
}

async function login(email: string, password = PASSWORD) {
  return fetch(api('/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

async function signIn(email: string): Promise<Session> {
  const res = await login(email);
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

function call(s: Session | undefined, method: string, p: string, body?: unknown, csrf = s?.csrf) {
  return fetch(api(p), {
    method,
    headers: {
      ...(s ? { cookie: s.cookie } : {}),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function awaitingReview(): Promise<string> {
  const res = await postMultipart(
    api('/submissions'),
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    {
      filename: 'clip.mp4',
      body: createReadStream(path.join(MEDIA_DIR, 'odd-size-upside-down.mp4')),
    },
  );
  expect(res.status).toBe(201);
  const id = res.json().id as string;
  await transitionSubmission(stack.deps.db, id, 'processing_started');
  await transitionSubmission(stack.deps.db, id, 'processing_succeeded');
  return id;
}

const approve = { decision: 'approve', consentCheck: true, contentCheck: true, note: '' };
const actionsFor = async (id: string) =>
  (
    await stack.deps.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', id)
      .orderBy('id')
      .execute()
  ).map((r) => r.action);

describe('sign-in', () => {
  it('sets an httpOnly SameSite=Lax cookie and answers the CSRF token', async () => {
    const res = await login('MOD1@example.org');
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^lev_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(await res.json()).toEqual(expect.objectContaining({ csrfToken: expect.any(String) }));
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const wrong = await login('mod2@example.org', 'nope nope nope');
    const unknown = await login('nobody@example.org', 'nope nope nope');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('locks the account after 5 failures, even for the right password, until the lock ends', async () => {
    await createUser(stack.deps.db, {
      email: 'lock@example.org',
      role: 'moderator',
      password: PASSWORD,
    });
    for (let i = 0; i < 5; i++)
      expect((await login('lock@example.org', 'wrong wrong')).status).toBe(401);
    expect((await login('lock@example.org')).status).toBe(401);
    await sql`update users set locked_until = now() - interval '1 second' where email = 'lock@example.org'`.execute(
      stack.deps.db,
    );
    expect((await login('lock@example.org')).status).toBe(200);
  });

  it('rate-limits repeated failures for one address and email with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await login('spray@example.org', 'x')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('refuses cookie-authenticated writes without the right X-CSRF-Token', async () => {
    const s = await signIn('mod1@example.org');
    const id = await awaitingReview();
    expect((await call(s, 'POST', `/submissions/${id}/claim`, undefined, '')).status).toBe(403);
    expect((await call(s, 'POST', `/submissions/${id}/claim`, undefined, 'forged')).status).toBe(
      403,
    );
    expect((await call(s, 'POST', `/submissions/${id}/claim`)).status).toBe(200);
  });

  it('signs out one session or all of them', async () => {
    const a = await signIn('mod2@example.org');
    const b = await signIn('mod2@example.org');
    expect((await call(a, 'POST', '/auth/logout')).status).toBe(200);
    expect((await call(a, 'GET', '/auth/session')).status).toBe(401);
    expect((await call(b, 'GET', '/auth/session')).status).toBe(200);
    const c = await signIn('mod2@example.org');
    expect((await call(c, 'POST', '/auth/logout-all')).status).toBe(200);
    expect((await call(b, 'GET', '/auth/session')).status).toBe(401);
  });

  it('keeps a must-change-password account to changing it, then lets it work', async () => {
    const s = await signIn('new@example.org');
    expect((await call(s, 'GET', '/review/queue')).status).toBe(403);
    const short = await call(s, 'POST', '/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
    const newPassword = 'a much longer new password';
    const ok = await call(s, 'POST', '/auth/password', { currentPassword: PASSWORD, newPassword });
    expect(ok.status).toBe(200);
    expect((await call(s, 'GET', '/review/queue')).status).toBe(200);
    expect((await login('new@example.org')).status).toBe(401);
    expect((await login('new@example.org', newPassword)).status).toBe(200);
  });

  it('lets an admin create and disable staff; a disabled account cannot sign in', async () => {
    const admin = await signIn('boss@example.org');
    const mod = await signIn('mod1@example.org');
    const body = {
      email: 'temp@example.org',
      role: 'moderator',
      password: PASSWORD,
      campaigns: ['demo'],
      mustChangePassword: false,
    };
    expect((await call(mod, 'POST', '/staff/users', body)).status).toBe(403);
    const created = await call(admin, 'POST', '/staff/users', body);
    expect(created.status).toBe(201);
    expect((await call(admin, 'POST', '/staff/users', body)).status).toBe(409);
    const { id } = (await created.json()) as { id: string };
    const temp = await signIn('temp@example.org');
    expect((await call(admin, 'POST', `/staff/users/${id}/disable`)).status).toBe(200);
    expect((await call(temp, 'GET', '/auth/session')).status).toBe(401);
    expect((await login('temp@example.org')).status).toBe(401);
    expect(await actionsFor(id)).toEqual(
      expect.arrayContaining(['staff.user_created', 'staff.user_disabled']),
    );
  });
});

describe('review', () => {
  let mod1: Session;
  let mod2: Session;
  let admin: Session;
  let elsewhere: Session;
  beforeAll(async () => {
    [mod1, mod2, admin, elsewhere] = (await Promise.all(
      ['mod1', 'mod2', 'boss', 'elsewhere'].map((n) => signIn(`${n}@example.org`)),
    )) as [Session, Session, Session, Session];
  });

  it('lets exactly one of two concurrent claims win, every time', async () => {
    for (let i = 0; i < 5; i++) {
      const id = await awaitingReview();
      const both = await Promise.all([
        call(mod1, 'POST', `/submissions/${id}/claim`),
        call(mod2, 'POST', `/submissions/${id}/claim`),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    }
  });

  it('lets the holder renew a claim and anyone take over an expired one', async () => {
    const id = await awaitingReview();
    const [a, b] = await Promise.all([
      call(mod1, 'POST', `/submissions/${id}/claim`),
      call(mod2, 'POST', `/submissions/${id}/claim`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [mod1, mod2] : [mod2, mod1];
    expect((await call(winner, 'POST', `/submissions/${id}/claim`)).status).toBe(200);
    const again = await call(loser, 'POST', `/submissions/${id}/claim`);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('claim_conflict');
    // An expired claim can be taken over.
    await sql`update review_claims set expires_at = now() where submission_id = ${id}`.execute(
      stack.deps.db,
    );
    expect((await call(loser, 'POST', `/submissions/${id}/claim`)).status).toBe(200);
  });

  it('approves only with both checks, a live claim of your own and the current version', async () => {
    const id = await awaitingReview();
    expect((await call(mod1, 'POST', `/submissions/${id}/decision`, approve)).status).toBe(409);
    await call(mod1, 'POST', `/submissions/${id}/claim`);
    expect((await call(mod2, 'POST', `/submissions/${id}/decision`, approve)).status).toBe(409);
    const unchecked = await call(mod1, 'POST', `/submissions/${id}/decision`, {
      ...approve,
      contentCheck: false,
    });
    expect(unchecked.status).toBe(422);
    const stale = await call(mod1, 'POST', `/submissions/${id}/decision`, {
      ...approve,
      mediaVersion: 2,
    });
    expect(stale.status).toBe(409);
    const ok = await call(mod1, 'POST', `/submissions/${id}/decision`, {
      ...approve,
      mediaVersion: 1,
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual(
      expect.objectContaining({ status: 'approved', decision: 'approve' }),
    );
    const review = await stack.deps.db
      .selectFrom('reviews')
      .selectAll()
      .where('submission_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(review).toEqual(
      expect.objectContaining({
        decision: 'approve',
        consent_check: true,
        content_check: true,
        media_version: 1,
      }),
    );
    expect(
      await stack.deps.db
        .selectFrom('review_claims')
        .where('submission_id', '=', id)
        .select('user_id')
        .execute(),
    ).toEqual([]);
    expect(await actionsFor(id)).toEqual([
      'submission.created',
      'review.claimed',
      'review.approve',
    ]);
    expect((await call(mod1, 'POST', `/submissions/${id}/decision`, approve)).status).toBe(409);
  });

  it('asks for changes with a reason, and needs one', async () => {
    const id = await awaitingReview();
    await call(mod1, 'POST', `/submissions/${id}/claim`);
    const body = { decision: 'request_changes', consentCheck: true, contentCheck: false, note: '' };
    expect((await call(mod1, 'POST', `/submissions/${id}/decision`, body)).status).toBe(400);
    const res = await call(mod1, 'POST', `/submissions/${id}/decision`, {
      ...body,
      reasonCode: 'personal_details',
      note: 'House number visible at 0:12',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('changes_requested');
    expect(await actionsFor(id)).toContain('review.request_changes');
  });

  it('escalates: no approval until an admin closes it', async () => {
    const id = await awaitingReview();
    await call(mod1, 'POST', `/submissions/${id}/claim`);
    const escalate = {
      decision: 'escalate',
      consentCheck: false,
      contentCheck: false,
      reasonCode: 'safeguarding',
      note: '',
      checklist: { checked: ['personalDetails'], concerns: ['neglect'], adultAtRisk: true },
    };
    // The concern must be written down for the safeguarding lead.
    expect((await call(mod1, 'POST', `/submissions/${id}/decision`, escalate)).status).toBe(400);
    const concern = 'At 0:40 the person says nobody has helped them wash for a week.';
    const esc = await call(mod1, 'POST', `/submissions/${id}/decision`, {
      ...escalate,
      note: concern,
    });
    expect(esc.status).toBe(200);
    const open = await stack.deps.db
      .selectFrom('escalations')
      .selectAll()
      .where('submission_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(open).toEqual(expect.objectContaining({ concern, closed_at: null }));
    const queue = (await (await call(mod1, 'GET', '/review/queue?status=escalated')).json()) as {
      items: Array<{ id: string }>;
    };
    expect(queue.items.map((i) => i.id)).toContain(id);
    await call(mod2, 'POST', `/submissions/${id}/claim`);
    expect((await call(mod2, 'POST', `/submissions/${id}/decision`, approve)).status).toBe(409);
    const outcome = { outcome: 'Passed to the safeguarding lead, who spoke to the carer.' };
    expect((await call(mod2, 'POST', `/submissions/${id}/escalation/close`, outcome)).status).toBe(
      403,
    );
    expect((await call(admin, 'POST', `/submissions/${id}/escalation/close`, {})).status).toBe(400);
    expect((await call(admin, 'POST', `/submissions/${id}/escalation/close`, outcome)).status).toBe(
      200,
    );
    const closed = await stack.deps.db
      .selectFrom('escalations')
      .selectAll()
      .where('id', '=', open.id)
      .executeTakeFirstOrThrow();
    expect(closed.outcome).toBe(outcome.outcome);
    expect((await call(mod2, 'POST', `/submissions/${id}/decision`, approve)).status).toBe(200);
    expect(await actionsFor(id)).toEqual(
      expect.arrayContaining(['review.escalate', 'review.escalation_closed', 'review.approve']),
    );
  });

  it('records the ticked checklist with the decision and in the audit', async () => {
    const id = await awaitingReview();
    await call(mod1, 'POST', `/submissions/${id}/claim`);
    const checked = ['personalDetails', 'peopleConsent', 'safeguarding', 'selfHarm', 'captions'];
    // Signs of abuse noted: approving is refused, escalating is the way.
    const withConcern = { ...approve, checklist: { checked, concerns: ['financial'] } };
    const refused = await call(mod1, 'POST', `/submissions/${id}/decision`, withConcern);
    expect(refused.status).toBe(400);
    const res = await call(mod1, 'POST', `/submissions/${id}/decision`, {
      ...approve,
      checklist: { checked },
    });
    expect(res.status).toBe(200);
    const review = await stack.deps.db
      .selectFrom('reviews')
      .select('checklist')
      .where('submission_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(review.checklist).toEqual({ checked, concerns: [], adultAtRisk: false });
    const audit = (await (
      await call(mod1, 'GET', `/audit?subjectId=${id}&action=review.approve`)
    ).json()) as { items: Array<{ details: { checklist: { checked: string[] } } }> };
    expect(audit.items[0]?.details.checklist.checked).toEqual(checked);
  });

  it('needs a second member of staff to close an escalation', async () => {
    const id = await awaitingReview();
    await call(admin, 'POST', `/submissions/${id}/claim`);
    const note = 'A letter with a full address is readable at 1:02.';
    const esc = await call(admin, 'POST', `/submissions/${id}/decision`, {
      decision: 'escalate',
      consentCheck: true,
      contentCheck: false,
      note,
    });
    expect(esc.status).toBe(200);
    const outcome = { outcome: 'Checked with the lead: no safeguarding issue.' };
    const same = await call(admin, 'POST', `/submissions/${id}/escalation/close`, outcome);
    expect(same.status).toBe(409);
    const boss2 = await createUser(stack.deps.db, {
      email: 'boss2@example.org',
      role: 'admin',
      password: PASSWORD,
    });
    expect(boss2.id).toEqual(expect.any(String));
    const second = await signIn('boss2@example.org');
    expect(
      (await call(second, 'POST', `/submissions/${id}/escalation/close`, outcome)).status,
    ).toBe(200);
  });

  it('filters the queue by missing captions and escalation, and pages it by key', async () => {
    const ids = [await awaitingReview(), await awaitingReview(), await awaitingReview()];
    await stack.deps.db
      .insertInto('media_assets')
      .values({
        submission_id: ids[0]!,
        version: 1,
        name: 'captions.en.vtt',
        content_type: 'text/vtt',
        bytes: 10,
      })
      .execute();
    const list = async (q: string) =>
      (await (await call(mod1, 'GET', `/review/queue?${q}`)).json()) as {
        items: Array<{ id: string; captionsMissing: boolean }>;
        next?: string;
        counts: Record<string, number>;
      };
    const missing = await list('captionsMissing=true');
    expect(missing.items.map((i) => i.id)).not.toContain(ids[0]);
    expect(missing.items.every((i) => i.captionsMissing)).toBe(true);
    const flagged = await list('flagged=true');
    expect(flagged.items.map((i) => i.id)).not.toContain(ids[1]);
    // Walk every page: each id once, oldest first, the same as the counts say.
    const seen: string[] = [];
    let page = await list('');
    seen.push(...page.items.map((i) => i.id));
    while (page.next) {
      page = await list(`after=${page.next}`);
      seen.push(...page.items.map((i) => i.id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(page.counts.awaiting_review);
    expect(seen.slice(-3)).toEqual(ids);
    expect((await call(mod1, 'GET', '/review/queue?after=bm9wZQ')).status).toBe(400);
  });

  it('keeps the trigger-kept counts equal to a recount of the rows', async () => {
    const id = await awaitingReview();
    await call(mod1, 'POST', `/submissions/${id}/withdraw`);
    await stack.deps.db.deleteFrom('submissions').where('id', '=', id).execute();
    expect(await recountReviewQueue(stack.deps.db)).toEqual({ missing: [], extra: 0 });
  });

  it('keeps staff to their campaigns and lists the queue oldest first with counts', async () => {
    const first = await awaitingReview();
    const second = await awaitingReview();
    expect((await call(elsewhere, 'POST', `/submissions/${first}/claim`)).status).toBe(404);
    expect((await call(elsewhere, 'GET', '/review/queue?campaign=demo')).status).toBe(404);
    const theirs = (await (await call(elsewhere, 'GET', '/review/queue')).json()) as {
      items: unknown[];
    };
    expect(theirs.items).toEqual([]);
    await call(mod2, 'POST', `/submissions/${second}/claim`);
    const res = await call(mod1, 'GET', '/review/queue?campaign=demo&language=en');
    const body = (await res.json()) as {
      items: Array<Record<string, unknown>>;
      counts: Record<string, number>;
    };
    const ids = body.items.map((i) => i.id);
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
    expect(body.items.find((i) => i.id === second)).toEqual(
      expect.objectContaining({
        status: 'awaiting_review',
        campaign: 'demo',
        language: 'en',
        claimedBy: 'mod2@example.org',
        captionsMissing: true,
      }),
    );
    expect(body.counts.awaiting_review).toBe(ids.length);
    expect((await call(mod1, 'GET', '/review/queue?status=nonsense')).status).toBe(400);
    expect((await call(undefined, 'GET', '/review/queue')).status).toBe(401);
  });

  it('lets staff read a submission of their campaign with the session cookie only', async () => {
    const id = await awaitingReview();
    expect((await call(mod1, 'GET', `/submissions/${id}`)).status).toBe(200);
    expect((await call(elsewhere, 'GET', `/submissions/${id}`)).status).toBe(404);
    expect((await call(undefined, 'GET', `/submissions/${id}`)).status).toBe(401);
  });

  it('withdraws on a contributor’s behalf and records who did it', async () => {
    const id = await awaitingReview();
    expect((await call(mod1, 'POST', `/submissions/${id}/withdraw`)).status).toBe(200);
    const ev = await stack.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subject_id', '=', id)
      .where('action', '=', 'submission.withdrawn')
      .executeTakeFirstOrThrow();
    expect(ev.actor_type).toBe('staff');
  });

  it('lists the audit trail for staff of the campaign, as JSON and CSV', async () => {
    const id = await awaitingReview();
    await call(mod1, 'POST', `/submissions/${id}/claim`);
    const json = (await (await call(mod1, 'GET', `/audit?subjectId=${id}`)).json()) as {
      items: Array<{ action: string }>;
    };
    expect(json.items.map((i) => i.action)).toEqual(['review.claimed', 'submission.created']);
    const filtered = (await (
      await call(admin, 'GET', `/audit?subjectId=${id}&action=review.claimed`)
    ).json()) as { items: unknown[] };
    expect(filtered.items).toHaveLength(1);
    const none = (await (await call(elsewhere, 'GET', `/audit?subjectId=${id}`)).json()) as {
      items: unknown[];
    };
    expect(none.items).toEqual([]);
    const csv = await call(mod1, 'GET', `/audit.csv?subjectId=${id}`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,at,actor_type/);
    expect(lines).toHaveLength(3);
    expect((await call(await signIn('facil@example.org'), 'GET', '/audit')).status).toBe(403);
  });

  it('refuses UPDATE and DELETE on the audit table', async () => {
    const db = stack.deps.db;
    await expect(sql`update audit_events set action = 'x'`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_events`.execute(db)).rejects.toThrow(/append-only/);
    expect(demoId).toEqual(expect.any(String));
  });
});

describe('admin pages: staff accounts and escalations', () => {
  const page = (s: Session, method: string, p: string, form?: Record<string, string>) =>
    fetch(`${stack.baseUrl}${p}`, {
      method,
      redirect: 'manual',
      headers: {
        cookie: s.cookie,
        ...(form
          ? { 'content-type': 'application/x-www-form-urlencoded', origin: stack.baseUrl }
          : {}),
      },
      ...(form ? { body: new URLSearchParams({ ...form, _csrf: s.csrf }).toString() } : {}),
    });

  it('adds an account with a role and campaigns, resets its password, and disables it', async () => {
    const admin = await signIn('boss@example.org');
    const list = await page(admin, 'GET', '/staff/admin/staff');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('mod1@example.org');
    const short = await page(admin, 'POST', '/staff/admin/staff', {
      email: 'page-made@example.org',
      role: 'moderator',
      password: 'short',
    });
    expect(short.status).toBe(400);
    const made = await page(admin, 'POST', '/staff/admin/staff', {
      email: 'page-made@example.org',
      role: 'moderator',
      campaigns: 'demo',
      password: 'a temporary password 1',
    });
    expect(made.status).toBe(303);
    const user = await stack.deps.db
      .selectFrom('users')
      .select(['id', 'must_change_password'])
      .where('email', '=', 'page-made@example.org')
      .executeTakeFirstOrThrow();
    expect(user.must_change_password).toBe(true);
    const dup = await page(admin, 'POST', '/staff/admin/staff', {
      email: 'page-made@example.org',
      role: 'moderator',
      password: 'a temporary password 1',
    });
    expect(dup.status).toBe(409);
    const reset = await page(admin, 'POST', `/staff/admin/staff/${user.id}/password`, {
      password: 'another temporary one',
    });
    expect(reset.status).toBe(303);
    expect((await login('page-made@example.org', 'another temporary one')).status).toBe(200);
    const off = await page(admin, 'POST', `/staff/admin/staff/${user.id}/disable`, {});
    expect(off.status).toBe(303);
    expect((await login('page-made@example.org', 'another temporary one')).status).toBe(401);
    expect(await actionsFor(user.id)).toEqual([
      'staff.user_created',
      'staff.password_reset',
      'auth.login',
      'staff.user_disabled',
    ]);
    const mod = await signIn('mod1@example.org');
    expect((await page(mod, 'GET', '/staff/admin/staff')).status).toBe(403);
  });

  it('lists open escalations for admins and closes one with a written outcome', async () => {
    const id = await awaitingReview();
    const mod = await signIn('mod1@example.org');
    await call(mod, 'POST', `/submissions/${id}/claim`);
    const concern = 'A medication label with a full name is readable at 0:15.';
    await call(mod, 'POST', `/submissions/${id}/decision`, {
      decision: 'escalate',
      consentCheck: true,
      contentCheck: false,
      note: concern,
    });
    const admin = await signIn('boss@example.org');
    const open = await page(admin, 'GET', '/staff/admin/escalations');
    expect(open.status).toBe(200);
    expect(await open.text()).toContain('A medication label');
    const empty = await page(admin, 'POST', `/staff/admin/escalations/${id}/close`, {
      outcome: ' ',
    });
    expect(empty.status).toBe(400);
    const closed = await page(admin, 'POST', `/staff/admin/escalations/${id}/close`, {
      outcome: 'Asked the contributor for a new version without the label.',
    });
    expect(closed.status).toBe(303);
    const row = await stack.deps.db
      .selectFrom('submissions')
      .select('escalated_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.escalated_at).toBeNull();
  });
});

describe('upload on a contributor’s behalf', () => {
  const send = (s: Session, fields: Record<string, string>) =>
    postMultipart(
      api('/staff/uploads'),
      fields,
      {
        filename: 'clip.mp4',
        body: createReadStream(path.join(MEDIA_DIR, 'odd-size-upside-down.mp4')),
      },
      { cookie: s.cookie, 'x-csrf-token': s.csrf },
    );
  const fields = {
    campaign: 'demo',
    consent: JSON.stringify(validConsent),
    method: 'paper',
    witness: 'J. Jones, support worker',
  };

  it('streams the file in, records how consent was given and who saw it, answers the link once', async () => {
    const mod = await signIn('mod1@example.org');
    const res = await send(mod, fields);
    expect(res.status).toBe(201);
    const { id, token } = res.json() as { id: string; token: string };
    const consent = await stack.deps.db
      .selectFrom('consents')
      .select(['method', 'witnessed_by'])
      .where('submission_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(consent).toEqual({ method: 'paper', witnessed_by: 'J. Jones, support worker' });
    const own = await fetch(api(`/submissions/${id}`), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(own.status).toBe(200);
    expect(await actionsFor(id)).toContain('submission.created_on_behalf');
    const keys = await stack.deps.store.list(`originals/${id}/`);
    expect(keys).toHaveLength(1);
  });

  it('works from the staff page too, showing the receipt link once', async () => {
    const mod = await signIn('mod1@example.org');
    const form = {
      campaign: 'demo',
      displayName: 'Paper Carer',
      othersAppear: 'no',
      othersConsented: 'no',
      language: 'cy',
      method: 'phone',
      witness: 'R. Evans, advocate',
    };
    const viaPage = (extra: Record<string, string>) =>
      postMultipart(
        `${stack.baseUrl}/staff/upload-on-behalf`,
        { ...extra, ...form },
        {
          filename: 'clip.mp4',
          body: createReadStream(path.join(MEDIA_DIR, 'odd-size-upside-down.mp4')),
        },
        { cookie: mod.cookie, origin: stack.baseUrl },
      );
    expect((await viaPage({})).status).toBe(403);
    const res = await viaPage({ _csrf: mod.csrf });
    expect(res.status).toBe(200);
    const link = /\/r\/([A-Za-z0-9_-]{43})/.exec(res.body);
    expect(link).not.toBeNull();
    const row = await stack.deps.db
      .selectFrom('consents')
      .select(['method', 'witnessed_by', 'language', 'display_name'])
      .where('witnessed_by', '=', 'R. Evans, advocate')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      method: 'phone',
      witnessed_by: 'R. Evans, advocate',
      language: 'cy',
      display_name: 'Paper Carer',
    });
  });

  it('refuses without a method or witness, outside the campaigns, and for facilitators', async () => {
    const mod = await signIn('mod1@example.org');
    expect((await send(mod, { ...fields, method: 'email' })).status).toBe(400);
    expect((await send(mod, { ...fields, witness: '' })).status).toBe(400);
    const other = await signIn('elsewhere@example.org');
    expect((await send(other, fields)).status).toBe(404);
    const facil = await signIn('facil@example.org');
    expect((await send(facil, fields)).status).toBe(403);
  });
});
