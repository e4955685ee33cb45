import type { Config } from '../src/config';
import type { Db } from '../src/db/database';
import type { Logger } from '../src/logger';
import type { ObjectStore } from '../src/storage/object-store';

/** What processors are handed: each uses only the parts it needs. */
export interface WorkerDeps {
  config: Config;
  db: Db;
  store: ObjectStore;
  logger: Logger;
}
