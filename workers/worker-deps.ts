import type { Config } from '../src/config';
import type { Db } from '../src/db/database';
import type { Logger } from '../src/logger';
import type { JobQueues } from '../src/queue/queues';
import type { ObjectStore } from '../src/storage/object-store';

/** What processors are handed: each uses only the parts it needs. */
export interface WorkerDeps {
  config: Config;
  db: Db;
  store: ObjectStore;
  logger: Logger;
  queues: JobQueues;
  /** From checkWhisperModel at start-up: an English-only model cannot caption Welsh. */
  whisperMultilingual?: boolean;
}
