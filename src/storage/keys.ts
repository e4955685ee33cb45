import { AppError } from '../domain/errors';

/**
 * Object keys for the one private bucket (see DESIGN.md, "Storage layout"). Every key the
 * program writes is built here, from validated ids and allow-listed names only, so no
 * user-supplied text can reach a key (no `../`, no surprise prefixes).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MEDIA_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function uuid(value: string, what: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new AppError('bad_request', `${what} must be a UUID`);
  }
  // One spelling per id, so the same submission can never end up under two prefixes.
  return value.toLowerCase();
}

function version(value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new AppError('bad_request', 'version must be a positive integer');
  }
  return value;
}

/** A media file name such as `720p.mp4`, `poster.jpg` or `captions.cy.vtt`. */
export function isValidMediaName(name: string): boolean {
  return typeof name === 'string' && MEDIA_NAME.test(name) && !name.includes('..');
}

export function originalKey(submissionId: string, mediaVersion: number): string {
  return `originals/${uuid(submissionId, 'submissionId')}/${version(mediaVersion)}`;
}

export function mediaPrefix(submissionId: string, mediaVersion: number): string {
  return `media/${uuid(submissionId, 'submissionId')}/${version(mediaVersion)}/`;
}

export function mediaKey(submissionId: string, mediaVersion: number, name: string): string {
  if (!isValidMediaName(name)) {
    throw new AppError('bad_request', 'media name is not allowed', { field: 'name' });
  }
  return `${mediaPrefix(submissionId, mediaVersion)}${name}`;
}

/** Every prefix that holds a submission's bytes: what a withdrawal or purge deletes. */
export function submissionPrefixes(submissionId: string): [string, string] {
  const id = uuid(submissionId, 'submissionId');
  return [`originals/${id}/`, `media/${id}/`];
}

export function exportKey(playlistId: string, exportId: string): string {
  return `exports/${uuid(playlistId, 'playlistId')}/${uuid(exportId, 'exportId')}.mp4`;
}

export function exportPrefix(playlistId: string): string {
  return `exports/${uuid(playlistId, 'playlistId')}/`;
}
