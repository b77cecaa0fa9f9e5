// what a checked scope expression means, independent of how it is spelled: `x == true`, `x`, `!(x == false)`,
// `x != false` and `true == x` give one normal form, and so do conjunctions in any order. The form is equal for two
// expressions only when they select the same rows wherever their fields hold values (a missing value is the
// gateway's concern, not the policy's). Rules compare these forms, never the expression text.
import { unparse } from "@bufbuild/cel";
import type { CelExpr } from "./validate.js";

/** A scope condition in negation normal form: flattened, deduplicated, sorted `&&` and `||` over literals. */
export type Term =
  | { op: "const"; value: boolean }
  | { op: "atom"; key: string }
  | { op: "not"; arg: { op: "atom"; key: string } }
  | { op: "and" | "or"; args: Term[] };

const SYMBOL: Record<string, string> = { "_<_": "<", "_<=_": "<=", "_>_": ">", "_>=_": ">=" };
const FLIPPED: Record<string, string> = { "_<_": "_>_", "_<=_": "_>=_", "_>_": "_<_", "_>=_": "_<=_" };

const constant = (value: boolean): Term => ({ op: "const", value });
const atom = (key: string, negated: boolean): Term =>
  negated ? { op: "not", arg: { op: "atom", key } } : { op: "atom", key };

function boolConstant(e: CelExpr): boolean | undefined {
  const k = e.exprKind;
  return k.case === "constExpr" && k.value.constantKind.case === "boolValue"
    ? k.value.constantKind.value
    : undefined;
}

const isConstant = (e: CelExpr) => e.exprKind.case === "constExpr";

/** The normal form of `e`, or of `!e` when `negated`. */
function walk(e: CelExpr, negated: boolean): Term {
  const b = boolConstant(e);
  if (b !== undefined) return constant(b !== negated);
  const k = e.exprKind;
  if (k.case === "identExpr") return atom(k.value.name, negated);
  if (k.case !== "callExpr" || k.value.target !== undefined) return atom(unparse(e), negated);
  const { function: fn, args } = k.value;
  const [left, right] = args;
  if (fn === "!_" && left) return walk(left, !negated);
  if ((fn === "_&&_" || fn === "_||_") && args.length > 0) {
    // De Morgan: a negated && is an || of negations
    const op = (fn === "_&&_") !== negated ? "and" : "or";
    return join(
      op,
      args.map((a) => walk(a, negated)),
    );
  }
  if ((fn === "_==_" || fn === "_!=_") && left && right) {
    const equal = fn === "_==_";
    const lb = boolConstant(left);
    const rb = boolConstant(right);
    if (lb !== undefined && rb !== undefined) return constant(((lb === rb) === equal) !== negated);
    // x == true is x, x == false is !x, x != false is x; either side may hold the constant
    if (rb !== undefined && lb === undefined) return walk(left, negated !== (equal !== rb));
    if (lb !== undefined && rb === undefined) return walk(right, negated !== (equal !== lb));
    const sides = [unparse(left), unparse(right)].sort();
    return atom(`${sides[0]} == ${sides[1]}`, negated === equal);
  }
  if (fn in SYMBOL && left && right) {
    // a constant goes to the right: 19 <= age is age >= 19
    const [l, r, f] =
      isConstant(left) && !isConstant(right) ? [right, left, FLIPPED[fn] ?? fn] : [left, right, fn];
    return atom(`${unparse(l)} ${SYMBOL[f]} ${unparse(r)}`, negated);
  }
  return atom(unparse(e), negated);
}

/** The key of a term's negation, for the literals whose negation is a literal. */
function negationKey(t: Term): string | undefined {
  if (t.op === "atom") return keyOf({ op: "not", arg: t });
  if (t.op === "not") return keyOf(t.arg);
  return undefined;
}

function join(op: "and" | "or", parts: readonly Term[]): Term {
  // `true` is the unit of `&&` and absorbs `||`; `false` the reverse
  const unit = op === "and";
  const byKey = new Map<string, Term>();
  for (const p of parts.flatMap((t) => (t.op === op ? t.args : [t]))) {
    if (p.op === "const") {
      if (p.value !== unit) return constant(!unit);
      continue;
    }
    byKey.set(keyOf(p), p);
  }
  for (const t of byKey.values()) {
    const neg = negationKey(t);
    if (neg !== undefined && byKey.has(neg)) return constant(!unit);
  }
  const args = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
  if (args.length === 0) return constant(unit);
  if (args.length === 1) return args[0] as Term;
  return { op, args };
}

/** A stable text for a term: equal texts, equal meaning. */
export function keyOf(t: Term): string {
  switch (t.op) {
    case "const":
      return String(t.value);
    case "atom":
      return t.key;
    case "not":
      return /^[\w.]+$/.test(t.arg.key) ? `!${t.arg.key}` : `!(${t.arg.key})`;
    case "and":
      return t.args.map((a) => (a.op === "or" ? `(${keyOf(a)})` : keyOf(a))).join(" && ");
    case "or":
      return t.args.map((a) => (a.op === "and" ? `(${keyOf(a)})` : keyOf(a))).join(" || ");
  }
}

/**
 * The normal form of a checked scope expression.
 * @example keyOf(normalise(parse("!(linked == false) && age >= 19").expr)) // "age >= 19 && linked"
 */
export function normalise(expr: CelExpr): Term {
  return walk(expr, false);
}

/** The top-level `&&` clauses of the normal form (none for `true`). */
export function clauses(t: Term): Term[] {
  if (t.op === "and") return t.args;
  if (t.op === "const" && t.value) return [];
  return [t];
}

const disjuncts = (t: Term): Term[] => (t.op === "or" ? t.args : [t]);

/**
 * True when every row `phase` selects also meets `condition`, as far as the clauses show: each clause of the
 * condition is met by a clause of the phase whose alternatives are among its own. It never says true wrongly;
 * it may say false for an implication that needs arithmetic (age >= 21 implies age >= 19).
 * @example requires(parse("age >= 19 && linked == true").expr, parse("linked").expr) // true
 */
export function requires(phase: CelExpr, condition: CelExpr): boolean {
  const p = normalise(phase);
  if (p.op === "const" && !p.value) return true;
  const have = clauses(p).map((c) => new Set(disjuncts(c).map(keyOf)));
  return clauses(normalise(condition)).every((c) => {
    const options = new Set(disjuncts(c).map(keyOf));
    return have.some((h) => [...h].every((k) => options.has(k)));
  });
}

/** True when two expressions have the same normal form. */
export function sameCondition(a: CelExpr, b: CelExpr): boolean {
  return keyOf(normalise(a)) === keyOf(normalise(b));
}

/** True when the expression selects every row whose fields hold values: `true`, `!false`, `x || !x`. */
export function selectsEveryone(expr: CelExpr): boolean {
  const t = normalise(expr);
  return t.op === "const" && t.value;
}
