// the declared-type check of a whole block in WebAssembly: one function generated per header, with every checked
// column's test inlined in column order (no table of types, no dispatch), run over all rows of a FieldTable at
// once. It answers a byte a row: "look again", or "certainly good in every column it checks" with the scope's value
// where scope-kernel.ts could decide it on the row's bytes (false, true or not known). Rows it cannot vouch
// for (a problem, or a value it leaves to JavaScript: integers of 16 digits or more, numbers with an exponent or
// of 300 characters or more) go through byte-check.ts's JavaScript check, which gives the exact problem; columns of
// types it does not test (timestamp) are checked in JavaScript on every row. So the answer is byte-check.ts's,
// always (a property test holds the two together); the kernel only makes the common row cheap: ~290 ns a row of
// 21 checked cells in JavaScript, where one call checks a whole block.
// Why hand-written: no library checks CSV cells against declared types inside WebAssembly; see
// docs/architecture.md.
import { isUtf8 } from "node:buffer";
import { encodeModule, FunctionBuilder, I32, Op, Simd, V128 } from "../../crypto/sha256/wasm-encoder.js";
import { instantiate, wasmAvailable } from "../../crypto/sha256/wasm-kernels.js";
import { LF } from "../../io/records/csv-syntax.js";
import type { FieldTable } from "../../io/records/field-table.js";
import { separatorMasks } from "../../io/records/separators.js";
import type { FieldType } from "../../model/dataset.js";
import { type ScopeEmitContext, truthTests } from "./scope-kernel.js";

/** The types the kernel tests; a string column is tested for emptiness only (when it is not nullable). */
export const KERNEL_TYPES: ReadonlySet<FieldType> = new Set([
  "string",
  "integer",
  "boolean",
  "date",
  "number",
]);

/** One checked column: its index in the row, its type and whether it may be empty. */
export interface KernelColumn {
  column: number;
  type: FieldType;
  nullable: boolean;
}

const MINUS = 45;
const PLUS = 43;
const DOT = 46;
/** days of each month in a common year, at address 0 (index 1..12) */
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** where a call's arrays start: after the days table and the table scan's answers */
const FIRST = 64;
/** where `table` leaves the number of LFs, whether it saw a quote or a CR, and whether a record had other than
 * `width` fields (a blank line is such a record) */
const LF_COUNT = 32;
const SPECIAL = 36;
const IRREGULAR = 40;
/** bytes read past a field's end by the fixed-width tests (a date reads 10 bytes from its start) */
const SLACK = 16;

interface Locals {
  s: number;
  e: number;
  p: number;
  q: number;
  c: number;
  ok: number;
  a: number;
  b: number;
}

/** Leaves 1 on the stack when the byte at s + k is an ASCII digit. */
function digitAt(fn: FunctionBuilder, s: number, k: number): void {
  fn.get(s).mem(Op.i32Load8U, 0, k).i32Const(48).emit(Op.i32Sub).i32Const(10).emit(Op.i32LtU);
}

/** The value of the digit at s + k (only called once it is known to be a digit). */
function digitValue(fn: FunctionBuilder, s: number, k: number): void {
  fn.get(s).mem(Op.i32Load8U, 0, k).i32Const(48).emit(Op.i32Sub);
}

/** p += 1 while p < e and the byte at p is a digit. */
function skipDigits(fn: FunctionBuilder, l: Locals): void {
  fn.emit(Op.block, Op.blockEmpty, Op.loop, Op.blockEmpty);
  fn.get(l.p).get(l.e).emit(Op.i32GeU, Op.brIf, 1);
  fn.get(l.p).mem(Op.i32Load8U, 0, 0).i32Const(48).emit(Op.i32Sub).i32Const(10).emit(Op.i32GeU, Op.brIf, 1);
  fn.get(l.p).i32Const(1).emit(Op.i32Add).set(l.p);
  fn.emit(Op.br, 0, Op.end, Op.end);
}

/** p = s, past a leading + or - */
function skipSign(fn: FunctionBuilder, l: Locals): void {
  fn.get(l.s).mem(Op.i32Load8U, 0, 0).tee(l.c).i32Const(PLUS).emit(Op.i32Eq);
  fn.get(l.c).i32Const(MINUS).emit(Op.i32Eq, Op.i32Or);
  fn.get(l.s).emit(Op.i32Add).set(l.p);
}

