// shared rules of resident and foreigner registration numbers: YYMMDD-GNNNNNN, date by the century the gender
// digit gives, and the mod-11 checksum (weights 2..9,2..5) that numbers issued before October 2020 carry.
import { digitAt, validDate } from "../detector.js";

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
const THIS_YEAR = new Date().getUTCFullYear();

/** A parsed number: its gender digit and whether the checksum holds (standard, or the foreigner variant). */
export interface Registration {
  gender: number;
  checksum: boolean;
  foreignChecksum: boolean;
}

/**
 * Parses "YYMMDD-GNNNNNN", "YYMMDD GNNNNNN" or 13 digits with a real birth date (not in the future) and a gender
 * digit 1-8; undefined otherwise.
 * @example parseRegistration("900101-1234568")?.gender // 1
 */
export function parseRegistration(v: string): Registration | undefined {
  const n = v.length;
  let s = v;
  if (n === 14) {
    const sep = v.charCodeAt(6);
    if (sep !== 45 && sep !== 32) return undefined;
    s = v.slice(0, 6) + v.slice(7);
  } else if (n !== 13) return undefined;
  for (let i = 0; i < 13; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const gender = digitAt(s, 6);
  if (gender < 1 || gender > 8) return undefined;
  const century = gender === 1 || gender === 2 || gender === 5 || gender === 6 ? 1900 : 2000;
  const year = century + digitAt(s, 0) * 10 + digitAt(s, 1);
  if (year > THIS_YEAR) return undefined;
  if (!validDate(year, digitAt(s, 2) * 10 + digitAt(s, 3), digitAt(s, 4) * 10 + digitAt(s, 5)))
    return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += digitAt(s, i) * (WEIGHTS[i] ?? 0);
  const last = digitAt(s, 12);
  return {
    gender,
    checksum: (11 - (sum % 11)) % 10 === last,
    foreignChecksum: (((13 - (sum % 11)) % 10) + 10) % 10 === last,
  };
}

/** True for a resident (1-4) gender digit; foreigners have 5-8. */
export function isResident(r: Registration): boolean {
  return r.gender <= 4;
}
