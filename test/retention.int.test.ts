import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createCampaign } from '../src/db/campaigns.queries';
import { createUser } from '../src/db/users.queries';
import { demoCampaign } from '../src/demo-campaign';
import { sql } from 'kysely';
import { exportKey, mediaKey } from '../src/storage/keys';
import { formatRetentionReport, runRetention } from '../workers/retention.processor';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { startTestStack, type TestStack } from './support/stack';

/**
 * Retention against real PostgreSQL, Redis and S3: a campaign past its retention date loses
 * every object and personal record; its counts and an audit trail without personal fields stay;
 * another campaign is untouched. The bucket is listed afterwards to prove it.
 */
let stack: TestStack;
const NAME = 'Retention Test Carer';

async function upload(campaign: string) {
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign, consent: JSON.stringify({ ...validConsent, displayName: NAME }) },
    {
      filename: 'clip.mp4',
      contentType: 'video/mp4',
      body: createReadStream(path.join(MEDIA_DIR, 'android-vfr.mp4')),
    },
  );
  expect(res.status).toBe(201);
  return res.json() as { id: string; token: string };
}

/** A published rendition as finalise would leave it: the object and its media_assets row. */
async function publishRendition(id: string) {
  const body = Buffer.from('rendition bytes');
  await stack.deps.store.putStream(mediaKey(id, 1, 'poster.jpg'), Readable.from([body]), {
    contentType: 'image/jpeg',
  });
  await stack.deps.db
    .insertInto('media_assets')
    .values({
      submission_id: id,
      version: 1,
      name: 'poster.jpg',
      content_type: 'image/jpeg',
      bytes: body.length,
    })
    .execute();
}

const keysUnder = async (prefix: string) =>
  (await stack.deps.store.list(prefix)).map((o) => o.key).sort();

let approved: { id: string; token: string };
let withdrawn: { id: string; token: string };
let kept: { id: string; token: string };
let playlistId: string;
let exportId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const db = stack.deps.db;
  const old = await createCampaign(db, { ...demoCampaign, slug: 'old-jury' });
  await db
    .updateTable('campaigns')
    .set({ retention_until: '2026-01-31' })
    .where('id', '=', old.id)
    .execute();
  approved = await upload('old-jury');
  withdrawn = await upload('old-jury');
  kept = await upload('demo');
  await publishRendition(approved.id);
  await publishRendition(kept.id);
  // A jury playlist of the old campaign with an exported file (migration 0005's tables).
  const playlist = await sql<{ id: string }>`
    INSERT INTO playlists (campaign_id, title_en, title_cy, use)
    VALUES (${old.id}, 'Session 1', 'Sesiwn 1', 'jury') RETURNING id`.execute(db);
  playlistId = playlist.rows[0]!.id;
  await sql`
    INSERT INTO playlist_items (playlist_id, submission_id, position, media_version)
    VALUES (${playlistId}, ${approved.id}, 0, 1)`.execute(db);
  const exported = await sql<{ id: string }>`
    INSERT INTO playlist_exports (playlist_id, lang, height, status, submission_ids)
    VALUES (${playlistId}, 'en', 720, 'ready', ARRAY[${approved.id}]::uuid[]) RETURNING id`.execute(
    db,
  );
  exportId = exported.rows[0]!.id;
  await stack.deps.store.putStream(
    exportKey(playlistId, exportId),
    Readable.from([Buffer.from('mp4')]),
    {
      contentType: 'video/mp4',
    },
  );
  // Test set-up only: the state a reviewed clip would be in.
  await db
    .updateTable('submissions')
    .set({ status: 'approved' })
    .where('id', '=', approved.id)
    .execute();
  const del = await fetch(`${stack.baseUrl}/api/v1/submissions/${withdrawn.id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${withdrawn.token}` },
  });
  expect(del.status).toBe(200);
}, 60_000);
afterAll(() => stack.close());

const NOW = new Date('2026-02-01T03:15:00Z');

it('a dry run reports what would go and changes nothing', async () => {
  const before = await keysUnder('');
  const report = await runRetention(stack.deps, { dryRun: true, now: NOW });
  expect(report).toMatchObject({
    dryRun: true,
    day: '2026-02-01',
    campaigns: [
      {
        slug: 'old-jury',
        retentionUntil: '2026-01-31',
        submissions: 2,
        byStatus: { approved: 1, withdrawn: 1 },
        // The approved clip's original and poster (the withdrawal already removed the other's),
        // and the playlist's exported file.
        objects: 3,
        playlistExports: 1,
      },
    ],
  });
  expect(formatRetentionReport(report)).toContain(
    'old-jury (kept until 2026-01-31): would purge 2',
  );
  expect(await keysUnder('')).toEqual(before);
  const rows = await stack.deps.db.selectFrom('submissions').select('id').execute();
  expect(rows).toHaveLength(3);
});

