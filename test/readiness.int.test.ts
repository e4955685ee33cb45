import { startTestStack, type TestStack } from './support/stack';

/** /readyz names the dependency that is down, and requests that need it get 503, not 500. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

it('answers 503 naming S3 when the S3 server stops, and uploads get a 503 with a code', async () => {
  await stack.s3.close();
  const ready = await fetch(`${stack.baseUrl}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({
    checks: { postgres: 'up', redis: 'up', s3: 'down' },
    error: { code: 'dependency_down' },
  });
  const form = new FormData();
  form.append('campaign', 'demo');
  form.append(
    'consent',
    JSON.stringify({
      statementVersion: 1,
      scopes: ['jury'],
      othersAppear: false,
      othersConsented: false,
      displayName: 'A',
      language: 'en',
    }),
  );
  form.append(
    'video',
    new Blob(
      [Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), Buffer.alloc(5000)],
      { type: 'video/mp4' },
    ),
    'a.mp4',
  );
  const res = await fetch(`${stack.baseUrl}/api/v1/submissions`, { method: 'POST', body: form });
  expect(res.status).toBe(503);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('dependency_down');
  expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);
});
