// consent times: ISO 8601 with a timezone in, milliseconds since 1970 (UTC) inside, `...Z` strings out.

/** `length` ASCII digits at `from` as a number, or -1 when one is not a digit. */
function num(s: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a civil date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Parses an ISO 8601 time with a timezone, `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM)`, to ms since
 * 1970 UTC; undefined when it is not one (no timezone, a day the month lacks, 24:00, a year before 1900).
 * Digits past the millisecond are dropped.
 * @example parseInstant("2024-03-01T09:30:00+09:00") // 1709253000000
 */
export function parseInstant(text: string): number | undefined {
  const n = text.length;
  if (n < 17 || text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":") return undefined;
  const year = num(text, 0, 4);
  const month = num(text, 5, 2);
  const day = num(text, 8, 2);
  const hour = num(text, 11, 2);
  const minute = num(text, 14, 2);
  let i = 16;
  let second = 0;
  let ms = 0;
  if (text[i] === ":") {
    second = num(text, i + 1, 2);
    i += 3;
    if (text[i] === "." || text[i] === ",") {
      let digits = 0;
      for (i++; i < n; i++, digits++) {
        const d = text.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        if (digits < 3) ms = ms * 10 + d;
      }
      if (digits === 0 || digits > 9) return undefined;
      for (let k = digits; k < 3; k++) ms *= 10;
    }
  }
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let offset = 0;
  const zone = text[i];
  if (zone === "Z") {
    if (i + 1 !== n) return undefined;
  } else if (zone === "+" || zone === "-") {
    const oh = num(text, i + 1, 2);
    const om = num(text, i + 4, 2);
    if (i + 6 !== n || text[i + 3] !== ":" || oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
    offset = (zone === "-" ? -1 : 1) * (oh * 60 + om) * 60_000;
  } else return undefined;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms - offset;
}

/**
 * The normalised UTC form of a time in ms.
 * @example formatInstant(1709253000000) // "2024-03-01T00:30:00.000Z"
 */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}
