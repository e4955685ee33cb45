import type * as ArchiverModule from 'archiver' with { 'resolution-mode': 'import' };
import type { Response } from 'express';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import { getSubmissionDataRecord, type SubmissionDataRecord } from '../db/data-download.queries';
import type { Db } from '../db/database';
import { AppError } from '../domain/errors';
import { submissionPrefixes } from '../storage/keys';
import type { ObjectStore } from '../storage/object-store';

/**
 * A contributor's data download: one zip, streamed as it is built (never held in memory or on
 * disk), with `consent.json` (their consent, the statement they agreed to, the history of their
 * video, what moderators told them; no staff identities), a README in their language, and every
 * object we hold for them (originals, renditions, poster, captions) read straight from S3.
 */

/** archiver 8 ships only ES modules: loaded through require(esm), as tus-modules.ts explains. */
function newZip(): ArchiverModule.ZipArchive {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ZipArchive } = require('archiver') as typeof ArchiverModule;
  return new ZipArchive({ store: true }); // media is already compressed
}

const ORIGINAL_EXT: Record<string, string> = {
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'video/x-matroska': 'mkv',
  'video/3gpp': '3gp',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/webm': 'weba',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
};

/** The zip entry for an object key of this submission; undefined for anything unexpected. */
export function entryNameFor(key: string, contentType: string): string | undefined {
  const original = /^originals\/[0-9a-f-]{36}\/(\d+)$/.exec(key);
  if (original) {
    const ext = ORIGINAL_EXT[contentType.split(';')[0]!.trim().toLowerCase()] ?? 'bin';
    return `media/original-v${original[1]}.${ext}`;
  }
  const media = /^media\/[0-9a-f-]{36}\/(\d+)\/([a-z0-9][a-z0-9._-]{0,63})$/.exec(key);
  return media ? `media/v${media[1]}/${media[2]}` : undefined;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** consent.json: pure, from the database record and the list of files in the zip. */
export function buildConsentDocument(r: SubmissionDataRecord, files: readonly string[]) {
  const s = r.submission;
  return {
    generatedAt: new Date().toISOString(),
    submission: {
      id: s.id,
      campaign: { slug: s.campaign_slug, name: { en: s.campaign_name_en, cy: s.campaign_name_cy } },
      status: s.status,
      kind: s.kind,
      language: s.language,
      mediaVersion: s.media_version,
      durationSeconds: s.duration_seconds,
      failureCode: s.failure_code,
      receivedAt: iso(s.created_at),
      updatedAt: iso(s.updated_at),
    },
    consent: r.consent
      ? {
          statementVersion: r.consent.statement_version,
          statement: { en: r.consent.text_en, cy: r.consent.text_cy },
          scopes: r.consent.scopes,
          othersAppear: r.consent.others_appear,
          othersConsented: r.consent.others_consented,
          displayName: r.consent.display_name,
          language: r.consent.language,
          method: r.consent.method,
          givenAt: iso(r.consent.given_at),
          withdrawnAt: iso(r.consent.withdrawn_at),
          // The step-by-step form's answers (null where the form did not ask).
          over18: r.consent.over_18,
          guardianAgreed: r.consent.guardian_agreed,
          healthDetailsAgreed: r.consent.health_details_agreed,
          onBehalf: r.consent.on_behalf_relationship
            ? { relationship: r.consent.on_behalf_relationship, basis: r.consent.on_behalf_basis }
            : null,
        }
      : null,
    // Who acted is given as a kind (you, staff, the system), never as a person.
    statusHistory: r.history.map((e) => {
      const d = (e.details ?? {}) as { from?: unknown; to?: unknown };
      return {
        at: iso(e.at),
        event: e.action,
        by: e.actor_type,
        ...(typeof d.from === 'string' ? { from: d.from } : {}),
        ...(typeof d.to === 'string' ? { to: d.to } : {}),
      };
    }),
    messagesFromModerators: r.messages.map((m) => ({
      at: iso(m.created_at),
      decision: m.decision,
      reason: m.reason_code,
      message: m.note,
      mediaVersion: m.media_version,
    })),
    transcriptsYouSent: r.transcripts.map((x) => ({
      at: iso(x.created_at),
      language: x.lang,
      text: x.transcript,
      mediaVersion: x.media_version,
    })),
    files,
  };
}

/**
 * Streams the zip to `res`. Everything that can fail cleanly (lookup, listing) happens before
 * the first byte; an S3 failure mid-stream can only cut the download short (the browser then
 * reports a failed download rather than a broken file it thinks is whole).
 */
export async function sendDataDownload(
  deps: { db: Db; store: ObjectStore },
  submissionId: string,
  lang: Lang,
  res: Response,
): Promise<void> {
  const record = await getSubmissionDataRecord(deps.db, submissionId);
  if (!record) throw new AppError('not_found', 'No submission was found for this link.');
  const objects = [];
  for (const prefix of submissionPrefixes(submissionId)) {
    objects.push(...(await deps.store.list(prefix)));
  }
  // Originals are named by the latest upload's type (earlier versions are nearly always alike).
  const planned = objects.map((o) => ({
    key: o.key,
    name: entryNameFor(o.key, record.submission.original_content_type ?? ''),
  }));
  const files = planned.flatMap((p) => (p.name ? [p.name] : []));

  const archive = newZip();
  const day = new Date().toISOString().slice(0, 10);
  res.status(200);
  res.set({
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="day-in-the-life-data-${day}.zip"`,
    'Cache-Control': 'no-store',
  });
  const failed = new Promise<never>((_, reject) => archive.once('error', reject));
  failed.catch(() => undefined);
  archive.pipe(res);
  const added = () => Promise.race([new Promise((r) => archive.once('entry', r)), failed]);
  try {
    const readme = added();
    archive.append(`${t(lang, 'dataDownload.readme')}\n`, { name: 'README.txt' });
    await readme;
    const consent = added();
    archive.append(JSON.stringify(buildConsentDocument(record, files), null, 2), {
      name: 'consent.json',
    });
    await consent;
    // One object open at a time: each S3 stream is read to its end before the next is asked for.
    for (const p of planned) {
      if (!p.name) continue;
      const obj = await deps.store.getStream(p.key);
      const done = added();
      archive.append(obj.body, { name: p.name });
      await done;
    }
    await Promise.race([archive.finalize(), failed]);
  } catch (err) {
    archive.abort();
    res.destroy(err instanceof Error ? err : undefined);
    throw err;
  }
}
