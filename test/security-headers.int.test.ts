import { createReadStream } from 'node:fs';
import path from 'node:path';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { startTestStack, type TestStack } from './support/stack';
import { waitForSettledSubmission } from './support/wait-for';

/**
 * The headers every answer carries (helmet), and those of media answers: a browser must never
 * sniff an uploaded file into HTML or script, nor frame our pages.
 */
let stack: TestStack;
let created: { id: string; token: string };

beforeAll(async () => {
  stack = await startTestStack({ workers: true });
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    {
      filename: 'clip.mp4',
      body: createReadStream(path.join(MEDIA_DIR, 'odd-size-upside-down.mp4')),
    },
  );
  expect(res.status).toBe(201);
  created = res.json() as { id: string; token: string };
  const settled = await waitForSettledSubmission(stack.deps.db, created.id, { timeoutMs: 240_000 });
  expect(settled.status).toBe('awaiting_review');
});
afterAll(() => stack.close());

const bearer = () => ({ authorization: `Bearer ${created.token}` });

describe('security headers', () => {
  it.each([
    ['/healthz', 200],
    ['/api/v1/openapi.json', 200],
    ['/api/v1/nothing-here', 404],
    ['/c/demo', 200],
    ['/staff/login', 200],
    ['/no-such-page', 404],
  ])('%s carries the CSP, nosniff and no X-Powered-By', async (p, status) => {
    const res = await fetch(`${stack.baseUrl}${p}`);
    expect(res.status).toBe(status);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'sha256-[^']+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it.each([
    ['720p.mp4', 'video/mp4'],
    ['poster.jpg', 'image/jpeg'],
  ])('media %s has a fixed content type and a Content-Disposition', async (name, type) => {
    const res = await fetch(`${stack.baseUrl}/api/v1/submissions/${created.id}/media/${name}`, {
      headers: bearer(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^inline; filename="${name.replace('.', '\\.')}"`),
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    await res.arrayBuffer();
  });

  it('keeps the content type on a ranged media read', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/submissions/${created.id}/media/720p.mp4`, {
      headers: { ...bearer(), range: 'bytes=0-99' },
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-disposition')).toMatch(/^inline;/);
    expect((await res.arrayBuffer()).byteLength).toBe(100);
  });
});
