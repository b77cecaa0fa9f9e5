// scope evaluation for the share gateway: a checked CEL AST (expr/validate) becomes a tree of closures over
// column indexes of a row of strings; nothing is compiled with eval or Function. Contract:
// - the result equals @bufbuild/cel's `plan()` on the same row converted to typed values (integer -> int,
//   number -> double, boolean -> bool, string/date/timestamp -> string, "" in a non-string field -> null),
//   and a row is selected only when the expression gives exactly `true` (a CEL error selects nothing);
// - each field is read from `row[i]` and converted on every use: integer/number with Number(), boolean
//   only from "true"/"false" (the row type check accepts nothing else), the other types as the string;
// - an empty cell of a non-string field is `null` (so `age == null` is true, `age > 3` is an error and
//   selects nothing, `age in [1, 2]` is false); an empty string field stays "" (rows carry no nullness);
// - a malformed cell (a number that is NaN, a boolean other than true/false, a column past the row's
//   end) is an error, so it selects nothing even under `!`; rows should pass engine/typecheck first;
// - integer constants are JS numbers (exact within ±2^53; integer fields are checked to be safe);
// - `matches` takes a string literal only (checkExpression refuses anything else) and compiles it once with
//   re2js, a port of RE2: RE2 syntax and semantics as CEL (and @bufbuild/cel) define them, a partial match,
//   in time linear in the input (no backtracking: `^(a+)+$` cannot blow up); a pattern RE2 refuses, or
//   longer than MAX_PATTERN_LENGTH, throws `scope_regex`.
import type { RE2JS } from "re2js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { FieldType } from "../model/dataset.js";
import { re2 } from "./re2.js";
import { type CelExpr, patternProblem } from "./validate.js";

/** A value while evaluating; `undefined` stands for a CEL error (no overload, malformed cell). */
type Value = string | number | boolean | null | readonly Value[] | undefined;
type Row = readonly string[];
type Ev = (row: Row) => Value;

/** A compiled node: its evaluator, and its value when it does not depend on the row. */
interface Node {
  ev: Ev;
  constant: boolean;
  value?: Value;
  /** Set for a bare field reference: the column it reads and the field's type. */
  field?: { index: number; type: FieldType };
}

const ERR = undefined;

/**
 * Compiles a checked scope expression into a predicate over rows of strings.
 * Throws JikimiError `scope_unsupported` for nodes outside the whitelist, `scope_column_missing` when a
 * field has no column, `scope_regex` for a `matches` pattern it cannot compile faithfully.
 * @example
 *   const checked = checkExpression('linked && join_date >= "2019-06-27"', fields);
 *   if (checked.ok) { const keep = compileScope(checked.expr, fields, new Map([["linked", 0], ["join_date", 1]]));
 *     keep(["true", "2020-01-01"]); } // true
 */
export function compileScope(
  expr: CelExpr,
  fields: ReadonlyMap<string, FieldType>,
  columnIndex: ReadonlyMap<string, number>,
): (row: readonly string[]) => boolean {
  const root = compile(expr, { fields, columnIndex });
  if (root.constant) {
    const result = root.value === true;
    return () => result;
  }
  const ev = root.ev;
  return (row) => ev(row) === true;
}

interface Ctx {
  fields: ReadonlyMap<string, FieldType>;
  columnIndex: ReadonlyMap<string, number>;
}

function unsupported(what: string): never {
  throw new JikimiError("scope_unsupported", t("expr.compile.unsupported", { what }), {
    hint: t("expr.compile.check_first"),
  });
}

function constNode(value: Value): Node {
  return { ev: () => value, constant: true, value };
}

/** Folds a node whose operands are all constant by evaluating it once (rows are never read). */
function fold(node: Node, parts: readonly Node[]): Node {
  if (!parts.every((p) => p.constant)) return node;
  return constNode(node.ev([]));
}

function compile(e: CelExpr, ctx: Ctx): Node {
  const k = e.exprKind;
  switch (k.case) {
    case "constExpr": {
      const c = k.value.constantKind;
      switch (c.case) {
        case "boolValue":
        case "stringValue":
        case "doubleValue":
          return constNode(c.value);
        case "int64Value":
        case "uint64Value":
          return constNode(Number(c.value));
        case "nullValue":
          return constNode(null);
        default:
          return unsupported(t("expr.compile.constant", { kind: c.case ?? "unknown" }));
      }
    }
    case "identExpr":
      return fieldNode(k.value.name, ctx);
    case "listExpr": {
      const items = k.value.elements.map((el) => compile(el, ctx));
      if (items.every((i) => i.constant)) return constNode(items.map((i) => i.value));
      const evs = items.map((i) => i.ev);
      return {
        constant: false,
        ev: (row) => {
          const out: Value[] = new Array(evs.length);
          for (let i = 0; i < evs.length; i++) {
            const v = (evs[i] as Ev)(row);
            if (v === ERR) return ERR;
            out[i] = v;
          }
          return out;
        },
      };
    }
    case "callExpr": {
      const { function: fn, args, target } = k.value;
      return call(fn, args, target, ctx);
    }
    default:
      return unsupported(t("expr.compile.expression", { kind: k.case ?? "unknown" }));
  }
}

