import express, { type Express } from 'express';
import { createWebRouter, govukTemplateScriptCspSource } from '../web/router';
import { dataDownloadRouter } from './data-download.routes';
import { adminOpsPageDepsFrom } from './admin-ops-page-deps';
import { adminOpsPagesRouter } from '../web/staff/admin-ops-pages';
import { adminStaffPagesRouter } from '../web/staff/admin-staff-pages';
import { adminStaffPageDepsFrom } from './staff/admin-staff-service';
import type { ApiDeps } from './deps';
import { apiErrorHandler, apiNotFound } from './error-handler';
import { healthRouter } from './health.routes';
import { adminQueuesRouter } from './admin-queues';
import { createMetrics, metricsMiddleware, metricsRouter } from './metrics';
import { staffApiRouter } from './staff';
import { staffPageDepsFrom } from './staff/page-deps';
import { staffPagesRouter } from '../web/staff/staff-routes';
import { playlistPagesRouter } from '../web/staff/playlist-pages';
import { playlistPageDepsFrom } from './playlist-page-deps';
import { buildOpenApi } from './openapi';
import { captionsRouter } from './captions.routes';
import { staffCaptionsAccess } from './staff/captions-access';
import { submissionsRouter } from './submissions.routes';
import { playlistsRouter } from './playlists.routes';
import { watchPageDepsFrom, watchRouter } from './watch.routes';
import { watchPagesRouter } from '../web/watch-routes';
import { mountTusUploads } from './tus';
import { requestLogging } from './request-log';
import { securityHeaders } from './security-headers';
import { countWrites } from './write-generation';
import { webDepsFrom } from './web-deps';

export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Pages and API answers are no-store, so a weak ETag on them only costs a hash of every body.
  // Static assets keep theirs (express.static sets its own).
  app.set('etag', false);
  app.set('trust proxy', deps.config.trustProxy);
  // First, so every request is timed, including those refused by later middleware.
  const metrics = createMetrics(deps);
  app.use(metricsMiddleware(metrics));

  app.use(requestLogging(app, deps.logger));
  app.use(
    securityHeaders({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // GOV.UK Frontend's template has one inline script; allow exactly that one by hash.
          scriptSrc: ["'self'", govukTemplateScriptCspSource()],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          mediaSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: deps.config.publicBaseUrl?.startsWith('https:') ? [] : null,
        },
      },
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: deps.config.publicBaseUrl?.startsWith('https:') ? undefined : false,
    }),
  );

  // Before any route, so a write's change shows in this process's read caches at once.
  app.use(countWrites());
  // Before any body parser: tus reads the raw request stream.
  mountTusUploads(app, deps);

  const api = express.Router();
  const json = express.json({ limit: '64kb' });
  // A request without a body (every GET) skips body-parser, whose own checks cost more.
  api.use((req, res, next) => {
    if (req.headers['content-length'] === undefined && !req.headers['transfer-encoding']) next();
    else json(req, res, next);
  });
  const openapi = buildOpenApi();
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  // Staff first: the review queue is the busiest read (bench/review-queue.bench.ts).
  api.use(staffApiRouter(deps));
  api.use(submissionsRouter(deps));
  api.use(captionsRouter(deps, staffCaptionsAccess(deps)));
  // Jury playlists: facilitators (staff session) and jurors (share token).
  api.use(playlistsRouter(deps));
  api.use(watchRouter(deps));
  api.use(apiNotFound);
  api.use(apiErrorHandler);
  app.use('/api/v1', api);
  // Health and metrics come after the API: the API's requests are the busy ones, and these two
  // routes share no paths with it.
  app.use(healthRouter(deps));
  app.use(metricsRouter(deps, metrics));

  // Before the staff pages: their /staff 404 page would answer /staff/queues first.
  app.use(adminQueuesRouter(deps));
  // Admin pages under /staff/admin, also before the staff pages' /staff 404.
  // Staff accounts and escalations: before the /staff/admin pages' 404.
  app.use(adminStaffPagesRouter(adminStaffPageDepsFrom(deps)));
  app.use(adminOpsPagesRouter(adminOpsPageDepsFrom(deps)));
  const staffPageDeps = staffPageDepsFrom(deps);
  // Playlist pages under /staff/playlists: before the staff pages' /staff 404.
  app.use(playlistPagesRouter(playlistPageDepsFrom(deps, staffPageDeps)));
  app.use(staffPagesRouter(staffPageDeps));
  // Before the pages: the receipt's data download (a zip, not a page) under /r/{token}/data.
  app.use(dataDownloadRouter(deps));
  // The juror's page for a share link (/watch/{token}), before the pages' catch-all 404.
  app.use(watchPagesRouter(watchPageDepsFrom(deps)));
  app.use(createWebRouter(webDepsFrom(deps)));
  // Whatever no router answered (e.g. POST /healthz) gets the JSON 404, not Express's HTML
  // default, and an error nothing else caught never reaches Express's default handler, which
  // prints the stack outside production.
  app.use(apiNotFound, apiErrorHandler);
  return app;
}
