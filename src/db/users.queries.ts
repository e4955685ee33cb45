import { hash } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database, StaffRole } from './schema';

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Creates a staff account; the password is stored only as an argon2id hash. */
export async function createUser(
  db: Kysely<Database>,
  u: {
    email: string;
    role: StaffRole;
    password: string;
    mustChangePassword?: boolean;
    campaignIds?: string[];
  },
) {
  const row = await db
    .insertInto('users')
    .values({
      email: u.email.trim().toLowerCase(),
      role: u.role,
      password_hash: await hash(u.password),
      must_change_password: u.mustChangePassword ?? false,
      disabled_at: null,
    })
    .returning(['id', 'email', 'role'])
    .executeTakeFirstOrThrow();
  if (u.campaignIds?.length) {
    await db
      .insertInto('user_campaigns')
      .values(u.campaignIds.map((campaign_id) => ({ user_id: row.id, campaign_id })))
      .execute();
  }
  return row;
}
