import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldType } from "../model/dataset.js";
import { selectsEveryone } from "./meaning.js";
import { checkExpression, conjuncts, MAX_PATTERN_LENGTH } from "./validate.js";

const FIELDS = new Map<string, FieldType>([
  ["linked", "boolean"],
  ["dormant", "boolean"],
  ["age", "integer"],
  ["balance", "number"],
  ["os", "string"],
  ["join_date", "date"],
]);

describe("scope expressions", () => {
  it("accepts comparisons, logic, in, size and string methods over declared fields", () => {
    for (const text of [
      "linked",
      "linked && !dormant",
      "age >= 19 && balance > 0.5",
      'os in ["ios", "android"]',
      'join_date >= "2019-06-27"',
      'os.startsWith("i") || size(os) == 3',
      "true",
    ]) {
      const r = checkExpression(text, FIELDS);
      expect(r.ok, text).toBe(true);
    }
  });

  it("names the unknown field and where it is", () => {
    const r = checkExpression("linked && salary > 3", FIELDS);
    expect(r).toMatchObject({ ok: false, issues: [{ code: "expr_unknown_field", offset: 10 }] });
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/"salary" is not a field/);
  });

  it("rejects what is not a condition, comparisons across types, and functions off the whitelist", () => {
    expect(checkExpression("age", FIELDS)).toMatchObject({ ok: false, issues: [{ code: "expr_type" }] });
    expect(checkExpression('age == "x"', FIELDS)).toMatchObject({
      ok: false,
      issues: [{ code: "expr_type" }],
    });
    expect(checkExpression("linked && 3", FIELDS)).toMatchObject({
      ok: false,
      issues: [{ code: "expr_type" }],
    });
    expect(checkExpression("timestamp(os) > 0", FIELDS)).toMatchObject({
      ok: false,
      issues: [{ code: "expr_unsupported" }],
    });
    expect(checkExpression("[1, 2].exists(x, x > age)", FIELDS)).toMatchObject({ ok: false });
    expect(checkExpression("a.b == 1", new Map([["a", "string"]]))).toMatchObject({ ok: false });
  });

  it("reports syntax errors with an offset", () => {
    const r = checkExpression("linked &&", FIELDS);
    expect(r).toMatchObject({ ok: false, issues: [{ code: "expr_syntax" }] });
  });

  it("knows when an expression selects everyone and splits it into clauses", () => {
    const yes = checkExpression("true || linked", FIELDS);
    const no = checkExpression("linked && age >= 19", FIELDS);
    if (!yes.ok || !no.ok) throw new Error("should parse");
    expect(selectsEveryone(yes.expr)).toBe(true);
    expect(selectsEveryone(no.expr)).toBe(false);
    expect(conjuncts(no.expr)).toEqual(["linked", "age >= 19"]);
  });

  it("never throws on arbitrary text: it returns ok or issues", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const r = checkExpression(text, FIELDS);
        expect(typeof r.ok).toBe("boolean");
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it("accepts any conjunction of valid comparisons", () => {
    const clause = fc.oneof(
      fc.integer({ min: 0, max: 120 }).map((n) => `age >= ${n}`),
      fc.constantFrom("linked", "!dormant", 'os == "ios"'),
    );
    fc.assert(
      fc.property(fc.array(clause, { minLength: 1, maxLength: 6 }), (clauses) => {
        const r = checkExpression(clauses.join(" && "), FIELDS);
        expect(r.ok).toBe(true);
        if (r.ok) expect(conjuncts(r.expr)).toHaveLength(clauses.length);
      }),
    );
  });
});

describe("matches() patterns", () => {
  const issuesOf = (text: string) => {
    const r = checkExpression(text, FIELDS);
    if (r.ok) throw new Error(`expected ${text} to be refused`);
    return r.issues;
  };

  it("accepts a string literal RE2 accepts, inline flags included", () => {
    for (const text of [
      'os.matches("^[0-9]{3}-[0-9]{4}$")',
      'os.matches("(?i)^ios$")',
      "os.matches(r'^\\d+$')",
    ])
      expect(checkExpression(text, FIELDS).ok, text).toBe(true);
  });

  it("refuses a pattern taken from a field or computed, at the pattern", () => {
    const text = "linked && os.matches(join_date)";
    expect(issuesOf(text)).toEqual([
      expect.objectContaining({ code: "expr_regex_not_constant", offset: text.indexOf("join_date") }),
    ]);
    expect(issuesOf('os.matches(linked ? "a" : "b")')).toContainEqual(
      expect.objectContaining({ code: "expr_regex_not_constant" }),
    );
  });

  it("refuses a pattern longer than the cap, and accepts one at the cap", () => {
    const at = `"${"a".repeat(MAX_PATTERN_LENGTH)}"`;
    expect(checkExpression(`os.matches(${at})`, FIELDS).ok).toBe(true);
    const text = `os.matches("${"a".repeat(MAX_PATTERN_LENGTH + 1)}")`;
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ code: "expr_regex_too_long", offset: text.indexOf('"') });
    expect(issue?.message).toContain(String(MAX_PATTERN_LENGTH));
  });

  it("refuses what RE2 refuses (lookaround, back-references, bad syntax), saying why", () => {
    for (const pattern of ["a(?=b)", "(a)\\\\1", "(", "a{1001}"]) {
      const [issue] = issuesOf(`os.matches("${pattern}")`);
      expect(issue, pattern).toMatchObject({ code: "expr_regex_invalid", offset: 11 });
      expect(issue?.message).toMatch(/not valid RE2/);
    }
  });
});
