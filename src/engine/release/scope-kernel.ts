// the scope in the block kernel: the parts of a checked scope expression that can be decided on a row's bytes
// (boolean fields, a string, date or timestamp field against a string constant, `!`, `&&`, `||`) emitted as
// WebAssembly over three values, false (0), true (1) and not known here (2). Everything else (numbers, lists,
// string functions, `matches`, conditionals, two fields together) is "not known", and so is an empty field
// where CEL would see null in an ordering. `&&` is false when any operand is false and `||` true when any is
// true, whatever the others hold (CEL's rule, errors included), so a row decided here is decided exactly as
// expr/compile.ts decides it; the rest is evaluated there. Runs only on rows the kernel's type check passed.
import type { FunctionBuilder } from "../../crypto/sha256/wasm-encoder.js";
import { Op } from "../../crypto/sha256/wasm-encoder.js";
import type { CelExpr } from "../../expr/validate.js";
import type { FieldType } from "../../model/dataset.js";

/** Emits code that sets the locals `s` and `e` to the bounds of a column's field in the current row. */
export type ReadField = (column: number) => void;

/** What the emitted code works with: the field bounds' locals and a fresh i32 local on demand. */
export interface ScopeEmitContext {
  fn: FunctionBuilder;
  read: ReadField;
  s: number;
  e: number;
  local(): number;
}

/** Emits the code of one node; returns the local holding its value (0 false, 1 true, 2 not known). */
type Emit = (c: ScopeEmitContext) => number;

const FALSE = 0;
const TRUE = 1;
const UNKNOWN = 2;
/** a longer constant is left to JavaScript (the comparison is unrolled a byte at a time) */
const MAX_LITERAL = 64;
const TEXT_TYPES: ReadonlySet<FieldType> = new Set(["string", "date", "timestamp"]);
const ORDER: Record<string, { flipped: string }> = {
  "_<_": { flipped: "_>_" },
  "_<=_": { flipped: "_>=_" },
  "_>_": { flipped: "_<_" },
  "_>=_": { flipped: "_<=_" },
};

interface Ctx {
  types: ReadonlyMap<string, FieldType>;
  columns: ReadonlyMap<string, number>;
}

const encoder = new TextEncoder();

/** The field a node names, with its column and type, when it is a bare field reference. */
function fieldOf(e: CelExpr, ctx: Ctx): { column: number; type: FieldType } | undefined {
  if (e.exprKind.case !== "identExpr") return undefined;
  const name = e.exprKind.value.name;
  const type = ctx.types.get(name);
  const column = ctx.columns.get(name);
  return type === undefined || column === undefined ? undefined : { column, type };
}

/** The constant a node is, when it is a bool or string constant. */
function constantOf(e: CelExpr): boolean | string | undefined {
  if (e.exprKind.case !== "constExpr") return undefined;
  const k = e.exprKind.value.constantKind;
  return k.case === "boolValue" || k.case === "stringValue" ? k.value : undefined;
}

function constant(v: number): Emit {
  return ({ fn, local }) => {
    const out = local();
    fn.i32Const(v).set(out);
    return out;
  };
}

/**
 * Leaves isTrue then isFalse on the stack for the field at `s` of length `len` (exactly "true" / "false"; the
 * 4-byte loads may read past a shorter field, the length tests decide).
 */
export function truthTests(fn: FunctionBuilder, s: number, len: number): void {
  fn.get(len).i32Const(4).emit(Op.i32Eq);
  fn.get(s).mem(Op.i32Load, 0, 0).i32Const(0x65757274).emit(Op.i32Eq, Op.i32And);
  fn.get(len).i32Const(5).emit(Op.i32Eq);
  fn.get(s).mem(Op.i32Load, 0, 0).i32Const(0x736c6166).emit(Op.i32Eq, Op.i32And);
  fn.get(s).mem(Op.i32Load8U, 0, 4).i32Const(0x65).emit(Op.i32Eq, Op.i32And);
}

function readLength(c: ScopeEmitContext, column: number): number {
  c.read(column);
  const len = c.local();
  c.fn.get(c.e).get(c.s).emit(Op.i32Sub).set(len);
  return len;
}

/** A boolean field read: its length, whether it is "true", whether "false", and a local for the node's value. */
function readTruth(c: ScopeEmitContext, column: number): { len: number; t: number; f: number; out: number } {
  const len = readLength(c, column);
  const t = c.local();
  const f = c.local();
  truthTests(c.fn, c.s, len);
  c.fn.set(f).set(t);
  return { len, t, f, out: c.local() };
}

