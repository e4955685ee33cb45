import { onBehalfBases, plainText, type Consent, type OnBehalfBasis } from '../domain/consent';
import type { MessageKey } from '../i18n';

/**
 * The step-by-step consent as pure data: which steps there are, what each one reads from its
 * form, what makes an answer complete, and the consent the answers add up to. The routes keep
 * the answers between steps (a short-lived cookie) and render; nothing here does I/O.
 */
export const STEPS = ['uses', 'for-whom', 'age', 'others', 'health', 'name'] as const;
export type Step = (typeof STEPS)[number];
export const isStep = (v: unknown): v is Step => (STEPS as readonly unknown[]).includes(v);

type YesNo = 'yes' | 'no';
export const SCOPE_VALUES = ['jury', 'livestream', 'public'] as const;

export interface ConsentAnswers {
  scopes: string[];
  sendingFor?: 'self' | 'other';
  onBehalfRelationship: string;
  onBehalfBasis?: OnBehalfBasis;
  over18?: YesNo;
  guardianAgreed?: YesNo;
  othersAppear?: YesNo;
  othersConsented?: YesNo;
  healthDetailsAgreed?: YesNo;
  displayName: string;
}

export const emptyAnswers = (): ConsentAnswers => ({
  scopes: [],
  onBehalfRelationship: '',
  displayName: '',
});

/** Each step's form fields; the id of the first control is the field name (error links). */
export const STEP_FIELDS: Record<Step, ReadonlyArray<keyof ConsentAnswers>> = {
  uses: ['scopes'],
  'for-whom': ['sendingFor', 'onBehalfRelationship', 'onBehalfBasis'],
  age: ['over18', 'guardianAgreed'],
  others: ['othersAppear', 'othersConsented'],
  health: ['healthDetailsAgreed'],
  name: ['displayName'],
};

export interface StepError {
  /** The form field (and element id) to link to. */
  field: string;
  key: MessageKey;
}

const yesNo = (v: unknown): YesNo | undefined => (v === 'yes' || v === 'no' ? v : undefined);
const text = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');
const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((s): s is string => typeof s === 'string');

/**
 * Reads one step's fields from a posted form (or a stored draft) over the answers so far.
 * Unknown values are dropped, never trusted; text is cut to a safe length.
 */
export function readStep(step: Step, body: Record<string, unknown>, prev: ConsentAnswers) {
  const a: ConsentAnswers = { ...prev };
  const set = <K extends keyof ConsentAnswers>(key: K, value: ConsentAnswers[K] | undefined) => {
    if (value === undefined) delete a[key];
    else a[key] = value;
  };
  switch (step) {
    case 'uses':
      a.scopes = strings(body.scope).filter((s) => (SCOPE_VALUES as readonly string[]).includes(s));
      break;
    case 'for-whom':
      set(
        'sendingFor',
        body.sendingFor === 'self' || body.sendingFor === 'other' ? body.sendingFor : undefined,
      );
      a.onBehalfRelationship = text(body.onBehalfRelationship, 200);
      set(
        'onBehalfBasis',
        (onBehalfBases as readonly unknown[]).includes(body.onBehalfBasis)
          ? (body.onBehalfBasis as OnBehalfBasis)
          : undefined,
      );
      break;
    case 'age':
      set('over18', yesNo(body.over18));
      set('guardianAgreed', yesNo(body.guardianAgreed));
      break;
    case 'others':
      set('othersAppear', yesNo(body.othersAppear));
      set('othersConsented', yesNo(body.othersConsented));
      break;
    case 'health':
      set('healthDetailsAgreed', yesNo(body.healthDetailsAgreed));
      break;
    case 'name':
      a.displayName = text(body.displayName, 200);
      break;
  }
  return a;
}

/** Reads every step's fields: a stored draft, or the upload form's hidden fields. */
export function readAllSteps(body: Record<string, unknown>): ConsentAnswers {
  return STEPS.reduce((a, step) => readStep(step, body, a), emptyAnswers());
}

const relationshipSchema = plainText(80, 'empty');
const displayNameSchema = plainText(80, 'empty');

