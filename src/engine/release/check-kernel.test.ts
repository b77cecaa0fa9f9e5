// the check kernel on its own: it is built (a module that fails to compile would leave every row to JavaScript
// unseen), vouches for good rows and only for them, and leaves long integers and exponents to JavaScript.
import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../io/records/field-table.js";
import { blockFlags, type KernelColumn } from "./check-kernel.js";

const COLUMNS: KernelColumn[] = [
  { column: 0, type: "string", nullable: false },
  { column: 1, type: "integer", nullable: true },
  { column: 2, type: "boolean", nullable: false },
  { column: 3, type: "date", nullable: false },
  { column: 4, type: "number", nullable: true },
];

const flagsOf = (rows: string[][]) => {
  const flags = blockFlags(6, COLUMNS);
  expect(flags).not.toBeNull();
  const table = tableFromRows(rows, (i) => i, 6, { bad: [], records: rows.length, lines: 0 });
  return [...(flags?.(table) ?? [])];
};

describe("blockFlags", () => {
  it("vouches for rows good in every column, whatever the unchecked column holds", () => {
    expect(
      flagsOf([
        ["a", "-12", "true", "2024-02-29", "3.25", "anything"],
        ["홍길동", "", "false", "2000-02-29", "", ""],
        ["x", "+0", "true", "1999-12-31", ".5", "\n"],
        ["x", "123456789012345", "false", "2023-04-30", "5.", "y"],
      ]),
    ).toEqual([2, 2, 2, 2]);
  });

  it("flags a row with any problem, or a value it leaves to JavaScript", () => {
    const good = ["a", "1", "true", "2024-01-01", "1", ""];
    const variants: [number, string][] = [
      [0, ""],
      [1, "1.5"],
      [1, "-"],
      [1, "1234567890123456"],
      [2, "True"],
      [2, ""],
      [2, "tru"],
      [3, "2023-02-29"],
      [3, "1900-02-29"],
      [3, "2024-13-01"],
      [3, "2024-00-01"],
      [3, "2024-01-00"],
      [3, "2024-01-1"],
      [3, "2024/01/01"],
      [4, "1e3"],
      [4, "."],
      [4, "1.2.3"],
      [4, "1".repeat(300)],
    ];
    const rows = variants.map(([at, v]) => good.map((g, i) => (i === at ? v : g)));
    expect(flagsOf([good, ...rows])).toEqual([2, ...rows.map(() => 1)]);
  });

  it("refuses a column of a type it does not test", () => {
    expect(() => blockFlags(2, [{ column: 1, type: "timestamp", nullable: false }])).toThrow(/timestamp/);
  });
});
