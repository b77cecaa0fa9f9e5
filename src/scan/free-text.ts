// personal data inside longer strings (a memo column holding a phone number): candidate substrings are cut by one
// regular expression, then confirmed by the strong whole-value detectors (checksums, Luhn, strict shapes).
import { type Detector, startClass } from "./detector.js";
import { CARD, EMAIL, FRN, IPV4, LANDLINE, MOBILE, RRN } from "./detectors/index.js";

/** The detectors confirmed inside free text. */
export const FREE_TEXT_DETECTORS: readonly Detector[] = [MOBILE, LANDLINE, RRN, FRN, CARD, EMAIL, IPV4];

const CANDIDATE =
  /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}|\+82[ -]?1\d[ -]?\d{3,4}[ -]?\d{4}|01[016-9] \d{3,4} \d{4}|\d{4}(?: \d{4}){3}(?: ?\d{1,3})?|\(0\d{1,2}\) ?\d{3,4}-\d{4}|\d{6} [1-8]\d{6}|\d{1,3}(?:\.\d{1,3}){3}|\d[\d-]{7,22}\d/g;

/** True when a value is worth searching as free text: long enough and holding a space. */
export function isFreeText(v: string): boolean {
  return v.length >= 12 && v.indexOf(" ") > 0;
}

/**
 * Calls `found(k)` once for each detector `FREE_TEXT_DETECTORS[k]` that matches some substring of `v`.
 * @example findInText("연락처 010-1234-5678 부재시 문자", (k) => hits.add(k))
 */
export function findInText(v: string, found: (k: number) => void): void {
  let seen = 0;
  for (const m of v.matchAll(CANDIDATE)) {
    const token = m[0];
    const cls = startClass(token.charCodeAt(0));
    for (let k = 0; k < FREE_TEXT_DETECTORS.length; k++) {
      const d = FREE_TEXT_DETECTORS[k] as Detector;
      if ((seen & (1 << k)) !== 0 || !d.starts.includes(cls)) continue;
      if (d.test(token)) {
        seen |= 1 << k;
        found(k);
        break;
      }
    }
  }
}
