import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { runMain } from '../src/run-main';
import { openConnections, resolveEndpoints } from '../src/runtime';
import { startWorkers } from '.';

/** `npm run start:worker`: the workers only, against configured services. */
runMain('worker', async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'worker');
  const ep = await resolveEndpoints(config, logger, { embedded: false });
  const conn = await openConnections(config, ep);
  const workers = await startWorkers({ config, logger, ...conn });
  logger.info({ concurrency: config.worker.concurrency }, 'workers running');
  return async () => {
    await workers.close();
    await conn.close();
    await ep.stop();
  };
});
