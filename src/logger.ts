import pino, { type Logger } from 'pino';

export type { Logger };

/** Receipt links carry the contributor's token in the path: never let one reach a log line. */
export function redactUrl(url: string): string {
  return url
    .replace(/\/r\/[A-Za-z0-9_-]+/g, '/r/[token]')
    .replace(/\/watch\/[A-Za-z0-9_-]+/g, '/watch/[token]')
    .replace(/([?&](?:token|t)=)[^&]*/g, '$1[token]');
}

/** `destination` is for tests that read what would have been logged. */
export function createLogger(
  level: string,
  name: string,
  destination?: { write(line: string): void },
): Logger {
  const options = {
    name,
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.token',
        '*.password',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
