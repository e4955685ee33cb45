import type { Server } from 'node:http';
import { createApp } from './api/app';
import type { ApiDeps } from './api/deps';
import { loadConfig } from './config';
import { seedFirstRun } from './first-run';
import { createLogger } from './logger';
import { openConnections, resolveEndpoints } from './runtime';
import { runMain } from './run-main';

/** Starts the HTTP server; resolves once it listens. */
export async function startHttp(
  deps: ApiDeps,
): Promise<{ server: Server; close(): Promise<void> }> {
  const app = createApp(deps);
  const server = app.listen(deps.config.port, deps.config.host);
  // Uploads from phones are slow: no whole-request timeout, but drop idle sockets.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        // Stop taking requests; uploads in flight finish (or fail cleanly) before we resolve.
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** `npm run start:api`: the API and pages only, against configured services. */
if (require.main === module) {
  runMain('api', async () => {
    const config = loadConfig();
    const logger = createLogger(config.logLevel, 'api');
    const ep = await resolveEndpoints(config, logger, { embedded: false });
    const conn = await openConnections(config, ep);
    await seedFirstRun(conn.db, config.adminEmail);
    const http = await startHttp({ config, logger, ...conn });
    logger.info({ port: config.port }, 'API listening');
    return async () => {
      await http.close();
      await conn.close();
      await ep.stop();
    };
  });
}
