import type * as TusServerModule from '@tus/server' with { 'resolution-mode': 'import' };
import type * as TusS3StoreModule from '@tus/s3-store' with { 'resolution-mode': 'import' };

export type { Server as TusServer } from '@tus/server' with { 'resolution-mode': 'import' };
export type { S3Store } from '@tus/s3-store' with { 'resolution-mode': 'import' };
export type { Upload } from '@tus/server' with { 'resolution-mode': 'import' };

export interface TusModules {
  server: typeof TusServerModule;
  s3Store: typeof TusS3StoreModule;
}

let loaded: TusModules | undefined;

/** The tus server (which re-exports @tus/utils) and its S3 store, loaded once on first use. */
export function tusModules(): TusModules {
  if (!loaded) {
    // ESM-only packages: Node 20 loads them through require(esm); Jest compiles them to CJS
    // (jest.config.js). TypeScript refuses a static import of ESM from a CommonJS file.
    /* eslint-disable @typescript-eslint/no-require-imports */
    loaded = {
      server: require('@tus/server') as typeof TusServerModule,
      s3Store: require('@tus/s3-store') as typeof TusS3StoreModule,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  }
  return loaded;
}
