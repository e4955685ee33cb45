import { randomUUID } from 'node:crypto';
import { createCampaign } from '../src/db/campaigns.queries';
import { createLinkToken } from '../src/db/link-tokens.queries';
import { createUser } from '../src/db/users.queries';
import { demoCampaign } from '../src/demo-campaign';
import { can, isStaff, staffRoutes, type Actor, type RouteSpec } from '../src/domain/authorisation';
import { startTestStack, type TestStack } from './support/stack';

/**
 * The authorisation matrix over HTTP: every row of `staffRoutes` (whoever added it) × admin,
 * moderator, facilitator, staff of another campaign, a contributor's link token and nobody,
 * against the real app. Where `can()` says no, the answer is 401 (no session), 403 (role) or
 * 404 (another campaign's resource, so ids cannot be probed); where it says yes, the request
 * gets past the policy: anything but 401/403 and below 500 (a 400 for the empty body we send,
 * a 404 for an unknown id, a 409 for a state are all fine). Each request uses a submission of
 * its own, so a withdrawal or a claim cannot change the next row's answer.
 */
let stack: TestStack;
const PASSWORD = 'correct horse battery staple';
let campaignA: string;
let statementA: string;
let victimUserId: string;

type Role = 'admin' | 'moderator' | 'facilitator' | 'otherCampaign' | 'contributor' | 'anonymous';
const roles: Role[] = [
  'admin',
  'moderator',
  'facilitator',
  'otherCampaign',
  'contributor',
  'anonymous',
];
const emails: Partial<Record<Role, string>> = {
  admin: 'matrix-admin@example.org',
  moderator: 'matrix-mod@example.org',
  facilitator: 'matrix-facil@example.org',
  otherCampaign: 'matrix-other@example.org',
};

interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}
const sessions = new Map<Role, Session>();
const actors = new Map<Role, Actor>();

beforeAll(async () => {
  stack = await startTestStack();
  const db = stack.deps.db;
  const other = await createCampaign(db, { ...demoCampaign, slug: 'matrix-other' });
  const demo = await db
    .selectFrom('campaigns as c')
    .innerJoin('consent_statements as s', 's.campaign_id', 'c.id')
    .select(['c.id', 's.id as statement_id'])
    .where('c.slug', '=', 'demo')
    .executeTakeFirstOrThrow();
  campaignA = demo.id;
  statementA = demo.statement_id;
  const make = async (role: Role, kind: 'admin' | 'moderator' | 'facilitator', ids: string[]) => {
    const u = await createUser(db, {
      email: emails[role]!,
      role: kind,
      password: PASSWORD,
      campaignIds: ids,
    });
    actors.set(role, { kind, campaignIds: ids });
    return u;
  };
  await make('admin', 'admin', []);
  await make('moderator', 'moderator', [campaignA]);
  await make('facilitator', 'facilitator', [campaignA]);
  await make('otherCampaign', 'moderator', [other.id]);
  actors.set('anonymous', { kind: 'anonymous' });
  const victim = await createUser(db, {
    email: 'matrix-victim@example.org',
    role: 'moderator',
    password: PASSWORD,
  });
  victimUserId = victim.id;
});
afterAll(() => stack.close());

async function signIn(role: Role): Promise<Session> {
  const res = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: emails[role], password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { csrfToken: string };
  const who = await stack.deps.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', emails[role]!)
    .executeTakeFirstOrThrow();
  return {
    cookie: res.headers.getSetCookie()[0]?.split(';')[0] ?? '',
    csrf: body.csrfToken,
    userId: who.id,
  };
}

/** A submission of campaign A waiting for review, with its contributor's link token. */
async function freshSubmission(): Promise<{ id: string; token: string }> {
  const db = stack.deps.db;
  const id = randomUUID();
  await db
    .insertInto('submissions')
    .values({
      id,
      campaign_id: campaignA,
      status: 'awaiting_review',
      language: 'en',
      failure_code: null,
      failure_detail: null,
      kind: 'video',
      original_bytes: 1000,
      original_content_type: 'video/mp4',
      duration_seconds: 5,
      probe: null,
    })
    .execute();
  await db
    .insertInto('consents')
    .values({
      submission_id: id,
      statement_id: statementA,
      scopes: ['jury'],
      others_appear: false,
      others_consented: false,
      display_name: 'Matrix Carer',
      language: 'en',
      withdrawn_at: null,
    })
    .execute();
  const token = await createLinkToken(db, { purpose: 'contributor', submissionId: id, ttlDays: 1 });
  return { id, token };
}

const atRoot = (spec: RouteSpec) =>
  spec.router === 'staff-pages' ||
  spec.router === 'admin-pages' ||
  spec.router === 'ops' ||
  spec.router === 'playlist-pages';
