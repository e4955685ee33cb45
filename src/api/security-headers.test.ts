import { createServer, type Server } from 'node:http';
import express, { type RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { securityHeaders } from './security-headers';

/** The headers an app answers with when `mw` is its only middleware (date and length aside). */
async function headersFrom(mw: RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.disable('x-powered-by');
  app.use(mw);
  app.get('/', (_req, res) => {
    res.send('ok');
  });
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/`);
    const out: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      if (!['date', 'content-length', 'etag', 'connection', 'keep-alive'].includes(name)) {
        out[name] = value;
      }
    });
    return out;
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
}

const options: HelmetOptions[] = [
  {},
  {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
  },
];

describe('securityHeaders', () => {
  it.each(options)('answers exactly the headers helmet itself sets (%#)', async (o) => {
    const fromHelmet = await headersFrom(helmet(o));
    expect(Object.keys(fromHelmet)).toContain('content-security-policy');
    expect(await headersFrom(securityHeaders(o))).toEqual(fromHelmet);
  });

  it('refuses a policy that differs by request (a nonce), which it could not fix at start', () => {
    const perRequest: HelmetOptions = {
      contentSecurityPolicy: {
        directives: { scriptSrc: ["'self'", () => `'nonce-abc'`] },
      },
    };
    expect(() => securityHeaders(perRequest)).toThrow(/nonce/);
  });
});
