import type { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import type { JobQueues } from '../queue/queues';
import type { ObjectStore } from '../storage/object-store';

/** What the HTTP side is given at start: each route takes only the parts it uses. */
export interface ApiDeps {
  config: Config;
  db: Db;
  store: ObjectStore;
  queues: JobQueues;
  redis: Redis;
  logger: Logger;
}
