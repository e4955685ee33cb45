import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation';

/**
 * Migrations listed statically (not read from the folder at run time) so they work the same
 * under tsx, jest and a bundled build. Add each new numbered file here.
 */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