it('nothing is due on the retention day itself', async () => {
  const report = await runRetention(stack.deps, {
    dryRun: true,
    now: new Date('2026-01-31T23:59:00Z'),
  });
  expect(report.campaigns).toEqual([]);
});

it('purges the campaign past its date: bucket, rows and personal data; keeps counts and audit', async () => {
  const db = stack.deps.db;
  const report = await runRetention(stack.deps, { dryRun: false, now: NOW });
  expect(report.campaigns).toEqual([
    expect.objectContaining({ slug: 'old-jury', submissions: 2, objects: 3, playlistExports: 1 }),
  ]);

  // The bucket, listed: nothing of the old campaign's submissions; the other campaign intact.
  for (const id of [approved.id, withdrawn.id]) {
    expect(await keysUnder(`originals/${id}/`)).toEqual([]);
    expect(await keysUnder(`media/${id}/`)).toEqual([]);
  }
  expect(await keysUnder(`exports/${playlistId}/`)).toEqual([]);
  const exportRow = await sql<{ status: string }>`
    SELECT status FROM playlist_exports WHERE id = ${exportId}`.execute(stack.deps.db);
  expect(exportRow.rows).toEqual([{ status: 'deleted' }]);
  const items =
    await sql`SELECT 1 FROM playlist_items WHERE submission_id = ${approved.id}`.execute(
      stack.deps.db,
    );
  expect(items.rows).toEqual([]);
  expect(await keysUnder(`originals/${kept.id}/`)).toEqual([`originals/${kept.id}/1`]);
  expect(await keysUnder(`media/${kept.id}/`)).toEqual([`media/${kept.id}/1/poster.jpg`]);

  // Rows and personal data gone (consents, tokens, assets cascade); the other campaign kept.
  const subs = await db.selectFrom('submissions').select('id').execute();
  expect(subs.map((s) => s.id)).toEqual([kept.id]);
  const consents = await db
    .selectFrom('consents')
    .select(['submission_id', 'display_name'])
    .execute();
  expect(consents).toEqual([{ submission_id: kept.id, display_name: NAME }]);
  const tokens = await db.selectFrom('link_tokens').select('submission_id').execute();
  expect(tokens.map((t) => t.submission_id)).toEqual([kept.id]);
  const receipt = await fetch(`${stack.baseUrl}/r/${approved.token}`);
  expect(receipt.status).toBe(404);

  // Anonymous counts kept.
  const counts = await db
    .selectFrom('retention_counts as r')
    .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
    .select(['c.slug', 'r.status', 'r.submissions'])
    .orderBy('r.status')
    .execute();
  expect(counts).toEqual([
    { slug: 'old-jury', status: 'approved', submissions: 1 },
    { slug: 'old-jury', status: 'withdrawn', submissions: 1 },
  ]);

  // The audit trail stays (append-only), names no person, and records the purge.
  const audit = await db.selectFrom('audit_events').selectAll().execute();
  expect(audit.some((e) => e.subject_id === approved.id && e.action === 'submission.created')).toBe(
    true,
  );
  expect(JSON.stringify(audit)).not.toContain(NAME);
  expect(audit.find((e) => e.action === 'retention.purged')).toMatchObject({
    actor_type: 'system',
    subject_type: 'campaign',
    details: { submissions: 2, byStatus: { approved: 1, withdrawn: 1 } },
  });
  // Each purged submission gets the same delayed purge sweep a withdrawal gets.
  const delayed = await stack.deps.queues.queue('housekeeping').getDelayed();
  const swept = delayed.filter((j) => j.name === 'purge' && j.data.reason === 'retention');
  expect(swept.map((j) => j.data.submissionId as string).sort()).toEqual(
    [approved.id, withdrawn.id].sort(),
  );
});

it('a second pass finds nothing to do', async () => {
  const report = await runRetention(stack.deps, { dryRun: false, now: NOW });
  expect(report.campaigns).toEqual([]);
  expect(formatRetentionReport(report)).toBe(
    'retention 2026-02-01: no campaign is past its retention date',
  );
});

it('the workers schedule the pass daily', async () => {
  await stack.deps.queues.scheduleRetention();
  const schedulers = await stack.deps.queues.queue('housekeeping').getJobSchedulers();
  expect(schedulers).toEqual([
    expect.objectContaining({ key: 'retention-daily', name: 'retention', pattern: '15 3 * * *' }),
  ]);
});

