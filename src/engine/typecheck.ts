// record type checks for the share gateway: rows of strings against the dataset's declared field types,
// compiled once per header into one small test per column. Contract: a problem names the field, a code and
// what was expected, and never carries the value (records are personal data); "" is a missing value unless
// the field is nullable; columns that are not declared fields are not checked (checkColumns reports them,
// the gateway drops them); formats accepted:
//   integer    optional sign and digits, within ±(2^53-1) ("-0" and leading zeros are fine, "1e3" is not)
//   number     a finite decimal, optional sign, fraction and exponent ("1e3", ".5", "5.", "-0")
//   boolean    "true" or "false" exactly
//   date       YYYY-MM-DD, a real day of the proleptic Gregorian calendar
//   timestamp  YYYY-MM-DDTHH:MM:SS[.fraction] then Z or ±HH:MM (RFC 3339; no leap second 60)
//   string     anything
import { t } from "../i18n/index.js";
import type { FieldType } from "../model/dataset.js";

/** Why a row cannot be released as declared. `field` is "" for a wrong column count. */
export interface RowProblem {
  field: string;
  code: "wrong_type" | "missing_value" | "wrong_column_count";
  expected: string;
}

/** A field's declared type and whether it may be empty. */
export interface FieldCheck {
  type: FieldType;
  nullable: boolean;
}

/**
 * What a type expects, as shown to the user (never with the value), in the language in force.
 * @example expectedOf("date") // "a date YYYY-MM-DD that exists in the calendar"
 */
export function expectedOf(type: FieldType): string {
  return t(`engine.type.${type}`);
}

/** What an empty cell of a field that is not nullable lacks, in the language in force. */
export const notNullableText = (): string => t("engine.type.not_nullable");

/** The digit at position i (0-9), or -1 past the end or for any other character. */
function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** The two-digit number at i, or -1. */
function two(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// shapes by regex (irregexp's native code beats a JS character loop here), the calendar by character code.
const DAY = "\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])";
const DATE = new RegExp(`^${DAY}$`);
const TIMESTAMP = new RegExp(
  `^${DAY}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$`,
);
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** For s starting with a well-shaped YYYY-MM-DD: whether that day exists (days 29-31 need the calendar). */
function dayExists(s: string): boolean {
  const tens = s.charCodeAt(8);
  if (tens < 50 || (tens === 50 && s.charCodeAt(9) < 57)) return true;
  return two(s, 8) <= daysIn(two(s, 0) * 100 + two(s, 2), two(s, 5));
}

function integer(s: string): boolean {
  let i = s.charCodeAt(0) === 43 || s.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  while (digit(s, i) >= 0) i++;
  if (i !== s.length || i === start) return false;
  return i - start < 16 || Number.isSafeInteger(Number(s));
}

/** Optional sign, digits with an optional point, optional exponent; finite (only long or exponent forms can overflow). */
function number(s: string): boolean {
  if (PLAIN_NUMBER.test(s)) return s.length < 300 || Number.isFinite(Number(s));
  return NUMBER.test(s) && Number.isFinite(Number(s));
}

/** The test for one type; true when the (non-empty) string is a value of it. */
export const IS_VALUE: Record<FieldType, (s: string) => boolean> = {
  string: () => true,
  integer,
  number,
  boolean: (s) => s === "true" || s === "false",
  date: (s) => DATE.test(s) && dayExists(s),
  timestamp: (s) => TIMESTAMP.test(s) && dayExists(s),
};

/**
 * Compiles the check of rows laid out as `columns` against the declared fields.
 * Returns null for a good row, else the first problem (column order). Call checkColumns on the header first.
 * @example
 *   const check = compileRowCheck(["id", "age"], { id: { type: "string", nullable: false }, age: { type: "integer", nullable: true } });
 *   check(["c1", "x"]); // { field: "age", code: "wrong_type", expected: "an integer ..." }
 */
export function compileRowCheck(
  columns: string[],
  fields: Record<string, FieldCheck>,
): (row: readonly string[]) => RowProblem | null {
  const width = columns.length;
  const indexes: number[] = [];
  const names: string[] = [];
  const tests: ((s: string) => boolean)[] = [];
  const nullable: boolean[] = [];
  columns.forEach((name, i) => {
    const f = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (f === undefined) return;
    indexes.push(i);
    names.push(name);
    tests.push(IS_VALUE[f.type]);
    nullable.push(f.nullable);
  });
  // the texts are made once per header, not per row
  const expected = names.map((n) => expectedOf((fields[n] as FieldCheck).type));
  const missing = notNullableText();
  const columnCount = t("engine.type.columns", { width });
  const n = indexes.length;
  return (row) => {
    if (row.length !== width) return { field: "", code: "wrong_column_count", expected: columnCount };
    for (let k = 0; k < n; k++) {
      const s = row[indexes[k] as number] as string;
      if (s === "") {
        if (nullable[k]) continue;
        return { field: names[k] as string, code: "missing_value", expected: missing };
      }
      if (!(tests[k] as (s: string) => boolean)(s))
        return { field: names[k] as string, code: "wrong_type", expected: expected[k] as string };
    }
    return null;
  };
}

/** How a header lines up with the declared fields. Names are column names, never values. */
export interface ColumnReport {
  ok: boolean;
  /** Declared fields with no column. */
  missing: string[];
  /** Columns that are not declared fields: the gateway drops them. */
  extra: string[];
  /** Column names that appear more than once. */
  duplicated: string[];
}

/**
 * Compares a header with the declared fields. `ok` is false when a declared field is missing or a name
 * is duplicated; extra columns alone leave it true (they are dropped, and reported by name).
 * @example checkColumns(["id", "note"], { id: f, age: f }) // { ok: false, missing: ["age"], extra: ["note"], duplicated: [] }
 */
export function checkColumns(header: readonly string[], fields: Record<string, FieldCheck>): ColumnReport {
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) duplicated.add(h);
    seen.add(h);
  }
  const missing = Object.keys(fields).filter((f) => !seen.has(f));
  const extra = [...seen].filter((h) => !Object.hasOwn(fields, h));
  return { ok: missing.length === 0 && duplicated.size === 0, missing, extra, duplicated: [...duplicated] };
}
