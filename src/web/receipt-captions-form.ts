import type { AppError } from '../domain/errors';
import type { Lang, MessageKey } from '../i18n';
import type { ReceiptCaptions } from './router';

/**
 * The receipt's captions form as pure data: which language, and either a captions file (SRT or
 * WebVTT) or a typed transcript; a file wins when both are given. Nothing here does I/O.
 */
export const CAPTIONS_FILE_MAX_BYTES = 1024 * 1024;

export type CaptionsField = 'captionsLang' | 'captionsFile' | 'transcript';

export interface CaptionsFormError {
  field?: CaptionsField;
  key: MessageKey;
}

export interface CaptionsFormValues {
  lang: Lang;
  transcript: string;
}

export type CaptionsFormRead =
  | { ok: true; values: CaptionsFormValues; lang: Lang; input: ReceiptCaptions }
  | { ok: false; values: CaptionsFormValues; errors: CaptionsFormError[] };

/** SRT or WebVTT, from the name's ending or, failing that, the WebVTT signature line. */
export function captionsFormatOf(name: string, text: string): 'vtt' | 'srt' | undefined {
  if (/\.vtt$/i.test(name) || /^\uFEFF?WEBVTT/.test(text)) return 'vtt';
  if (/\.srt$/i.test(name)) return 'srt';
  return undefined;
}

export function readCaptionsForm(
  body: Record<string, unknown>,
  file: { name: string; bytes: Buffer } | undefined,
  pageLang: Lang,
): CaptionsFormRead {
  const lang: Lang =
    body.captionsLang === 'cy' || body.captionsLang === 'en' ? body.captionsLang : pageLang;
  const transcript = typeof body.transcript === 'string' ? body.transcript : '';
  const values = { lang, transcript };
  if (file && file.bytes.length > 0) {
    const text = file.bytes.toString('utf8');
    const format = captionsFormatOf(file.name, text);
    if (!format) {
      return {
        ok: false,
        values,
        errors: [{ field: 'captionsFile', key: 'receiptEdit.captionsFileType' }],
      };
    }
    return { ok: true, values, lang, input: { format, text } };
  }
  if (!transcript.trim()) {
    return {
      ok: false,
      values,
      errors: [{ field: 'captionsFile', key: 'receiptEdit.captionsNone' }],
    };
  }
  return { ok: true, values, lang, input: { format: 'transcript', text: transcript } };
}

/** Which field a refusal from the service belongs to, and which words say it. */
export function captionsErrorFor(err: AppError, sent?: ReceiptCaptions): CaptionsFormError {
  if (err.code === 'invalid_captions')
    return { field: 'captionsFile', key: 'receiptEdit.captionsInvalid' };
  if (err.code === 'too_large')
    return { field: 'captionsFile', key: 'receiptEdit.captionsFileTooBig' };
  if (err.code === 'wrong_state') return { key: 'receiptEdit.captionsClosed' };
  if (
    err.code === 'bad_request' &&
    (err.details?.field === 'transcript' || sent?.format === 'transcript')
  ) {
    // The only transcript the service refuses is one over its length limit (empty is ours).
    return { field: 'transcript', key: 'receiptEdit.transcriptInvalid' };
  }
  return { key: `error.${err.code}` as MessageKey };
}