it('keeps safeguarding escalations without their free text, and holds back open ones', async () => {
  const db = stack.deps.db;
  const campaign = await createCampaign(db, { ...demoCampaign, slug: 'safeguarded' });
  await db
    .updateTable('campaigns')
    .set({ retention_until: '2026-01-31' })
    .where('id', '=', campaign.id)
    .execute();
  const raiser = await createUser(db, {
    email: 'raiser@example.org',
    role: 'moderator',
    password: 'correct horse battery staple',
    campaignIds: [campaign.id],
  });
  const lead = await createUser(db, {
    email: 'lead@example.org',
    role: 'admin',
    password: 'correct horse battery staple',
    campaignIds: [],
  });
  const [closed, open] = [await upload('safeguarded'), await upload('safeguarded')];
  const CONCERN = `${NAME} said her neighbour at 12 Heol y Plas hurts her`;
  const escalate = (submissionId: string) =>
    db
      .insertInto('escalations')
      .values({
        submission_id: submissionId,
        campaign_id: campaign.id,
        raised_by: raiser.id,
        concern: CONCERN,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const closedEsc = await escalate(closed.id);
  const openEsc = await escalate(open.id);
  const closedAt = new Date('2026-01-10T09:30:00Z');
  await db
    .updateTable('escalations')
    .set({ closed_by: lead.id, closed_at: closedAt, outcome: 'Referred to the safeguarding team' })
    .where('id', '=', closedEsc.id)
    .execute();
  await db
    .updateTable('submissions')
    .set({ escalated_at: new Date() })
    .where('id', '=', open.id)
    .execute();

  const report = await runRetention(stack.deps, { dryRun: false, now: NOW });
  expect(report.campaigns).toEqual([
    expect.objectContaining({ slug: 'safeguarded', submissions: 1, heldBack: 1 }),
  ]);
  expect(formatRetentionReport(report)).toContain(
    '1 held back until their safeguarding escalation is closed',
  );

  // The closed escalation's submission is gone; the escalation stays, its concern cleared.
  const subs = await db
    .selectFrom('submissions')
    .select('id')
    .where('campaign_id', '=', campaign.id)
    .execute();
  expect(subs.map((s) => s.id)).toEqual([open.id]);
  expect(await keysUnder(`originals/${closed.id}/`)).toEqual([]);
  expect(await keysUnder(`originals/${open.id}/`)).toEqual([`originals/${open.id}/1`]);
  const kept = await db
    .selectFrom('escalations')
    .selectAll()
    .where('id', '=', closedEsc.id)
    .executeTakeFirstOrThrow();
  expect(kept).toMatchObject({
    submission_id: closed.id,
    campaign_id: campaign.id,
    raised_by: raiser.id,
    closed_by: lead.id,
    closed_at: closedAt,
    outcome: 'Referred to the safeguarding team',
    concern: '',
  });
  expect(kept.raised_at).toEqual(expect.any(Date));
  expect(kept.personal_data_removed_at).toEqual(expect.any(Date));
  // The open one is untouched until someone closes it.
  expect(
    await db
      .selectFrom('escalations')
      .select(['concern', 'personal_data_removed_at'])
      .where('id', '=', openEsc.id)
      .executeTakeFirstOrThrow(),
  ).toEqual({ concern: CONCERN, personal_data_removed_at: null });
  const purgeAudit = await db
    .selectFrom('audit_events')
    .select('details')
    .where('action', '=', 'retention.purged')
    .where('campaign_id', '=', campaign.id)
    .execute();
  expect(purgeAudit).toEqual([
    { details: { submissions: 1, byStatus: { uploaded: 1 }, escalationsKept: 1 } },
  ]);

  // Closed at last: the next daily pass purges it, and its escalation is kept the same way.
  await db
    .updateTable('escalations')
    .set({ closed_by: lead.id, closed_at: new Date(), outcome: 'No further action' })
    .where('id', '=', openEsc.id)
    .execute();
  const next = await runRetention(stack.deps, { dryRun: false, now: NOW });
  expect(next.campaigns).toEqual([
    expect.objectContaining({ slug: 'safeguarded', submissions: 1, heldBack: 0 }),
  ]);
  const all = await db
    .selectFrom('escalations')
    .select(['submission_id', 'concern', 'outcome'])
    .where('campaign_id', '=', campaign.id)
    .orderBy('raised_at')
    .execute();
  expect(all.sort((a, b) => a.outcome!.localeCompare(b.outcome!))).toEqual([
    { submission_id: open.id, concern: '', outcome: 'No further action' },
    { submission_id: closed.id, concern: '', outcome: 'Referred to the safeguarding team' },
  ]);
  expect(JSON.stringify(await db.selectFrom('escalations').selectAll().execute())).not.toContain(
    NAME,
  );
  expect((await runRetention(stack.deps, { dryRun: false, now: NOW })).campaigns).toEqual([]);
});
