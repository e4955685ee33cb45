import { z } from 'zod';

/**
 * What a contributor agreed to, as sent with an upload. The API validates it at the edge, before
 * a single byte of video is stored (DESIGN.md "Consent and review").
 */
export const consentScopes = ['jury', 'livestream', 'public'] as const;
export type ConsentScope = (typeof consentScopes)[number];

export const languages = ['en', 'cy'] as const;
export type Language = (typeof languages)[number];

export const consentSchema = z
  .object({
    statementVersion: z.number().int().positive(),
    scopes: z
      .array(z.enum(consentScopes))
      .min(1)
      .refine((s) => s.includes('jury'), {
        message: 'jury viewing must be agreed to take part',
      })
      .transform((s) => [...new Set(s)]),
    othersAppear: z.boolean(),
    othersConsented: z.boolean(),
    displayName: z
      .string()
      .trim()
      .min(1, 'a name or pseudonym to show is needed')
      .max(80)
      // Shown on title cards and pages: plain text only.
      .regex(/^[^<>\p{Cc}]+$/u, 'use letters, numbers and ordinary punctuation only'),
    language: z.enum(languages),
  })
  .strict();

export type Consent = z.infer<typeof consentSchema>;
