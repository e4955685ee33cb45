import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_staff_review';
import * as m0003 from './0003_captions';

/**
 * Migrations listed statically (not read from the folder at run time) so they work the same
 * under tsx, jest and a bundled build. Add each new numbered file here.
 */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_staff_review': m0002,
  '0003_captions': m0003,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
