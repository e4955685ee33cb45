import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import multer, { MulterError, type StorageEngine } from 'multer';
import FileType from 'file-type';
import { AppError, isAppError } from '../domain/errors';
import { isCampaignOpen } from '../domain/campaign-rules';
import type { Consent } from '../domain/consent';
import { getCampaignBySlug, getConsentStatement } from '../db/campaigns.queries';
import { originalKey } from '../storage/keys';
import type { ObjectStore } from '../storage/object-store';
import type { Db } from '../db/database';
import { parseConsentInput } from './consent-input';
import { peekAndLimit, tooLarge } from './stream-head';

/** Enough bytes for file-type to recognise every container a phone or browser makes. */
const SNIFF_BYTES = 4100;

export interface IntakeContext {
  campaign: { id: string; slug: string };
  statementId: string;
  consent: Consent;
  /** What the contributor says in the video, to time the captions (optional). */
  transcript?: string;
}

export const MAX_TRANSCRIPT_CHARS = 20_000;

function transcriptField(body: Record<string, unknown> | undefined): string | undefined {
  const raw = body?.transcript;
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || raw.length > MAX_TRANSCRIPT_CHARS) {
    throw new AppError(
      'bad_request',
      `The transcript must be text of at most ${MAX_TRANSCRIPT_CHARS} characters.`,
      {
        field: 'transcript',
      },
    );
  }
  return raw.trim() || undefined;
}

export interface StoredUpload<C = IntakeContext> {
  key: string;
  bytes: number;
  contentType: string;
  intake: C;
}

/**
 * What an upload route decides before the file is read: `prepare` checks the fields that came
 * first (throwing AppError to refuse), `keyFor` names the object the file becomes.
 */
export interface IntakePlan<C> {
  prepare(body: Record<string, unknown> | undefined): Promise<C>;
  keyFor(ctx: C): string;
}

/** Checks campaign and consent before a byte of video is stored. */
export async function prepareIntake(
  db: Db,
  body: Record<string, unknown> | undefined,
  slugFromPath?: string,
): Promise<IntakeContext> {
  const slug = slugFromPath ?? body?.campaign;
  if (typeof slug !== 'string' || slug === '') {
    throw new AppError('bad_request', 'The campaign field is missing: send it before the video.', {
      field: 'campaign',
    });
  }
  const campaign = /^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)
    ? await getCampaignBySlug(db, slug)
    : undefined;
  if (!campaign) throw new AppError('campaign_not_found', 'There is no campaign with that name.');
  if (!isCampaignOpen(campaign)) {
    throw new AppError('campaign_closed', 'This campaign is not taking videos at the moment.');
  }
  const consent = parseConsentInput(body);
  const statement = await getConsentStatement(db, campaign.id, consent.statementVersion);
  if (!statement) {
    throw new AppError('invalid_consent', 'That consent statement version does not exist.', {
      field: 'statementVersion',
    });
  }
  const transcript = transcriptField(body);
  return {
    campaign: { id: campaign.id, slug: campaign.slug },
    statementId: statement.id,
    consent,
    ...(transcript ? { transcript } : {}),
  };
}

export function isAcceptedMediaType(mime: string | undefined): boolean {
  return mime !== undefined && (mime.startsWith('video/') || mime.startsWith('audio/'));
}

/** A new submission: campaign and consent checked, stored as version 1 under a fresh id. */
export function newSubmissionPlan(
  db: Db,
  slugFromPath?: string,
): IntakePlan<IntakeContext & { id: string }> {
  return {
    prepare: async (body) => ({
      ...(await prepareIntake(db, body, slugFromPath)),
      id: randomUUID(),
    }),
    keyFor: (ctx) => originalKey(ctx.id, 1),
  };
}

/**
 * A multer storage engine that runs the plan's checks on the fields that arrived before the
 * file, sniffs the file's first bytes, and streams it straight into S3. On any failure the
 * multipart upload is aborted by the store, so nothing is kept.
 */
