import { loadConfig } from './config';
import { seedFirstRun } from './first-run';
import { createLogger } from './logger';
import { runMain } from './run-main';
import { openConnections, resolveEndpoints } from './runtime';
import { startHttp } from './server';
import { startWorkers } from '../workers';

/** `npm start`: API, pages and workers in one process, on embedded defaults where unset. */
runMain('app', async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'app');
  const ep = await resolveEndpoints(config, logger, { embedded: true });
  const conn = await openConnections(config, ep);
  await seedFirstRun(conn.db, config.adminEmail);
  const workers = await startWorkers({ config, logger: logger.child({ part: 'worker' }), ...conn });
  const http = await startHttp({ config, logger, ...conn });
  const base = config.publicBaseUrl ?? `http://localhost:${config.port}`;
  logger.info({ port: config.port }, 'listening');
  process.stdout.write(`\nReady. The demo campaign's upload page: ${base}/c/demo\n\n`);
  return async () => {
    await http.close();
    await workers.close();
    await conn.close();
    await ep.stop();
  };
});
