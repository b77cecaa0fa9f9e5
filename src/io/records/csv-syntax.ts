// the CSV dialect every reader, scanner and writer here shares (RFC 4180): ',' separates fields, '"' quotes a
// field and is doubled inside one, a record ends at LF, CRLF or a lone CR, a UTF-8 BOM is dropped.
// Byte and UTF-16 code unit values coincide for these characters, so the same constants serve bytes and strings.

/** ',' */
export const COMMA = 44;
/** '"' */
export const QUOTE = 34;
/** '\r' */
export const CR = 13;
/** '\n' */
export const LF = 10;

/**
 * Whether a field must be quoted when written: it holds a separator, a quote or a line break.
 * @example needsQuotes("a,b") // true
 */
export function needsQuotes(f: string): boolean {
  for (let k = 0; k < f.length; k++) {
    const c = f.charCodeAt(k);
    if (c === COMMA || c === QUOTE || c === LF || c === CR) return true;
  }
  return false;
}

/**
 * The length of a UTF-8 byte order mark at the start of `b`: 3 or 0.
 * @example bomLength(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61)) // 3
 */
export function bomLength(b: Uint8Array): number {
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
}
