import {
  actions,
  actorKinds,
  can,
  routeSpec,
  staffRoutes,
  type Action,
  type Actor,
  type ActorKind,
} from './authorisation';

/**
 * The whole matrix: every route × every role × own / other campaign. The expectations are
 * written out here by hand, apart from the policy, so a change to either shows up.
 */
type Reach = 'all' | 'own' | 'none';
const expected: Record<Action, Record<ActorKind, Reach>> = {
  'auth.login': {
    admin: 'all',
    moderator: 'all',
    facilitator: 'all',
    contributor: 'all',
    juror: 'all',
    anonymous: 'all',
  },
  'auth.self': row({ admin: 'all', moderator: 'all', facilitator: 'all' }),
  'staff.manage': row({ admin: 'all' }),
  'review.queue': row({ admin: 'all', moderator: 'own' }),
  // A contributor reaches their own submission only ("own" below means their own).
  'submission.view': row({
    admin: 'all',
    moderator: 'own',
    facilitator: 'own',
    contributor: 'own',
  }),
  'submission.claim': row({ admin: 'all', moderator: 'own' }),
  'submission.decide': row({ admin: 'all', moderator: 'own' }),
  'submission.withdraw': row({ admin: 'all', moderator: 'own', contributor: 'own' }),
  'submission.captions': row({ admin: 'all', moderator: 'own', contributor: 'own' }),
  'submission.replace': row({ admin: 'all', moderator: 'own', contributor: 'own' }),
  'escalation.close': row({ admin: 'all' }),
  'audit.read': row({ admin: 'all', moderator: 'own' }),
  // Trim and redact: staff only, never the contributor (the unredacted original is staff-only).
  'submission.redact': row({ admin: 'all', moderator: 'own' }),
  'submission.upload_on_behalf': row({ admin: 'all', moderator: 'own' }),
  // Moderators may look at playlists; only facilitators (and admins) change, share or export.
  'playlist.view': row({ admin: 'all', moderator: 'own', facilitator: 'own' }),
  'playlist.manage': row({ admin: 'all', facilitator: 'own' }),
  'playlist.share': row({ admin: 'all', facilitator: 'own' }),
  'playlist.export': row({ admin: 'all', facilitator: 'own' }),
  'campaign.manage': row({ admin: 'all' }),
  'ops.read': row({ admin: 'all' }),
};

function row(r: Partial<Record<ActorKind, Reach>>): Record<ActorKind, Reach> {
  return Object.fromEntries(actorKinds.map((k) => [k, r[k] ?? 'none'])) as Record<ActorKind, Reach>;
}

const OWN = 'c-own';
const OTHER = 'c-other';
const MINE = 's-mine';
const THEIRS = 's-theirs';

const actorFor = (kind: ActorKind): Actor =>
  kind === 'contributor'
    ? { kind, submissionId: MINE }
    : kind === 'anonymous' || kind === 'juror'
      ? { kind }
      : { kind, campaignIds: [OWN] };

const cases = staffRoutes.flatMap((route) =>
  actorKinds.flatMap((kind) =>
    (['own', 'other'] as const).map((scope) => ({
      name: `${route.method.toUpperCase()} ${route.path} (${route.router})`,
      route,
      kind,
      scope,
    })),
  ),
);

describe('authorisation matrix', () => {
  it.each(cases)('$name as $kind on $scope campaign', ({ route, kind, scope }) => {
    const reach = expected[route.action][kind];
    const want = reach === 'all' || (reach === 'own' && scope === 'own');
    const resource =
      scope === 'own'
        ? { campaignId: OWN, submissionId: MINE }
        : { campaignId: OTHER, submissionId: THEIRS };
    expect(can(actorFor(kind), route.action, resource)).toBe(want);
  });

  it('covers every action with at least one route', () => {
    const used = new Set(staffRoutes.map((r) => r.action));
    expect(actions.filter((a) => !used.has(a))).toEqual([]);
  });

  it('has each route once', () => {
    const keys = staffRoutes.map((r) => `${r.router} ${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lets a role-level check pass without a resource and staff with no campaigns see none', () => {
    expect(can({ kind: 'moderator', campaignIds: [] }, 'review.queue')).toBe(true);
    expect(can({ kind: 'moderator', campaignIds: [] }, 'review.queue', { campaignId: OWN })).toBe(
      false,
    );
    expect(can({ kind: 'facilitator', campaignIds: [OWN] }, 'review.queue')).toBe(false);
    expect(can({ kind: 'contributor' }, 'submission.view', { submissionId: MINE })).toBe(false);
  });

  it('refuses to mount a route that is not in the table', () => {
    expect(() => routeSpec('staff-api', 'delete', '/review/queue')).toThrow(/no authorisation/);
    expect(routeSpec('staff-api', 'get', '/review/queue').action).toBe('review.queue');
  });
});
