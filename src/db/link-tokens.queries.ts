import { sql, type Kysely } from 'kysely';
import { generateLinkToken, hashLinkToken, isWellFormedToken } from '../domain/link-token';
import type { Database, LinkTokensTable } from './schema';

type Purpose = LinkTokensTable['purpose'];

/** Creates a link token and returns the token itself: the only time it exists in clear. */
export async function createLinkToken(
  db: Kysely<Database>,
  input: { purpose: Purpose; submissionId: string | null; ttlDays: number },
): Promise<string> {
  const token = generateLinkToken();
  await db
    .insertInto('link_tokens')
    .values({
      token_hash: hashLinkToken(token),
      purpose: input.purpose,
      submission_id: input.submissionId,
      expires_at: sql<Date>`now() + make_interval(days => ${input.ttlDays})` as unknown as Date,
    })
    .execute();
  return token;
}

/** The live token row for a clear token, or undefined (unknown, expired or revoked alike). */
export async function findLiveToken(db: Kysely<Database>, token: string, purpose: Purpose) {
  if (!isWellFormedToken(token)) return undefined;
  const row = await db
    .updateTable('link_tokens')
    .set({ last_used_at: sql<Date>`now()` as unknown as Date })
    .where('token_hash', '=', hashLinkToken(token))
    .where('purpose', '=', purpose)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['id', 'submission_id', 'expires_at'])
    .executeTakeFirst();
  return row;
}

export async function revokeSubmissionTokens(db: Kysely<Database>, submissionId: string) {
  await db
    .updateTable('link_tokens')
    .set({ revoked_at: sql<Date>`now()` as unknown as Date })
    .where('submission_id', '=', submissionId)
    .where('revoked_at', 'is', null)
    .execute();
}