/**
 * ok = the non-empty [s, e) is an optional sign and 1 to 15 digits (longer ones are left to JavaScript): the 16
 * bytes after the sign tested at once (byte - '0' < 10, one bit each), the first (e - p) bits all set. A byte loop
 * was a third of the check. The load may read past the field into the next ones or the block's slack: only the
 * field's own bits are looked at.
 */
function integerTest(fn: FunctionBuilder, l: Locals): void {
  skipSign(fn, l);
  fn.get(l.p).simdMem(Simd.v128Load, 0, 0);
  fn.i32Const(48).simd(Simd.i8x16Splat).simd(Simd.i8x16Sub);
  fn.i32Const(10).simd(Simd.i8x16Splat).simd(Simd.i8x16LtU).simd(Simd.i8x16Bitmask).set(l.a);
  // c = digits wanted, b = a mask of c bits
  fn.get(l.e).get(l.p).emit(Op.i32Sub).set(l.c);
  fn.i32Const(1).get(l.c).emit(Op.i32Shl).i32Const(1).emit(Op.i32Sub).set(l.b);
  fn.get(l.a).get(l.b).emit(Op.i32And).get(l.b).emit(Op.i32Eq);
  fn.get(l.c).i32Const(1).emit(Op.i32Sub).i32Const(15).emit(Op.i32LtU, Op.i32And).set(l.ok);
}

/** ok = [s, e) is "true" or "false". */
function booleanTest(fn: FunctionBuilder, l: Locals): void {
  fn.get(l.e).get(l.s).emit(Op.i32Sub).set(l.c);
  truthTests(fn, l.s, l.c);
  fn.emit(Op.i32Or).set(l.ok);
}

/** ok = [s, e) is YYYY-MM-DD and that day exists in the proleptic Gregorian calendar. */
function dateTest(fn: FunctionBuilder, l: Locals): void {
  fn.get(l.e).get(l.s).emit(Op.i32Sub).i32Const(10).emit(Op.i32Eq);
  fn.get(l.s).mem(Op.i32Load8U, 0, 4).i32Const(MINUS).emit(Op.i32Eq, Op.i32And);
  fn.get(l.s).mem(Op.i32Load8U, 0, 7).i32Const(MINUS).emit(Op.i32Eq, Op.i32And);
  for (const k of [0, 1, 2, 3, 5, 6, 8, 9]) {
    digitAt(fn, l.s, k);
    fn.emit(Op.i32And);
  }
  fn.tee(l.ok);
  fn.emit(Op.if, Op.blockEmpty);
  // a = month, b = day, c = year
  digitValue(fn, l.s, 5);
  fn.i32Const(10).emit(Op.i32Mul);
  digitValue(fn, l.s, 6);
  fn.emit(Op.i32Add).set(l.a);
  digitValue(fn, l.s, 8);
  fn.i32Const(10).emit(Op.i32Mul);
  digitValue(fn, l.s, 9);
  fn.emit(Op.i32Add).set(l.b);
  digitValue(fn, l.s, 0);
  fn.i32Const(1000).emit(Op.i32Mul);
  digitValue(fn, l.s, 1);
  fn.i32Const(100).emit(Op.i32Mul, Op.i32Add);
  digitValue(fn, l.s, 2);
  fn.i32Const(10).emit(Op.i32Mul, Op.i32Add);
  digitValue(fn, l.s, 3);
  fn.emit(Op.i32Add).set(l.c);
  // 1 <= month <= 12, day >= 1
  fn.get(l.a).i32Const(1).emit(Op.i32Sub).i32Const(12).emit(Op.i32LtU);
  fn.get(l.b).i32Const(0).emit(Op.i32Ne, Op.i32And);
  // day <= days[month] + (month = 2 and a leap year); the table load is guarded by the month test's `and`
  // only in value, so the month is clamped to 0..15 first (any address below FIRST is the table's)
  fn.get(l.b);
  fn.get(l.a).i32Const(15).emit(Op.i32And).mem(Op.i32Load8U, 0, 0);
  fn.get(l.a).i32Const(2).emit(Op.i32Eq);
  fn.get(l.c).i32Const(4).emit(Op.i32RemU).emit(Op.i32Eqz);
  fn.get(l.c).i32Const(100).emit(Op.i32RemU).i32Const(0).emit(Op.i32Ne);
  fn.get(l.c).i32Const(400).emit(Op.i32RemU).emit(Op.i32Eqz, Op.i32Or, Op.i32And, Op.i32And);
  fn.emit(Op.i32Add, Op.i32LeU, Op.i32And).set(l.ok);
  fn.emit(Op.end);
}

