import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, Request, RequestHandler } from 'express';
import { createRateLimiter, rateLimitDepsFrom } from '../rate-limits';
import { AppError, isAppError } from '../../domain/errors';
import { bearerToken } from '../bearer';
import type { ApiDeps } from '../deps';
import { apiErrorHandler, toHttpError } from '../error-handler';
import { tooLarge } from '../stream-head';
import { submissionForToken } from '../submission-service';
import { assertContributorMaySendVersion } from '../receipt-extras';
import { finishStoredUpload, finishStoredVersion, uploadKeyFor, uploadOf } from './finish-upload';
import { tusModules, type S3Store, type TusServer } from './tus-modules';
import { createTusStore, resumableExpiryMs } from './tus-store';

export const UPLOADS_PATH = '/api/v1/uploads';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new AppError('not_found', 'No upload was found for this link.');

/** An upload's address: `{id}` for a draft (version 1), `{id}.v{n}` for a new version. */
const UPLOAD_SEGMENT =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\.v([2-9]|[1-9][0-9]{1,5}))?$/i;

function parseSegment(segment: string | undefined): { id: string; version: number } | undefined {
  const m = UPLOAD_SEGMENT.exec(segment ?? '');
  return m?.[1] ? { id: m[1].toLowerCase(), version: m[2] ? Number(m[2]) : 1 } : undefined;
}

const segmentFor = (upload: { submissionId: string; version: number }) =>
  upload.version === 1 ? upload.submissionId : `${upload.submissionId}.v${upload.version}`;

/** The tus metadata of a creation request (Upload-Metadata). */
function creationMetadata(req: Request): Record<string, string | null> {
  try {
    return tusModules().server.Metadata.parse(req.get('upload-metadata') ?? '');
  } catch {
    throw new AppError('bad_request', 'Upload-Metadata is not valid tus metadata.');
  }
}

/**
 * The submission an upload request is about: from Upload-Metadata on creation (the version is
 * decided later, from the submission's state), else from the URL.
 */
function uploadFrom(req: Request): { id: string; version?: number } {
  if (req.method === 'POST') {
    if (req.path !== UPLOADS_PATH) throw notFound();
    const meta = creationMetadata(req);
    if (!meta.filename) {
      throw new AppError('bad_request', 'Upload-Metadata must name the file (filename).', {
        field: 'filename',
      });
    }
    const id = meta.submissionId;
    if (!id || !UUID.test(id)) {
      throw new AppError('bad_request', 'Upload-Metadata must hold the draft (submissionId).', {
        field: 'submissionId',
      });
    }
    return { id: id.toLowerCase() };
  }
  const upload = parseSegment(req.path.slice(UPLOADS_PATH.length + 1));
  if (!upload) throw notFound();
  return upload;
}

/**
 * Sets the version a creation makes in its Upload-Metadata (the naming function reads it), in
 * place of anything the client put there: the server alone decides which version comes next.
 */
function setCreationVersion(req: Request, version: number): void {
  const { Metadata } = tusModules().server;
  const value = Metadata.stringify({ ...creationMetadata(req), version: String(version) });
  req.headers['upload-metadata'] = value;
  // The tus server may read the raw list (srvx builds its Headers from it): set it there too.
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]?.toLowerCase() === 'upload-metadata') req.rawHeaders[i + 1] = value;
  }
}

/** Refuses a declared length we would never accept, before a byte is read. */
function checkDeclaredLength(req: Request, maxBytes: number): void {
  const raw = req.get('upload-length');
  if (raw === undefined) {
    // Phones know their file's size; a known length keeps the 413 ahead of the bytes.
    throw new AppError('bad_request', 'Send Upload-Length (deferred lengths are not accepted).');
  }
  const length = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(length)) throw new AppError('bad_request', 'Upload-Length is invalid.');
  if (length === 0) throw new AppError('unreadable_media', 'The file is empty.');
  if (length > maxBytes) throw tooLarge(maxBytes);
}

/**
 * Every tus request but a CORS preflight carries the contributor's link token, which must open
 * the draft the upload belongs to. Creation and writes need the draft still `uploading`; a HEAD
 * is also answered later, so a client that lost the final response learns the upload is
 * complete, and it first finishes a completed upload whose database step failed.
 */
