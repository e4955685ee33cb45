import { consentSchema, type Consent } from '../domain/consent';
import { AppError } from '../domain/errors';

type Body = Record<string, unknown>;

const asBool = (v: unknown): unknown =>
  v === 'true' || v === 'yes' ? true : v === 'false' || v === 'no' ? false : v;

const asList = (v: unknown): unknown =>
  v === undefined ? [] : Array.isArray(v) ? v : typeof v === 'string' ? [v] : v;

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
    };
  } else {
    throw new AppError('invalid_consent', 'Consent is missing: send the consent field first.', {
      field: 'consent',
    });
  }
  const parsed = consentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'consent');
    throw new AppError('invalid_consent', `Consent is not valid: ${field}: ${issue?.message}`, {
      field,
    });
  }
  return parsed.data;
}
