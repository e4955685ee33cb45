import type { Language } from '../domain/consent';

/** One caption on screen: times in seconds from the start of the media, text already plain. */
export interface Cue {
  start: number;
  end: number;
  /** Plain text; `\n` separates lines. Never markup (see sanitise.ts). */
  text: string;
}

/** Speech with a known time span but no layout yet: a sentence, or an ASR segment. */
export interface TimedSpan {
  start: number;
  end: number;
  text: string;
}

export type CaptionLanguage = Language;

export type CaptionSource = 'asr' | 'upload' | 'transcript' | 'edit';

export type CaptionFormat = 'srt' | 'vtt';

/** The file name of a language's captions under the media version (see storage/keys.ts). */
export const captionsAssetName = (lang: CaptionLanguage): string => `captions.${lang}.vtt`;

export const VTT_CONTENT_TYPE = 'text/vtt';
