/**
 * Pure: what the first bytes of a file say it is. Used only when ffprobe has already failed,
 * to tell a damaged recording (a media container's signature, e.g. an MP4 cut off before its
 * index) from something that never was one (a web page or photo renamed `.mp4`). ffprobe's
 * own message cannot: it reports "moov atom not found" for both when the name ends `.mp4`.
 */

export type FileSignature = 'media' | 'image' | 'document' | 'text' | 'unknown';

/** Read this many bytes of the file for sniffHead. */
export const SIGNATURE_BYTES = 64;

const ascii = (head: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...head.subarray(start, end));

const startsWith = (head: Uint8Array, bytes: number[]): boolean =>
  bytes.every((b, i) => head[i] === b);

/** ISO BMFF brands that are still images (HEIF/AVIF photos), not movies. */
const IMAGE_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);
const ISO_BOXES = new Set(['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot', 'uuid']);

function sniffIsoBmff(head: Uint8Array): FileSignature | null {
  const box = ascii(head, 4, 8);
  if (!ISO_BOXES.has(box)) return null;
  return box === 'ftyp' && IMAGE_BRANDS.has(ascii(head, 8, 12)) ? 'image' : 'media';
}

function sniffRiff(head: Uint8Array): FileSignature | null {
  if (ascii(head, 0, 4) !== 'RIFF') return null;
  return ascii(head, 8, 12) === 'WEBP' ? 'image' : 'media';
}

const MEDIA_MAGIC: number[][] = [
  [0x1a, 0x45, 0xdf, 0xa3], // EBML: Matroska, WebM
  [0x4f, 0x67, 0x67, 0x53], // OggS
  [0x66, 0x4c, 0x61, 0x43], // fLaC
  [0x49, 0x44, 0x33], // ID3 (MP3)
  [0x00, 0x00, 0x01, 0xba], // MPEG program stream
  [0x63, 0x61, 0x66, 0x66], // caff (Core Audio, iOS voice memos)
  [0x23, 0x21, 0x41, 0x4d, 0x52], // #!AMR
  [0x46, 0x4c, 0x56, 0x01], // FLV
  [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11], // ASF (WMV, WMA)
];

const IMAGE_MAGIC: number[][] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x42, 0x4d], // BMP
  [0x49, 0x49, 0x2a, 0x00], // TIFF little-endian
  [0x4d, 0x4d, 0x00, 0x2a], // TIFF big-endian
];

const DOCUMENT_MAGIC: number[][] = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x50, 0x4b, 0x03, 0x04], // ZIP (docx, xlsx, ...)
  [0xd0, 0xcf, 0x11, 0xe0], // OLE2 (doc, xls)
];

/** MPEG audio frame sync (MP3 without ID3, ADTS AAC): 11 set bits. */
const isMpegAudioSync = (head: Uint8Array): boolean =>
  head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0;

const isTransportStream = (head: Uint8Array): boolean =>
  head[0] === 0x47 && (head.length < 189 || head[188] === 0x47);

function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(trimPartialUtf8(head));
  } catch {
    return false;
  }
  // Tabs, newlines and carriage returns are the only control bytes text normally holds.
  return head.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d);
}

/** A head cut in the middle of a multi-byte character is still text. */
function trimPartialUtf8(head: Uint8Array): Uint8Array {
  const end = head.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = head[end - i] ?? 0;
    if ((b & 0xc0) === 0xc0) return head.subarray(0, end - i);
    if ((b & 0xc0) !== 0x80) break;
  }
  return head.subarray(0, end);
}

export function sniffHead(head: Uint8Array): FileSignature {
  const iso = sniffIsoBmff(head) ?? sniffRiff(head);
  if (iso) return iso;
  if (MEDIA_MAGIC.some((m) => startsWith(head, m))) return 'media';
  if (IMAGE_MAGIC.some((m) => startsWith(head, m))) return 'image';
  if (DOCUMENT_MAGIC.some((m) => startsWith(head, m))) return 'document';
  if (isMpegAudioSync(head) || isTransportStream(head)) return 'media';
  if (looksLikeText(head)) return 'text';
  return 'unknown';
}
