import { sql, type Kysely } from 'kysely';
import { generateLinkToken, hashLinkToken, isWellFormedToken } from '../domain/link-token';
import { inTransaction } from './database';
import type { Database, StaffRole } from './schema';

/** Staff accounts' sign-in state and sessions. Passwords are checked by the caller (argon2). */

export async function findUserForLogin(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'password_hash', 'disabled_at', 'locked_until', 'must_change_password'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

/**
 * Counts a failed sign-in; the `maxFailures`-th failure locks the account for `lockSeconds`
 * and starts the count again, so the lock ends on its own.
 */
export async function recordLoginFailure(
  db: Kysely<Database>,
  userId: string,
  maxFailures: number,
  lockSeconds: number,
) {
  await sql`
    UPDATE users SET
      failed_logins = CASE WHEN failed_logins + 1 >= ${maxFailures} THEN 0 ELSE failed_logins + 1 END,
      locked_until = CASE WHEN failed_logins + 1 >= ${maxFailures}
        THEN now() + make_interval(secs => ${lockSeconds}) ELSE locked_until END
    WHERE id = ${userId}`.execute(db);
}

export async function recordLoginSuccess(db: Kysely<Database>, userId: string) {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

/** Creates a session; returns the cookie value, the only time it exists in clear. */
export async function createSession(db: Kysely<Database>, userId: string, ttlSeconds: number) {
  const cookieValue = generateLinkToken();
  const csrfToken = generateLinkToken();
  const row = await db
    .insertInto('sessions')
    .values({
      id: hashLinkToken(cookieValue),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: sql<Date>`now() + make_interval(secs => ${ttlSeconds})` as unknown as Date,
    })
    .returning(['expires_at'])
    .executeTakeFirstOrThrow();
  return { cookieValue, csrfToken, expiresAt: row.expires_at };
}

export interface StaffSessionRow {
  sessionId: Buffer;
  userId: string;
  email: string;
  role: StaffRole;
  csrfToken: string;
  mustChangePassword: boolean;
  campaignIds: string[];
  lastSeenAt: Date;
}

/**
 * The live session for a cookie value with its user and campaigns, in one query: undefined
 * when unknown, expired, idle too long, or the user is disabled.
 */
export async function findLiveSession(
  db: Kysely<Database>,
  cookieValue: string,
  idleSeconds: number,
): Promise<StaffSessionRow | undefined> {
  if (!isWellFormedToken(cookieValue)) return undefined;
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.user_id',
      's.csrf_token',
      's.last_seen_at',
      'u.email',
      'u.role',
      'u.must_change_password',
      sql<
        string[]
      >`array(select campaign_id::text from user_campaigns uc where uc.user_id = u.id)`.as(
        'campaign_ids',
      ),
    ])
    .where('s.id', '=', hashLinkToken(cookieValue))
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('s.last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${idleSeconds})`)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    sessionId: row.id,
    userId: row.user_id,
    email: row.email,
    role: row.role,
    csrfToken: row.csrf_token,
    mustChangePassword: row.must_change_password,
    campaignIds: row.campaign_ids,
    lastSeenAt: row.last_seen_at,
  };
}

let accessWrites = 0;
/**
 * How many writes this process has made that end sessions or change who an account is (sign-out,
 * password, disabling): a cached session lookup from before one of them is not used again.
 */
export const staffAccessWrites = (): number => accessWrites;
const accessWritten = () => {
  accessWrites++;
};

export async function touchSession(db: Kysely<Database>, sessionId: Buffer) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: sql<Date>`now()` as unknown as Date })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, sessionId: Buffer) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  accessWritten();
}

/** Ends every session of a user, or every one but `keep` (after a password change). */
export async function deleteUserSessions(db: Kysely<Database>, userId: string, keep?: Buffer) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id', '!=', keep);
  const r = await q.executeTakeFirst();
  accessWritten();
  return Number(r.numDeletedRows);
}

export async function getPasswordHash(db: Kysely<Database>, userId: string) {
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.password_hash;
}

export async function setPasswordHash(db: Kysely<Database>, userId: string, passwordHash: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: false })
    .where('id', '=', userId)
    .execute();
  accessWritten();
}

/** Disables an account: no sign-in, every session ended, every claim released. */
export async function disableUser(db: Kysely<Database>, userId: string) {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({ disabled_at: sql<Date>`coalesce(disabled_at, now())` as unknown as Date })
      .where('id', '=', userId)
      .returning(['id', 'email', 'role'])
      .executeTakeFirst();
    if (!row) return undefined;
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await trx.deleteFrom('review_claims').where('user_id', '=', userId).execute();
    accessWritten();
    return row;
  });
}

export async function campaignIdsBySlugs(db: Kysely<Database>, slugs: string[]) {
  if (slugs.length === 0) return [];
  return db.selectFrom('campaigns').select(['id', 'slug']).where('slug', 'in', slugs).execute();
}
