import { AppError } from './errors';

/**
 * The content check, following the safeguarding duties. Moderators look and record; they are
 * not asked to investigate: a concern goes in writing to the safeguarding lead (an escalation).
 *
 * - The ten kinds of abuse and neglect in the Care and Support Statutory Guidance (Care Act 2014,
 *   England, section 14.17): `abuseKinds`. The Wales Safeguarding Procedures under the Social
 *   Services and Well-being (Wales) Act 2014, Part 7, name five (physical, sexual, emotional or
 *   psychological, financial abuse, and neglect), each of which is among the ten.
 * - The "adult at risk" test, s126(1) of the 2014 Act (Wales): an adult who is experiencing or
 *   is at risk of abuse or neglect, has needs for care and support (whether or not the local
 *   authority is meeting them), and as a result of those needs is unable to protect themself.
 */

/** What a moderator ticks as checked; all of them make the content check. */
export const contentChecklistItems = [
  'personalDetails',
  'peopleConsent',
  'safeguarding',
  'selfHarm',
  'captions',
] as const;
export type ContentChecklistItem = (typeof contentChecklistItems)[number];

export const abuseKinds = [
  'physical',
  'domestic',
  'sexual',
  'psychological',
  'financial',
  'modernSlavery',
  'discriminatory',
  'organisational',
  'neglect',
  'selfNeglect',
] as const;
export type AbuseKind = (typeof abuseKinds)[number];

/** The Wales categories, as the kinds above that carry them (for the page's note). */
export const walesCategories: readonly AbuseKind[] = [
  'physical',
  'sexual',
  'psychological',
  'financial',
  'neglect',
];

export interface ReviewChecklist {
  checked: ContentChecklistItem[];
  /** Kinds of abuse or neglect the moderator saw signs of. */
  concerns: AbuseKind[];
  /** The moderator thinks the s126 test may be met (someone in the clip may be an adult at risk). */
  adultAtRisk: boolean;
}

export const emptyChecklist = (): ReviewChecklist => ({
  checked: [],
  concerns: [],
  adultAtRisk: false,
});

/** Every item ticked: the content check passes. */
export const contentCheckPassed = (c: ReviewChecklist): boolean =>
  contentChecklistItems.every((i) => c.checked.includes(i));

/** Anything that has to go to the safeguarding lead. */
export const raisesConcern = (c: ReviewChecklist): boolean =>
  c.concerns.length > 0 || c.adultAtRisk;

/** The smallest written concern we accept: a sentence, not a tick. */
export const CONCERN_MIN_CHARS = 10;

/**
 * Refuses a decision the checklist contradicts: a clip showing signs of abuse, neglect or an
 * adult at risk cannot be approved (escalate it), and an escalation needs the concern written
 * down for the safeguarding lead.
 */
export function checkChecklist(
  decision: 'approve' | 'request_changes' | 'reject' | 'escalate',
  checklist: ReviewChecklist,
  note: string,
): void {
  if (decision === 'approve' && raisesConcern(checklist)) {
    throw new AppError('bad_request', 'A safeguarding concern was recorded: escalate it instead.', {
      field: 'concerns',
    });
  }
  if (decision === 'escalate' && note.trim().length < CONCERN_MIN_CHARS) {
    throw new AppError('bad_request', 'Write down the concern for the safeguarding lead.', {
      field: 'note',
    });
  }
}

/** Only known values, each once, in the catalogue's order. */
export function normaliseChecklist(raw: {
  checked?: readonly string[];
  concerns?: readonly string[];
  adultAtRisk?: boolean;
}): ReviewChecklist {
  return {
    checked: contentChecklistItems.filter((i) => raw.checked?.includes(i)),
    concerns: abuseKinds.filter((k) => raw.concerns?.includes(k)),
    adultAtRisk: raw.adultAtRisk === true,
  };
}
