import { sql, type Kysely } from 'kysely';
import { generateLinkToken, hashLinkToken, isWellFormedToken } from '../domain/link-token';
import type { Database } from './schema';

/** Juror share links: `link_tokens` rows with purpose `juror` and a playlist (migration 0005). */

type Db = Kysely<Database>;
const now = () => sql<Date>`now()` as unknown as Date;

/** Creates a share link and returns the token: the only time it exists in clear. */
export async function createShareToken(db: Db, playlistId: string, ttlDays: number) {
  const token = generateLinkToken();
  const row = await db
    .insertInto('link_tokens')
    .values({
      token_hash: hashLinkToken(token),
      purpose: 'juror',
      submission_id: null,
      playlist_id: playlistId,
      expires_at: sql<Date>`now() + make_interval(days => ${ttlDays})` as unknown as Date,
    })
    .returning(['id', 'expires_at', 'created_at'])
    .executeTakeFirstOrThrow();
  return { token, ...row };
}

export async function listShareTokens(db: Db, playlistId: string) {
  return db
    .selectFrom('link_tokens')
    .select(['id', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('playlist_id', '=', playlistId)
    .where('purpose', '=', 'juror')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeShareToken(db: Db, playlistId: string, shareId: string) {
  return db
    .updateTable('link_tokens')
    .set({ revoked_at: now() })
    .where('id', '=', shareId)
    .where('playlist_id', '=', playlistId)
    .where('purpose', '=', 'juror')
    .where('revoked_at', 'is', null)
    .returning(['id'])
    .executeTakeFirst();
}

/** The playlist a live juror token opens (recording the use), or undefined for any other token. */
export async function findLiveShare(db: Db, token: string) {
  if (!isWellFormedToken(token)) return undefined;
  return db
    .updateTable('link_tokens')
    .set({ last_used_at: now() })
    .where('token_hash', '=', hashLinkToken(token))
    .where('purpose', '=', 'juror')
    .where('playlist_id', 'is not', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['id', 'playlist_id', 'expires_at'])
    .executeTakeFirst();
}
