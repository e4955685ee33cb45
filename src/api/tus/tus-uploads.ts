import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, Request, RequestHandler } from 'express';
import { createRateLimiter, rateLimitDepsFrom } from '../rate-limits';
import { AppError, isAppError, type ErrorCode } from '../../domain/errors';
import { bearerToken } from '../bearer';
import type { ApiDeps } from '../deps';
import { apiErrorHandler, toHttpError } from '../error-handler';
import { tooLarge } from '../stream-head';
import { submissionForToken } from '../submission-service';
import { finishStoredUpload, submissionIdOf, uploadKeyFor } from './finish-upload';
import { tusModules, type S3Store, type TusServer } from './tus-modules';
import { createTusStore, resumableExpiryMs } from './tus-store';

export const UPLOADS_PATH = '/api/v1/uploads';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new AppError('not_found', 'No upload was found for this link.');

/** The submission an upload request is about: from Upload-Metadata on creation, else the URL. */
function submissionIdFrom(req: Request): string {
  if (req.method === 'POST') {
    if (req.path !== UPLOADS_PATH) throw notFound();
    let meta: Record<string, string | null>;
    try {
      meta = tusModules().server.Metadata.parse(req.get('upload-metadata') ?? '');
    } catch {
      throw new AppError('bad_request', 'Upload-Metadata is not valid tus metadata.');
    }
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
    return id.toLowerCase();
  }
  const last = req.path.slice(UPLOADS_PATH.length + 1);
  if (!UUID.test(last)) throw notFound();
  return last.toLowerCase();
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
    const id = submissionIdFrom(req);
    if (req.method === 'POST') checkDeclaredLength(req, deps.config.uploads.maxBytes);
    const s = await submissionForToken(deps, token, id);
    if (s.status === 'withdrawn') throw notFound();
    if (req.method === 'HEAD') {
      if (s.status === 'uploading') await finishStoredUpload(deps, id);
      return next();
    }
    if (s.status !== 'uploading') {
      throw new AppError('wrong_state', `This video has already been sent (it is ${s.status}).`);
    }
    next();
  };
}

const codeForTusStatus: Record<number, ErrorCode> = {
  400: 'bad_request',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'not_found',
  412: 'bad_request',
  413: 'too_large',
  415: 'unsupported_type',
  460: 'bad_request',
  499: 'upload_aborted',
};

/**
 * tus errors in our JSON shape. Statuses tus defines (409 offset mismatch, 410 expired, 460
 * checksum) are kept, since clients act on them; the body comes from the one error map.
 */
function tusErrorResponse(deps: ApiDeps) {
  return (req: unknown, err: Error | { status_code: number; body: string }) => {
    const node = (req as { runtime?: { node?: { req: IncomingMessage; res: ServerResponse } } })
      .runtime?.node;
    const tusStatus = !isAppError(err) && 'status_code' in err ? err.status_code : undefined;
    const code = tusStatus === undefined ? undefined : codeForTusStatus[tusStatus];
    const tusBody = 'body' in err ? String(err.body).trim() : '';
    const mapped = code ? new AppError(code, tusBody || code) : err;
    const { status, body } = toHttpError(mapped);
    if (status >= 500) deps.logger.error({ err, url: node?.req.url }, 'resumable upload failed');
    node?.res.setHeader('Content-Type', 'application/json; charset=utf-8');
    return { status_code: code ? (tusStatus ?? status) : status, body: JSON.stringify(body) };
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
    namingFunction: (_req, metadata) => uploadKeyFor(String(metadata?.submissionId)),
    generateUrl: (_req, { path, id }) => `${path}/${submissionIdOf(id) ?? ''}`,
    getFileIdFromRequest: (_req, last) =>
      last && UUID.test(last) ? uploadKeyFor(last.toLowerCase()) : undefined,
    onUploadCreate: async (_req, upload) => {
      // A client that lost its upload URL starts again: drop the unfinished earlier attempt
      // (its parts would otherwise wait for the expiry sweep).
      const earlier = await store.getUpload(upload.id).catch(() => undefined);
      if (earlier && earlier.offset !== earlier.size) await store.remove(upload.id);
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      const id = submissionIdOf(upload.id);
      // If this throws the object is still complete: the next HEAD or the expiry sweep
      // (cleanUpExpiredUploads) finishes it through the same idempotent step.
      if (id) await finishStoredUpload(deps, id);
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
