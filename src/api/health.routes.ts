import { Router } from 'express';
import { pingDb } from '../db/database';
import { pingRedis } from '../queue/connection';
import type { ApiDeps } from './deps';

export function healthRouter(deps: Pick<ApiDeps, 'db' | 'redis' | 'store'>): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', async (_req, res) => {
    const checks = {
      postgres: pingDb(deps.db),
      redis: pingRedis(deps.redis),
      s3: deps.store.ping(),
    };
    const results = await Promise.allSettled(Object.values(checks));
    const names = Object.keys(checks);
    const down = names.filter((_, i) => results[i]?.status === 'rejected');
    const body = Object.fromEntries(names.map((n) => [n, down.includes(n) ? 'down' : 'up']));
    if (down.length) {
      res.status(503).json({
        status: 'unavailable',
        checks: body,
        error: { code: 'dependency_down', message: `Not answering: ${down.join(', ')}.` },
      });
      return;
    }
    res.json({ status: 'ready', checks: body });
  });
  return r;
}