function authoriseTusRequest(deps: ApiDeps): RequestHandler {
  return async (req, _res, next) => {
    if (req.method === 'OPTIONS') return next();
    const token = bearerToken(req);
    const upload = uploadFrom(req);
    if (req.method === 'POST') checkDeclaredLength(req, deps.config.uploads.maxBytes);
    const s = await submissionForToken(deps, token, upload.id);
    if (s.status === 'withdrawn') throw notFound();
    if (req.method === 'POST') {
      // A draft's first upload, or a new version of a video already sent (from the receipt).
      if (s.status !== 'uploading') await assertContributorMaySendVersion(deps, s);
      setCreationVersion(req, s.status === 'uploading' ? 1 : s.media_version + 1);
      return next();
    }
    const version = upload.version ?? 1;
    if (version === 1) {
      if (req.method === 'HEAD') {
        if (s.status === 'uploading') await finishStoredUpload(deps, upload.id);
        return next();
      }
      if (s.status !== 'uploading') {
        throw new AppError('wrong_state', `This video has already been sent (it is ${s.status}).`);
      }
      return next();
    }
    // A new version: writable while it is still the next one and the state allows one.
    if (req.method === 'HEAD') {
      if (s.media_version === version - 1) await finishStoredVersion(deps, upload.id, version);
      return next();
    }
    if (s.media_version !== version - 1) {
      throw new AppError('wrong_state', 'This new version has already been sent.');
    }
    await assertContributorMaySendVersion(deps, s);
    next();
  };
}

/**
 * tus errors in our JSON shape, through the one error map (toHttpError). Statuses tus defines
 * (409 offset mismatch, 410 expired, 460 checksum) are kept, since clients act on them.
 */
function tusErrorResponse(deps: ApiDeps) {
  return (req: unknown, err: Error | { status_code: number; body: string }) => {
    const node = (req as { runtime?: { node?: { req: IncomingMessage; res: ServerResponse } } })
      .runtime?.node;
    const { status, body } = toHttpError(err);
    if (status >= 500) deps.logger.error({ err, url: node?.req.url }, 'resumable upload failed');
    node?.res.setHeader('Content-Type', 'application/json; charset=utf-8');
    const tusStatus = !isAppError(err) && 'status_code' in err ? err.status_code : undefined;
    return {
      status_code: tusStatus !== undefined && tusStatus < 500 ? tusStatus : status,
      body: JSON.stringify(body),
    };
  };
}

function createTusServer(deps: ApiDeps, store: S3Store): TusServer {
  const { Server } = tusModules().server;
  return new Server({
    path: UPLOADS_PATH,
    datastore: store,
    maxSize: deps.config.uploads.maxBytes,
    // Only our own pages upload; no other origin gets CORS headers.
    allowedOrigins: (origin) => origin === deps.config.publicBaseUrl,
    // The object is the draft's original (DESIGN.md "Storage layout"); the URL carries only
    // the submission id, so the key's slashes never appear in it.
    // authoriseTusRequest has set the version (1 for a draft) in the metadata.
    namingFunction: (_req, metadata) =>
      uploadKeyFor(String(metadata?.submissionId).toLowerCase(), Number(metadata?.version ?? 1)),
    generateUrl: (_req, { path, id }) => {
      const upload = uploadOf(id);
      return `${path}/${upload ? segmentFor(upload) : ''}`;
    },
    getFileIdFromRequest: (_req, last) => {
      const upload = parseSegment(last);
      return upload ? uploadKeyFor(upload.id, upload.version) : undefined;
    },
    onUploadCreate: async (_req, upload) => {
      // A client that lost its upload URL starts again: drop the unfinished earlier attempt
      // (its parts would otherwise wait for the expiry sweep).
      const earlier = await store.getUpload(upload.id).catch(() => undefined);
      if (earlier && earlier.offset !== earlier.size) await store.remove(upload.id);
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      const u = uploadOf(upload.id);
      // If this throws the object is still complete: the next HEAD (or, for a draft, the
      // expiry sweep, cleanUpExpiredUploads) finishes it through the same idempotent step.
      if (u?.version === 1) await finishStoredUpload(deps, u.submissionId);
      else if (u) await finishStoredVersion(deps, u.submissionId, u.version);
      return {};
    },
    onResponseError: tusErrorResponse(deps),
  });
}

/**
 * Mounts tus 1.0 (with creation) at /api/v1/uploads. Must come before any body parser: tus
 * reads the raw request stream.
 */
export function mountTusUploads(app: Express, deps: ApiDeps): void {
  const store = createTusStore(deps.config, resumableExpiryMs(deps.config));
  const tus = createTusServer(deps, store);
  // Awaited here so Express gets a promise of its own realm (see tus-modules.ts).
  const handleTus: RequestHandler = async (req, res) => {
    await tus.handle(req, res);
  };
  app.all(
    [UPLOADS_PATH, `${UPLOADS_PATH}/*splat`],
    // Creations per address: each opens a multipart upload, so a flood must stop early.
    createRateLimiter(rateLimitDepsFrom(deps), 'upload-start', {
      skip: (req) => req.method !== 'POST',
    }),
    authoriseTusRequest(deps),
    handleTus,
    apiErrorHandler,
  );
}