function fieldNode(name: string, ctx: Ctx): Node {
  const type = ctx.fields.get(name);
  if (type === undefined) return unsupported(t("expr.compile.unknown_field", { name }));
  const i = ctx.columnIndex.get(name);
  if (i === undefined)
    throw new JikimiError("scope_column_missing", t("expr.compile.column_missing", { name }), {
      hint: t("expr.compile.column_missing_hint"),
    });
  return { ev: reader(type, i), constant: false, field: { index: i, type } };
}

/** Reads column i as a value of the field's type (see the module comment for empties and malformed cells). */
function reader(type: FieldType, i: number): Ev {
  switch (type) {
    case "string":
      return (row) => row[i];
    case "date":
    case "timestamp":
      return (row) => {
        const s = row[i];
        return s === "" ? null : s;
      };
    case "integer":
    case "number":
      return (row) => {
        const s = row[i];
        if (s === undefined) return ERR;
        if (s === "") return null;
        const n = +s;
        return Number.isNaN(n) ? ERR : n;
      };
    case "boolean":
      return (row) => {
        const s = row[i];
        return s === "true" ? true : s === "false" ? false : s === "" ? null : ERR;
      };
  }
}

const STRING_TESTS = new Map<string, (s: string, x: string) => boolean>([
  ["startsWith", (s, x) => s.startsWith(x)],
  ["endsWith", (s, x) => s.endsWith(x)],
  ["contains", (s, x) => s.includes(x)],
]);
const ORDER = new Set(["_<_", "_<=_", "_>_", "_>=_"]);

function call(fn: string, argExprs: readonly CelExpr[], targetExpr: CelExpr | undefined, ctx: Ctx): Node {
  const args = argExprs.map((a) => compile(a, ctx));
  const target = targetExpr === undefined ? undefined : compile(targetExpr, ctx);
  if (fn === "_&&_" || fn === "_||_") return logic(fn === "_&&_", args);
  if (fn === "!_" && args.length === 1 && target === undefined) return fold(not(args[0] as Node), args);
  if ((fn === "_==_" || fn === "_!=_") && args.length === 2)
    return fold(equality(fn === "_!=_", args[0] as Node, args[1] as Node), args);
  if (ORDER.has(fn) && args.length === 2) return fold(ordering(fn, args[0] as Node, args[1] as Node), args);
  if (fn === "@in" && args.length === 2) return fold(membership(args[0] as Node, args[1] as Node), args);
  if (fn === "_?_:_" && args.length === 3)
    return fold(conditional(args[0] as Node, args[1] as Node, args[2] as Node), args);
  if (fn === "size") {
    const of = target ?? (args.length === 1 ? args[0] : undefined);
    if (of !== undefined && (target === undefined || args.length === 0)) return fold(size(of), [of]);
  }
  if (target !== undefined && args.length === 1) {
    const arg = args[0] as Node;
    const parts = [target, arg];
    const test = STRING_TESTS.get(fn);
    if (test !== undefined) return fold(stringMethod(target, arg, test), parts);
    if (fn === "matches") return fold(matches(target, arg), parts);
  }
  return unsupported(t("expr.compile.function", { fn }));
}

/** `&&` / `||` as CEL: any deciding operand wins (false for &&, true for ||), else any error is the result. */
function logic(and: boolean, args: readonly Node[]): Node {
  const decide = !and;
  const evs = args.map((a) => a.ev);
  if (evs.length === 2) {
    const [l, r] = evs as [Ev, Ev];
    const node: Node = {
      constant: false,
      ev: (row) => {
        const a = l(row);
        if (a === decide) return decide;
        const b = r(row);
        if (b === decide) return decide;
        return a === !decide && b === !decide ? !decide : ERR;
      },
    };
    return fold(node, args);
  }
  const node: Node = {
    constant: false,
    ev: (row) => {
      let failed = false;
      for (const ev of evs) {
        const v = ev(row);
        if (v === decide) return decide;
        if (v !== !decide) failed = true;
      }
      return failed ? ERR : !decide;
    },
  };
  return fold(node, args);
}

function not(arg: Node): Node {
  const ev = arg.ev;
  return {
    constant: false,
    ev: (row) => {
      const v = ev(row);
      return v === true ? false : v === false ? true : ERR;
    },
  };
}

function conditional(cond: Node, yes: Node, no: Node): Node {
  const [c, y, f] = [cond.ev, yes.ev, no.ev];
  return {
    constant: false,
    ev: (row) => {
      const v = c(row);
      return v === true ? y(row) : v === false ? f(row) : ERR;
    },
  };
}

/** CEL equality: numbers across int/double, lists element by element, values of different types unequal. */
function equal(a: Value, b: Value): boolean | undefined {
  if (a === ERR || b === ERR) return ERR;
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    const x = a as readonly Value[];
    const y = b as readonly Value[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (equal(x[i], y[i]) !== true) return false;
    return true;
  }
  return false;
}

