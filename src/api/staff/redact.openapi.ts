import { z } from 'zod';
import { editBody } from './redact-service';

/** The trim-and-redact paths of the OpenAPI document, from the route's schema. */

const errorRef = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: 'Error', content: errorRef }]));
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
// The scheme is declared by playlists.openapi.ts (the same staff session cookie).
const staff = [{ staffSession: [] }];

export function redactPaths(): Record<string, unknown> {
  return {
    '/submissions/{id}/edits': {
      post: {
        summary: 'Trim and blur the clip under review into a new media version (claim holder)',
        description:
          'Times are seconds on the current version; rectangles are fractions (0-1) of the ' +
          'upright picture. Answers 202: the new version is rendered, its captions shifted, and ' +
          'it comes back to review. A refused edit is a 400 whose details name the field and a ' +
          'reason code.',
        security: staff,
        parameters: [id],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: z.toJSONSchema(editBody, { io: 'input' }) },
          },
        },
        responses: {
          '202': { description: '{id, editId, status, fromVersion, mediaVersion}' },
          ...errors(400, 401, 403, 404, 409),
        },
      },
      get: {
        summary: 'The edits of a submission and whether each original is still kept',
        security: staff,
        parameters: [id],
        responses: { '200': { description: '{items}' }, ...errors(401, 403, 404) },
      },
    },
    '/submissions/{id}/versions/{version}/original': {
      get: {
        summary: 'The unredacted original an edit was made from (staff only, until approval)',
        security: staff,
        parameters: [
          id,
          { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': { description: 'The bytes (Range supported)' },
          ...errors(401, 403, 404),
        },
      },
    },
  };
}
