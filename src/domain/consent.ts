import { z } from 'zod';

/**
 * What a contributor agreed to, as sent with an upload. The API validates it at the edge, before
 * a single byte of video is stored (DESIGN.md "Consent and review").
 */
export const consentScopes = ['jury', 'livestream', 'public'] as const;
export type ConsentScope = (typeof consentScopes)[number];

export const languages = ['en', 'cy'] as const;
export type Language = (typeof languages)[number];

/**
 * Why someone may send a video for another person: that person agreed themselves; the sender
 * holds a lasting power of attorney for health and welfare; or it is a best-interests decision
 * for someone who lacks capacity (Mental Capacity Act 2005, s.4).
 */
export const onBehalfBases = [
  'agreed_themselves',
  'lasting_power_of_attorney',
  'best_interests',
] as const;
export type OnBehalfBasis = (typeof onBehalfBases)[number];

/** A short plain-text answer shown on pages (names, relationships). */
export const plainText = (max: number, emptyMessage: string) =>
  z
    .string()
    .trim()
    .min(1, emptyMessage)
    .max(max)
    // Shown on title cards and pages: plain text only.
    .regex(/^[^<>\p{Cc}]+$/u, 'use letters, numbers and ordinary punctuation only');

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
    displayName: plainText(80, 'a name or pseudonym to show is needed'),
    language: z.enum(languages),
    // The fields below came with the step-by-step consent (migration 0004). They are optional
    // so clients written against the first contract keep working; when sent, the rules hold.
    /** The person the video is about (the sender, or whom they send it for) is 18 or over. */
    over18: z.boolean().optional(),
    /** Under 18: a parent or guardian has agreed. Must be true when over18 is false. */
    guardianAgreed: z.boolean().optional(),
    /** Understood that health or care details may be mentioned and who will see them. */
    healthDetailsAgreed: z.boolean().optional(),
    /** Sent on someone else's behalf: who they are to the sender, and on what basis. */
    onBehalf: z
      .object({
        relationship: plainText(80, 'say who the person is to you'),
        basis: z.enum(onBehalfBases),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.over18 === false && c.guardianAgreed !== true) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['guardianAgreed'],
        message: 'under 18: a parent or guardian must agree',
      });
    }
    if (c.guardianAgreed !== undefined && c.over18 === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['over18'],
        message: 'say whether the person is 18 or over',
      });
    }
  });

export type Consent = z.infer<typeof consentSchema>;
