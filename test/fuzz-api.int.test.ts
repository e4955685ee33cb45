import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createUser } from '../src/db/users.queries';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { startTestStack, type TestStack } from './support/stack';

/**
 * A bounded, seeded fuzz of every API route: malformed JSON, wrong types, fields beyond their
 * limits, odd multipart, bad tokens, odd ids. Whatever arrives, the answer is never a 500 and
 * every API error is `{"error":{"code","message"}}` with no stack trace or file path.
 * The seed is printed on failure; FUZZ_SEED=<n> replays a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261104);
const ROUNDS = 3;
let stack: TestStack;
let session: { cookie: string; csrf: string };
let good: { id: string; token: string };
let clipHead: Buffer;

beforeAll(async () => {
  stack = await startTestStack();
  await createUser(stack.deps.db, {
    email: 'fuzz-admin@example.org',
    role: 'admin',
    password: 'correct horse battery staple',
    campaignIds: [],
  });
  const login = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'fuzz-admin@example.org',
      password: 'correct horse battery staple',
    }),
  });
  session = {
    cookie: login.headers.getSetCookie()[0]?.split(';')[0] ?? '',
    csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
  };
  const clip = await readFile(path.join(MEDIA_DIR, 'odd-size-upside-down.mp4'));
  clipHead = clip.subarray(0, 4096);
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    { filename: 'clip.mp4', body: Readable.from([clip]) },
  );
  expect(res.status).toBe(201);
  good = res.json() as { id: string; token: string };
});
afterAll(() => stack.close());

/** mulberry32: small, seeded, good enough to pick cases. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

// Header values must be bytes: unicode is sent as its UTF-8 bytes read as latin1.
const utf8Bytes = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
const junk = (rng: Rng, n: number) => randomBytesSeeded(rng, n).toString('base64url').slice(0, n);
function randomBytesSeeded(rng: Rng, n: number) {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(256);
  return b;
}

const badTokens = (rng: Rng) => [
  '',
  ' ',
  junk(rng, 43),
  junk(rng, 7000),
  utf8Bytes('tök€n-🙂-ŵ'),
  `${good.token}x`,
  good.token.slice(0, -1),
  'null',
  '../../etc/passwd',
  '%00',
];
const oddIds = (rng: Rng) => [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  good.id.toUpperCase(),
  '..%2F..%2Fetc',
  '%00',
  encodeURIComponent('🙂'),
  'a'.repeat(2000),
  '%E0%A4%A',
  junk(rng, 36),
  `${good.id}%20`,
];
const jsonBodies = (rng: Rng): string[] => [
  '{',
  '',
  'null',
  '[]',
  '"text"',
  '12',
  '{"a":',
  '\u0000{}',
  JSON.stringify({ email: 1, password: [] }),
  // NUL bytes: PostgreSQL refuses them in text, so they must be refused before it.
  JSON.stringify({ email: 'a\u0000@example.org', password: 'p\u0000', note: '\u0000' }),
  JSON.stringify({ decision: 'reject', consentCheck: true, contentCheck: true, note: 'x\u0000y' }),
  JSON.stringify({ email: 'x'.repeat(400), password: 'y'.repeat(5000) }),
  JSON.stringify({ decision: 'approve', consentCheck: 'yes', contentCheck: 1, note: {} }),
  JSON.stringify({
    decision: 'nope',
    consentCheck: true,
    contentCheck: true,
    note: 'n'.repeat(60_000),
  }),
  JSON.stringify({ campaign: { $ne: 1 }, consent: 'not json' }),
  JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: { x: 1 } } }),
  '['.repeat(5000) + ']'.repeat(5000),
  JSON.stringify({ big: junk(rng, 70_000) }),
];

// Option lists, '|'-separated to keep them short.
const list = (s: string) => s.split('|');
const CREATE_TYPES = list(
  'application/json|text/plain|application/x-www-form-urlencoded|video/mp4||multipart/mixed; boundary=x',
);
const LOGIN_TYPES = list('application/json|application/json; charset=utf-16|text/plain');
const MEDIA_NAMES = list(`720p.mp4|poster.jpg|../../secret|%00|captions.xx.vtt|${'a'.repeat(500)}`);
const RANGES = list('bytes=0-1|bytes=-5|bytes=99999999999-|bytes=abc|items=0-1|bytes=5-1');
const QUEUE_QUERIES = list(
  `|?status=nope|?campaign=%00|?limit=-1|?limit=1e9|?status[]=a&status[]=b|?q=${'x'.repeat(5000)}`,
);
const LANGS = list('en|cy|fr||..|EN|%F0%9F%99%82');
const CAPTION_TYPES = list(
  'text/vtt|application/x-subrip|text/plain|application/json|text/vtt; charset=latin1|',
);
const METHODS = list('GET|POST|PUT|DELETE|PATCH|OPTIONS');
const ODD_PATHS = list(
  `/api/v1/|/api/v1/submissions/|/api/v1//submissions|/api/v1/submissions/%|/api/v1/%E0%A4%A|/healthz|/readyz|/healthz?x=%|/api/v1/openapi.json|/api/v1/${'x/'.repeat(500)}`,
);

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One raw request (no client-side validation), body written in the given chunks. */
function send(
  method: string,
  p: string,
  headers: Record<string, string>,
  chunks: Array<string | Buffer> = [],
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${stack.baseUrl}${p}`, { method, headers });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    // The server may answer and close before it has read everything (413, bad multipart).
    req.on('error', (err: NodeJS.ErrnoException) =>
      ['ECONNRESET', 'EPIPE'].includes(err.code ?? '')
        ? resolve({ status: -1, headers: {}, body: '' })
        : reject(err),
    );
    for (const c of chunks) req.write(c);
    req.end();
  });
}

type Chunks = Array<string | Buffer>;

/** Odd multipart bodies, each as headers + chunks. */
function multiparts(
  rng: Rng,
): Array<{ name: string; headers: Record<string, string>; chunks: Chunks }> {
  const b = `----fuzz${junk(rng, 12)}`;
  const ct = { 'content-type': `multipart/form-data; boundary=${b}` };
  const field = (name: string, value: string) =>
    `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const file = (name = 'video', filename = 'clip.mp4') =>
    `--${b}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: video/mp4\r\n\r\n`;
  const end = `\r\n--${b}--\r\n`;
  const campaign = field('campaign', 'demo');
  const consent = (c: unknown = validConsent) =>
    field('consent', typeof c === 'string' ? c : JSON.stringify(c));
  const video = [file(), clipHead, end];
  const c = (name: string, chunks: Chunks, headers: Record<string, string> = ct) => ({
    name,
    headers,
    chunks,
  });
  const wrongTypes = { ...validConsent, scopes: 'jury', othersAppear: 'no', language: 'fr' };
  return [
    c('no boundary', [campaign], { 'content-type': 'multipart/form-data' }),
    c('empty boundary', ['--\r\n'], { 'content-type': 'multipart/form-data; boundary=' }),
    c('empty body', []),
    c('only the end', [`--${b}--\r\n`]),
    c('truncated field', [campaign.slice(0, 30)]),
    c('truncated file', [campaign, consent(), file(), clipHead]),
    c('duplicate campaign', [campaign, field('campaign', 'other'), consent(), ...video]),
    c('duplicate consent', [campaign, consent(), consent({}), ...video]),
    c('file before fields', [file(), clipHead, '\r\n', campaign, consent(), `--${b}--\r\n`]),
    c('two files', [campaign, consent(), file(), clipHead, '\r\n', ...video]),
    c('giant field name', [field('x'.repeat(100_000), 'v'), campaign, end]),
    c('giant field value', [campaign, consent('c'.repeat(2_000_000)), end]),
    c('many fields', [Array.from({ length: 2000 }, (_, i) => field(`f${i}`, 'v')).join(''), end]),
    c('consent wrong types', [
      campaign,
      consent({ ...wrongTypes, statementVersion: -1 }),
      ...video,
    ]),
    c('consent not json', [campaign, consent('{"scopes":'), ...video]),
    c('unknown campaign', [field('campaign', utf8Bytes('🙂'.repeat(50))), consent(), ...video]),
    c('wrong file field', [campaign, consent(), file('other'), clipHead, end]),
    c('odd filename', [
      campaign,
      consent(),
      file('video', `../${'é'.repeat(300)}\u0000.mp4`),
      clipHead,
      end,
    ]),
    c('random bytes as file', [campaign, consent(), file(), randomBytesSeeded(rng, 20_000), end]),
    c('part without headers', [`--${b}\r\n\r\nvalue\r\n`, end]),
    c('garbage', [randomBytesSeeded(rng, 5000)]),
  ];
}

