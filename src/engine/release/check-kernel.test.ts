// the check kernel on its own: it is built (a module that fails to compile would leave every row to JavaScript
// unseen), vouches for good rows and only for them, and leaves long integers and exponents to JavaScript.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanPlainCsv } from "../../io/records/csv-table.js";
import { type FieldTable, tableFromRows } from "../../io/records/field-table.js";
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
      // the bytes either side of the digits, a sign alone or doubled, a space, a digit of another script
      [1, "1:"],
      [1, "/5"],
      [1, "12a"],
      [1, "+"],
      [1, "+-1"],
      [1, "1 "],
      [1, "١٢"],
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

describe("blockFlags.table", () => {
  // blocks of records built from a small alphabet that holds every byte the CSV syntax cares about
  const cell = fc.stringMatching(/^[a-z0-9,\n"\r 가-]{0,6}$/);
  const block = fc
    .array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 12 })
    .map((records) => Buffer.from(records.map((r) => `${r.join(",")}\n`).join(""), "utf8"));

  it("indexes a plain block as the tokeniser does, and gives up on any other for it", () => {
    fc.assert(
      fc.property(block, fc.integer({ min: 2, max: 6 }), (bytes, width) => {
        const flags = blockFlags(width, []);
        expect(flags).not.toBeNull();
        const columns = Array.from({ length: width }, (_, i) => `c${i}`);
        const want = scanPlainCsv(bytes, width, columns);
        const got = flags?.table(bytes);
        // plain: valid UTF-8, no quote or CR, every record `width` fields ending in LF (no blank line)
        const plain =
          want !== undefined && want.bad.length === 0 && want.rows === want.lines && bytes.length > 0;
        expect(got !== undefined).toBe(plain);
        if (!got || !want) return;
        expect(got.rows).toBe(want.rows);
        expect(got.lines).toBe(want.lines);
        expect(got.records).toBe(want.records);
        expect([...got.rowStart.subarray(0, got.rows)]).toEqual([...want.rowStart.subarray(0, want.rows)]);
        expect([...got.sep.subarray(0, got.rows * width)]).toEqual([
          ...want.sep.subarray(0, want.rows * width),
        ]);
        expect([...got.record.subarray(0, got.rows)]).toEqual([...want.record.subarray(0, want.rows)]);
      }),
      { numRuns: 500 },
    );
  });

  it("flags the table it made as it flags a copy of it, and leaves no record bytes in its memory", () => {
    const flags = blockFlags(6, COLUMNS);
    const rows = [
      ["a", "-12", "true", "2024-02-29", "3.25", "anything"],
      ["홍길동", "", "false", "2000-02-29", "", ""],
      ["x", "1.5", "true", "2023-02-29", "1e3", "y"],
    ];
    const bytes = Buffer.from(rows.map((r) => `${r.join(",")}\n`).join(""), "utf8");
    const made = flags?.table(bytes);
    expect(made).toBeDefined();
    const answer = flags?.(made as FieldTable) as Uint8Array;
    const inPlace = [...answer];
    // the answer is a view of the kernel's memory: no record's bytes are left in it
    const memory = Buffer.from(answer.buffer);
    for (const value of ["anything", "홍길동", "2023-02-29"]) expect(memory.indexOf(value)).toBe(-1);
    const copied = tableFromRows(rows, (i) => i, 6, { bad: [], records: rows.length, lines: 0 });
    expect(inPlace).toEqual([...(flags?.(copied) ?? [])]);
    expect(inPlace).toEqual([2, 2, 1]);
    // a second block, shorter: the first one's bytes are gone from the kernel's memory
    const again = flags?.table(Buffer.from("b,1,true,2024-01-01,1,z\n"));
    expect([...(flags?.(again as FieldTable) ?? [])]).toEqual([2]);
  });
});
