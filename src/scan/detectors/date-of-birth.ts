// dates of birth: a calendar date (YYYY-MM-DD, YYYY.MM.DD, YYYY/MM/DD or YYYYMMDD) from 1900 on and not in the
// future. Any date column matches, so without a birth-like column name a column counts only when its years look
// like birth years: none in the last 14 years and spread over at least 15 years.
import { type Detector, digitAt, validDate } from "../detector.js";

const THIS_YEAR = new Date().getUTCFullYear();

function parts(v: string): { y: number; m: number; d: number } | undefined {
  const n = v.length;
  let mo: number;
  let da: number;
  if (n === 10) {
    const s = v.charCodeAt(4);
    if ((s !== 45 && s !== 46 && s !== 47) || v.charCodeAt(7) !== s) return undefined;
    mo = 5;
    da = 8;
  } else if (n === 8) {
    mo = 4;
    da = 6;
  } else return undefined;
  for (const i of [0, 1, 2, 3, mo, mo + 1, da, da + 1]) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const y = digitAt(v, 0) * 1000 + digitAt(v, 1) * 100 + digitAt(v, 2) * 10 + digitAt(v, 3);
  return { y, m: digitAt(v, mo) * 10 + digitAt(v, mo + 1), d: digitAt(v, da) * 10 + digitAt(v, da + 1) };
}

export const DATE_OF_BIRTH: Detector = {
  id: "date-of-birth",
  category: "user.demographic.date_of_birth",
  title: "Date of birth",
  starts: ["digit"],
  lengths: [8, 10],
  weight: 0.8,
  nameHints: [
    "생년월일",
    "생일",
    "출생",
    "birth",
    "birthday",
    "birthdate",
    "dob",
    "date_of_birth",
    "birth_date",
    "bday",
  ],
  test(v) {
    const c = v.charCodeAt(0);
    if (c !== 49 && c !== 50) return false;
    const p = parts(v);
    return p !== undefined && p.y >= 1900 && p.y <= THIS_YEAR && validDate(p.y, p.m, p.d);
  },
  feature(v) {
    return digitAt(v, 0) * 1000 + digitAt(v, 1) * 100 + digitAt(v, 2) * 10 + digitAt(v, 3);
  },
  plausible(min, max) {
    return max <= THIS_YEAR - 14 && max - min >= 15;
  },
};