/**
 * ok = [s, e) is a plain decimal (optional sign, digits with an optional point, at least one digit) shorter than
 * 300 bytes; an exponent form is left to JavaScript (finite or not needs the number itself).
 */
function numberTest(fn: FunctionBuilder, l: Locals): void {
  skipSign(fn, l);
  fn.get(l.p).set(l.q);
  skipDigits(fn, l);
  // a = digits before the point
  fn.get(l.p).get(l.q).emit(Op.i32Sub).set(l.a);
  fn.i32Const(0).set(l.b);
  fn.get(l.p).get(l.e).emit(Op.i32LtU);
  fn.emit(Op.if, Op.blockEmpty);
  fn.get(l.p).mem(Op.i32Load8U, 0, 0).i32Const(DOT).emit(Op.i32Eq);
  fn.emit(Op.if, Op.blockEmpty);
  fn.get(l.p).i32Const(1).emit(Op.i32Add).tee(l.p).set(l.q);
  skipDigits(fn, l);
  // b = 1 when the point is followed by a digit
  fn.get(l.p).get(l.q).emit(Op.i32Ne).set(l.b);
  fn.emit(Op.end, Op.end);
  fn.get(l.p).get(l.e).emit(Op.i32Eq);
  fn.get(l.a).i32Const(0).emit(Op.i32Ne).get(l.b).emit(Op.i32Or, Op.i32And);
  fn.get(l.e).get(l.s).emit(Op.i32Sub).i32Const(300).emit(Op.i32LtU, Op.i32And).set(l.ok);
}

const TESTS: Partial<Record<FieldType, (fn: FunctionBuilder, l: Locals) => void>> = {
  integer: integerTest,
  boolean: booleanTest,
  date: dateTest,
  number: numberTest,
};

/** Emits a scope's value into a local (scope-kernel.ts), given the row's field reader. */
export type ScopeEmit = (c: ScopeEmitContext) => number;

/**
 * check(rows, rowStart, sep, bytes, out): out[r] = 1 when a column fails (or is left to JavaScript), else the
 * scope's value (0 false, 1 true, 2 not known; 1 without a scope) shifted left by one. Addresses are byte offsets
 * into memory; sep and rowStart hold offsets into `bytes`.
 */
