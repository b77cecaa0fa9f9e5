import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../io/records/field-table.js";
import type { FieldType } from "../../model/dataset.js";
import { compileRowCheck, type FieldCheck } from "../typecheck.js";
import { compileTableCheck } from "./byte-check.js";

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
