import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../io/records/field-table.js";
import type { FieldType } from "../../model/dataset.js";
import { compileRowCheck, type FieldCheck } from "../typecheck.js";
import { compileBlockCheck, compileTableCheck } from "./byte-check.js";

const TYPES: FieldType[] = ["string", "integer", "number", "boolean", "date", "timestamp"];

const value = fc.oneof(
  fc.constantFrom("", "0", "-0", "+7", "12a", "9007199254740991", "9007199254740992", "00000000000000001"),
  fc.constantFrom("true", "false", "True", "1e3", ".5", "5.", "-", "+"),
  fc.constantFrom(
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "2024-04-31",
    "0000-01-01",
    "2024-1-01",
    "٢٠٢٤-01-01",
  ),
  fc.constantFrom("2024-05-01T09:00:00+09:00", "2024-05-01T09:00:00Z", "2024-05-01T24:00:00Z"),
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^[+-]?\d{0,18}$/),
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  fc.stringMatching(/^[+-]?\d{0,4}\.?\d{0,3}([eE][+-]?\d{1,3})?$/),
  fc.constantFrom(
    "1900-02-29",
    "2000-02-29",
    "2100-02-28",
    "2023-00-10",
    "2023-12-00",
    "2023-12-32",
    "ture",
    "fals",
  ),
  fc.constantFrom(
    "tru",
    "falsee",
    "9".repeat(15),
    "-".concat("9".repeat(16)),
    "1".repeat(299),
    "1".repeat(300),
  ),
);

describe("compileTableCheck", () => {
  it("gives exactly compileRowCheck's answer on the decoded row, for every type and value", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...TYPES), fc.boolean(), value), { minLength: 1, maxLength: 6 }),
        (spec) => {
          const columns = spec.map((_, i) => `c${i}`);
          const fields: Record<string, FieldCheck> = Object.fromEntries(
            spec.map(([type, nullable], i) => [`c${i}`, { type, nullable }]),
          );
          const row = spec.map(([, , v]) => v);
          const table = tableFromRows([row], () => 0, columns.length, { bad: [], records: 1, lines: 1 });
          expect(compileTableCheck(columns, fields)(table, 0)).toEqual(compileRowCheck(columns, fields)(row));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("compileBlockCheck (the WebAssembly check kernel, then JavaScript for what it leaves)", () => {
  it("gives exactly compileRowCheck's answer for every row of a block, in every column order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...TYPES), fc.boolean()), { minLength: 1, maxLength: 7 }),
        fc.array(fc.array(value, { minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (spec, cells, extra) => {
          // an undeclared column is not checked, wherever it sits
          const columns = [...spec.map((_, i) => `c${i}`), ...(extra ? ["note"] : [])];
          const fields: Record<string, FieldCheck> = Object.fromEntries(
            spec.map(([type, nullable], i) => [`c${i}`, { type, nullable }]),
          );
          const rows = cells.map((row) => row.slice(0, columns.length));
          const table = tableFromRows(rows, (i) => i, columns.length, {
            bad: [],
            records: rows.length,
            lines: 0,
          });
          const block = compileBlockCheck(columns, fields);
          const reference = compileRowCheck(columns, fields);
          block.prepare(table);
          rows.forEach((row, r) => {
            expect(block.row(table, r)).toEqual(reference(row));
          });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("checks the next block with its own rows, and wipes the record bytes it copied", () => {
    const columns = ["d", "n"];
    const fields: Record<string, FieldCheck> = {
      d: { type: "date", nullable: false },
      n: { type: "integer", nullable: true },
    };
    const block = compileBlockCheck(columns, fields);
    const good = tableFromRows([["2024-02-29", "7"]], (i) => i, 2, { bad: [], records: 1, lines: 0 });
    const bad = tableFromRows(
      [
        ["2024-02-29", "x"],
        ["2023-02-29", ""],
      ],
      (i) => i,
      2,
      { bad: [], records: 2, lines: 0 },
    );
    block.prepare(good);
    expect(block.row(good, 0)).toBeNull();
    block.prepare(bad);
    expect(block.row(bad, 0)).toMatchObject({ field: "n", code: "wrong_type" });
    expect(block.row(bad, 1)).toMatchObject({ field: "d", code: "wrong_type" });
  });
});
