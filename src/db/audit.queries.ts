import type { Kysely } from 'kysely';
import type { ActorType, Database } from './schema';

export interface AuditEntry {
  actor: { type: ActorType; id?: string | null };
  action: string;
  subject: { type: string; id: string };
  campaignId?: string | null;
  /** Before/after facts. Never tokens, never free text a contributor typed. */
  details?: Record<string, unknown>;
}

/** Append one event. Call it inside the transaction of the change it records. */
export async function recordAudit(db: Kysely<Database>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor_type: e.actor.type,
      actor_id: e.actor.id ?? null,
      action: e.action,
      subject_type: e.subject.type,
      subject_id: e.subject.id,
      campaign_id: e.campaignId ?? null,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}

export async function listAuditForSubject(db: Kysely<Database>, type: string, id: string) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('subject_type', '=', type)
    .where('subject_id', '=', id)
    .orderBy('id')
    .execute();
}
