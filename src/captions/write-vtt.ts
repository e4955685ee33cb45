import type { Cue } from './cue';
import { formatClock } from './parse-captions';

/** Escapes what WebVTT cue text would read as markup (https://www.w3.org/TR/webvtt1/#cue-text). */
function escapeCueText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Writes a WebVTT file. Text is expected to be sanitised already; it is escaped again here so
 * that no path into this function can produce markup, and `-->` (which would end a cue's text)
 * is broken up.
 */
export function writeVtt(cues: readonly Cue[]): string {
  const blocks = cues.map((c) => {
    const text = c.text
      .split('\n')
      .map((l) => escapeCueText(l.trim()).replace(/-->/g, '--&gt;'))
      .filter((l) => l.length > 0)
      .join('\n');
    return `${formatClock(c.start)} --> ${formatClock(c.end)}\n${text}`;
  });
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}
