// The SHA-256 digit search: hash every number of a digit space in a fixed format and report the digests found.
// The search itself is ../digits/ (shared with MD5 and SHA-1); this file keeps the SHA-256 names.

import { JikimiError } from "../../errors.js";
import type { DigestSet } from "../digits/digest-set.js";
import { type DigitMatch, type DigitSearchOptions, digitTemplateSearch } from "../digits/search.js";
import { MAX_DIGITS } from "../digits/template.js";

export { KOREAN_MOBILE_TEMPLATES } from "../digits/index.js";
export type { DigitMatch, DigitSearchOptions } from "../digits/search.js";
export { formatDigits } from "../digits/template.js";

/**
 * Hashes the string of every number in [start, end) laid out by `template` ('#' = one digit, most
 * significant first) and returns the numbers whose SHA-256 is among `targets`, sorted by number.
 * Pass a {@link DigestSet} to reuse it across calls; split big ranges across worker threads.
 * @example sha256DigitTemplate("010-####-####", 0, 1e8, DigestSet.from(hexes))
 */
export function sha256DigitTemplate(
  template: string,
  start: number,
  end: number,
  targets: DigestSet | Iterable<string | Uint8Array>,
  options: DigitSearchOptions = {},
): DigitMatch[] {
  return digitTemplateSearch("sha256", template, start, end, targets, options);
}

/**
 * {@link sha256DigitTemplate} for `prefix` followed by `digits` zero-padded digits, e.g. ("010", 8) enumerates
 * "01000000000".."01099999999".
 * @example sha256Digits("010", 8, 0, 50_000_000, targets) // first half, for worker 1 of 2
 */
export function sha256Digits(
  prefix: string,
  digits: number,
  start: number,
  end: number,
  targets: DigestSet | Iterable<string | Uint8Array>,
  options: DigitSearchOptions = {},
): DigitMatch[] {
  if (prefix.includes("#"))
    throw new JikimiError("digit_template_invalid", "a digit prefix cannot contain '#'");
  if (!Number.isInteger(digits) || digits < 1 || digits > MAX_DIGITS) {
    throw new JikimiError("digit_template_invalid", `digits must be 1 to ${MAX_DIGITS}, got ${digits}`);
  }
  return sha256DigitTemplate(prefix + "#".repeat(digits), start, end, targets, options);
}
