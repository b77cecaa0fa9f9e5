// Digit templates: a string such as "010-####-####" whose '#' places take the digits of a number (most significant
// first, zero-padded), laid out as the one padded 64-byte message block that MD5, SHA-1 and SHA-256 all use for a
// message of at most 55 bytes. The layout differs only in byte order: MD5 reads little-endian words and puts the
// bit length in word 14, SHA-1 and SHA-256 read big-endian words and put it in word 15.
//
// A number n is enumerated as hi * 10^lowDigits + lo: the words that hold the low (last three) digits change every
// iteration and come from a table, the words that hold the other digits are fixed for one kernel call.

import { JikimiError } from "../../errors.js";

export type Endian = "big" | "little";

/** Longest number a template can hold: 15 digits (below 2^53). */
export const MAX_DIGITS = 15;
/** Longest template: one block with padding. */
export const MAX_TEMPLATE_BYTES = 55;

/** A checked template: its bytes with every digit place "0", and the digit places. */
export interface DigitTemplate {
  readonly template: string;
  readonly bytes: Uint8Array;
  /** byte positions of the digits, most significant first */
  readonly positions: readonly number[];
}

/** How a template's digits sit in the 16 message words of one byte order. */
export interface BlockPlan {
  readonly endian: Endian;
  /** the 16 padded message words with every digit place "0" */
  readonly words: Int32Array;
  /** digits enumerated inside a kernel call (the last three, or fewer) */
  readonly lowDigits: number;
  /** 10^lowDigits */
  readonly inner: number;
  /** word indexes that hold a high digit: loaded per call and lane */
  readonly highWords: readonly number[];
  /** word indexes that hold a low digit, in table order */
  readonly lowWords: readonly number[];
  /** per low value lo, per low word: what the low digits add to that word */
  readonly table: Uint32Array;
}

function templateError(detail: string): JikimiError {
  return new JikimiError("digit_template_invalid", detail);
}

/**
 * Checks a template: printable ASCII, at most 55 characters, 1 to 15 '#' places.
 * @example parseTemplate("010-####-####").positions // [4, 5, 6, 7, 9, 10, 11, 12]
 */
export function parseTemplate(template: string): DigitTemplate {
  if (template.length > MAX_TEMPLATE_BYTES) {
    throw templateError(
      `digit template is ${template.length} characters; at most ${MAX_TEMPLATE_BYTES} fit one block`,
    );
  }
  const bytes = new Uint8Array(template.length);
  const positions: number[] = [];
  for (let i = 0; i < template.length; i++) {
    const c = template.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) throw templateError(`digit template "${template}" must be printable ASCII`);
    if (c === 0x23) positions.push(i);
    bytes[i] = c === 0x23 ? 0x30 : c;
  }
  if (positions.length < 1 || positions.length > MAX_DIGITS) {
    throw templateError(`digit template "${template}" needs 1 to ${MAX_DIGITS} '#' digit places`);
  }
  return { template, bytes, positions };
}

/** The shift of byte position `p` inside its 32-bit word. */
export function byteShift(endian: Endian, p: number): number {
  return endian === "big" ? 24 - 8 * (p & 3) : 8 * (p & 3);
}

/** The padded block of `t` in `endian` word order, and how its digits map onto the words. */
export function planBlock(t: DigitTemplate, endian: Endian): BlockPlan {
  const block = new Uint8Array(64);
  block.set(t.bytes);
  block[t.bytes.length] = 0x80;
  const bits = t.bytes.length * 8;
  if (endian === "big") {
    block[62] = bits >>> 8;
    block[63] = bits & 0xff;
  } else {
    block[56] = bits & 0xff;
    block[57] = bits >>> 8;
  }
  const words = new Int32Array(16);
  for (let i = 0; i < 16; i++) {
    let w = 0;
    for (let j = 0; j < 4; j++) w |= (block[4 * i + j] as number) << byteShift(endian, j);
    words[i] = w;
  }
  const positions = t.positions;
  const lowDigits = Math.min(3, positions.length);
  const inner = 10 ** lowDigits;
  const lowPos = positions.slice(positions.length - lowDigits);
  const highPos = positions.slice(0, positions.length - lowDigits);
  const highWords = [...new Set(highPos.map((p) => p >> 2))].sort((a, b) => a - b);
  const lowWords = [...new Set(lowPos.map((p) => p >> 2))];
  const table = new Uint32Array(inner * lowWords.length);
  for (let lo = 0; lo < inner; lo++) {
    lowPos.forEach((p, i) => {
      const d = Math.floor(lo / 10 ** (lowDigits - 1 - i)) % 10;
      const at = lo * lowWords.length + lowWords.indexOf(p >> 2);
      table[at] = ((table[at] as number) + (d << byteShift(endian, p))) >>> 0;
    });
  }
  return { endian, words, lowDigits, inner, highWords, lowWords, table };
}

/** The bytes of the string `t` yields for `n`. */
export function textBytes(t: DigitTemplate, n: number): Uint8Array {
  const out = Uint8Array.from(t.bytes);
  const d = t.positions.length;
  t.positions.forEach((pos, i) => {
    out[pos] = 0x30 + (Math.floor(n / 10 ** (d - 1 - i)) % 10);
  });
  return out;
}

/**
 * The string `template` yields for `n`: each '#' takes one digit, most significant first, zero-padded.
 * @example formatDigits("010-####-####", 12345678) // "010-1234-5678"
 */
export function formatDigits(template: string, n: number): string {
  return String.fromCharCode(...textBytes(parseTemplate(template), n));
}

/** Throws `digit_template_invalid` unless [start, end) are integers within [0, 10^digits]. */
export function checkRange(t: DigitTemplate, start: number, end: number): void {
  const limit = 10 ** t.positions.length;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > limit) {
    throw templateError(`range [${start}, ${end}) must be integers within [0, ${limit}] for "${t.template}"`);
  }
}
