/**
 * A tiny XML writer for the S3 answers the s3rver compatibility layer produces. Plain data in,
 * escaped XML out; no parsing, no attributes beyond the root's namespace.
 */

export type XmlValue = string | number | boolean | Date | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [element: string]: XmlValue;
}

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  // An array repeats the element, which is how S3 lists Part, Upload, Contents, ...
  if (Array.isArray(value)) return value.map((v) => element(name, v)).join('');
  return `<${name}>${content(value)}</${name}>`;
}

function content(value: Exclude<XmlValue, undefined | XmlValue[]>): string {
  // Not `instanceof`: fs.Stats dates can come from another realm (jest's VM context, for one).
  if (Object.prototype.toString.call(value) === '[object Date]')
    return (value as Date).toISOString();
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('');
  }
  return xmlEscape(String(value));
}

/** A whole document: `<?xml ...?><Root xmlns="...">...</Root>`. */
export function xmlDocument(root: string, body: XmlObject, xmlns: string = S3_XMLNS): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<${root} xmlns="${xmlEscape(xmlns)}">${content(body)}</${root}>`
  );
}

/** S3's error document (which carries no namespace). */
export function s3ErrorXml(code: string, message: string, extra: XmlObject = {}): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error>${content({ Code: code, Message: message, ...extra })}</Error>`
  );
}
