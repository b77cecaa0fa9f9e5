import { CelScalar, type CelType, celEnv, isCelError, parse, plan } from "@bufbuild/cel";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JikimiError } from "../errors.js";
import type { FieldType } from "../model/dataset.js";
import { compilePattern, compileScope } from "./compile.js";
import { checkExpression, MAX_PATTERN_LENGTH } from "./validate.js";

const FIELDS = new Map<string, FieldType>([
  ["linked", "boolean"],
  ["dormant", "boolean"],
  ["age", "integer"],
  ["score", "integer"],
  ["balance", "number"],
  ["os", "string"],
  ["name", "string"],
  ["join_date", "date"],
  ["seen_at", "timestamp"],
]);
const NAMES = [...FIELDS.keys()];
const COLUMNS = new Map(NAMES.map((n, i) => [n, i]));

const CEL_TYPE: Record<FieldType, CelType> = {
  boolean: CelScalar.BOOL,
  integer: CelScalar.INT,
  number: CelScalar.DOUBLE,
  string: CelScalar.STRING,
  date: CelScalar.STRING,
  timestamp: CelScalar.STRING,
};
const ENV = celEnv({
  variables: Object.fromEntries(NAMES.map((n) => [n, CEL_TYPE[FIELDS.get(n) ?? "string"]])),
});

/** The reference reading of a row, independent of compile.ts: typed CEL values, "" -> null off strings. */
function typed(row: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  NAMES.forEach((n, i) => {
    const s = row[i] ?? "";
    const type = FIELDS.get(n);
    if (type === "string") out[n] = s;
    else if (s === "") out[n] = null;
    else if (type === "integer") out[n] = BigInt(s);
    else if (type === "number") out[n] = Number(s);
    else if (type === "boolean") out[n] = s === "true";
    else out[n] = s;
  });
  return out;
}

function compileText(text: string): (row: readonly string[]) => boolean {
  const checked = checkExpression(text, FIELDS);
  if (!checked.ok) throw new Error(`${text}: ${JSON.stringify(checked.issues)}`);
  return compileScope(checked.expr, FIELDS, COLUMNS);
}

function celSelects(text: string): (row: readonly string[]) => boolean {
  const run = plan(ENV, parse(text));
  return (row) => run(typed(row) as never) === true;
}

// ---- generators: values as the gateway serialises them, expressions from a small grammar -----------------