/** A boolean field: "true" 1, "false" 0, anything else (empty: null) not known. */
function booleanField(column: number): Emit {
  return (c) => {
    const { fn } = c;
    const { t, f, out } = readTruth(c, column);
    fn.i32Const(TRUE)
      .i32Const(FALSE)
      .i32Const(UNKNOWN)
      .get(f)
      .emit(Op.select)
      .get(t)
      .emit(Op.select)
      .set(out);
    return out;
  };
}

/** `field == b` / `!=` for a boolean field: an empty field is null, equal to no boolean. */
function booleanEquals(column: number, value: boolean, negate: boolean): Emit {
  return (c) => {
    const { fn } = c;
    const { len, t, f, out } = readTruth(c, column);
    // equal = value ? t : f; known when t, f or empty
    fn.get(value ? t : f);
    if (negate) fn.emit(Op.i32Eqz);
    fn.i32Const(UNKNOWN);
    fn.get(t).get(f).emit(Op.i32Or).get(len).emit(Op.i32Eqz, Op.i32Or);
    fn.emit(Op.select).set(out);
    return out;
  };
}

/**
 * `field == "text"` / `!=`: the field's bytes against the constant's UTF-8 (fields are valid UTF-8, so equal bytes
 * are equal strings). An empty date or timestamp is null, equal to no string; an empty string field is "".
 */
function textEquals(column: number, type: FieldType, text: string, negate: boolean): Emit | null {
  const bytes = encoder.encode(text);
  if (bytes.length > MAX_LITERAL) return null;
  return (c) => {
    const { fn, s } = c;
    const len = readLength(c, column);
    const out = c.local();
    fn.i32Const(negate ? TRUE : FALSE).set(out);
    fn.emit(Op.block, Op.blockEmpty);
    if (type !== "string" && bytes.length === 0) {
      // null == "" is false: an empty date is not the empty string
      fn.get(len).emit(Op.i32Eqz, Op.brIf, 0);
    }
    fn.get(len).i32Const(bytes.length).emit(Op.i32Ne, Op.brIf, 0);
    bytes.forEach((b, i) => {
      fn.get(s).mem(Op.i32Load8U, 0, i).i32Const(b).emit(Op.i32Ne, Op.brIf, 0);
    });
    fn.i32Const(negate ? FALSE : TRUE).set(out);
    fn.emit(Op.end);
    return out;
  };
}

/**
 * `field OP "ascii"`: bytes against an ASCII constant compare as JavaScript compares the strings (UTF-16 code
 * units): up to the first difference both are ASCII, and a non-ASCII character's first byte is above any ASCII
 * byte as its code unit is. An empty date or timestamp is null: not known (CEL: no ordering for null).
 */
function textOrder(column: number, type: FieldType, text: string, op: string): Emit | null {
  const bytes = encoder.encode(text);
  // ASCII only: one byte a character
  if (bytes.length > MAX_LITERAL || bytes.length !== text.length) return null;
  return (c) => {
    const { fn, s } = c;
    const len = readLength(c, column);
    // cmp: 0 field < text, 1 equal, 2 field > text
    const cmp = c.local();
    const a = c.local();
    fn.emit(Op.block, Op.blockEmpty);
    bytes.forEach((b, i) => {
      // the field ended first: it is a proper prefix, so less
      fn.i32Const(0).set(cmp);
      fn.get(len).i32Const(i).emit(Op.i32LeU, Op.brIf, 0);
      fn.get(s).mem(Op.i32Load8U, 0, i).tee(a).i32Const(b).emit(Op.i32Ne);
      fn.emit(Op.if, Op.blockEmpty);
      fn.i32Const(0).i32Const(2).get(a).i32Const(b).emit(Op.i32LtU, Op.select).set(cmp);
      fn.emit(Op.br, 1, Op.end);
    });
    fn.i32Const(2).i32Const(1).get(len).i32Const(bytes.length).emit(Op.i32GtU, Op.select).set(cmp);
    fn.emit(Op.end);
    const out = c.local();
    fn.get(cmp);
    if (op === "_<_") fn.i32Const(0).emit(Op.i32Eq);
    else if (op === "_<=_") fn.i32Const(1).emit(Op.i32LeU);
    else if (op === "_>_") fn.i32Const(2).emit(Op.i32Eq);
    else fn.i32Const(1).emit(Op.i32GeU);
    if (type !== "string") {
      // an empty date or timestamp: not known
      fn.set(out);
      fn.i32Const(UNKNOWN).get(out).get(len).emit(Op.i32Eqz, Op.select);
    }
    fn.set(out);
    return out;
  };
}

