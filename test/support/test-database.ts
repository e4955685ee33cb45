import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Client } from 'pg';
import { getCampaignBySlug } from '../../src/db/campaigns.queries';
import type { Database } from '../../src/db/schema';

/** The server tests create their databases on (CI and dev machines: local PostgreSQL, trust auth). */
export const TEST_DATABASE_ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty database for one test file; `drop` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lev_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_DATABASE_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: TEST_DATABASE_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The demo campaign every test database is seeded with (src/first-run.ts). */
export async function findDemoCampaign(db: Kysely<Database>) {
  const demo = await getCampaignBySlug(db, 'demo');
  if (!demo) throw new Error('the test database has no demo campaign: was first-run seeded?');
  return demo;
}