function buildModule(width: number, columns: readonly KernelColumn[], scope: ScopeEmit | null): Uint8Array {
  const fn = new FunctionBuilder([I32, I32, I32, I32, I32], [I32]);
  const [rows, rowStart, sep, bytes, out] = [0, 1, 2, 3, 4];
  const r = fn.local(I32);
  const base = fn.local(I32);
  const status = fn.local(I32);
  const l: Locals = {
    s: fn.local(I32),
    e: fn.local(I32),
    p: fn.local(I32),
    q: fn.local(I32),
    c: fn.local(I32),
    ok: fn.local(I32),
    a: fn.local(I32),
    b: fn.local(I32),
  };
  /** s and e = the bounds of the row's field `column` (absolute addresses) */
  const read = (column: number) => {
    if (column === 0)
      fn.get(r).i32Const(2).emit(Op.i32Shl).get(rowStart).emit(Op.i32Add).mem(Op.i32Load, 2, 0);
    else
      fn.get(base)
        .mem(Op.i32Load, 2, (column - 1) * 4)
        .i32Const(1)
        .emit(Op.i32Add);
    fn.get(bytes).emit(Op.i32Add).set(l.s);
    fn.get(base)
      .mem(Op.i32Load, 2, column * 4)
      .get(bytes)
      .emit(Op.i32Add)
      .set(l.e);
  };
  fn.emit(Op.block, Op.blockEmpty, Op.loop, Op.blockEmpty);
  fn.get(r).get(rows).emit(Op.i32GeU, Op.brIf, 1);
  // base = sep + r * width * 4
  fn.get(r)
    .i32Const(width * 4)
    .emit(Op.i32Mul)
    .get(sep)
    .emit(Op.i32Add)
    .set(base);
  fn.i32Const(1).set(status);
  fn.emit(Op.block, Op.blockEmpty); // the row: a failing column branches out with status 1
  for (const col of columns) {
    fn.emit(Op.block, Op.blockEmpty); // the column: a passing value branches to its end
    read(col.column);
    fn.get(l.s).get(l.e).emit(Op.i32Eq);
    // empty: fine when nullable (to the column's end), else the row fails
    fn.emit(Op.brIf, col.nullable ? 0 : 1);
    const test = TESTS[col.type];
    if (test) {
      test(fn, l);
      fn.get(l.ok).emit(Op.i32Eqz, Op.brIf, 1);
    }
    fn.emit(Op.end);
  }
  if (scope) {
    const value = scope({ fn, read, s: l.s, e: l.e, local: () => fn.local(I32) });
    fn.get(value).i32Const(1).emit(Op.i32Shl).set(status);
  } else fn.i32Const(2).set(status);
  fn.emit(Op.end);
  fn.get(out).get(r).emit(Op.i32Add).get(status).mem(Op.i32Store8, 0, 0);
  fn.get(r).i32Const(1).emit(Op.i32Add).set(r);
  fn.emit(Op.br, 0, Op.end, Op.end);
  fn.get(rows);
  return encodeModule(1, [
    { name: "check", fn },
    { name: "table", fn: tableScan() },
  ]);
}

/**
 * table(bytes, n, sep, rowStart, width): the field table of a CSV block in memory at `bytes` (n bytes, 16 zero
 * bytes after them), found 16 bytes at a time (i8x16.eq + bitmask + ctz, as io/records/separators.ts): every ',' and
 * LF's offset from `bytes` at `sep`, and each record's start at `rowStart` (0, then one past each LF). Returns how
 * many separators; leaves at LF_COUNT the LFs, at SPECIAL whether a quote or a CR occurs and at IRREGULAR whether a
 * record's field count was not `width`. Writing the table where `check` reads it spares copying the separators in
 * and out of another kernel's memory and a JavaScript pass over them to find the records (docs/benchmarks.md).
 */