const API_ERROR = /^\{"error":\{"code":"[a-z_]+","message":"[^"]*"/;

function check(what: string, a: Answer, problems: string[]) {
  if (a.status === -1) return; // the server closed early after answering or refusing: not a 500
  const fail = (why: string) =>
    problems.push(`${what}: ${why} (status ${a.status}) ${a.body.slice(0, 200)}`);
  if (a.status >= 500 && a.status !== 503) fail('server error');
  if (/\bat .+:\d+:\d+|node_modules|\/work\/|\.ts:\d+|Error: /.test(a.body))
    fail('leaks internals');
  if (a.status >= 400 && a.body) {
    if (!String(a.headers['content-type'] ?? '').startsWith('application/json')) {
      fail('error is not JSON');
    } else if (!API_ERROR.test(a.body)) {
      fail('error is not {"error":{"code","message"}}');
    }
  }
}

it('answers every malformed request without a 500 and with the error shape', async () => {
  const problems: string[] = [];
  let sent = 0;
  const hit = async (
    method: string,
    p: string,
    headers: Record<string, string> = {},
    chunks: Array<string | Buffer> = [],
    label = '',
  ) => {
    sent++;
    check(
      `${method} ${p.slice(0, 80)} ${label} ${JSON.stringify(headers).slice(0, 120)}`,
      await send(method, p, headers, chunks),
      problems,
    );
  };
  const staff = (json = true) => ({
    cookie: session.cookie,
    'x-csrf-token': session.csrf,
    ...(json ? { 'content-type': 'application/json' } : {}),
  });
  const started = Date.now();

  for (let round = 0; round < ROUNDS; round++) {
    const rng = prng(SEED + round);
    const id = () => rng.pick([good.id, ...oddIds(rng)]);
    const token = () => rng.pick([...badTokens(rng), good.token]);
    const auth = (): Record<string, string> => {
      const t = token();
      return rng.pick<Record<string, string>>([
        { authorization: `Bearer ${t}` },
        { authorization: t },
        { authorization: `Basic ${t}` },
        { cookie: `lev_session=${t}` },
        { cookie: `lev_session=${t}`, 'x-csrf-token': t },
      ]);
    };

    // Submissions: multipart oddities (create and new version), JSON and other content types.
    for (const m of multiparts(rng)) {
      await hit('POST', '/api/v1/submissions', m.headers, m.chunks, m.name);
      await hit(
        'POST',
        `/api/v1/submissions/${id()}/versions`,
        { ...m.headers, ...auth() },
        m.chunks,
      );
    }
    for (const body of jsonBodies(rng).slice(0, 8)) {
      await hit(
        'POST',
        '/api/v1/submissions',
        {
          'content-type': rng.pick(CREATE_TYPES),
        },
        [body],
      );
    }
    for (let i = 0; i < 12; i++) {
      await hit('GET', `/api/v1/submissions/${id()}`, auth());
      await hit(
        'GET',
        `/api/v1/submissions/${id()}/media/${encodeURIComponent(rng.pick(MEDIA_NAMES))}`,
        {
          ...auth(),
          range: rng.pick(RANGES),
        },
      );
      // DELETE only with tokens that are not the one good token, so the submission stays.
      await hit('DELETE', `/api/v1/submissions/${id()}`, {
        authorization: `Bearer ${rng.pick(badTokens(rng))}`,
      });
    }

    // Staff: sign-in (the rate limit answering 429 is fine), queue, claims and decisions.
    for (const body of jsonBodies(rng)) {
      await hit(
        'POST',
        '/api/v1/auth/login',
        {
          'content-type': rng.pick(LOGIN_TYPES),
        },
        [body],
      );
      await hit('POST', `/api/v1/submissions/${id()}/decision`, staff(), [body]);
      await hit(
        'POST',
        `/api/v1/submissions/${id()}/decision`,
        { 'content-type': 'application/json', ...auth() },
        [body],
      );
      await hit('POST', `/api/v1/submissions/${id()}/claim`, staff(), [body]);
    }
    for (let i = 0; i < 6; i++) {
      const q = rng.pick(QUEUE_QUERIES);
      await hit('GET', `/api/v1/review/queue${q}`, rng.pick([staff(false), auth()]));
    }

    // Captions: odd languages and ids, each accepted content type with junk, over-long text.
    for (let i = 0; i < 10; i++) {
      const lang = rng.pick(LANGS);
      const type = rng.pick(CAPTION_TYPES);
      const body = rng.pick([
        'WEBVTT\n\n00:00.000 --> 99:99.999\n<script>x</script>\n',
        '1\n00:00:01,000 --> 00:00:00,500\nbackwards\n',
        'WEBVTT\n\n' + '00:00.000 --> 00:01.000\nx\n\n'.repeat(2000),
        'word '.repeat(40_000),
        randomBytesSeeded(rng, 3000).toString('latin1'),
        '',
      ]);
      const who = rng.pick([{ authorization: `Bearer ${good.token}` }, staff(false), auth()]);
      await hit(
        'PUT',
        `/api/v1/submissions/${id()}/captions/${lang}`,
        { ...who, ...(type ? { 'content-type': type } : {}) },
        [body],
      );
      await hit('GET', `/api/v1/submissions/${id()}/captions/${lang}`, who);
    }

    // Odd paths and methods on the API and health routes.
    for (const p of ODD_PATHS) {
      await hit(rng.pick(METHODS), p, auth());
    }
  }

  expect(problems).toEqual([]);
  expect(sent).toBeGreaterThan(200);
  expect(Date.now() - started).toBeLessThan(120_000);
  // And the service is still well afterwards.
  expect((await send('GET', '/readyz', {})).status).toBe(200);
});
