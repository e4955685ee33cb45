/**
 * The one authorisation policy: who may do what to which resource. Pure, so the whole
 * route × role × campaign matrix is checked in a unit test (authorisation.test.ts).
 * Routes look their action up in `staffRoutes` when they are mounted, so a route cannot exist
 * without a row here.
 */
export const actorKinds = [
  'admin',
  'moderator',
  'facilitator',
  'contributor',
  'juror',
  'anonymous',
] as const;
export type ActorKind = (typeof actorKinds)[number];
export type StaffKind = 'admin' | 'moderator' | 'facilitator';

export interface Actor {
  kind: ActorKind;
  /** Staff: the campaigns they work on (admins see every campaign whatever this says). */
  campaignIds?: readonly string[];
  /** Contributor: the one submission their link token opens. */
  submissionId?: string;
}

/** What is acted on; omitted fields mean "not about one campaign or submission". */
export interface Resource {
  campaignId?: string;
  submissionId?: string;
}

export const actions = [
  'auth.login',
  'auth.self',
  'staff.manage',
  'review.queue',
  'submission.view',
  'submission.claim',
  'submission.decide',
  'submission.withdraw',
  'submission.captions',
  'submission.replace',
  'escalation.close',
  'audit.read',
  // Trim and blur a clip into a new media version (review).
  'submission.redact',
  // Upload for a contributor without a smartphone, recording how consent was given.
  'submission.upload_on_behalf',
  'playlist.view',
  'playlist.manage',
  'playlist.share',
  'playlist.export',
  // Campaign settings: dates, consent statements, retention; and running retention.
  'campaign.manage',
  // Operations: metrics and the queue dashboard (queue names, job ids, failure reasons).
  'ops.read',
] as const;
export type Action = (typeof actions)[number];

export const isStaff = (a: Actor): a is Actor & { kind: StaffKind } =>
  a.kind === 'admin' || a.kind === 'moderator' || a.kind === 'facilitator';

/** Which staff roles may take an action (within their campaigns; admins everywhere). */
const staffRoles: Record<Exclude<Action, 'auth.login'>, readonly StaffKind[]> = {
  'auth.self': ['admin', 'moderator', 'facilitator'],
  'staff.manage': ['admin'],
  'review.queue': ['admin', 'moderator'],
  // Facilitators preview clips for playlists in their campaigns.
  'submission.view': ['admin', 'moderator', 'facilitator'],
  'submission.claim': ['admin', 'moderator'],
  'submission.decide': ['admin', 'moderator'],
  'submission.withdraw': ['admin', 'moderator'],
  // Moderators fix captions while reviewing.
  'submission.captions': ['admin', 'moderator'],
  // A replacement file (a new media version), e.g. from a contributor without a smartphone.
  'submission.replace': ['admin', 'moderator'],
  'escalation.close': ['admin'],
  'audit.read': ['admin', 'moderator'],
  'submission.redact': ['admin', 'moderator'],
  'submission.upload_on_behalf': ['admin', 'moderator'],
  // Facilitators build, share and export their campaigns' playlists; moderators may look.
  'playlist.view': ['admin', 'moderator', 'facilitator'],
  'playlist.manage': ['admin', 'facilitator'],
  'playlist.share': ['admin', 'facilitator'],
  'playlist.export': ['admin', 'facilitator'],
  'campaign.manage': ['admin'],
  'ops.read': ['admin'],
};

// Actions about the staff member themself, not about any campaign's data.
const unscoped: ReadonlySet<Action> = new Set(['auth.self']);

function inScope(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.kind === 'admin' || unscoped.has(action) || resource.campaignId === undefined) {
    return true;
  }
  return actor.campaignIds?.includes(resource.campaignId) ?? false;
}

export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  if (action === 'auth.login') return true;
  if (actor.kind === 'contributor') {
    // A contributor's link token opens its own submission: to watch, caption or withdraw.
    return (
      (action === 'submission.view' ||
        action === 'submission.withdraw' ||
        action === 'submission.captions' ||
        action === 'submission.replace') &&
      actor.submissionId !== undefined &&
      resource.submissionId === actor.submissionId
    );
  }
  // Jurors watch through playlists (their own routes); nothing here is theirs.
  if (!isStaff(actor)) return false;
  return staffRoles[action].includes(actor.kind) && inScope(actor, action, resource);
}

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

export interface RouteSpec {
  method: HttpMethod;
  /** Express path as mounted (API routes relative to /api/v1). */
  path: string;
  action: Action;
  /** `session`: a staff session is required (401 without one); `public`: anyone may call. */
  auth: 'public' | 'session';
  /** Which router serves it. */
  router:
    | 'staff-api'
    | 'staff-pages'
    | 'submissions'
    | 'captions'
    | 'ops'
    | 'playlists'
    | 'admin-pages'
    | 'playlist-pages';
}

