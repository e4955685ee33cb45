import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './db/database';
import { createCampaign } from './db/campaigns.queries';
import { countUsers, createUser } from './db/users.queries';
import { demoCampaign } from './demo-campaign';

/**
 * On an empty database: the `demo` campaign, and an admin whose one-time password is printed
 * once to the console (never to the log). An advisory lock keeps two processes starting at
 * once from both seeding.
 */
export async function seedFirstRun(
  db: Db,
  adminEmail: string,
  print: (text: string) => void = (t) => process.stdout.write(t),
): Promise<{ createdDemo: boolean; createdAdmin: boolean }> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(728461)`.execute(trx);
    const anyCampaign = await trx.selectFrom('campaigns').select('id').limit(1).executeTakeFirst();
    if (!anyCampaign) await createCampaign(trx, demoCampaign);
    let createdAdmin = false;
    if ((await countUsers(trx)) === 0) {
      const password = randomBytes(18).toString('base64url');
      await createUser(trx, {
        email: adminEmail,
        role: 'admin',
        password,
        mustChangePassword: true,
      });
      createdAdmin = true;
      print(
        [
          '',
          '==================================================================',
          ' First start: an admin account was created.',
          `   email:    ${adminEmail}`,
          `   password: ${password}`,
          ' This password is shown once and never again. Change it on first login.',
          '==================================================================',
          '',
        ].join('\n'),
      );
    }
    return { createdDemo: !anyCampaign, createdAdmin };
  });
}
