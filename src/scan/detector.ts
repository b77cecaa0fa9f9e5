// the detector contract: a pure, allocation-light test of one whole value for one kind of personal data.

/** What a value's first character is; the scanner runs only the detectors that accept it. */
export type StartClass = "digit" | "plus" | "latin" | "hangul" | "other";

/**
 * One kind of identifier. `test` sees one trimmed, non-empty value and must be cheap: check length and the first
 * characters before any regular expression. `weight` (0..1, default 1) is how much a match counts without a
 * column-name hint: weak patterns (bank accounts, unchecked registration numbers) count less.
 * @example MOBILE.test("010-1234-5678") // true
 */
export interface Detector {
  /** stable kebab-case id, shown as evidence */
  id: string;
  /** a taxonomy category key */
  category: string;
  title: string;
  /** first-character classes this detector can match */
  starts: readonly StartClass[];
  /** shortest and longest value (UTF-16 units) `test` can accept; the scanner skips the detector outside them */
  lengths: readonly [number, number];
  test(value: string): boolean;
  weight?: number;
  /** column-name hints (lower case; Hangul hints match as substrings, Latin ones as whole name tokens) */
  nameHints?: readonly string[];
  /**
   * a numeric feature of a matching value (e.g. the year of a date) whose minimum and maximum the column keeps;
   * `plausible(min, max)` then decides whether an unhinted column can be classified at all
   */
  feature?(value: string): number;
  plausible?(min: number, max: number): boolean;
}

/** The class of a value's first character. */
export function startClass(code: number): StartClass {
  if (code >= 48 && code <= 57) return "digit";
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return "latin";
  if (code >= 0xac00 && code <= 0xd7a3) return "hangul";
  if (code === 43) return "plus";
  return "other";
}

/** True when `s[from..to)` holds ASCII digits only. */
export function allDigits(s: string, from = 0, to = s.length): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return to > from;
}

/** `s` without `-` and spaces, or undefined if anything else but digits is left. */
export function digitsOf(s: string): string | undefined {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) out += s[i];
    else if (c !== 45 && c !== 32) return undefined;
  }
  return out;
}

/** True for a real calendar day. */
export function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return day <= (days[month - 1] ?? 0);
}

/** The digit at `i` as a number (the caller has checked it is a digit). */
export function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}
