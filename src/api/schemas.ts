import { z } from 'zod';
import { consentSchema } from '../domain/consent';
import { submissionStatuses } from '../domain/submission-states';

/** The API's shapes, in zod: the same schemas validate input and produce openapi.json. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const createdSubmission = z.object({
  id: z.uuid(),
  status: z.enum(submissionStatuses),
  token: z.string().describe("The contributor's secret link token. Shown once; keep it."),
});

export const submissionView = z.object({
  id: z.uuid(),
  status: z.enum(submissionStatuses),
  campaign: z.string(),
  language: z.enum(['en', 'cy']),
  progress: z.number().int().min(0).max(100),
  failureCode: z.string().optional(),
  failureReason: z.string().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  media: z.array(z.object({ name: z.string(), contentType: z.string(), bytes: z.number().int() })),
});

export const uploadForm = z.object({
  campaign: z.string().describe('Campaign slug, sent before the file.'),
  consent: z.string().describe('JSON of the consent object, sent before the file.'),
  video: z.string().describe('The video or audio file, sent last.'),
});

export const readiness = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.record(z.string(), z.enum(['up', 'down'])),
});

export { consentSchema };
