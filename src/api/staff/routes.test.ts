import type { Router } from 'express';
import { staffRoutes, type RouteSpec } from '../../domain/authorisation';
import { staffPagesRouter } from '../../web/staff/staff-routes';
import type { StaffPageDeps } from '../../web/staff/staff-deps';
import type { ApiDeps } from '../deps';
import { submissionsRouter } from '../submissions.routes';
import { staffApiRouter } from '.';

/** Every route our routers mount has a row in the authorisation table, and every row a route. */
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function mounted(router: Router): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const m of Object.keys(layer.route.methods)) out.push(`${m} ${layer.route.path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return [...new Set(out)].sort();
}

const table = (router: RouteSpec['router']) =>
  staffRoutes
    .filter((r) => r.router === router)
    .map((r) => `${r.method} ${r.path}`)
    .sort();

// Routers are only built here, never called: nothing touches these stand-ins.
const deps = { db: {}, config: {} } as unknown as ApiDeps;
const pageDeps = { loginLimits: [] } as unknown as StaffPageDeps;

describe('mounted routes', () => {
  it('staff API routes match the table exactly', () => {
    expect(mounted(staffApiRouter(deps))).toEqual(table('staff-api'));
  });

  it('staff page routes match the table exactly', () => {
    expect(mounted(staffPagesRouter(pageDeps))).toEqual(table('staff-pages'));
  });

  it('the submission reads listed in the table are mounted by the submissions router', () => {
    const routes = mounted(submissionsRouter(deps));
    for (const r of table('submissions')) expect(routes).toContain(r);
  });
});