/** What is missing or wrong in one step, in the order the fields appear. */
export function stepErrors(step: Step, a: ConsentAnswers): StepError[] {
  const errors: StepError[] = [];
  switch (step) {
    case 'uses':
      if (!a.scopes.includes('jury')) errors.push({ field: 'scope', key: 'field.scope.error' });
      break;
    case 'for-whom':
      if (!a.sendingFor) {
        errors.push({ field: 'sendingFor', key: 'steps.forWhom.error' });
      } else if (a.sendingFor === 'other') {
        if (a.onBehalfRelationship.trim() === '') {
          errors.push({ field: 'onBehalfRelationship', key: 'steps.forWhom.relationshipError' });
        } else if (!relationshipSchema.safeParse(a.onBehalfRelationship).success) {
          errors.push({ field: 'onBehalfRelationship', key: 'steps.forWhom.relationshipInvalid' });
        }
        if (!a.onBehalfBasis)
          errors.push({ field: 'onBehalfBasis', key: 'steps.forWhom.basisError' });
      }
      break;
    case 'age':
      if (!a.over18) errors.push({ field: 'over18', key: 'steps.age.error' });
      else if (a.over18 === 'no' && a.guardianAgreed !== 'yes') {
        errors.push({
          field: 'guardianAgreed',
          key: a.guardianAgreed === 'no' ? 'steps.age.guardianNeeded' : 'steps.age.guardianError',
        });
      }
      break;
    case 'others':
      if (!a.othersAppear) errors.push({ field: 'othersAppear', key: 'field.othersAppear.error' });
      else if (a.othersAppear === 'yes' && !a.othersConsented) {
        errors.push({ field: 'othersConsented', key: 'field.othersConsented.error' });
      }
      break;
    case 'health':
      if (!a.healthDetailsAgreed)
        errors.push({ field: 'healthDetailsAgreed', key: 'steps.health.error' });
      break;
    case 'name':
      if (a.displayName.trim() === '')
        errors.push({ field: 'displayName', key: 'field.displayName.error' });
      else if (!displayNameSchema.safeParse(a.displayName).success) {
        errors.push({ field: 'displayName', key: 'field.displayName.invalid' });
      }
      break;
  }
  return errors;
}

/** The first step not yet answered well enough, or undefined when all are done. */
export const firstIncompleteStep = (a: ConsentAnswers): Step | undefined =>
  STEPS.find((s) => stepErrors(s, a).length > 0);

/**
 * Where to go after a step is saved: back to the check page when changing an answer (unless
 * that answer opened a question not yet answered), else the next step, else the check page.
 */
export function nextAfter(step: Step, a: ConsentAnswers, changing: boolean): Step | 'check' {
  const missing = firstIncompleteStep(a);
  if (changing) return missing ?? 'check';
  const next = STEPS[STEPS.indexOf(step) + 1];
  return next ?? missing ?? 'check';
}

/** The step before this one (the back link), or undefined on the first. */
export const previousStep = (step: Step): Step | undefined => STEPS[STEPS.indexOf(step) - 1];

/**
 * The answers as the consent the API records. Only questions that apply are sent: no
 * guardian answer for an adult, no "have they agreed" when nobody else appears.
 */
export function consentFromAnswers(
  a: ConsentAnswers,
  statementVersion: number,
  language: 'en' | 'cy',
): Consent {
  return {
    statementVersion,
    scopes: a.scopes.filter((s): s is Consent['scopes'][number] =>
      (SCOPE_VALUES as readonly string[]).includes(s),
    ),
    othersAppear: a.othersAppear === 'yes',
    othersConsented: a.othersAppear === 'yes' && a.othersConsented === 'yes',
    displayName: a.displayName.trim(),
    language,
    ...(a.over18 ? { over18: a.over18 === 'yes' } : {}),
    ...(a.over18 === 'no' ? { guardianAgreed: a.guardianAgreed === 'yes' } : {}),
    ...(a.healthDetailsAgreed ? { healthDetailsAgreed: a.healthDetailsAgreed === 'yes' } : {}),
    ...(a.sendingFor === 'other' && a.onBehalfBasis
      ? {
          onBehalf: { relationship: a.onBehalfRelationship.trim(), basis: a.onBehalfBasis },
        }
      : {}),
  };
}

/**
 * The answers as the plain form's fields (hidden inputs on the upload step), which
 * `parseConsentInput` reads back: name/value pairs, repeated names for the scopes.
 */
export function answersAsFields(a: ConsentAnswers): Array<{ name: string; value: string }> {
  const out = a.scopes.map((value) => ({ name: 'scope', value }));
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') out.push({ name, value });
  };
  add('sendingFor', a.sendingFor);
  if (a.sendingFor === 'other') {
    add('onBehalfRelationship', a.onBehalfRelationship);
    add('onBehalfBasis', a.onBehalfBasis);
  }
  add('over18', a.over18);
  if (a.over18 === 'no') add('guardianAgreed', a.guardianAgreed);
  add('othersAppear', a.othersAppear);
  if (a.othersAppear === 'yes') add('othersConsented', a.othersConsented);
  add('healthDetailsAgreed', a.healthDetailsAgreed);
  add('displayName', a.displayName);
  return out;
}
