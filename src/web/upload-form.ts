import type { AppError } from '../domain/errors';
import { t, type Lang, type MessageKey } from '../i18n';

/**
 * The upload form's fields, as the page posts them: `campaign`, `statementVersion`, `language`,
 * `scope` (checkboxes: jury, livestream, public), `othersAppear` and `othersConsented`
 * (yes | no), `displayName`, the optional `transcript`, then the file `video` last so the multipart stream carries every
 * text field before the file.
 */
export type UploadField =
  'scope' | 'othersAppear' | 'othersConsented' | 'displayName' | 'transcript' | 'video';

export const SCOPES = ['jury', 'livestream', 'public'] as const;
type YesNo = 'yes' | 'no';

export interface UploadFormValues {
  scopes: string[];
  othersAppear?: YesNo;
  othersConsented?: YesNo;
  displayName: string;
  /** Optional: what the person says in the video, used to time the captions. */
  transcript: string;
}

export const emptyUploadForm = (): UploadFormValues => ({
  scopes: [],
  displayName: '',
  transcript: '',
});

const asYesNo = (v: unknown): YesNo | undefined =>
  v === 'yes' || v === true || v === 'true'
    ? 'yes'
    : v === 'no' || v === false || v === 'false'
      ? 'no'
      : undefined;

const asStrings = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.filter((s): s is string => typeof s === 'string')
    : typeof v === 'string'
      ? [v]
      : [];

/**
 * What the person typed, read back from the fields the upload handler parsed (multer leaves
 * them on `req.body`, even when it refuses the file), so a refused form keeps every answer.
 * Accepts the API's `consent` JSON field too.
 */
export function uploadFormValuesFrom(body: unknown): UploadFormValues {
  if (typeof body !== 'object' || body === null) return emptyUploadForm();
  let b = body as Record<string, unknown>;
  if (typeof b.consent === 'string') {
    try {
      const c = JSON.parse(b.consent) as Record<string, unknown>;
      b = {
        scope: c.scopes,
        othersAppear: c.othersAppear,
        othersConsented: c.othersConsented,
        displayName: c.displayName,
      };
    } catch {
      // Unreadable JSON: nothing to keep.
    }
  }
  const values: UploadFormValues = {
    scopes: asStrings(b.scope).filter((s) => (SCOPES as readonly string[]).includes(s)),
    displayName: typeof b.displayName === 'string' ? b.displayName : '',
    transcript:
      typeof (body as Record<string, unknown>).transcript === 'string'
        ? ((body as Record<string, unknown>).transcript as string)
        : '',
  };
  const othersAppear = asYesNo(b.othersAppear);
  const othersConsented = asYesNo(b.othersConsented);
  if (othersAppear) values.othersAppear = othersAppear;
  if (othersConsented) values.othersConsented = othersConsented;
  return values;
}

export interface FormError {
  field?: UploadField;
  text: string;
}

// The handler names the consent property at fault in `details.field` (the consent schema's
// names); map those to the form's own fields.
const consentFieldToFormField: Record<string, UploadField> = {
  consent: 'scope',
  scopes: 'scope',
  scope: 'scope',
  othersAppear: 'othersAppear',
  othersConsented: 'othersConsented',
  displayName: 'displayName',
  transcript: 'transcript',
  video: 'video',
  file: 'video',
};

const fileErrorCodes = new Set([
  'too_large',
  'unsupported_type',
  'unreadable_media',
  'upload_aborted',
]);

/** Which field an upload error belongs to, and what to say, in the person's language. */
export function formErrorFor(err: AppError, values: UploadFormValues, lang: Lang): FormError {
  if (fileErrorCodes.has(err.code)) return { field: 'video', text: t(lang, `error.${err.code}`) };
  const named = err.details?.field;
  const field = typeof named === 'string' ? consentFieldToFormField[named] : undefined;
  if ((err.code === 'invalid_consent' || err.code === 'bad_request') && field) {
    const key: MessageKey =
      field === 'displayName' && values.displayName.trim() !== ''
        ? 'field.displayName.invalid'
        : `field.${field}.error`;
    return { field, text: t(lang, key) };
  }
  return { text: t(lang, `error.${err.code}`) };
}

/** The error summary's list: each item links to its field, so focus lands where to fix it. */
export function errorSummaryList(errors: FormError[]): Array<{ text: string; href?: string }> {
  return errors.map((e) => (e.field ? { text: e.text, href: `#${e.field}` } : { text: e.text }));
}