/** `&&` (and) or `||` over operands; an operand this kernel cannot decide counts as not known. */
function logic(and: boolean, parts: (Emit | null)[]): Emit | null {
  if (parts.every((p) => p === null)) return null;
  const emits = parts.map((p) => p ?? constant(UNKNOWN));
  return (c) => {
    const { fn } = c;
    let acc = (emits[0] as Emit)(c);
    for (const next of emits.slice(1)) {
      const b = next(c);
      const out = c.local();
      // and: false if either is false, else the larger (true, true -> true; any not known -> not known)
      // or: true if either is true, else the larger (false, false -> false; any not known -> not known)
      fn.i32Const(and ? FALSE : TRUE);
      fn.get(acc).get(b).get(acc).get(b).emit(Op.i32GtU, Op.select);
      if (and) fn.get(acc).get(b).emit(Op.i32Mul, Op.i32Eqz);
      else fn.get(acc).i32Const(TRUE).emit(Op.i32Eq).get(b).i32Const(TRUE).emit(Op.i32Eq, Op.i32Or);
      fn.emit(Op.select).set(out);
      acc = out;
    }
    return acc;
  };
}

function not(inner: Emit | null): Emit | null {
  if (inner === null) return null;
  return (c) => {
    const { fn } = c;
    const v = inner(c);
    const out = c.local();
    fn.i32Const(UNKNOWN)
      .i32Const(1)
      .get(v)
      .emit(Op.i32Sub)
      .get(v)
      .i32Const(UNKNOWN)
      .emit(Op.i32Eq, Op.select);
    fn.set(out);
    return out;
  };
}

function compare(fnName: string, args: readonly CelExpr[], ctx: Ctx): Emit | null {
  if (args.length !== 2) return null;
  let [left, right] = args as [CelExpr, CelExpr];
  let op = fnName;
  if (fieldOf(left, ctx) === undefined) {
    [left, right] = [right, left];
    if (ORDER[op]) op = (ORDER[op] as { flipped: string }).flipped;
  }
  const field = fieldOf(left, ctx);
  const value = constantOf(right);
  if (field === undefined || value === undefined) return null;
  if (op === "_==_" || op === "_!=_") {
    const negate = op === "_!=_";
    if (field.type === "boolean" && typeof value === "boolean")
      return booleanEquals(field.column, value, negate);
    if (TEXT_TYPES.has(field.type) && typeof value === "string")
      return textEquals(field.column, field.type, value, negate);
    return null;
  }
  if (ORDER[op] && TEXT_TYPES.has(field.type) && typeof value === "string")
    return textOrder(field.column, field.type, value, op);
  return null;
}

function node(e: CelExpr, ctx: Ctx): Emit | null {
  const k = e.exprKind;
  if (k.case === "constExpr") {
    const v = constantOf(e);
    return typeof v === "boolean" ? constant(v ? TRUE : FALSE) : null;
  }
  if (k.case === "identExpr") {
    const field = fieldOf(e, ctx);
    return field?.type === "boolean" ? booleanField(field.column) : null;
  }
  if (k.case !== "callExpr" || k.value.target !== undefined) return null;
  const { function: fn, args } = k.value;
  if (fn === "_&&_" || fn === "_||_")
    return logic(
      fn === "_&&_",
      args.map((a) => node(a, ctx)),
    );
  if (fn === "!_" && args.length === 1) return not(node(args[0] as CelExpr, ctx));
  if (fn === "_==_" || fn === "_!=_" || ORDER[fn]) return compare(fn, args, ctx);
  return null;
}

/**
 * The emitter of a scope expression's value on the kernel's row, or null when no part of it can be decided on
 * bytes (every row is then left to expr/compile.ts).
 * @example scopeEmitter(expr, new Map([["linked", "boolean"]]), new Map([["linked", 8]]))
 */
export function scopeEmitter(
  expr: CelExpr,
  types: ReadonlyMap<string, FieldType>,
  columns: ReadonlyMap<string, number>,
): Emit | null {
  return node(expr, { types, columns });
}

export { FALSE as SCOPE_FALSE, TRUE as SCOPE_TRUE, UNKNOWN as SCOPE_UNKNOWN };
