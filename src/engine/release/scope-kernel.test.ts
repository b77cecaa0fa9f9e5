// the scope in the block kernel against expr/compile.ts: on random expressions over boolean, date, timestamp,
// string and integer fields and random rows that pass the type check, every row the kernel decides is decided as
// the compiled closures decide it, and the kernel does decide the rows of the scopes it was made for.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileScope } from "../../expr/compile.js";
import { type CelExpr, checkExpression } from "../../expr/validate.js";
import { tableFromRows } from "../../io/records/field-table.js";
import type { FieldType } from "../../model/dataset.js";
import type { FieldCheck } from "../typecheck.js";
import { compileBlockCheck } from "./byte-check.js";
import { SCOPE_FALSE, SCOPE_TRUE, SCOPE_UNKNOWN } from "./scope-kernel.js";

const FIELDS: Record<string, FieldCheck> = {
  b1: { type: "boolean", nullable: false },
  b2: { type: "boolean", nullable: true },
  d: { type: "date", nullable: true },
  s: { type: "string", nullable: true },
  ts: { type: "timestamp", nullable: true },
  n: { type: "integer", nullable: true },
};
const COLUMNS = ["s", "b1", "note", "d", "b2", "ts", "n"];
const TYPES = new Map<string, FieldType>(Object.entries(FIELDS).map(([k, f]) => [k, f.type]));

const ATOMS = [
  "b1",
  "b2",
  "!b2",
  "b1 == true",
  "false != b2",
  "b2 == false",
  'd >= "2019-06-27"',
  'd < "2019-06-27"',
  '"2020" < d',
  '"2020-01-01" >= d',
  'd == "2019-06-27"',
  'd != ""',
  'd == ""',
  's == ""',
  's != "가나"',
  's == "ab"',
  's < "ab"',
  's > ""',
  's <= "a"',
  's >= "é"',
  'ts > "2024-05-01T09:00:00Z"',
  'ts == "2024-05-01T09:00:00Z"',
  "n > 3",
  's.startsWith("a")',
  "true",
  "false",
];

const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...ATOMS),
    fc.tuple(tie("e"), fc.constantFrom("&&", "||"), tie("e")).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie("e").map((a) => `!(${a})`),
  ),
})).e;

const date = fc
  .tuple(
    fc.integer({ min: 2015, max: 2025 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
const row = fc.tuple(
  fc.oneof(
    fc.constantFrom("", "a", "ab", "abc", "가나", "é", "Z", "a\u{1F600}"),
    fc.string({ maxLength: 4 }),
  ),
  fc.constantFrom("true", "false"),
  fc.string({ maxLength: 3 }),
  fc.oneof(fc.constant(""), fc.constant("2019-06-27"), date),
  fc.constantFrom("true", "false", ""),
  fc.constantFrom("", "2024-05-01T09:00:00Z", "2024-05-01T10:00:00+09:00", "2023-01-01T00:00:00Z"),
  fc.constantFrom("", "0", "3", "4", "-7"),
);

function compiled(text: string): CelExpr {
  const checked = checkExpression(text, TYPES);
  if (!checked.ok) throw new Error(`${text}: ${JSON.stringify(checked.issues)}`);
  return checked.expr;
}

/** The kernel's answer (SCOPE_*) and the closures' for each row. */
function answers(text: string, rows: string[][]) {
  const expr = compiled(text);
  const table = tableFromRows(rows, (i) => i, COLUMNS.length, { bad: [], records: rows.length, lines: 0 });
  const block = compileBlockCheck(COLUMNS, FIELDS, { expr, types: TYPES });
  const closures = compileScope(expr, TYPES, new Map(COLUMNS.map((c, i) => [c, i])));
  block.prepare(table);
  return rows.map((r, i) => {
    expect(block.row(table, i)).toBeNull();
    return { kernel: block.scope(i), closures: closures(r) };
  });
}

describe("the scope kernel", () => {
  it("decides a row only as expr/compile.ts does", () => {
    fc.assert(
      fc.property(expression, fc.array(row, { minLength: 1, maxLength: 10 }), (text, rows) => {
        for (const { kernel, closures } of answers(text, rows as string[][]))
          if (kernel !== SCOPE_UNKNOWN) expect(kernel).toBe(closures ? SCOPE_TRUE : SCOPE_FALSE);
      }),
      { numRuns: 2000 },
    );
  });

  it("decides every row of a boolean-and-date scope whose fields are present", () => {
    const rows = [
      ["", "true", "", "2019-06-27", "", "", ""],
      ["", "true", "", "2019-06-26", "", "", ""],
      ["", "false", "", "2020-01-01", "", "", ""],
      ["", "true", "", "2024-12-31", "", "", ""],
    ];
    const got = answers('b1 && d >= "2019-06-27"', rows).map((a) => a.kernel);
    expect(got).toEqual([SCOPE_TRUE, SCOPE_FALSE, SCOPE_FALSE, SCOPE_TRUE]);
    // an empty date is null in CEL: an ordering on it is left to the closures (false wins over it in &&)
    const empty = [
      ["", "true", "", "", "", "", ""],
      ["", "false", "", "", "", "", ""],
    ];
    expect(answers('b1 && d >= "2019-06-27"', empty).map((a) => a.kernel)).toEqual([
      SCOPE_UNKNOWN,
      SCOPE_FALSE,
    ]);
    // what it cannot decide on bytes is left to the closures
    expect(answers("n > 3", [["", "true", "", "", "", "", "4"]]).map((a) => a.kernel)).toEqual([
      SCOPE_UNKNOWN,
    ]);
  });
});
