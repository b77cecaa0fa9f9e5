// scope expressions: CEL parsed by @bufbuild/cel, then checked against a whitelist of functions and the
// dataset's declared fields; nothing is ever compiled with eval or Function. A `matches()` pattern must be a
// string literal of at most MAX_PATTERN_LENGTH characters that RE2 accepts (it runs in linear time, see
// expr/compile.ts): a pattern taken from a column, or one RE2 refuses, is an issue at the pattern. Field names
// CEL's grammar cannot read (Hangul, or any name between backticks) go through ASCII aliases (expr/names.ts):
// the checked AST and every message carry the real names, and offsets point into the text as written.
import { parse, unparse } from "@bufbuild/cel";
import { t } from "../i18n/index.js";
import type { FieldType } from "../model/dataset.js";
import { closestFirst, listed } from "../model/names.js";
import { aliasNames } from "./names.js";
import { re2 } from "./re2.js";

export type CelExpr = ReturnType<typeof parse>["expr"];
type CelKind = "bool" | "int" | "double" | "string" | "null" | "list" | "dyn";

/** A problem in an expression, at a character offset of the expression text. */
export interface ExprIssue {
  offset: number;
  code:
    | "expr_syntax"
    | "expr_unknown_field"
    | "expr_unsupported"
    | "expr_type"
    | "expr_regex_not_constant"
    | "expr_regex_too_long"
    | "expr_regex_invalid";
  message: string;
}

export type Checked = { ok: true; expr: CelExpr; fields: string[] } | { ok: false; issues: ExprIssue[] };

const FIELD_KIND: Record<FieldType, CelKind> = {
  string: "string",
  integer: "int",
  number: "double",
  boolean: "bool",
  date: "string",
  timestamp: "string",
};

const LOGIC = new Set(["_&&_", "_||_"]);
const COMPARE = new Set(["_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_"]);
const STRING_METHODS = new Set(["startsWith", "endsWith", "contains", "matches"]);

/** The longest `matches()` pattern accepted, in UTF-16 code units. */
export const MAX_PATTERN_LENGTH = 256;

/** Why a `matches()` argument cannot be used as a pattern, or undefined when RE2 accepts it. */
export function patternProblem(pattern: string): { code: ExprIssue["code"]; message: string } | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH)
    return {
      code: "expr_regex_too_long",
      message: t("expr.regex_too_long", { length: pattern.length, max: MAX_PATTERN_LENGTH }),
    };
  try {
    re2().compile(pattern);
    return undefined;
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^error parsing regexp: /, "") : "invalid";
    return { code: "expr_regex_invalid", message: t("expr.regex_invalid", { why }) };
  }
}

const numeric = (k: CelKind) => k === "int" || k === "double" || k === "dyn";
const compatible = (a: CelKind, b: CelKind) =>
  a === b || a === "dyn" || b === "dyn" || a === "null" || b === "null" || (numeric(a) && numeric(b));

class Walker {
  readonly issues: ExprIssue[] = [];
  readonly used = new Set<string>();
  constructor(
    private readonly fields: ReadonlyMap<string, FieldType>,
    private readonly positions: Record<string, number>,
  ) {}

  private fail(e: CelExpr, code: ExprIssue["code"], message: string): CelKind {
    this.issues.push({ offset: this.positions[String(e.id)] ?? 0, code, message });
    return "dyn";
  }

  kind(e: CelExpr): CelKind {
    const k = e.exprKind;
    switch (k.case) {
      case "constExpr": {
        const c = k.value.constantKind.case;
        if (c === "boolValue") return "bool";
        if (c === "int64Value" || c === "uint64Value") return "int";
        if (c === "doubleValue") return "double";
        if (c === "stringValue") return "string";
        if (c === "nullValue") return "null";
        return this.fail(e, "expr_unsupported", t("expr.constant_kind", { kind: c ?? "unknown" }));
      }
      case "identExpr": {
        const type = this.fields.get(k.value.name);
        if (type === undefined) {
          const known = listed(closestFirst(k.value.name, this.fields.keys())) || t("expr.no_fields");
          return this.fail(e, "expr_unknown_field", t("expr.unknown_field", { name: k.value.name, known }));
        }
        this.used.add(k.value.name);
        return FIELD_KIND[type];
      }
      case "listExpr": {
        const kinds = k.value.elements.map((el) => this.kind(el));
        if (kinds.some((x, i) => i > 0 && !compatible(x, kinds[0] ?? "dyn")))
          this.fail(e, "expr_type", t("expr.list_mixed"));
        return "list";
      }
      case "callExpr":
        return this.call(e, k.value.function, k.value.args, k.value.target);
      default:
        return this.fail(e, "expr_unsupported", t("expr.unsupported"));
    }
  }

  private call(e: CelExpr, fn: string, args: CelExpr[], target: CelExpr | undefined): CelKind {
    const kinds = args.map((a) => this.kind(a));
    if (LOGIC.has(fn) || fn === "!_") {
      if (kinds.some((x) => x !== "bool" && x !== "dyn"))
        this.fail(e, "expr_type", t("expr.logic_operands", { op: opName(fn) }));
      return "bool";
    }
    if (COMPARE.has(fn)) {
      const [a = "dyn", b = "dyn"] = kinds;
      if (!compatible(a, b)) this.fail(e, "expr_type", t("expr.compare", { left: a, right: b }));
      return "bool";
    }
    if (fn === "@in") {
      if (kinds[1] !== "list" && kinds[1] !== "dyn") this.fail(e, "expr_type", t("expr.in_list"));
      return "bool";
    }
    if (fn === "_?_:_") return kinds[1] ?? "dyn";
    if (fn === "size" && (target === undefined ? args.length === 1 : args.length === 0)) {
      if (target !== undefined) this.kind(target);
      return "int";
    }
    if (STRING_METHODS.has(fn) && target !== undefined && args.length === 1) {
      const of = this.kind(target);
      if (of !== "string" && of !== "dyn") this.fail(e, "expr_type", t("expr.string_method", { fn }));
      if (fn === "matches") this.pattern(args[0] as CelExpr);
      return "bool";
    }
    return this.fail(e, "expr_unsupported", t("expr.function", { fn }));
  }

