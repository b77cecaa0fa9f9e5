// scope expressions: CEL parsed by @bufbuild/cel, then checked against a whitelist of functions and the
// dataset's declared fields; nothing is ever compiled with eval or Function. A `matches()` pattern must be a
// string literal of at most MAX_PATTERN_LENGTH characters that RE2 accepts (it runs in linear time, see
// expr/compile.ts): a pattern taken from a column, or one RE2 refuses, is an issue at the pattern.
import { parse, unparse } from "@bufbuild/cel";
import { RE2JS } from "re2js";
import type { FieldType } from "../model/dataset.js";

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
      message: `the matches() pattern has ${pattern.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed`,
    };
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^error parsing regexp: /, "") : "invalid";
    return { code: "expr_regex_invalid", message: `the matches() pattern is not valid RE2: ${why}` };
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
        return this.fail(e, "expr_unsupported", `constants of kind ${c ?? "unknown"} are not supported`);
      }
      case "identExpr": {
        const type = this.fields.get(k.value.name);
        if (type === undefined) {
          const known = [...this.fields.keys()].join(", ");
          return this.fail(
            e,
            "expr_unknown_field",
            `"${k.value.name}" is not a field of the dataset (fields: ${known})`,
          );
        }
        this.used.add(k.value.name);
        return FIELD_KIND[type];
      }
      case "listExpr": {
        const kinds = k.value.elements.map((el) => this.kind(el));
        if (kinds.some((x, i) => i > 0 && !compatible(x, kinds[0] ?? "dyn")))
          this.fail(e, "expr_type", "a list mixes values of different types");
        return "list";
      }
      case "callExpr":
        return this.call(e, k.value.function, k.value.args, k.value.target);
      default:
        return this.fail(
          e,
          "expr_unsupported",
          "only field names, constants, lists, comparisons, &&, ||, !, in, size() and string methods are allowed",
        );
    }
  }

  private call(e: CelExpr, fn: string, args: CelExpr[], target: CelExpr | undefined): CelKind {
    const kinds = args.map((a) => this.kind(a));
    if (LOGIC.has(fn) || fn === "!_") {
      if (kinds.some((x) => x !== "bool" && x !== "dyn"))
        this.fail(e, "expr_type", `${opName(fn)} needs true/false operands`);
      return "bool";
    }
    if (COMPARE.has(fn)) {
      const [a = "dyn", b = "dyn"] = kinds;
      if (!compatible(a, b)) this.fail(e, "expr_type", `cannot compare a ${a} with a ${b}`);
      return "bool";
    }
    if (fn === "@in") {
      if (kinds[1] !== "list" && kinds[1] !== "dyn")
        this.fail(e, "expr_type", '`in` needs a list on its right, e.g. ["a", "b"]');
      return "bool";
    }
    if (fn === "_?_:_") return kinds[1] ?? "dyn";
    if (fn === "size" && (target === undefined ? args.length === 1 : args.length === 0)) {
      if (target !== undefined) this.kind(target);
      return "int";
    }
    if (STRING_METHODS.has(fn) && target !== undefined && args.length === 1) {
      const t = this.kind(target);
      if (t !== "string" && t !== "dyn") this.fail(e, "expr_type", `${fn}() applies to text fields`);
      if (fn === "matches") this.pattern(args[0] as CelExpr);
      return "bool";
    }
    return this.fail(e, "expr_unsupported", `function "${fn}" is not allowed in a scope expression`);
  }

  /** A matches() argument must be a string literal RE2 accepts: a pattern read from a column could be anything. */
  private pattern(arg: CelExpr): void {
    const k = arg.exprKind;
    if (k.case !== "constExpr" || k.value.constantKind.case !== "stringValue") {
      this.fail(
        arg,
        "expr_regex_not_constant",
        "the matches() pattern must be a string literal, not a field or a computed value",
      );
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
 * Parses and checks a scope expression against the dataset's fields; the result must be true/false.
 * @example checkExpression("appstore_linked && !dormant", new Map([["appstore_linked","boolean"],["dormant","boolean"]]))
 */
export function checkExpression(text: string, fields: ReadonlyMap<string, FieldType>): Checked {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(text);
  } catch (error) {
    const msg = error instanceof Error ? error.message : "syntax error";
    const m = /<input>:(\d+):(\d+): (.*)/.exec(msg);
    const offset = m ? lineColToOffset(text, Number(m[1]), Number(m[2])) : 0;
    return { ok: false, issues: [{ offset, code: "expr_syntax", message: m?.[3] ?? msg }] };
  }
  const positions: Record<string, number> = {};
  for (const [id, pos] of Object.entries(parsed.sourceInfo?.positions ?? {})) positions[id] = Number(pos);
  const walker = new Walker(fields, positions);
  const kind = walker.kind(parsed.expr);
  if (walker.issues.length === 0 && kind !== "bool" && kind !== "dyn")
    walker.issues.push({
      offset: 0,
      code: "expr_type",
      message: `the expression gives a ${kind}, not true/false`,
    });
  if (walker.issues.length > 0) return { ok: false, issues: walker.issues };
  return { ok: true, expr: parsed.expr, fields: [...walker.used] };
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