function equality(negate: boolean, left: Node, right: Node): Node {
  const [l, r] = [left.ev, right.ev];
  // field == scalar constant: no list can be involved, so identity (with the ERR check) is CEL equality.
  const fieldConst =
    left.field !== undefined && right.constant && !Array.isArray(right.value) && right.value !== ERR;
  if (fieldConst) {
    const c = right.value;
    return {
      constant: false,
      ev: negate
        ? (row) => {
            const v = l(row);
            return v === ERR ? ERR : v !== c;
          }
        : (row) => {
            const v = l(row);
            return v === ERR ? ERR : v === c;
          },
    };
  }
  return {
    constant: false,
    ev: negate
      ? (row) => {
          const v = equal(l(row), r(row));
          return v === ERR ? ERR : !v;
        }
      : (row) => equal(l(row), r(row)),
  };
}

type Cmp = (a: number | string | boolean, b: number | string | boolean) => boolean;
const CMP: Record<string, Cmp> = {
  "_<_": (a, b) => a < b,
  "_<=_": (a, b) => a <= b,
  "_>_": (a, b) => a > b,
  "_>=_": (a, b) => a >= b,
};

/** CEL ordering: defined for two numbers, two strings (UTF-16 order, as @bufbuild/cel), two booleans. */
function ordering(fn: string, left: Node, right: Node): Node {
  const cmp = CMP[fn] as Cmp;
  const [l, r] = [left.ev, right.ev];
  const c = right.value;
  if (left.field !== undefined && right.constant && (typeof c === "number" || typeof c === "string")) {
    // the hot path: a field against a constant of a type known now.
    const kind = typeof c;
    return {
      constant: false,
      ev: (row) => {
        const v = l(row);
        return typeof v === kind ? cmp(v as number | string, c) : ERR;
      },
    };
  }
  return {
    constant: false,
    ev: (row) => {
      const a = l(row);
      const b = r(row);
      const ta = typeof a;
      if (ta === "number" || ta === "string" || ta === "boolean") {
        if (typeof b === ta) return cmp(a as number | string | boolean, b as number | string | boolean);
      }
      return ERR;
    },
  };
}

/** `x in list`: a constant list of scalars becomes a Set (1 and 1.0 are one JS number, as CEL equality). */
function membership(needle: Node, list: Node): Node {
  const n = needle.ev;
  if (list.constant) {
    const items = list.value;
    if (!Array.isArray(items)) return { constant: false, ev: () => ERR };
    if (!items.some((x) => Array.isArray(x))) {
      const set = new Set<Value>(items as readonly Value[]);
      return {
        constant: false,
        ev: (row) => {
          const v = n(row);
          return v === ERR ? ERR : set.has(v);
        },
      };
    }
  }
  const l = list.ev;
  return {
    constant: false,
    ev: (row) => {
      const v = n(row);
      const items = l(row);
      if (v === ERR || !Array.isArray(items)) return ERR;
      for (const x of items as readonly Value[]) if (equal(v, x) === true) return true;
      return false;
    },
  };
}

/** The number of code points in a string (CEL's size), without building an array. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function size(of: Node): Node {
  const ev = of.ev;
  return {
    constant: false,
    ev: (row) => {
      const v = ev(row);
      if (typeof v === "string") return codePoints(v);
      return Array.isArray(v) ? v.length : ERR;
    },
  };
}

function stringMethod(target: Node, arg: Node, test: (s: string, x: string) => boolean): Node {
  const [tv, a] = [target.ev, arg.ev];
  const c = arg.value;
  if (arg.constant && typeof c === "string") {
    return {
      constant: false,
      ev: (row) => {
        const s = tv(row);
        return typeof s === "string" ? test(s, c) : ERR;
      },
    };
  }
  return {
    constant: false,
    ev: (row) => {
      const s = tv(row);
      const x = a(row);
      return typeof s === "string" && typeof x === "string" ? test(s, x) : ERR;
    },
  };
}

/**
 * Compiles an RE2 pattern (linear-time matching); undefined when RE2 refuses it or it is too long.
 * @example compilePattern("(?i)^ios$")?.test("iOS") // true
 */
export function compilePattern(pattern: string): RE2JS | undefined {
  return patternProblem(pattern) === undefined ? re2().compile(pattern) : undefined;
}

function matches(target: Node, arg: Node): Node {
  const tv = target.ev;
  const c = arg.value;
  if (!arg.constant || typeof c !== "string") return unsupported(t("expr.compile.pattern_not_literal"));
  const re = compilePattern(c);
  if (re === undefined)
    throw new JikimiError(
      "scope_regex",
      t("expr.compile.regex", { why: patternProblem(c)?.message ?? "invalid" }),
      { hint: t("expr.compile.check_first") },
    );
  return {
    constant: false,
    ev: (row) => {
      const s = tv(row);
      return typeof s === "string" ? re.test(s) : ERR;
    },
  };
}
