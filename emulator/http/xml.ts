/**
 * A tiny ordered XML writer: OSS clients depend on element names and order, so responses are written explicitly
 * rather than through a generic object serialiser.
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

// XML 1.0 cannot carry these at all (not even escaped): they become U+FFFD.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** OSS's time format in XML: ISO 8601 with milliseconds (`2016-07-30T01:54:21.000Z`). */
export const isoTime = (date: Date): string => date.toISOString();

/** Escapes text for element content. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<name>text</name>` (always an open/close pair, even when empty, as OSS writes `<Prefix></Prefix>`). */
export function leaf(name: string, value: string | number | boolean): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<name>children</name>` from already written children. */
export function node(name: string, children: readonly string[]): string {
  return `<${name}>${children.join('')}</${name}>`;
}

/** A whole document: declaration plus root. */
export function document(root: string): string {
  return `${XML_DECLARATION}${root}\n`;
}