const api = (
  method: HttpMethod,
  path: string,
  action: Action,
  auth: RouteSpec['auth'] = 'session',
): RouteSpec => ({ method, path, action, auth, router: 'staff-api' });
const page = (
  method: HttpMethod,
  path: string,
  action: Action,
  auth: RouteSpec['auth'] = 'session',
): RouteSpec => ({ method, path, action, auth, router: 'staff-pages' });

// Admin staff/escalation pages and the on-behalf upload page live in their own router.
const adminPage = (method: HttpMethod, path: string, action: Action): RouteSpec => ({
  method,
  path,
  action,
  auth: 'session',
  router: 'admin-pages',
});

export const staffRoutes: readonly RouteSpec[] = [
  api('post', '/auth/login', 'auth.login', 'public'),
  api('post', '/auth/logout', 'auth.self'),
  api('post', '/auth/logout-all', 'auth.self'),
  api('post', '/auth/password', 'auth.self'),
  api('get', '/auth/session', 'auth.self'),
  api('post', '/staff/users', 'staff.manage'),
  api('post', '/staff/users/:id/disable', 'staff.manage'),
  api('get', '/review/queue', 'review.queue'),
  api('post', '/submissions/:id/claim', 'submission.claim'),
  api('post', '/submissions/:id/decision', 'submission.decide'),
  api('post', '/submissions/:id/withdraw', 'submission.withdraw'),
  api('post', '/submissions/:id/escalation/close', 'escalation.close'),
  api('get', '/audit', 'audit.read'),
  api('get', '/audit.csv', 'audit.read'),
  // Upload for a contributor without a smartphone (src/api/staff/on-behalf.ts).
  api('post', '/staff/uploads', 'submission.upload_on_behalf'),
  // Trim and redact (src/api/staff/redact.routes.ts); the unredacted original is staff-only.
  api('post', '/submissions/:id/edits', 'submission.redact'),
  api('get', '/submissions/:id/edits', 'submission.redact'),
  api('get', '/submissions/:id/versions/:version/original', 'submission.redact'),
  // Served by submissions.routes.ts: the contributor's token or a staff session.
  {
    method: 'get',
    path: '/submissions/:id',
    action: 'submission.view',
    auth: 'public',
    router: 'submissions',
  },
  {
    method: 'get',
    path: '/submissions/:id/media/:name',
    action: 'submission.view',
    auth: 'public',
    router: 'submissions',
  },
  {
    method: 'post',
    path: '/submissions/:id/versions',
    action: 'submission.replace',
    auth: 'public',
    router: 'submissions',
  },
  // Served by captions.routes.ts: the contributor's token or a staff session.
  {
    method: 'get',
    path: '/submissions/:id/captions/:lang',
    action: 'submission.captions',
    auth: 'public',
    router: 'captions',
  },
  {
    method: 'put',
    path: '/submissions/:id/captions/:lang',
    action: 'submission.captions',
    auth: 'public',
    router: 'captions',
  },
  page('get', '/staff/login', 'auth.login', 'public'),
  page('post', '/staff/login', 'auth.login', 'public'),
  page('get', '/staff/password', 'auth.self'),
  page('post', '/staff/password', 'auth.self'),
  page('get', '/staff/logout', 'auth.self'),
  page('post', '/staff/logout', 'auth.self'),
  page('get', '/staff/', 'review.queue'),
  page('get', '/staff/submissions/:id', 'submission.view'),
  page('get', '/staff/submissions/:id/media/:name', 'submission.view'),
  page('post', '/staff/submissions/:id/claim', 'submission.claim'),
  page('post', '/staff/submissions/:id/decision', 'submission.decide'),
  page('post', '/staff/submissions/:id/edits', 'submission.redact'),
  // Admin pages for staff accounts and open escalations (src/web/staff/admin-staff-pages.ts).
  adminPage('get', '/staff/admin/staff', 'staff.manage'),
  adminPage('post', '/staff/admin/staff', 'staff.manage'),
  adminPage('post', '/staff/admin/staff/:id/disable', 'staff.manage'),
  adminPage('get', '/staff/admin/staff/:id/password', 'staff.manage'),
  adminPage('post', '/staff/admin/staff/:id/password', 'staff.manage'),
  adminPage('get', '/staff/admin/escalations', 'escalation.close'),
  adminPage('post', '/staff/admin/escalations/:id/close', 'escalation.close'),
  adminPage('get', '/staff/upload-on-behalf', 'submission.upload_on_behalf'),
  adminPage('post', '/staff/upload-on-behalf', 'submission.upload_on_behalf'),
  // Jury playlists (src/api/playlists.routes.ts); jurors' /watch routes take a share token.
  ...(
    [
      ['get', '/playlists', 'playlist.view'],
      ['post', '/playlists', 'playlist.manage'],
      ['get', '/playlists/:id', 'playlist.view'],
      ['put', '/playlists/:id', 'playlist.manage'],
      ['get', '/playlists/:id/clips', 'playlist.view'],
      ['post', '/playlists/:id/items', 'playlist.manage'],
      ['put', '/playlists/:id/items/:itemId', 'playlist.manage'],
      ['delete', '/playlists/:id/items/:itemId', 'playlist.manage'],
      ['post', '/playlists/:id/items/:itemId/move', 'playlist.manage'],
      ['post', '/playlists/:id/share', 'playlist.share'],
      ['get', '/playlists/:id/shares', 'playlist.share'],
      ['delete', '/playlists/:id/shares/:shareId', 'playlist.share'],
      ['post', '/playlists/:id/exports', 'playlist.export'],
      ['get', '/playlists/:id/exports', 'playlist.export'],
      ['get', '/playlists/:id/exports/:exportId', 'playlist.export'],
      ['get', '/playlists/:id/exports/:exportId/download', 'playlist.export'],
    ] as const
  ).map(([method, path, action]): RouteSpec => ({
    method,
    path,
    action,
    auth: 'session',
    router: 'playlists',
  })),
  // Facilitators' playlist pages (src/web/staff/playlist-pages.ts), over the same services.
  ...(
    [
      ['get', '/staff/playlists', 'playlist.view'],
      ['post', '/staff/playlists', 'playlist.manage'],
      ['get', '/staff/playlists/:id', 'playlist.view'],
      ['post', '/staff/playlists/:id', 'playlist.manage'],
      ['get', '/staff/playlists/:id/clips', 'playlist.view'],
      ['post', '/staff/playlists/:id/items', 'playlist.manage'],
      ['post', '/staff/playlists/:id/items/:itemId/move', 'playlist.manage'],
      ['post', '/staff/playlists/:id/items/:itemId/intro', 'playlist.manage'],
      ['post', '/staff/playlists/:id/items/:itemId/remove', 'playlist.manage'],
      ['post', '/staff/playlists/:id/shares', 'playlist.share'],
      ['post', '/staff/playlists/:id/shares/:shareId/revoke', 'playlist.share'],
      ['post', '/staff/playlists/:id/exports', 'playlist.export'],
      ['get', '/staff/playlists/:id/exports/:exportId/download', 'playlist.export'],
    ] as const
  ).map(([method, path, action]): RouteSpec => ({
    method,
    path,
    action,
    auth: 'session',
    router: 'playlist-pages',
  })),
  // Operations (src/api/metrics.ts, src/api/admin-queues.ts). /metrics also takes the
  // METRICS_TOKEN bearer for a scraper; the dashboard is read-only, so GET is its only method.
  { method: 'get', path: '/metrics', action: 'ops.read', auth: 'session', router: 'ops' },
  { method: 'get', path: '/staff/queues', action: 'ops.read', auth: 'session', router: 'ops' },
  // Admin pages (src/web/staff/admin-ops-pages.ts): campaign settings and retention; failed
  // processing with a retry (the CLI's retry, through PostgreSQL) and storage used.
  ...(
    [
      ['get', '/staff/admin/campaigns', 'campaign.manage'],
      ['get', '/staff/admin/campaigns/:slug', 'campaign.manage'],
      ['post', '/staff/admin/campaigns/:slug', 'campaign.manage'],
      ['post', '/staff/admin/campaigns/:slug/statements', 'campaign.manage'],
      ['get', '/staff/admin/jobs', 'ops.read'],
      ['post', '/staff/admin/jobs/:id/retry', 'ops.read'],
      ['get', '/staff/admin/storage', 'ops.read'],
    ] as const
  ).map(([method, path, action]): RouteSpec => ({
    method,
    path,
    action,
    auth: 'session',
    router: 'ops',
  })),
];

/** The spec of a route; throws at mount time (start-up) when a route is missing from the table. */
export function routeSpec(router: RouteSpec['router'], method: HttpMethod, path: string) {
  const spec = staffRoutes.find(
    (r) => r.router === router && r.method === method && r.path === path,
  );
  if (!spec) throw new Error(`route ${method.toUpperCase()} ${path} has no authorisation entry`);
  return spec;
}