const CHARS = fc.constantFrom("a", "b", "c", "A", "é", "😀", "-", "í");
const str = fc.string({ unit: CHARS, maxLength: 4 });
const int = fc.oneof(
  fc.integer({ min: -12, max: 12 }).map(BigInt),
  fc.bigInt({ min: -(2n ** 53n - 1n), max: 2n ** 53n - 1n }),
);
const num = fc.oneof(
  fc.integer({ min: -12, max: 12 }),
  fc.constantFrom(0.5, -1.5, 2.25, 1e21, -0, 1e-7),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const day = fc
  .integer({ min: Date.UTC(2015, 0, 1) / 864e5, max: Date.UTC(2025, 0, 1) / 864e5 })
  .map((d) => new Date(d * 864e5).toISOString().slice(0, 10));
const timestamp = fc
  .tuple(day, fc.integer({ min: 0, max: 86399 }), fc.constantFrom("Z", "+09:00", "-05:30"))
  .map(([d, s, z]) => `${d}T${new Date(s * 1000).toISOString().slice(11, 19)}${z}`);

const VALUE: Record<FieldType, fc.Arbitrary<string>> = {
  boolean: fc.boolean().map(String),
  integer: int.map(String),
  number: num.map(String),
  string: str,
  date: fc.oneof(day, fc.constantFrom("2019-06-27", "2020-02-29")),
  timestamp,
};
const cell = (t: FieldType) =>
  t === "string" ? VALUE[t] : fc.oneof({ weight: 7, arbitrary: VALUE[t] }, fc.constant(""));
const row = fc.tuple(...NAMES.map((n) => cell(FIELDS.get(n) ?? "string")));

const OP = fc.constantFrom("==", "!=", "<", "<=", ">", ">=");
const intLit = fc.integer({ min: -12, max: 12 }).map(String);
const dblLit = fc.constantFrom("0.5", "-1.5", "2.0", "1e1", "-0.0", "1e21");
const numLit = fc.oneof(intLit, dblLit);
const strLit = str.map((s) => JSON.stringify(s));
const dateLit = fc.constantFrom(
  '"2019-06-27"',
  '"2020-02-29"',
  '"2024-12-31"',
  '"2020"',
  '"2019-06-27T00:00:00Z"',
);
const list = (a: fc.Arbitrary<string>) =>
  fc.array(a, { minLength: 0, maxLength: 4 }).map((xs) => `[${xs.join(", ")}]`);

const leaf = fc.oneof(
  fc.constantFrom("linked", "dormant", "!linked", "linked == true", "linked != dormant", "linked < dormant"),
  fc.constantFrom("true", "false"),
  fc.tuple(fc.constantFrom("age", "score", "balance"), OP, numLit).map(([f, o, c]) => `${f} ${o} ${c}`),
  fc.tuple(numLit, OP, fc.constantFrom("age", "balance")).map(([c, o, f]) => `${c} ${o} ${f}`),
  fc
    .tuple(fc.constantFrom("age", "balance"), OP, fc.constantFrom("score", "balance"))
    .map(([a, o, b]) => `${a} ${o} ${b}`),
  fc.tuple(fc.constantFrom("age", "balance", "score"), list(numLit)).map(([f, l]) => `${f} in ${l}`),
  fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom("==", "!=")).map(([f, o]) => `${f} ${o} null`),
  fc.tuple(fc.constantFrom("os", "name"), OP, strLit).map(([f, o, c]) => `${f} ${o} ${c}`),
  fc
    .tuple(fc.constantFrom("os", "name"), OP, fc.constantFrom("os", "name"))
    .map(([a, o, b]) => `${a} ${o} ${b}`),
  fc
    .tuple(fc.constantFrom("os", "name"), fc.constantFrom("startsWith", "endsWith", "contains"), strLit)
    .map(([f, m, c]) => `${f}.${m}(${c})`),
  fc
    .tuple(fc.constantFrom("size(os)", "name.size()", "size([1, 2])"), OP, intLit)
    .map(([f, o, c]) => `${f} ${o} ${c}`),
  fc.tuple(fc.constantFrom("os", "name"), list(strLit)).map(([f, l]) => `${f} in ${l}`),
  fc
    .tuple(
      fc.constantFrom("os", "name"),
      fc.constantFrom(
        '"^a"',
        '"b$"',
        '"a.b"',
        '"^[a-c]+$"',
        '"é|😀"',
        '"(?i)^a"',
        '"^.{2}$"',
        '"[[:alpha:]]"',
        '"\\\\pL-"',
        '"^(a+)+$"',
        '"a*?b|c"',
      ),
    )
    .map(([f, p]) => `${f}.matches(${p})`),
  fc.tuple(fc.constantFrom("join_date", "seen_at"), OP, dateLit).map(([f, o, c]) => `${f} ${o} ${c}`),
  fc.tuple(fc.constantFrom("join_date", "seen_at"), list(dateLit)).map(([f, l]) => `${f} in ${l}`),
  fc.tuple(OP, numLit).map(([o, c]) => `(linked ? age : balance) ${o} ${c}`),
);

const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    tie("expr").map((e) => `!(${e})`),
    fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `(${a} && ${b})`),
    fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `(${a} || ${b})`),
    fc.tuple(tie("expr"), tie("expr"), tie("expr")).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
  ),
}));