function tableScan(): FunctionBuilder {
  const fn = new FunctionBuilder([I32, I32, I32, I32, I32], [I32]);
  const [bytes, n, sep, rowStart, width] = [0, 1, 2, 3, 4];
  const i = fn.local(I32);
  const end = fn.local(I32);
  const m = fn.local(I32);
  const mlf = fn.local(I32);
  const tz = fn.local(I32);
  const out = fn.local(I32);
  const rowAt = fn.local(I32);
  const commas = fn.local(I32);
  const lf = fn.local(I32);
  const bad = fn.local(I32);
  const v = fn.local(V128);
  const special = fn.local(V128);
  fn.get(bytes).set(i);
  fn.get(bytes).get(n).emit(Op.i32Add).set(end);
  fn.get(sep).set(out);
  // rowStart[0] = 0
  fn.get(rowStart).i32Const(0).mem(Op.i32Store, 2, 0);
  fn.get(rowStart).i32Const(4).emit(Op.i32Add).set(rowAt);
  fn.emit(Op.block, Op.blockEmpty, Op.loop, Op.blockEmpty);
  fn.get(i).get(end).emit(Op.i32GeU, Op.brIf, 1);
  separatorMasks(fn, { at: i, v, special, mlf, m, lf });
  // most 16 bytes hold no LF: their commas are stored and counted without a test each
  fn.get(mlf).emit(Op.i32Eqz);
  fn.emit(Op.if, Op.blockEmpty);
  fn.get(commas).get(m).emit(Op.i32Popcnt, Op.i32Add).set(commas);
  fn.emit(Op.block, Op.blockEmpty, Op.loop, Op.blockEmpty);
  fn.get(m).emit(Op.i32Eqz, Op.brIf, 1);
  fn.get(out).get(i).get(bytes).emit(Op.i32Sub).get(m).emit(Op.i32Ctz, Op.i32Add).mem(Op.i32Store, 2, 0);
  fn.get(out).i32Const(4).emit(Op.i32Add).set(out);
  fn.get(m).get(m).i32Const(1).emit(Op.i32Sub, Op.i32And).set(m);
  fn.emit(Op.br, 0, Op.end, Op.end);
  fn.emit(Op.else);
  fn.emit(Op.block, Op.blockEmpty, Op.loop, Op.blockEmpty);
  fn.get(m).emit(Op.i32Eqz, Op.brIf, 1);
  // store (i - bytes) + tz at out; out += 4
  fn.get(m).emit(Op.i32Ctz).set(tz);
  fn.get(out).get(i).get(bytes).emit(Op.i32Sub).get(tz).emit(Op.i32Add).mem(Op.i32Store, 2, 0);
  fn.get(out).i32Const(4).emit(Op.i32Add).set(out);
  // a LF ends a record of commas + 1 fields: note one of another count, and where the next record starts
  fn.get(mlf).get(tz).emit(Op.i32ShrU).i32Const(1).emit(Op.i32And);
  fn.emit(Op.if, Op.blockEmpty);
  fn.get(bad).get(commas).i32Const(1).emit(Op.i32Add).get(width).emit(Op.i32Ne, Op.i32Or).set(bad);
  fn.get(rowAt).get(i).get(bytes).emit(Op.i32Sub).get(tz).emit(Op.i32Add).i32Const(1).emit(Op.i32Add);
  fn.mem(Op.i32Store, 2, 0);
  fn.get(rowAt).i32Const(4).emit(Op.i32Add).set(rowAt);
  fn.i32Const(0).set(commas);
  fn.emit(Op.else);
  fn.get(commas).i32Const(1).emit(Op.i32Add).set(commas);
  fn.emit(Op.end);
  fn.get(m).get(m).i32Const(1).emit(Op.i32Sub, Op.i32And).set(m);
  fn.emit(Op.br, 0, Op.end, Op.end);
  fn.emit(Op.end);
  fn.get(i).i32Const(16).emit(Op.i32Add).set(i);
  fn.emit(Op.br, 0, Op.end, Op.end);
  fn.i32Const(LF_COUNT).get(lf).mem(Op.i32Store, 2, 0);
  fn.i32Const(SPECIAL).get(special).simd(Simd.i8x16Bitmask).mem(Op.i32Store, 2, 0);
  fn.i32Const(IRREGULAR).get(bad).mem(Op.i32Store, 2, 0);
  fn.get(out).get(sep).emit(Op.i32Sub).i32Const(2).emit(Op.i32ShrU);
  return fn;
}

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/**
 * Per row of a table: 1 look again (type check and scope in JavaScript), else the scope's value << 1. `table`
 * indexes a plain CSV block in the kernel's own memory (undefined when it is not one: the caller then uses
 * io/records/csv-table.ts); the flags of the table it gave are then found without copying anything in.
 */
export type BlockFlags = ((t: FieldTable) => Uint8Array) & {
  table(block: Uint8Array): FieldTable | undefined;
};

const align = (n: number) => (n + 7) & ~7;

/**
 * Builds the block check for a header's checked columns (those of KERNEL_TYPES only) and, optionally, the scope
 * (scope-kernel.ts), or null without WebAssembly. The returned function reuses its memory: one per thread; the
 * flags view is valid until the next call, a table from `table` until the next `table`. The record bytes copied
 * in are wiped before the flags are returned.
 * @example const flags = blockFlags(20, [{ column: 4, type: "date", nullable: false }]); flags?.(table)[0] // 2: good
 */
