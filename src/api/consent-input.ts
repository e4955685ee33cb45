import { consentSchema, type Consent } from '../domain/consent';
import { AppError } from '../domain/errors';

type Body = Record<string, unknown>;

const asBool = (v: unknown): unknown =>
  v === 'true' || v === 'yes' ? true : v === 'false' || v === 'no' ? false : v;

const asList = (v: unknown): unknown =>
  v === undefined ? [] : Array.isArray(v) ? v : typeof v === 'string' ? [v] : v;

const present = (v: unknown) => v !== undefined && v !== '';

/**
 * The step-by-step consent's answers, from the form's fields when they were asked (the plain
 * single-page form does not ask them): `over18`, `guardianAgreed`, `healthDetailsAgreed` (yes |
 * no), `sendingFor` (self | other) with `onBehalfRelationship` and `onBehalfBasis`.
 */
function stepFields(b: Body): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (present(b.over18)) out.over18 = asBool(b.over18);
  // A guardian's agreement is only asked for someone under 18.
  if (present(b.guardianAgreed) && b.over18 !== 'yes')
    out.guardianAgreed = asBool(b.guardianAgreed);
  if (present(b.healthDetailsAgreed)) out.healthDetailsAgreed = asBool(b.healthDetailsAgreed);
  if (b.sendingFor === 'other') {
    out.onBehalf = { relationship: b.onBehalfRelationship ?? '', basis: b.onBehalfBasis };
  }
  return out;
}

/**
 * The consent of an upload, from either a `consent` JSON field (the API contract) or the plain
 * HTML form's individual fields (`scope`, `othersAppear`, ...), validated by one schema.
 */
export function parseConsentInput(body: Body | undefined): Consent {
  const b = body ?? {};
  let raw: unknown;
  if (typeof b.consent === 'string') {
    try {
      raw = JSON.parse(b.consent);
    } catch {
      throw new AppError('invalid_consent', 'The consent field is not valid JSON.', {
        field: 'consent',
      });
    }
  } else if (b.consent !== undefined && typeof b.consent === 'object') {
    raw = b.consent;
  } else if (b.statementVersion !== undefined || b.scope !== undefined) {
    raw = {
      statementVersion: Number(b.statementVersion),
      scopes: asList(b.scope),
      othersAppear: asBool(b.othersAppear),
      // "Have they agreed?" is only asked when others appear.
      othersConsented: b.othersAppear === 'no' ? false : asBool(b.othersConsented),
      displayName: b.displayName,
      language: b.language,
      ...stepFields(b),
    };
  } else {
    throw new AppError('invalid_consent', 'Consent is missing: send the consent field first.', {
      field: 'consent',
    });
  }
  const parsed = consentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // A nested field is named by its own key (`onBehalf.basis` -> `onBehalfBasis`).
    const path = issue?.path ?? [];
    const field =
      path[0] === 'onBehalf' && typeof path[1] === 'string'
        ? `onBehalf${path[1].charAt(0).toUpperCase()}${path[1].slice(1)}`
        : String(path[0] ?? 'consent');
    throw new AppError('invalid_consent', `Consent is not valid: ${field}: ${issue?.message}`, {
      field,
    });
  }
  return parsed.data;
}
