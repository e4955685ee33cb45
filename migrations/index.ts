import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_staff_review';
import * as m0003 from './0003_captions';
import * as m0004 from './0004_consent_details';
import * as m0005 from './0005_playlists';
import * as m0006 from './0006_review_extras';
import * as m0007 from './0007_redactions';
import * as m0008 from './0008_retention';
import * as m0009 from './0009_escalations_outlive_submissions';

/**
 * Migrations listed statically (not read from the folder at run time) so they work the same
 * under tsx, jest and a bundled build. Add each new numbered file here.
 */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_staff_review': m0002,
  '0003_captions': m0003,
  '0004_consent_details': m0004,
  '0005_playlists': m0005,
  '0006_review_extras': m0006,
  '0007_redactions': m0007,
  '0008_retention': m0008,
  '0009_escalations_outlive_submissions': m0009,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
