import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createUser } from '../src/db/users.queries';
import { multipartBody, MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { startTestStack, type TestStack } from './support/stack';
import { waitFor, waitForSettledSubmission } from './support/wait-for';

/**
 * GET /metrics and the queue dashboard, against the real parts with the workers running, so
 * job figures come from real jobs recorded by the workers through Redis.
 */
const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';
const CLIP = 'odd-size-upside-down.mp4';
let stack: TestStack;
let admin: string;
let moderator: string;

beforeAll(async () => {
  stack = await startTestStack({ workers: true, env: { METRICS_TOKEN } });
  await createUser(stack.deps.db, {
    email: 'ops@example.org',
    role: 'admin',
    password: PASSWORD,
    campaignIds: [],
  });
  await createUser(stack.deps.db, {
    email: 'mod@example.org',
    role: 'moderator',
    password: PASSWORD,
    campaignIds: [],
  });
  admin = await signIn('ops@example.org');
  moderator = await signIn('mod@example.org');
});
afterAll(() => stack.close());

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie()[0]?.split(';')[0] ?? '';
}

const get = (p: string, headers: Record<string, string> = {}) =>
  fetch(`${stack.baseUrl}${p}`, { headers, redirect: 'manual' });

async function scrape(): Promise<string> {
  const res = await get('/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of the one series with these labels (undefined when absent). */
function valueOf(text: string, name: string, labels: Record<string, string> = {}) {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(/,(?=[a-zA-Z_]+=")/);
    if (want.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

async function upload(file = CLIP) {
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    { filename: file, body: createReadStream(path.join(MEDIA_DIR, file)) },
  );
  expect(res.status).toBe(201);
  return res.json() as { id: string; token: string };
}

const jsonError = expect.objectContaining({
  error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
});

describe('GET /metrics access', () => {
  it('refuses no credentials, a wrong token and a moderator, with the JSON error shape', async () => {
    for (const [headers, status] of [
      [{}, 401],
      [{ authorization: 'Bearer wrong-token' }, 401],
      [{ authorization: `Bearer ${METRICS_TOKEN}x` }, 401],
      [{ cookie: moderator }, 403],
    ] as const) {
      const res = await get('/metrics', headers);
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual(jsonError);
    }
  });

  it('answers an admin session and the scraper token in the Prometheus text format', async () => {
    const ways: Record<string, string>[] = [
      { cookie: admin },
      { authorization: `Bearer ${METRICS_TOKEN}` },
    ];
    for (const headers of ways) {
      const res = await get('/metrics', headers);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await res.text()).toMatch(/^# HELP lev_http_request_duration_seconds /m);
    }
  });
});

describe('metrics', () => {
  let created: { id: string; token: string };

  beforeAll(async () => {
    created = await upload();
    const settled = await waitForSettledSubmission(stack.deps.db, created.id, {
      timeoutMs: 240_000,
    });
    expect(settled.status).toBe('awaiting_review');
  });

  it('times requests by route pattern, never by the raw URL with its token', async () => {
    await get(`/r/${created.token}`);
    await get(`/api/v1/submissions/${created.id}`, { authorization: `Bearer ${created.token}` });
    const text = await scrape();
    const count = (route: string, status: string) =>
      valueOf(text, 'lev_http_request_duration_seconds_count', { method: 'GET', route, status });
    expect(count('/r/:token', '200')).toBe(1);
    expect(count('/api/v1/submissions/:id', '200')).toBe(1);
    expect(
      valueOf(text, 'lev_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/submissions',
        status: '201',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(created.id);
  });

  it('reports job durations and outcomes recorded by the workers', async () => {
    const text = await waitFor(
      async () => {
        const t = await scrape();
        return valueOf(t, 'lev_job_duration_seconds_count', {
          job: 'finalise',
          outcome: 'completed',
        })
          ? t
          : undefined;
      },
      { what: 'job metrics', timeoutMs: 240_000 },
    );
    for (const job of ['probe', 'transcode', 'finalise']) {
      const labels = { job, outcome: 'completed' };
      expect(valueOf(text, 'lev_job_duration_seconds_count', labels)).toBeGreaterThanOrEqual(1);
      expect(valueOf(text, 'lev_job_duration_seconds_sum', labels)).toBeGreaterThan(0);
      expect(
        valueOf(text, 'lev_job_duration_seconds_bucket', { ...labels, le: '+Inf' }),
      ).toBeGreaterThanOrEqual(1);
    }
    expect(text).toMatch(/^# TYPE lev_job_duration_seconds histogram$/m);
    expect(text).toMatch(/^# TYPE lev_jobs_failed_total counter$/m);
  });

  it('reports queue depth by queue and state, and storage used', async () => {
    const text = await scrape();
    for (const queue of ['media', 'housekeeping']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        expect(valueOf(text, 'lev_queue_jobs', { queue, state })).toEqual(expect.any(Number));
      }
    }
    const bytes = (await stat(path.join(MEDIA_DIR, CLIP))).size;
    expect(valueOf(text, 'lev_storage_bytes', { kind: 'originals' })).toBe(bytes);
    expect(valueOf(text, 'lev_storage_bytes', { kind: 'media' })).toBeGreaterThan(0);
  });

  it('counts uploads in flight while a file is still arriving', async () => {
    const file = new PassThrough();
    const body = multipartBody(
      { campaign: 'demo', consent: JSON.stringify(validConsent) },
      { filename: CLIP, body: file },
    );
    const answered = new Promise<number>((resolve, reject) => {
      const req = http.request(`${stack.baseUrl}/api/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${body.boundary}` },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      body.stream.pipe(req);
    });
    const clip = await readFile(path.join(MEDIA_DIR, CLIP));
    file.write(clip.subarray(0, 64 * 1024));
    await waitFor(async () => valueOf(await scrape(), 'lev_uploads_in_flight') === 1, {
      what: 'an upload in flight',
      timeoutMs: 240_000,
    });
    file.end(clip.subarray(64 * 1024));
    expect(await answered).toBe(201);
    expect(valueOf(await scrape(), 'lev_uploads_in_flight')).toBe(0);
  });
});

describe('queue dashboard at /staff/queues', () => {
  it('sends a browser without a session to sign in, and refuses its API calls', async () => {
    const page = await get('/staff/queues');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/staff/login?next=%2Fstaff%2Fqueues');
    const api = await get('/staff/queues/api/queues');
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual(jsonError);
  });

  it('refuses staff who are not admins', async () => {
    for (const p of ['/staff/queues', '/staff/queues/api/queues']) {
      const res = await get(p, { cookie: moderator });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual(jsonError);
    }
  });

  it('shows admins the media and housekeeping queues, read-only', async () => {
    const page = await get('/staff/queues', { cookie: admin });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<base href="/staff/queues/"');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(page.headers.get('x-powered-by')).toBeNull();

    const api = await get('/staff/queues/api/queues', { cookie: admin });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['export', 'housekeeping', 'media']);
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);

    const write = await fetch(`${stack.baseUrl}/staff/queues/api/queues/media/clean/failed`, {
      method: 'PUT',
      headers: { cookie: admin },
    });
    expect(write.status).toBe(403);
    expect(await write.json()).toEqual(jsonError);
  });

  it('serves the dashboard assets to admins only', async () => {
    const html = await (await get('/staff/queues', { cookie: admin })).text();
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await get(`/staff/queues/${script}`, { cookie: admin })).status).toBe(200);
    expect((await get(`/staff/queues/${script}`)).status).toBe(303);
  });
});
