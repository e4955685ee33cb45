import { randomUUID } from 'node:crypto';
import type { TestStack } from './stack';

/**
 * Clips written straight into the database (approved unless `status` says otherwise) for tests
 * of pages and lists that only read what they show (status, consent, length), so no upload or
 * rendition is needed. `escalated` makes one the picker must refuse with its reason.
 */
export async function seedClip(
  stack: TestStack,
  opts: {
    campaignId: string;
    name: string;
    seconds?: number;
    escalated?: boolean;
    status?: 'approved' | 'awaiting_review';
  },
): Promise<string> {
  const db = stack.deps.db;
  const statement = await db
    .selectFrom('consent_statements')
    .select('id')
    .where('campaign_id', '=', opts.campaignId)
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  await db
    .insertInto('submissions')
    .values({
      id,
      campaign_id: opts.campaignId,
      status: opts.status ?? 'approved',
      language: 'en',
      failure_code: null,
      failure_detail: null,
      kind: 'video',
      original_bytes: 1000,
      original_content_type: 'video/mp4',
      duration_seconds: opts.seconds ?? 30,
      probe: null,
      ...(opts.escalated ? { escalated_at: new Date() } : {}),
    })
    .execute();
  await db
    .insertInto('consents')
    .values({
      submission_id: id,
      statement_id: statement.id,
      scopes: ['jury'],
      others_appear: false,
      others_consented: false,
      display_name: opts.name,
      language: 'en',
      withdrawn_at: null,
    })
    .execute();
  return id;
}

/** Signs a staff member in through the API: the session cookie and CSRF token. */
export async function staffSession(baseUrl: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}