describe("compileScope against @bufbuild/cel", () => {
  it("selects exactly the rows CEL's plan() selects, empties included", () => {
    fc.assert(
      fc.property(expr, fc.array(row, { minLength: 1, maxLength: 25 }), (text, rows) => {
        const ours = compileText(text);
        const cel = celSelects(text);
        for (const r of rows) expect(ours(r), `${text} on ${JSON.stringify(r)}`).toBe(cel(r));
      }),
      { numRuns: 1500 },
    );
  });

  it("agrees on rows with no empty cells, where every comparison is defined", () => {
    const full = fc.tuple(...NAMES.map((n) => VALUE[FIELDS.get(n) ?? "string"]));
    fc.assert(
      fc.property(expr, fc.array(full, { minLength: 1, maxLength: 25 }), (text, rows) => {
        const ours = compileText(text);
        const cel = celSelects(text);
        for (const r of rows) expect(ours(r), `${text} on ${JSON.stringify(r)}`).toBe(cel(r));
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- hand cases ----------------------------------------------------------------------------------------------

//             linked   dormant  age   score  balance  os      name   join_date     seen_at
const R1 = ["true", "false", "30", "7", "12.5", "ios", "Kim", "2019-06-27", "2024-01-31T09:00:00+09:00"];
const R2 = ["false", "true", "17", "7", "-3", "android", "", "2018-12-31", "2023-05-01T00:00:00Z"];
const EMPTY = ["", "", "", "", "", "", "", "", ""];

function selects(text: string, row: readonly string[]): boolean {
  const ours = compileText(text)(row);
  expect(ours, `${text} (differs from CEL)`).toBe(celSelects(text)(row));
  return ours;
}

describe("compileScope operators", () => {
  it.each([
    ["linked", true, false],
    ["!linked", false, true],
    ["linked && !dormant", true, false],
    ["linked || dormant", true, true],
    ["age >= 19", true, false],
    ["age > 17", true, false],
    ["age < 18", false, true],
    ["age <= 17", false, true],
    ["age == 30", true, false],
    ["age != 30", false, true],
    ["age == 30.0", true, false],
    ["balance > 0.5", true, false],
    ["balance == -3", false, true],
    ["age > score", true, true],
    ['os in ["ios", "ipados"]', true, false],
    ["age in [17, 18]", false, true],
    ["age in [30.0]", true, false],
    ["size(os) == 3", true, false],
    ["os.size() > 3", false, true],
    ['os.startsWith("i")', true, false],
    ['os.endsWith("oid")', false, true],
    ['os.contains("dro")', false, true],
    ['os.matches("^an.+d$")', false, true],
    ['name == ""', false, true],
    ["linked ? age > 18 : balance < 0", true, true],
    ["(dormant ? age : score) == 17", false, true],
    ["true", true, true],
    ["false || 1 == 1.0", true, true],
  ])("%s", (text, r1, r2) => {
    expect(selects(text, R1)).toBe(r1);
    expect(selects(text, R2)).toBe(r2);
  });

  it("compares dates and timestamps as ISO strings", () => {
    expect(selects('join_date >= "2019-06-27"', R1)).toBe(true);
    expect(selects('join_date >= "2019-06-27"', R2)).toBe(false);
    expect(selects('join_date > "2019"', R1)).toBe(true); // string order, not date order
    expect(selects('seen_at < "2024-01-31T09:00:01+09:00"', R1)).toBe(true);
    // different zones compare as text, not as instants: 00:30Z is after 09:00+09:00 as text only
    expect(selects('seen_at < "2024-01-31T00:30:00Z"', R1)).toBe(false);
  });

  it("counts code points in size(), as CEL", () => {
    const row = [...R1];
    row[5] = "a😀é";
    expect(selects("size(os) == 3", row)).toBe(true);
  });
});

describe("compileScope empties and malformed cells", () => {
  it("reads an empty non-string cell as null: equality works, ordering is an error that selects nothing", () => {
    expect(selects("age == null", EMPTY)).toBe(true);
    expect(selects("age != 3", EMPTY)).toBe(true);
    expect(selects("age > 3", EMPTY)).toBe(false);
    expect(selects("!(age > 3)", EMPTY)).toBe(false);
    expect(selects("age in [1, 2]", EMPTY)).toBe(false);
    expect(selects("!(age in [1, 2])", EMPTY)).toBe(true);
    expect(selects("linked", EMPTY)).toBe(false);
    expect(selects("!linked", EMPTY)).toBe(false);
    expect(selects('join_date >= "2019-06-27"', EMPTY)).toBe(false);
    expect(selects("join_date == null", EMPTY)).toBe(true);
  });

  it("absorbs an error in && / || when the other side decides, as CEL", () => {
    expect(selects("age > 3 || true", EMPTY)).toBe(true);
    expect(selects("!(age > 3 && false)", EMPTY)).toBe(true);
    expect(selects("!(age > 3 && true)", EMPTY)).toBe(false);
  });

  it("keeps an empty string field as the empty string", () => {
    expect(selects('os == ""', EMPTY)).toBe(true);
    expect(selects("os == null", EMPTY)).toBe(false);
    expect(selects("size(os) == 0", EMPTY)).toBe(true);
  });

  it("selects nothing from a malformed cell, even under !", () => {
    const bad = [...R1];
    bad[0] = "1";
    bad[2] = "thirty";
    expect(compileText("linked")(bad)).toBe(false);
    expect(compileText("!linked")(bad)).toBe(false);
    expect(compileText("age > 3")(bad)).toBe(false);
    expect(compileText("!(age > 3)")(bad)).toBe(false);
    expect(compileText('!(os == "ios")')(["true"])).toBe(false); // short row: no column 5
  });
});

describe("compileScope refusals", () => {
  it("throws on nodes outside the whitelist and on fields without a column", () => {
    expect(() => compileScope(parse("age + 1 > 2").expr, FIELDS, COLUMNS)).toThrow(JikimiError);
    expect(() => compileScope(parse("age + 1 > 2").expr, FIELDS, COLUMNS)).toThrow(/"_\+_"/);
    expect(() => compileScope(parse('os.toString("x")').expr, FIELDS, COLUMNS)).toThrow(/"toString"/);
    const checked = checkExpression("age > 3", FIELDS);
    if (!checked.ok) throw new Error("unexpected");
    expect(() => compileScope(checked.expr, FIELDS, new Map())).toThrow(
      expect.objectContaining({ code: "scope_column_missing" }),
    );
  });

  it("compiles RE2 patterns (inline flags, code points) and refuses what RE2 refuses", () => {
    expect(compilePattern("(?i)^IOS$")?.test("ios")).toBe(true);
    expect(compilePattern("^.$")?.test("😀")).toBe(true);
    expect(compilePattern("[[:digit:]]{3}")?.test("a123")).toBe(true);
    expect(compilePattern("a(?=b)")).toBeUndefined();
    expect(compilePattern("(a)\\1")).toBeUndefined();
    expect(compilePattern("(")).toBeUndefined();
    expect(compilePattern("a".repeat(MAX_PATTERN_LENGTH + 1))).toBeUndefined();
    // checkExpression refuses these first; an unchecked AST still cannot get past compileScope
    expect(() => compileScope(parse('os.matches("(?!x)")').expr, FIELDS, COLUMNS)).toThrow(
      expect.objectContaining({ code: "scope_regex" }),
    );
    expect(() => compileScope(parse("os.matches(name)").expr, FIELDS, COLUMNS)).toThrow(
      expect.objectContaining({ code: "scope_unsupported" }),
    );
  });

  it("turns a constant expression into a constant predicate", () => {
    expect(compileText("1 < 2 && true")([])).toBe(true);
    expect(compileText("!true")([])).toBe(false);
  });

  it("reports CEL errors as not selected, never as a throw", () => {
    const run = plan(ENV, parse("age > 3"));
    expect(isCelError(run(typed(EMPTY) as never))).toBe(true);
    expect(compileText("age > 3")(EMPTY)).toBe(false);
  });
});

describe("matches() in linear time", () => {
  it("runs a catastrophic backtracking pattern on an adversarial input in well under 50 ms", () => {
    const keep = compileText('name.matches("^(a+)+$")');
    const at = COLUMNS.get("name") as number;
    const rowOf = (n: number) => NAMES.map((_, i) => (i === at ? `${"a".repeat(n)}!` : ""));
    keep(rowOf(30)); // compiles the DFA states once
    for (const n of [30, 1000, 100_000]) {
      const started = performance.now();
      expect(keep(rowOf(n))).toBe(false);
      expect(performance.now() - started, `${n} characters`).toBeLessThan(50);
    }
    expect(keep(rowOf(0).map((v, i) => (i === at ? "aaaa" : v)))).toBe(true);
  });

  it("grows linearly with the input, not exponentially", () => {
    const keep = compileText('name.matches("^(a|aa)+$")');
    const at = COLUMNS.get("name") as number;
    const time = (n: number) => {
      const row = NAMES.map((_, i) => (i === at ? `${"a".repeat(n)}!` : ""));
      const started = performance.now();
      for (let k = 0; k < 20; k++) keep(row);
      return performance.now() - started;
    };
    time(2000);
    // exponential backtracking would not finish at 40 characters; RE2 does 20k characters x 20 in milliseconds
    expect(time(20_000)).toBeLessThan(1000);
  });
});