export function blockFlags(
  width: number,
  columns: readonly KernelColumn[],
  scope: ScopeEmit | null = null,
): BlockFlags | null {
  if (!wasmAvailable) return null;
  for (const c of columns)
    if (!KERNEL_TYPES.has(c.type) || c.column < 0 || c.column >= width)
      throw new Error(`the check kernel cannot test column ${c.column} of type ${c.type}`);
  let exports: Record<string, unknown>;
  try {
    exports = instantiate(buildModule(width, columns, scope));
  } catch {
    return null;
  }
  const memory = exports.memory as WasmMemory;
  const run = exports.check as (
    rows: number,
    rowStart: number,
    sep: number,
    bytes: number,
    out: number,
  ) => number;
  const scan = exports.table as (
    bytes: number,
    n: number,
    sep: number,
    rowStart: number,
    width: number,
  ) => number;
  new Uint8Array(memory.buffer).set(DAYS, 0);
  const room = (need: number) => {
    if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65_536));
  };
  /** the table `table` made last, where its bytes, separators, record starts and flags are in memory */
  let made: { t: FieldTable; bytes: number; sep: number; rowStart: number; out: number } | undefined;
  let records = new Int32Array(0);
  const flags = (t: FieldTable): Uint8Array => {
    const rows = t.rows;
    if (made?.t === t) {
      const { bytes, sep, rowStart, out } = made;
      made = undefined;
      run(rows, rowStart, sep, bytes, out);
      const u8 = new Uint8Array(memory.buffer);
      u8.fill(0, bytes, bytes + t.bytes.length);
      return u8.subarray(out, out + rows);
    }
    const rowStart = FIRST;
    const sep = align(rowStart + 4 * rows);
    const bytes = align(sep + 4 * rows * width);
    const out = align(bytes + t.bytes.length + SLACK);
    room(out + rows + SLACK);
    const u8 = new Uint8Array(memory.buffer);
    const i32 = new Int32Array(memory.buffer);
    i32.set(t.rowStart.subarray(0, rows), rowStart >> 2);
    i32.set(t.sep.subarray(0, rows * width), sep >> 2);
    u8.set(t.bytes, bytes);
    run(rows, rowStart, sep, bytes, out);
    // the record bytes leave the kernel's memory with the call
    u8.fill(0, bytes, bytes + t.bytes.length);
    return u8.subarray(out, out + rows);
  };
  const table = (block: Uint8Array): FieldTable | undefined => {
    // a table whose flags were never asked for leaves no record bytes behind either
    if (made) new Uint8Array(memory.buffer).fill(0, made.bytes, made.bytes + made.t.bytes.length);
    made = undefined;
    const n = block.length;
    // a plain block: records of `width` fields, each ending in LF, no quote, no CR (the others, and the last block
    // of a file without its final LF, go through csv-table.ts)
    if (width < 2 || n === 0 || block[n - 1] !== LF || !isUtf8(block)) return undefined;
    const bytes = FIRST;
    // at most a separator a byte and a record a separator
    const sep = align(bytes + n + SLACK);
    const rowStart = align(sep + 4 * n);
    const out = align(rowStart + 4 * (n + 1));
    room(out + n + SLACK);
    // (the scan does not grow the memory: this view stays good)
    const u8 = new Uint8Array(memory.buffer);
    u8.set(block, bytes);
    u8.fill(0, bytes + n, bytes + n + SLACK);
    const count = scan(bytes, n, sep, rowStart, width);
    const i32 = new Int32Array(memory.buffer);
    const rows = i32[LF_COUNT >> 2] as number;
    if (i32[SPECIAL >> 2] !== 0 || i32[IRREGULAR >> 2] !== 0 || count !== rows * width) {
      u8.fill(0, bytes, bytes + n);
      return undefined;
    }
    if (records.length < rows)
      records = Int32Array.from({ length: Math.max(rows, 2 * records.length) }, (_, r) => r);
    const t: FieldTable = {
      bytes: block,
      sep: new Int32Array(memory.buffer, sep, count),
      rowStart: new Int32Array(memory.buffer, rowStart, rows),
      width,
      rows,
      record: records,
      verbatim: true,
      bad: [],
      records: rows,
      lines: rows,
    };
    made = { t, bytes, sep, rowStart, out };
    return t;
  };
  return Object.assign(flags, { table });
}
