import { z } from 'zod';
import {
  exportBody,
  introBody,
  itemBody,
  moveBody,
  playlistBody,
  playlistPatch,
  shareBody,
} from './playlists.routes';

/** The playlist and juror paths of the OpenAPI document (issue 8), from the routes' schemas. */

const body = (schema: z.ZodType) => ({
  required: true,
  content: {
    'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
  },
});
const errorRef = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: 'Error', content: errorRef }]));
const path = (name: string, description?: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', ...(name === 'token' ? {} : { format: 'uuid' }) },
  ...(description ? { description } : {}),
});
const staff = [{ staffSession: [] }];
const id = path('id');
const ok = (description: string) => ({ '200': { description } });

export const playlistSecuritySchemes = {
  staffSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'lev_session',
    description: 'Staff session from POST /auth/login; writes also send X-CSRF-Token',
  },
};

export function playlistPaths(): Record<string, unknown> {
  return {
    '/playlists': {
      get: {
        summary: 'Playlists of the campaigns you work on (?campaign=slug for one)',
        security: staff,
        responses: { ...ok('{items}'), ...errors(401, 403, 404) },
      },
      post: {
        summary: 'Create a playlist for a campaign and a use (jury, livestream, public)',
        security: staff,
        requestBody: body(playlistBody),
        responses: { '201': { description: 'The playlist' }, ...errors(400, 401, 403, 404) },
      },
    },
    '/playlists/{id}': {
      get: {
        summary: 'The playlist with its items in order, running time and what changed on its own',
        security: staff,
        parameters: [id],
        responses: { ...ok('The playlist'), ...errors(401, 404) },
      },
      put: {
        summary: 'Change the title, date or notes',
        security: staff,
        parameters: [id],
        requestBody: body(playlistPatch),
        responses: { ...ok('The playlist'), ...errors(400, 401, 403, 404) },
      },
    },
    '/playlists/{id}/clips': {
      get: {
        summary:
          "Approved clips of the playlist's campaign for the picker, ineligible ones with why",
        security: staff,
        parameters: [id],
        responses: { ...ok('{items}'), ...errors(401, 404) },
      },
    },
    '/playlists/{id}/items': {
      post: {
        summary:
          'Add a clip at the end (422 not_eligible with details.reason when it may not go in)',
        security: staff,
        parameters: [id],
        requestBody: body(itemBody),
        responses: {
          '201': { description: 'The item and the playlist' },
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    '/playlists/{id}/items/{itemId}': {
      put: {
        summary: 'Set the intro line shown on the clip’s title card (en, cy)',
        security: staff,
        parameters: [id, path('itemId')],
        requestBody: body(introBody),
        responses: { ...ok('The playlist'), ...errors(400, 401, 403, 404) },
      },
      delete: {
        summary: 'Remove a clip from the playlist',
        security: staff,
        parameters: [id, path('itemId')],
        responses: { ...ok('The playlist'), ...errors(401, 403, 404) },
      },
    },
    '/playlists/{id}/items/{itemId}/move': {
      post: {
        summary: 'Move a clip up or down by one, or to a position (0 = first)',
        security: staff,
        parameters: [id, path('itemId')],
        requestBody: body(moveBody),
        responses: { ...ok('{id, position, order}'), ...errors(400, 401, 403, 404) },
      },
    },
    '/playlists/{id}/share': {
      post: {
        summary: 'A juror share link: {url, expiresAt} (default 14 days)',
        security: staff,
        parameters: [id],
        requestBody: body(shareBody),
        responses: {
          '201': { description: '{id, url, expiresAt}' },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    '/playlists/{id}/shares': {
      get: {
        summary: 'Share links with their expiry, revocation and last use',
        security: staff,
        parameters: [id],
        responses: { ...ok('{items}'), ...errors(401, 403, 404) },
      },
    },
    '/playlists/{id}/shares/{shareId}': {
      delete: {
        summary: 'Revoke a share link: it stops working at once, media included',
        security: staff,
        parameters: [id, path('shareId')],
        responses: { ...ok('{items}'), ...errors(401, 403, 404) },
      },
    },
    '/playlists/{id}/exports': {
      post: {
        summary: 'Render the playlist into one MP4 (lang en|cy, height 720|1080)',
        security: staff,
        parameters: [id],
        requestBody: body(exportBody),
        responses: {
          '201': { description: 'The export, queued' },
          ...errors(400, 401, 403, 404, 409, 503),
        },
      },
      get: {
        summary: 'Exports of the playlist, newest first',
        security: staff,
        parameters: [id],
        responses: { ...ok('{items}'), ...errors(401, 403, 404) },
      },
    },
    '/playlists/{id}/exports/{exportId}': {
      get: {
        summary: 'status queued|rendering|ready|failed|deleted, progress 0-100, url when ready',
        security: staff,
        parameters: [id, path('exportId')],
        responses: { ...ok('The export'), ...errors(401, 403, 404) },
      },
    },
    '/playlists/{id}/exports/{exportId}/download': {
      get: {
        summary: 'The exported MP4 (Range supported; each download is audit-logged)',
        security: staff,
        parameters: [id, path('exportId')],
        responses: {
          ...ok('video/mp4'),
          '206': { description: 'Partial' },
          ...errors(401, 403, 404, 409),
        },
      },
    },
    '/watch/{token}': {
      get: {
        summary: "A juror's playlist by share link: titles, items in order, media URLs",
        parameters: [path('token', 'The share link token')],
        responses: { ...ok('The playlist for jurors'), ...errors(404) },
      },
    },
    '/watch/{token}/items/{itemId}/{name}': {
      get: {
        summary: 'A clip’s media by share link: 720p.mp4, poster.jpg, captions.{lang}.vtt (Range)',
        parameters: [
          path('token'),
          path('itemId'),
          { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
        ],
        responses: { ...ok('Bytes'), '206': { description: 'Partial' }, ...errors(404, 416) },
      },
    },
  };
}
