import { CelScalar, celEnv, parse, plan } from "@bufbuild/cel";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldType } from "../model/dataset.js";
import { keyOf, normalise, requires, sameCondition, selectsEveryone } from "./meaning.js";
import { checkExpression } from "./validate.js";

const FIELDS = new Map<string, FieldType>([
  ["linked", "boolean"],
  ["dormant", "boolean"],
  ["age", "integer"],
  ["os", "string"],
]);
const ENV = celEnv({
  variables: { linked: CelScalar.BOOL, dormant: CelScalar.BOOL, age: CelScalar.INT, os: CelScalar.STRING },
});

const checked = (text: string) => {
  const r = checkExpression(text, FIELDS);
  if (!r.ok) throw new Error(`${text}: ${JSON.stringify(r.issues)}`);
  return r.expr;
};
const key = (text: string) => keyOf(normalise(checked(text)));

/** Every row with values in all fields, over a few ages and systems. */
const ROWS = [true, false].flatMap((linked) =>
  [true, false].flatMap((dormant) =>
    [17n, 19n, 30n].flatMap((age) => ["ios", "android"].map((os) => ({ linked, dormant, age, os }))),
  ),
);
const selected = (text: string) => {
  const run = plan(ENV, parse(text));
  return ROWS.map((row) => run(row) === true);
};

describe("normal forms of scope conditions", () => {
  it("gives one form to every spelling of a boolean field being true", () => {
    const spellings = ["linked", "linked == true", "true == linked", "!(linked == false)", "linked != false"];
    for (const s of [...spellings, "!!linked", "!(false == linked)", "(linked)"])
      expect(key(s), s).toBe("linked");
    for (const s of ["!linked", "linked == false", "false == linked", "linked != true", "!(linked == true)"])
      expect(key(s), s).toBe("!linked");
  });

  it("gives one form to conjunctions in any order and spelling", () => {
    const forms = [
      "linked && age >= 19",
      "age >= 19 && linked == true",
      "19 <= age && !(linked == false)",
      "(true == linked) && (age >= 19) && linked",
      "true && age >= 19 && linked != false",
    ].map(key);
    expect(new Set(forms)).toEqual(new Set(["age >= 19 && linked"]));
    expect(key('os == "ios" && !dormant')).toBe(key('!(dormant == true) && "ios" == os'));
    expect(key("!(linked || dormant)")).toBe(key("!dormant && !linked"));
  });

  it("keeps conditions that differ in meaning apart", () => {
    expect(key("linked")).not.toBe(key("!linked"));
    expect(key("linked && dormant")).not.toBe(key("linked || dormant"));
    expect(key("age >= 19")).not.toBe(key("age > 19"));
    expect(key("age < 19")).not.toBe(key("19 < age"));
  });

  it("knows constant conditions", () => {
    for (const s of ["true", "!false", "linked || !linked", "true || linked", "linked == linked || true"])
      expect(selectsEveryone(checked(s)), s).toBe(true);
    for (const s of ["linked", "false", "linked && !linked", "true == false"])
      expect(selectsEveryone(checked(s)), s).toBe(false);
    expect(key("linked && !(linked == true)")).toBe("false");
  });

  it("gives equal forms only to conditions that select the same rows", () => {
    const literal = fc.constantFrom(
      "linked",
      "dormant",
      "linked == true",
      "false == dormant",
      "linked != false",
      "age >= 19",
      "19 <= age",
      "age < 19",
      'os == "ios"',
      '"ios" != os',
      "true",
      "false",
    );
    const { expr } = fc.letrec((tie) => ({
      expr: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        literal,
        tie("expr").map((e) => `!(${e})`),
        fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `(${a} && ${b})`),
        fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `(${a} || ${b})`),
        fc.tuple(tie("expr"), fc.boolean()).map(([e, b]) => `(${e}) == ${b}`),
      ),
    }));
    fc.assert(
      fc.property(expr, expr, (a, b) => {
        // the normal form is CEL itself and selects what the expression selects
        expect(selected(key(a)), `${a} as ${key(a)}`).toEqual(selected(a));
        if (sameCondition(checked(a), checked(b))) expect(selected(a), `${a} vs ${b}`).toEqual(selected(b));
        if (requires(checked(a), checked(b)))
          selected(a).forEach((yes, i) => {
            if (yes) expect(selected(b)[i], `${a} requires ${b}`).toBe(true);
          });
      }),
      { numRuns: 250 },
    );
  });
});

describe("respelling", () => {
  const respell = (field: string, variant: number) =>
    [
      field,
      `${field} == true`,
      `true == ${field}`,
      `!(${field} == false)`,
      `${field} != false`,
      `!!${field}`,
    ][variant];
  it("leaves the normal form of a conjunction of boolean fields unchanged", () => {
    const fields = fc.uniqueArray(fc.constantFrom("linked", "dormant"), { minLength: 1 });
    fc.assert(
      fc.property(fields, fc.array(fc.nat(5), { minLength: 2, maxLength: 2 }), (names, variants) => {
        const plain = names.join(" && ");
        const spelled = [...names]
          .reverse()
          .map((n, i) => respell(n, variants[i] ?? 0))
          .join(" && ");
        expect(key(spelled), spelled).toBe(key(plain));
      }),
    );
  });
});

describe("requires", () => {
  it("sees the condition among the phase's clauses, however spelled", () => {
    for (const phase of ["linked", "linked == true && age >= 19", "age >= 19 && !(linked == false)"])
      expect(requires(checked(phase), checked("linked")), phase).toBe(true);
    expect(requires(checked("linked"), checked("linked == true && true"))).toBe(true);
    expect(requires(checked("dormant && linked"), checked("linked && dormant != false"))).toBe(true);
  });

  it("accepts a narrower alternative, and refuses a wider one or a missing clause", () => {
    expect(requires(checked("linked"), checked("linked || dormant"))).toBe(true);
    expect(requires(checked("linked || dormant"), checked("linked"))).toBe(false);
    expect(requires(checked("age >= 19"), checked("linked"))).toBe(false);
    expect(requires(checked("true"), checked("linked"))).toBe(false);
    expect(requires(checked("false"), checked("linked"))).toBe(true);
  });
});
