import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createUser } from '../src/db/users.queries';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { startTestStack, type TestStack } from './support/stack';

/**
 * No personal data or secret reaches the logs, even at debug level: the app runs with its real
 * logger (redaction, serialisers) writing into memory, and every line is searched afterwards.
 */
const lines: string[] = [];
let stack: TestStack;

const EMAIL = 'logged-staff-member@example.org';
const PASSWORD = 'a-password-nobody-should-ever-log';
const DISPLAY_NAME = 'Angharad Log-Check Pseudonym';

beforeAll(async () => {
  stack = await startTestStack({
    env: { LOG_LEVEL: 'debug' },
    logStream: { write: (line: string) => void lines.push(line) },
  });
  await createUser(stack.deps.db, {
    email: EMAIL,
    role: 'admin',
    password: PASSWORD,
    campaignIds: [],
  });
});
afterAll(() => stack.close());

it('keeps tokens, passwords, names and emails out of every log line, but not request ids', async () => {
  const secrets: string[] = [PASSWORD, DISPLAY_NAME, EMAIL];
  const requestIds: string[] = [];
  const seen = (res: { headers: Headers | Record<string, unknown> }) => {
    const id =
      res.headers instanceof Headers
        ? res.headers.get('x-request-id')
        : (res.headers['x-request-id'] as string | undefined);
    if (id) requestIds.push(id);
  };
  const call = async (p: string, init: RequestInit = {}) => {
    const res = await fetch(`${stack.baseUrl}${p}`, { redirect: 'manual', ...init });
    seen(res);
    return res;
  };

  // A contributor's upload with their chosen name, then their receipt page and API reads.
  const upload = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify({ ...validConsent, displayName: DISPLAY_NAME }) },
    {
      filename: 'clip.mp4',
      body: createReadStream(path.join(MEDIA_DIR, 'odd-size-upside-down.mp4')),
    },
  );
  expect(upload.status).toBe(201);
  const { id, token } = upload.json() as { id: string; token: string };
  secrets.push(token);
  const bearer = { authorization: `Bearer ${token}` };
  expect((await call(`/r/${token}`)).status).toBe(200);
  expect((await call(`/r/${token}?lang=cy`)).status).toBe(200);
  expect((await call(`/api/v1/submissions/${id}`, { headers: bearer })).status).toBe(200);
  expect(
    (await call(`/api/v1/submissions/${id}/media/poster.jpg`, { headers: bearer })).status,
  ).toBe(404);
  // A wrong token is a secret too (it may be someone's real token mistyped).
  const wrong = `${token.slice(0, -4)}abcd`;
  secrets.push(wrong);
  expect(
    (await call(`/api/v1/submissions/${id}`, { headers: { authorization: `Bearer ${wrong}` } }))
      .status,
  ).toBe(404);

  // Staff: a refused and an accepted sign-in through the API, and one through the page form.
  const json = { 'content-type': 'application/json' };
  const refused = await call('/api/v1/auth/login', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: EMAIL, password: `${PASSWORD}-wrong` }),
  });
  expect(refused.status).toBe(401);
  const login = await call('/api/v1/auth/login', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  secrets.push(cookie.split('=')[1] ?? '', csrfToken);
  expect((await call('/api/v1/review/queue', { headers: { cookie } })).status).toBe(200);
  const form = await call('/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD }).toString(),
  });
  expect(form.status).toBe(303);

  // The contributor withdraws (a write with the bearer token).
  expect(
    (await call(`/api/v1/submissions/${id}`, { method: 'DELETE', headers: bearer })).status,
  ).toBe(200);

  await new Promise((r) => setTimeout(r, 200)); // pino writes asynchronously
  expect(lines.length).toBeGreaterThan(10);
  const log = lines.join('');
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(8);
    const leaks = lines.filter((l) => l.includes(secret));
    expect({ secret, leaks }).toEqual({ secret, leaks: [] });
  }
  // Case-insensitively too: an email may be logged lower-cased or a name upper-cased.
  expect(log.toLowerCase()).not.toContain(EMAIL.toLowerCase());
  expect(log.toLowerCase()).not.toContain(DISPLAY_NAME.toLowerCase());
  // Request ids are what make a log line useful: each request's id is in its lines.
  expect(requestIds.length).toBeGreaterThan(5);
  for (const rid of requestIds) expect(log).toContain(rid);
  expect(log).toContain('/r/[token]');
});
