import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldType } from "../model/dataset.js";
import { checkExpression, conjuncts, selectsEveryone } from "./validate.js";

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
