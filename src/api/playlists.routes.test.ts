import type { Router } from 'express';
import { staffRoutes } from '../domain/authorisation';
import type { ApiDeps } from './deps';
import { playlistsRouter } from './playlists.routes';

/** Every playlist route mounted has a row in the authorisation table, and every row a route. */
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

const mounted = (router: Router) =>
  (router as unknown as { stack: Layer[] }).stack
    .flatMap((l) =>
      l.route ? Object.keys(l.route.methods).map((m) => `${m} ${l.route!.path}`) : [],
    )
    .sort();

// The router is only built here, never called: nothing touches this stand-in.
const deps = { db: {}, config: {} } as unknown as ApiDeps;

it('playlist routes match the authorisation table exactly', () => {
  const table = staffRoutes
    .filter((r) => r.router === 'playlists')
    .map((r) => `${r.method} ${r.path}`)
    .sort();
  expect(table.length).toBeGreaterThan(10);
  expect(mounted(playlistsRouter(deps))).toEqual(table);
});