  /** A matches() argument must be a string literal RE2 accepts: a pattern read from a column could be anything. */
  private pattern(arg: CelExpr): void {
    const k = arg.exprKind;
    if (k.case !== "constExpr" || k.value.constantKind.case !== "stringValue") {
      this.fail(arg, "expr_regex_not_constant", t("expr.pattern_not_literal"));
      return;
    }
    const problem = patternProblem(k.value.constantKind.value);
    if (problem) this.fail(arg, problem.code, problem.message);
  }
}

function opName(fn: string): string {
  return fn.replaceAll("_", "").replace("!", "not") || fn;
}

/**
 * Parses and checks a scope expression against the dataset's fields; the result must be true/false. A field
 * named in Hangul is written as it is (`잔액 >= 1000`) or between backticks (`` `잔액` ``); names are NFC-normalised.
 * @example checkExpression("appstore_linked && !dormant", new Map([["appstore_linked","boolean"],["dormant","boolean"]]))
 */
export function checkExpression(text: string, fields: ReadonlyMap<string, FieldType>): Checked {
  const aliased = aliasNames(text);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(aliased.text);
  } catch (error) {
    const msg = error instanceof Error ? error.message : "syntax error";
    const m = /<input>:(\d+):(\d+): (.*)/.exec(msg);
    const offset = m ? aliased.original(lineColToOffset(aliased.text, Number(m[1]), Number(m[2]))) : 0;
    let why = m?.[3] ?? msg;
    for (const [alias, name] of aliased.names) why = why.replaceAll(alias, name);
    return { ok: false, issues: [{ offset, code: "expr_syntax", message: t("expr.syntax", { why }) }] };
  }
  if (aliased.names.size > 0) restoreNames(parsed.expr, aliased.names);
  const positions: Record<string, number> = {};
  for (const [id, pos] of Object.entries(parsed.sourceInfo?.positions ?? {}))
    positions[id] = aliased.original(Number(pos));
  const walker = new Walker(fields, positions);
  const kind = walker.kind(parsed.expr);
  if (walker.issues.length === 0 && kind !== "bool" && kind !== "dyn")
    walker.issues.push({ offset: 0, code: "expr_type", message: t("expr.not_condition", { kind }) });
  if (walker.issues.length > 0) return { ok: false, issues: walker.issues };
  return { ok: true, expr: parsed.expr, fields: [...walker.used] };
}

/**
 * The fields an expression reads (its identifiers), each once, in the order they appear.
 * @example fieldsRead(checked.expr) // ["잔액", "등급"]
 */
export function fieldsRead(expr: CelExpr): string[] {
  const out = new Set<string>();
  const walk = (e: CelExpr | undefined): void => {
    if (e === undefined) return;
    const k = e.exprKind;
    if (k.case === "identExpr") out.add(k.value.name);
    else if (k.case === "selectExpr") walk(k.value.operand);
    else if (k.case === "callExpr") {
      walk(k.value.target);
      for (const x of k.value.args) walk(x);
    } else if (k.case === "listExpr") for (const x of k.value.elements) walk(x);
  };
  walk(expr);
  return [...out];
}

/** Puts the real names back where the parser saw aliases (identifiers and selected fields). */
function restoreNames(e: CelExpr | undefined, names: ReadonlyMap<string, string>): void {
  if (e === undefined) return;
  const k = e.exprKind;
  switch (k.case) {
    case "identExpr":
      k.value.name = names.get(k.value.name) ?? k.value.name;
      return;
    case "selectExpr":
      k.value.field = names.get(k.value.field) ?? k.value.field;
      restoreNames(k.value.operand, names);
      return;
    case "callExpr":
      restoreNames(k.value.target, names);
      for (const a of k.value.args) restoreNames(a, names);
      return;
    case "listExpr":
      for (const el of k.value.elements) restoreNames(el, names);
      return;
    case "structExpr":
      for (const entry of k.value.entries) {
        if (entry.keyKind.case === "mapKey") restoreNames(entry.keyKind.value, names);
        restoreNames(entry.value, names);
      }
      return;
    case "comprehensionExpr": {
      const c = k.value;
      for (const part of [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result])
        restoreNames(part, names);
      return;
    }
    default:
      return;
  }
}

function lineColToOffset(text: string, line: number, col: number): number {
  const lines = text.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += (lines[i]?.length ?? 0) + 1;
  return offset + Math.max(0, col);
}

/** The top-level `&&` clauses of an expression as spelled, for display; meaning.ts compares their meaning. */
export function conjuncts(expr: CelExpr): string[] {
  const k = expr.exprKind;
  if (k.case === "callExpr" && k.value.function === "_&&_") return k.value.args.flatMap((a) => conjuncts(a));
  return [unparse(expr)];
}
