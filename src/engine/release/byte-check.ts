// the declared-type check of engine/typecheck.ts, on a FieldTable's bytes: the common types (integer, boolean,
// date) are tested on the bytes in place; number and timestamp decode the field and use the string test.
// Contract: for every row, the result equals compileRowCheck's on the decoded row (a property test holds
// the two together); problems carry field names and codes, never values.

import type { CelExpr } from "../../expr/validate.js";
import { type FieldTable, fieldText } from "../../io/records/field-table.js";
import type { FieldType } from "../../model/dataset.js";
import { expectedOf, type FieldCheck, IS_VALUE, notNullableText, type RowProblem } from "../typecheck.js";
import { blockFlags, KERNEL_TYPES, type KernelColumn } from "./check-kernel.js";
import { SCOPE_UNKNOWN, scopeEmitter } from "./scope-kernel.js";

type ByteTest = (b: Uint8Array, s: number, e: number, t: FieldTable, r: number, f: number) => boolean;

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 48 && c <= 57;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];
const num2 = (b: Uint8Array, i: number): number => ((b[i] as number) - 48) * 10 + ((b[i + 1] as number) - 48);

const integer: ByteTest = (b, s, e, t, r, f) => {
  let i = b[s] === 43 || b[s] === 45 ? s + 1 : s;
  const start = i;
  while (i < e && ((b[i] as number) - 48) >>> 0 < 10) i++;
  if (i !== e || i === start) return false;
  return i - start < 16 || IS_VALUE.integer(fieldText(t, r, f));
};

const boolean: ByteTest = (b, s, e) =>
  (e - s === 4 && b[s] === 116 && b[s + 1] === 114 && b[s + 2] === 117 && b[s + 3] === 101) ||
  (e - s === 5 &&
    b[s] === 102 &&
    b[s + 1] === 97 &&
    b[s + 2] === 108 &&
    b[s + 3] === 115 &&
    b[s + 4] === 101);

const date: ByteTest = (b, s, e) => {
  if (e - s !== 10 || b[s + 4] !== 45 || b[s + 7] !== 45) return false;
  for (const k of DATE_DIGITS) if (!isDigit(b[s + k])) return false;
  const month = num2(b, s + 5);
  const day = num2(b, s + 8);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysIn(num2(b, s) * 100 + num2(b, s + 2), month);
};

const viaString =
  (type: FieldType): ByteTest =>
  (_b, _s, _e, t, r, f) =>
    IS_VALUE[type](fieldText(t, r, f));

const BYTE_TESTS: Record<FieldType, ByteTest> = {
  string: () => true,
  integer,
  number: viaString("number"),
  boolean,
  date,
  timestamp: viaString("timestamp"),
};

/**
 * Compiles the check of a table laid out as `columns` against the declared fields; returns null for a good
 * row. Columns that are not declared fields are not checked.
 * @example const check = compileTableCheck(columns, fields); const problem = check(table, 0);
 */
export function compileTableCheck(
  columns: readonly string[],
  fields: Record<string, FieldCheck>,
): (t: FieldTable, r: number) => RowProblem | null {
  const cols: number[] = [];
  const names: string[] = [];
  const tests: ByteTest[] = [];
  const nullable: boolean[] = [];
  const types: FieldType[] = [];
  columns.forEach((name, i) => {
    const f = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (f === undefined || (f.type === "string" && f.nullable)) return;
    cols.push(i);
    names.push(name);
    tests.push(BYTE_TESTS[f.type]);
    nullable.push(f.nullable);
    types.push(f.type);
  });
  // the texts are made once per header, not per row
  const expected = types.map(expectedOf);
  const missing = notNullableText();
  const n = cols.length;
  return (t, r) => {
    const b = t.bytes;
    const base = r * t.width;
    const sep = t.sep;
    for (let k = 0; k < n; k++) {
      const f = cols[k] as number;
      const s = f === 0 ? (t.rowStart[r] as number) : (sep[base + f - 1] as number) + 1;
      const e = sep[base + f] as number;
      if (s === e) {
        if (nullable[k]) continue;
        return { field: names[k] as string, code: "missing_value", expected: missing };
      }
      if (!(tests[k] as ByteTest)(b, s, e, t, r, f))
        return { field: names[k] as string, code: "wrong_type", expected: expected[k] as string };
    }
    return null;
  };
}

/** A table check that looks at a whole block first: `prepare` once per block, then `row` for each row. */
export interface BlockCheck {
  /** a plain CSV block's table, indexed in the kernel's memory where the check reads it (undefined: not plain, or
   * no kernel; io/records/csv-table.ts then makes it) */
  table(block: Uint8Array): FieldTable | undefined;
  prepare(t: FieldTable): void;
  /** the row's problem, exactly compileTableCheck's */
  row(t: FieldTable, r: number): RowProblem | null;
  /** for a row `row` passed: the scope's value if the kernel decided it (SCOPE_FALSE, SCOPE_TRUE), else SCOPE_UNKNOWN */
  scope(r: number): number;
}

/**
 * compileTableCheck with the common types tested by the WebAssembly check kernel over the whole block first: a row
 * the kernel vouches for is checked in JavaScript only in the columns of other types (timestamps), any other row
 * in full (the exact problem, in column order). With a scope, the kernel also decides what it can of it on the
 * rows it vouches for (scope-kernel.ts); the rest is left to expr/compile.ts. Without WebAssembly every row is
 * checked in JavaScript and every scope value is unknown.
 * @example const c = compileBlockCheck(columns, fields); c.prepare(table); const problem = c.row(table, 0);
 */
export function compileBlockCheck(
  columns: readonly string[],
  fields: Record<string, FieldCheck>,
  scope?: { expr: CelExpr; types: ReadonlyMap<string, FieldType> },
): BlockCheck {
  const full = compileTableCheck(columns, fields);
  const kernel: KernelColumn[] = [];
  const others: Record<string, FieldCheck> = {};
  columns.forEach((name, column) => {
    const f = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (f === undefined || (f.type === "string" && f.nullable)) return;
    if (KERNEL_TYPES.has(f.type)) kernel.push({ column, type: f.type, nullable: f.nullable });
    else others[name] = f;
  });
  const emitScope = scope
    ? scopeEmitter(scope.expr, scope.types, new Map(columns.map((c, i) => [c, i])))
    : null;
  const flagsOf =
    kernel.length > 0 || emitScope !== null ? blockFlags(columns.length, kernel, emitScope) : null;
  const rest = Object.keys(others).length > 0 ? compileTableCheck(columns, others) : null;
  let flags: Uint8Array | null = null;
  let current: FieldTable | null = null;
  return {
    table: (block) => flagsOf?.table(block),
    prepare(t) {
      current = t;
      flags = flagsOf === null || t.rows === 0 ? null : flagsOf(t);
    },
    row(t, r) {
      if (flags === null || t !== current || ((flags[r] as number) & 1) !== 0) return full(t, r);
      return rest === null ? null : rest(t, r);
    },
    scope(r) {
      if (flags === null || emitScope === null) return SCOPE_UNKNOWN;
      const f = flags[r] as number;
      return (f & 1) !== 0 ? SCOPE_UNKNOWN : f >> 1;
    },
  };
}
