import { z } from 'zod';
import {
  consentSchema,
  createdSubmission,
  errorBody,
  readiness,
  submissionView,
  uploadForm,
} from './schemas';
import { playlistPaths, playlistSecuritySchemes } from './playlists.openapi';
import { redactPaths } from './staff/redact.openapi';

const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) },
});
const ref = (name: string) => ({
  'application/json': { schema: { $ref: `#/components/schemas/${name}` } },
});
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [String(c), { description: 'Error', content: ref('Error') }]),
  );
const bearer = [{ linkToken: [] }];
const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};
const langParam = {
  name: 'lang',
  in: 'path',
  required: true,
  schema: { type: 'string', enum: ['en', 'cy'] },
};

/** The OpenAPI 3.1 document served at /api/v1/openapi.json, built from the zod schemas. */
export function buildOpenApi(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lived-experience video pipeline API',
      version: '1',
      description:
        'Upload, process, review and play short videos from carers and people who use care services.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: {
        linkToken: { type: 'http', scheme: 'bearer', description: 'Contributor link token' },
        ...playlistSecuritySchemes,
      },
      schemas: {
        Error: z.toJSONSchema(errorBody),
        Consent: z.toJSONSchema(consentSchema, { io: 'input' }),
        CreatedSubmission: z.toJSONSchema(createdSubmission),
        Submission: z.toJSONSchema(submissionView),
      },
    },
    paths: {
      '/submissions': {
        post: {
          summary:
            'Upload a video with its consent (multipart: campaign, consent, then video), ' +
            'or create a draft for a resumable upload (JSON: campaign, consent, transcript?)',
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': { schema: z.toJSONSchema(uploadForm) },
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['campaign', 'consent'],
                  properties: {
                    campaign: { type: 'string', description: 'Campaign slug.' },
                    consent: { $ref: '#/components/schemas/Consent' },
                    transcript: { type: 'string', maxLength: 20_000 },
                  },
                },
              },
            },
          },
          responses: {
            '201': { description: 'Stored; processing started', content: ref('CreatedSubmission') },
            ...errors(400, 404, 409, 413, 415, 422, 503),
          },
        },
      },
      '/uploads': {
        post: {
          summary:
            'tus 1.0 creation for a draft: Upload-Length, Upload-Metadata (submissionId, ' +
            'filename); then PATCH/HEAD/DELETE the Location. See https://tus.io/protocols/resumable-upload',
          security: bearer,
          parameters: [
            { name: 'Tus-Resumable', in: 'header', required: true, schema: { const: '1.0.0' } },
            { name: 'Upload-Length', in: 'header', required: true, schema: { type: 'integer' } },
            { name: 'Upload-Metadata', in: 'header', required: true, schema: { type: 'string' } },
          ],
          responses: {
            '201': { description: 'Created; Location is /api/v1/uploads/{submissionId}' },
            ...errors(400, 401, 404, 409, 413, 429),
          },
        },
      },
      '/uploads/{id}': {
        patch: {
          summary: 'tus: send bytes at Upload-Offset (first bytes must be video or audio)',
          security: bearer,
          parameters: [idParam],
          responses: {
            '204': { description: 'Accepted; Upload-Offset is the new offset' },
            ...errors(401, 404, 409, 410, 413, 415),
          },
        },
        head: {
          summary: 'tus: how much has arrived (Upload-Offset), to resume',
          security: bearer,
          parameters: [idParam],
          responses: { '200': { description: 'Upload-Offset and Upload-Length' } },
        },
      },
      '/submissions/{id}': {
        get: {
          summary: 'Status and media of a submission',
          security: bearer,
          parameters: [idParam],
          responses: {
            '200': { description: 'The submission', content: ref('Submission') },
            ...errors(401, 404),
          },
        },
        delete: {
          summary: 'Withdraw consent: hide and purge every object',
          security: bearer,
          parameters: [idParam],
          responses: { '200': { description: 'Withdrawn' }, ...errors(401, 404) },
        },
      },
      '/submissions/{id}/versions': {
        post: {
          summary: 'Send a new version of the video (multipart: video); processed afresh',
          security: bearer,
          parameters: [idParam],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: { video: { type: 'string', format: 'binary' } },
                },
              },
            },
          },
          responses: {
            '201': { description: 'Stored; processing started' },
            ...errors(401, 404, 409, 413, 415),
          },
        },
      },
      '/submissions/{id}/captions/{lang}': {
        put: {
          summary: 'Set captions: WebVTT, SubRip, or a plain transcript to be timed to the speech',
          security: bearer,
          parameters: [idParam, langParam],
          requestBody: {
            required: true,
            content: {
              'text/vtt': { schema: { type: 'string' } },
              'application/x-subrip': { schema: { type: 'string' } },
              'text/plain': { schema: { type: 'string' } },
            },
          },
          responses: {
            '200': { description: 'Stored as a new caption revision' },
            '202': { description: 'Transcript stored; timed by the captions job' },
            ...errors(401, 404, 409, 415, 422),
          },
        },
        get: {
          summary: 'The captions in one language as WebVTT',
          security: bearer,
          parameters: [idParam, langParam],
          responses: { '200': { description: 'WebVTT' }, ...errors(401, 404) },
        },
      },
      '/submissions/{id}/media/{name}': {
        get: {
          summary: 'Media bytes (Range supported): 720p.mp4, poster.jpg, captions.{lang}.vtt',
          security: bearer,
          parameters: [
            idParam,
            { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'Bytes' },
            '206': { description: 'Partial bytes' },
            ...errors(401, 404, 416),
          },
        },
      },
      ...playlistPaths(),
      ...redactPaths(),
    },
    'x-health': { '/readyz': json(readiness) },
  };
}
