import { t, type Lang } from '../../i18n';
import { formatDateTime } from '../format';

/**
 * The trim-and-blur form on the review page (views/staff/redact-form.njk): number inputs in
 * seconds and percentages, so every edit can be made from a keyboard or a screen reader, with
 * no drag-only action. Pure: form fields in, the API's edit body out; view model in, words out.
 */

/** Rows of blur fields shown; more areas can be added one edit after another. */
export const BLUR_ROWS = 3;
const BLUR_PARTS = ['Start', 'End', 'X', 'Y', 'Width', 'Height'] as const;
type BlurPart = (typeof BLUR_PARTS)[number];

export interface EditRequestBody {
  trim?: { start: number; end: number };
  blurs?: Array<{
    start: number;
    end: number;
    x: number;
    y: number;
    width: number;
    height: number;
  }>;
  mediaVersion?: number;
}

export interface EditFormError {
  /** The id of the input to link to from the error summary. */
  field: string;
  reason: string;
  area?: number;
  seconds?: number;
}

export type ParsedEditForm =
  | { ok: true; body: EditRequestBody; values: Record<string, string> }
  | { ok: false; error: EditFormError; values: Record<string, string> };

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const blurField = (row: number, part: BlurPart) => `blur${row + 1}${part}`;

/** Reads the posted form. Empty blur rows are ignored; a half-filled row is an error. */
export function parseEditForm(form: Record<string, unknown>): ParsedEditForm {
  const values: Record<string, string> = {};
  const fields = ['trimStart', 'trimEnd'];
  for (let i = 0; i < BLUR_ROWS; i++) for (const p of BLUR_PARTS) fields.push(blurField(i, p));
  for (const f of fields) values[f] = str(form[f]).slice(0, 20);

  const number = (field: string): number | EditFormError => {
    const n = Number(values[field]!.replace(',', '.'));
    return values[field] !== '' && Number.isFinite(n) ? n : { field, reason: 'not_number' };
  };
  const isError = (v: number | EditFormError): v is EditFormError => typeof v !== 'number';
  const fail = (error: EditFormError): ParsedEditForm => ({ ok: false, error, values });

  const body: EditRequestBody = {};
  const version = Number(str(form.mediaVersion));
  if (Number.isInteger(version) && version > 0) body.mediaVersion = version;
  if (values.trimStart !== '' || values.trimEnd !== '') {
    const start = values.trimStart === '' ? 0 : number('trimStart');
    if (isError(start)) return fail(start);
    const end = number('trimEnd');
    if (isError(end)) return fail(end);
    body.trim = { start, end };
  }
  const blurs: NonNullable<EditRequestBody['blurs']> = [];
  for (let i = 0; i < BLUR_ROWS; i++) {
    if (BLUR_PARTS.every((p) => values[blurField(i, p)] === '')) continue;
    const n: Partial<Record<BlurPart, number>> = {};
    for (const p of BLUR_PARTS) {
      const v = number(blurField(i, p));
      if (isError(v)) return fail({ ...v, area: i + 1 });
      n[p] = v;
    }
    blurs.push({
      start: n.Start!,
      end: n.End!,
      x: n.X! / 100,
      y: n.Y! / 100,
      width: n.Width! / 100,
      height: n.Height! / 100,
    });
  }
  if (blurs.length > 0) body.blurs = blurs;
  return { ok: true, body, values };
}

/** The form input an API field (`trim.end`, `blurs.1.x`) is entered in. */
export function inputForField(field: string | undefined): string {
  const blur = /^blurs\.(\d+)\.(start|end|x|y|width|height)$/.exec(field ?? '');
  if (blur) {
    const part = blur[2]!;
    return blurField(Number(blur[1]), (part.charAt(0).toUpperCase() + part.slice(1)) as BlurPart);
  }
  if (field === 'trim.end') return 'trimEnd';
  if (field === 'blurs') return blurField(0, 'Start');
  return 'trimStart';
}

export interface EditsView {
  durationSeconds: number | null;
  kind: 'video' | 'audio' | null;
  items: Array<{
    status: string;
    fromVersion: number;
    mediaVersion: number;
    createdAt: string;
    originalAvailable: boolean;
  }>;
}

export function redactFormView(
  lang: Lang,
  r: { id: string; status: string; mediaVersion: number; claimedByMe: boolean },
  edits: EditsView,
  form?: { values: Record<string, string>; error?: EditFormError },
) {
  const pending = edits.items.some((e) => e.status === 'queued');
  const fieldError = (id: string) =>
    form?.error && form.error.field === id ? { text: errorText(lang, form.error) } : undefined;
  const input = (id: string, label: string, hint?: string) => ({
    id,
    name: id,
    label,
    hint,
    value: form?.values[id] ?? '',
    errorMessage: fieldError(id),
  });
  const ltrs = (k: string) => t(lang, `staffRedact.${k}`);
  return {
    action: `/staff/submissions/${r.id}/edits?lang=${lang}`,
    mediaVersion: r.mediaVersion,
    canEdit: r.status === 'awaiting_review' && r.claimedByMe && !pending,
    pending,
    canBlur: edits.kind === 'video',
    duration:
      edits.durationSeconds !== null
        ? t(lang, 'staffRedact.duration', { seconds: edits.durationSeconds.toFixed(1) })
        : '',
    trim: [
      input('trimStart', ltrs('trimStart'), ltrs('trimStartHint')),
      input('trimEnd', ltrs('trimEnd'), ltrs('trimEndHint')),
    ],
    blurRows: Array.from({ length: BLUR_ROWS }, (_, i) => ({
      legend: t(lang, 'staffRedact.area', { area: i + 1 }),
      times: [
        input(blurField(i, 'Start'), ltrs('blurStart')),
        input(blurField(i, 'End'), ltrs('blurEnd')),
      ],
      box: [
        input(blurField(i, 'X'), ltrs('blurX')),
        input(blurField(i, 'Y'), ltrs('blurY')),
        input(blurField(i, 'Width'), ltrs('blurWidth')),
        input(blurField(i, 'Height'), ltrs('blurHeight')),
      ],
    })),
    history: edits.items.map((e) => ({
      text: t(lang, 'staffRedact.historyItem', {
        from: e.fromVersion,
        to: e.mediaVersion,
        time: formatDateTime(new Date(e.createdAt), lang),
        status: t(lang, `staffRedact.status.${e.status}`),
      }),
      originalHref: e.originalAvailable
        ? `/api/v1/submissions/${r.id}/versions/${e.fromVersion}/original`
        : undefined,
    })),
  };
}

/** A refusal from checkRedaction (AppError details), as an error on the form's input. */
export function formErrorFrom(details: Record<string, unknown> | undefined): EditFormError | null {
  if (typeof details?.reason !== 'string') return null;
  return {
    field: inputForField(typeof details.field === 'string' ? details.field : undefined),
    reason: details.reason,
    ...(typeof details.area === 'number' ? { area: details.area } : {}),
    ...(typeof details.seconds === 'number' ? { seconds: details.seconds } : {}),
  };
}

/** The catalogue's words for a refusal (staffRedact.error.*). */
export function errorText(lang: Lang, e: EditFormError): string {
  return t(lang, `staffRedact.error.${e.reason}`, {
    area: e.area ?? 1,
    seconds: e.seconds ?? 0,
  });
}
