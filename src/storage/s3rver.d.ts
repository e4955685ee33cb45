// Types for the parts of s3rver 3.7.1 (which ships none) that embedded-s3.ts and
// s3rver-compat.ts use. Checked against node_modules/s3rver/lib.
declare module 's3rver' {
  import type { IncomingMessage, Server } from 'node:http';
  import type { Readable } from 'node:stream';

  namespace S3rver {
    interface Options {
      address?: string;
      port?: number;
      silent?: boolean;
      directory?: string;
      resetOnClose?: boolean;
      vhostBuckets?: boolean;
      allowMismatchedSignatures?: boolean;
      serviceEndpoint?: string;
      configureBuckets?: Array<{ name: string; configs?: Array<string | Buffer> }>;
    }

    /** The stored-object shape FilesystemStore.getObject resolves to. */
    interface StoredObject {
      bucket: string;
      key: string;
      content: Readable | null;
      metadata: Record<string, string>;
      range?: { start: number; end: number };
      readonly size: number;
    }

    interface FilesystemStore {
      rootDirectory: string;
      getBucketPath(bucket: string): string;
      /** `<root>/<bucket>/<dirs of key>/<last part of key>._S3rver_<resource>` */
      getResourcePath(bucket: string, key: string | undefined, resource: string): string;
      /** Stored headers plus etag (quoted), last-modified and content-length; ENOENT if absent. */
      getMetadata(bucket: string, key: string): Promise<Record<string, string | number>>;
      getObject(
        bucket: string,
        key: string,
        options?: { start?: number; end?: number },
      ): Promise<StoredObject | null>;
    }

    /** A Koa context, as far as our middleware reads and writes it. */
    interface Context {
      method: string;
      path: string;
      query: Record<string, string | string[] | undefined>;
      headers: Record<string, string | string[] | undefined>;
      req: IncomingMessage;
      status: number;
      body: unknown;
      type: string;
      set(field: string, value: string): void;
      store: FilesystemStore;
    }

    /** What s3rver calls on its (winston) logger. */
    interface Logger {
      info(...args: unknown[]): void;
      warn(...args: unknown[]): void;
      error(...args: unknown[]): void;
      exceptions: { unhandle(): void };
      close(): void;
    }

    type Middleware = (ctx: Context, next: () => Promise<void>) => Promise<void> | void;
  }

  class S3rver {
    constructor(options?: S3rver.Options);
    run(): Promise<{ address: string; port: number; family: string }>;
    close(): Promise<void>;
    /** Koa's middleware list; composed when the server starts listening. */
    middleware: S3rver.Middleware[];
    store: S3rver.FilesystemStore;
    logger: S3rver.Logger;
    /** Koa's prototype for request contexts; s3rver hangs its logger and store on it. */
    context: { logger: S3rver.Logger };
    httpServer?: Server;
  }

  export = S3rver;
}