function s3Engine<C>(
  plan: IntakePlan<C>,
  store: ObjectStore,
  maxBytes: number,
  signal: AbortSignal,
  onStored: (u: StoredUpload<C>) => void,
): StorageEngine {
  return {
    _handleFile(req, file, cb) {
      (async () => {
        const intake = await plan.prepare(req.body as Record<string, unknown>);
        const { head, body } = await peekAndLimit(file.stream, SNIFF_BYTES, maxBytes);
        const type = head.length === 0 ? undefined : await FileType.fromBuffer(head);
        if (!isAcceptedMediaType(type?.mime)) {
          body.destroy();
          throw new AppError(
            head.length === 0 ? 'unreadable_media' : 'unsupported_type',
            head.length === 0 ? 'The file is empty.' : 'This file is not a video or audio file.',
          );
        }
        const key = plan.keyFor(intake);
        const contentType = type!.mime;
        const { bytes } = await store.putStream(key, body, { contentType, signal, maxBytes });
        onStored({ key, bytes, contentType, intake });
        return { size: bytes, path: key };
      })().then(
        (info) => cb(null, info),
        // multer drains the rest of the request itself after an error.
        (err: unknown) => cb(err as Error),
      );
    },
    _removeFile(_req, file, cb) {
      store.deleteKey(file.path).then(
        () => cb(null),
        (e: unknown) => cb(e as Error),
      );
    },
  };
}

function toAppError(err: unknown, maxBytes: number): AppError {
  if (isAppError(err)) return err;
  if (err instanceof MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return tooLarge(maxBytes);
    if (err.code === 'LIMIT_UNEXPECTED_FILE') {
      return new AppError('bad_request', 'Send exactly one file, in the field named video.', {
        field: err.field ?? 'video',
      });
    }
    return new AppError('bad_request', `The form is not acceptable (${err.code}).`);
  }
  const message = err instanceof Error ? err.message : '';
  if (/unexpected end of form|aborted|premature close/i.test(message)) {
    return new AppError('upload_aborted', 'The upload was interrupted before it finished.');
  }
  if (/multipart|boundary|content-type/i.test(message)) {
    return new AppError('bad_request', 'Send the upload as multipart/form-data.');
  }
  // busboy: a part with no or over-long (> 16 KiB) headers; found by test/fuzz-api.int.test.ts.
  if (/malformed part header/i.test(message)) {
    return new AppError('bad_request', 'The form is not valid multipart/form-data.');
  }
  throw err;
}

/**
 * Receives the fields the plan checks and then the file `video` from a multipart request,
 * storing the file under the plan's key. Resolves once the object is complete; throws an
 * AppError (nothing kept) otherwise.
 */
export async function receiveMultipartUpload<C>(
  deps: { store: ObjectStore; maxBytes: number },
  plan: IntakePlan<C>,
  req: Request,
  res: Response,
): Promise<StoredUpload<C>> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  // Refuse an announced oversize body before reading it (form overhead allowed for).
  if (declared > deps.maxBytes + 1024 * 1024) throw tooLarge(deps.maxBytes);
  if (!req.is('multipart/form-data')) {
    throw new AppError('unsupported_type', 'Send the upload as multipart/form-data.');
  }

  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.once('close', onClose);
  let stored: StoredUpload<C> | undefined;
  const upload = multer({
    storage: s3Engine(plan, deps.store, deps.maxBytes, abort.signal, (u) => {
      stored = u;
    }),
    limits: { files: 1, fields: 20, fieldSize: 64 * 1024, parts: 30, fieldNameSize: 100 },
  }).single('video');

  try {
    await new Promise<void>((resolve, reject) =>
      upload(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
    );
  } catch (err) {
    throw toAppError(err, deps.maxBytes);
  } finally {
    res.off('close', onClose);
  }
  if (!stored) {
    // No file: still report a field problem first, it is what the person must fix first.
    await plan.prepare(req.body as Record<string, unknown>);
    throw new AppError('bad_request', 'Choose a video to send.', { field: 'video' });
  }
  return stored;
}
