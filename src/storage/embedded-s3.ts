import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import S3rver from 's3rver';
import { installS3rverCompat } from './s3rver-compat';

export interface EmbeddedS3Options {
  /** Where objects are kept on disk (created if missing). */
  directory: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Created at start when given. */
  bucket?: string;
}

export interface EmbeddedS3 {
  /** Base URL for createS3Client({ endpoint, forcePathStyle: true, ... }). */
  endpoint: string;
  close(): Promise<void>;
}

const ignore = () => {};
const quietLogger: S3rver.Logger = {
  info: ignore,
  warn: ignore,
  error: ignore,
  exceptions: { unhandle: ignore },
  close: ignore,
};

/**
 * An S3-compatible server (s3rver 3.7.1 plus our compatibility layer) over real HTTP, for
 * `npm start` without S3_ENDPOINT and for tests. It accepts any credentials; bind it to
 * loopback unless you mean otherwise.
 */
export async function startEmbeddedS3(options: EmbeddedS3Options): Promise<EmbeddedS3> {
  const host = options.host ?? '127.0.0.1';
  const directory = path.resolve(options.directory);
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    address: host,
    port: options.port,
    directory,
    silent: true,
    // Path-style only: never read a bucket name out of the Host header.
    vhostBuckets: false,
    configureBuckets: options.bucket ? [{ name: options.bucket }] : [],
  });
  // Silent s3rver still formats a log line per request (koa-logger, its first middleware, and
  // winston) and writes some after close, which winston reports as "no transports" warnings.
  if (server.middleware[0]?.name === 'logger') server.middleware.shift();
  server.logger = server.context.logger = quietLogger;
  installS3rverCompat(server);
  await server.run();
  const http = server.httpServer;
  if (!http) throw new Error('s3rver did not start an HTTP server');
  const { port } = http.address() as AddressInfo;
  // A wildcard address is not somewhere a client can connect to.
  const wildcard = host === '0.0.0.0' || host === '::';
  const clientHost = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${clientHost}:${port}`,
    close() {
      closing ??= (async () => {
        const done = server.close();
        // SDK clients keep sockets alive; without this, close() waits for them to time out.
        http.closeAllConnections();
        await done;
      })();
      return closing;
    },
  };
}