const isPage = (spec: RouteSpec) => atRoot(spec) && spec.path.startsWith('/staff');

function urlFor(spec: RouteSpec, submissionId: string): string {
  const path = spec.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    if (name === 'id' && spec.path.includes('/submissions/:id')) return submissionId;
    if (name === 'id' && spec.path.includes('/users/:id')) return victimUserId;
    if (name === 'name') return '720p.mp4';
    if (name === 'lang') return 'en';
    if (name === 'version') return '1';
    if (name === 'slug') return 'demo';
    return randomUUID();
  });
  return `${stack.baseUrl}${atRoot(spec) ? '' : '/api/v1'}${path}`;
}

function resourceOf(spec: RouteSpec, submissionId: string) {
  if (spec.path.includes('/submissions/:id')) return { campaignId: campaignA, submissionId };
  if (spec.path.includes(':slug')) return { campaignId: campaignA };
  return {};
}

const decisionFields = { decision: 'reject', note: 'Sent by the authorisation matrix test.' };

const rows = staffRoutes.flatMap((spec) => roles.map((role) => [spec, role] as const));

describe('every staff route answers as the policy says', () => {
  it.each(rows.map(([spec, role]) => [`${spec.method.toUpperCase()} ${spec.path}`, role, spec]))(
    '%s as %s',
    async (_name, role, spec) => {
      const s = await freshSubmission();
      const actor: Actor =
        role === 'contributor'
          ? { kind: 'contributor', submissionId: s.id }
          : (actors.get(role as Role) ?? { kind: 'anonymous' });
      // A session route needs a staff session whatever a link token may otherwise open.
      const staff = isStaff(actor);
      const allowed =
        (spec.auth === 'public' || staff) && can(actor, spec.action, resourceOf(spec, s.id));
      // Allowed by role, refused by campaign: the handler may refuse a bad body (400) before it
      // looks the resource up; either way nothing happens.
      const scopeOnly = !allowed && staff && can(actor, spec.action);
      let session = sessions.get(role as Role);
      if (!session && emails[role as Role]) {
        session = await signIn(role as Role);
        sessions.set(role as Role, session);
      }
      const headers: Record<string, string> = {};
      if (session) {
        headers.cookie = session.cookie;
        headers['x-csrf-token'] = session.csrf;
      }
      if (role === 'contributor') headers.authorization = `Bearer ${s.token}`;
      let body: string | undefined;
      if (spec.method !== 'get') {
        // Empty, so a write that gets through is refused by validation, not carried out.
        // A decision with no claim is refused (409) after the campaign check, so it is sent
        // whole: that way the campaign check is what answers another campaign's staff.
        const fields = spec.path.endsWith('/decision') ? decisionFields : {};
        if (isPage(spec)) {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          headers.origin = stack.baseUrl;
          body = new URLSearchParams(fields).toString();
        } else {
          headers['content-type'] = 'application/json';
          body = JSON.stringify(
            spec.path.endsWith('/decision')
              ? { ...fields, consentCheck: false, contentCheck: false }
              : {},
          );
        }
      }
      const res = await fetch(urlFor(spec, s.id), {
        method: spec.method.toUpperCase(),
        headers,
        redirect: 'manual',
        ...(body !== undefined ? { body } : {}),
      });
      await res.arrayBuffer();
      const location = res.headers.get('location') ?? '';
      // A refusal sends you to sign in and back (`?next=`); signing out just sends you there.
      const toLogin =
        res.status === 303 &&
        location.startsWith('/staff/login') &&
        (location.includes('next=') || !spec.path.includes('logout'));
      // The staff home sends a role without the review queue on to its own first page
      // (a facilitator to the playlists) instead of a refusal page; nothing is shown.
      const toOwnHome =
        spec.method === 'get' &&
        spec.path === '/staff/' &&
        res.status === 303 &&
        location.startsWith('/staff/playlists?');
      // Signing out ends the session: the next row signs in again.
      if (spec.path.includes('logout')) sessions.delete(role as Role);
      const seen = `${res.status}${location ? ` -> ${location}` : ''}`;
      if (allowed) {
        expect({ seen, ok: res.status !== 401 && res.status !== 403 && !toLogin }).toEqual({
          seen,
          ok: true,
        });
        expect(res.status).toBeLessThan(500);
      } else {
        const refusals = scopeOnly ? [400, 401, 403, 404] : [401, 403, 404];
        expect({ seen, ok: refusals.includes(res.status) || toLogin || toOwnHome }).toEqual({
          seen,
          ok: true,
        });
      }
    },
  );
});
