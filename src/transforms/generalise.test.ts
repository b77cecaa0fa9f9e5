import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCells } from "../../test/support/cells.js";
import { JikimiError } from "../errors.js";
import type { RowProblem } from "./apply-context.js";
import type { FieldType } from "./field-type.js";
import {
  compileGeneralise,
  compileGeneraliseCells,
  type GeneraliseOptions,
  hasDatePrefix,
} from "./generalise.js";

function run(
  values: readonly string[],
  o: GeneraliseOptions,
  type: FieldType,
): { out: string[]; problems: RowProblem[] } {
  const out: string[] = [];
  const problems: RowProblem[] = [];
  compileGeneralise(o, type, { field: "f", problems: (p) => problems.push(p) })(values, out);
  return { out, problems };
}

const date = fc
  .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

describe("generalise apply", () => {
  it("month and year of a date or timestamp are prefixes of it", () => {
    fc.assert(
      fc.property(date, fc.boolean(), (iso, asDate) => {
        const v = asDate ? iso.slice(0, 10) : iso;
        const type = asDate ? "date" : "timestamp";
        const m = run([v], { transform: "generalise", to: "month" }, type);
        const y = run([v], { transform: "generalise", to: "year" }, type);
        expect(m.problems).toEqual([]);
        expect(m.out[0]).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
        expect(v.startsWith(m.out[0] as string)).toBe(true);
        expect(y.out[0]).toBe(v.slice(0, 4));
      }),
    );
    const ts = ["2024-03-05T10:20:30+09:00", "2024-03-05 10:20", "2024-03-05T10:20:30.123456Z", "2024-03-05"];
    expect(run(ts, { transform: "generalise", to: "month" }, "timestamp").out).toEqual(
      Array(4).fill("2024-03"),
    );
  });

  it("reports unparsable dates by row, field and code, never the value, and outputs ''", () => {
    const bad = [
      "2023-02-29",
      "2024-13-01",
      "2024-1-05",
      "05/03/2024",
      "2024-03-05T25:00",
      "2024-03-05x",
      "abcd-ef-gh",
    ];
    const { out, problems } = run(
      ["2024-02-29", ...bad, ""],
      { transform: "generalise", to: "month" },
      "date",
    );
    expect(out).toEqual(["2024-02", ...bad.map(() => ""), ""]);
    expect(problems).toEqual(bad.map((_, i) => ({ row: i + 1, field: "f", code: "not_a_date" })));
    expect(JSON.stringify(problems)).not.toMatch(/2023|2024|abcd/);
    expect(hasDatePrefix("1900-02-29")).toBe(false);
    expect(hasDatePrefix("2000-02-29")).toBe(true);
  });

  it("band: integer labels contain the value; numbers floor to the width", () => {
    expect(
      run(["37", "30", "39", "0", "-5", "120"], { transform: "generalise", to: "band", width: 10 }, "integer")
        .out,
    ).toEqual(["30-39", "30-39", "30-39", "0-9", "-10--1", "120-129"]);
    expect(
      run(["37.5", "0.3", "-0.01"], { transform: "generalise", to: "band", width: 10 }, "number").out,
    ).toEqual(["30", "0", "-10"]);
    expect(run(["0.3", "0.7"], { transform: "generalise", to: "band", width: 0.1 }, "number").out).toEqual([
      "0.3",
      "0.7",
    ]);
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1000 }), (v, w) => {
        const [label] = run([String(v)], { transform: "generalise", to: "band", width: w }, "integer").out;
        const [, lo, hi] = /^(-?\d+)-(-?\d+)$/.exec(label as string) ?? [];
        expect(Number(lo)).toBeLessThanOrEqual(v);
        expect(v).toBeLessThanOrEqual(Number(hi));
        expect(Number(hi) - Number(lo)).toBe(w - 1);
        expect(Number(lo) % w === 0).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.constantFrom(0.5, 1, 2.5, 10, 0.1),
        (v, w) => {
          const [label] = run([String(v)], { transform: "generalise", to: "band", width: w }, "number").out;
          const lo = Number(label);
          expect(lo).toBeLessThanOrEqual(v);
          expect(v).toBeLessThan(lo + w + 1e-9 * Math.max(1, Math.abs(v)));
        },
      ),
    );
  });

  it("bucket labels match the bounds", () => {
    const o = { transform: "generalise", to: "bucket", bounds: [10, 100] } as const;
    expect(run(["9", "10", "99", "100", "-3"], { ...o, bounds: [10, 100] }, "integer").out).toEqual([
      "<10",
      "10-99",
      "10-99",
      ">=100",
      "<10",
    ]);
    expect(run(["9.5", "99.5", "100"], { ...o, bounds: [10, 100] }, "number").out).toEqual([
      "<10",
      "10-<100",
      ">=100",
    ]);
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 8 })
          .map((b) => b.sort((x, y) => x - y)),
        fc.integer({ min: -1100, max: 1100 }),
        (bounds, v) => {
          const [label] = run([String(v)], { transform: "generalise", to: "bucket", bounds }, "integer").out;
          const first = bounds[0] as number;
          const last = bounds[bounds.length - 1] as number;
          if (v < first) expect(label).toBe(`<${first}`);
          else if (v >= last) expect(label).toBe(`>=${last}`);
          else {
            const i = bounds.findIndex((b) => b > v);
            expect(label).toBe(`${bounds[i - 1]}-${(bounds[i] as number) - 1}`);
          }
        },
      ),
    );
    expect(() => run([], { ...o, bounds: [100, 10] }, "integer")).toThrow(JikimiError);
  });

  it("band and bucket report values that are not numbers of the field type", () => {
    const { out, problems } = run(
      ["12", "1.5", "abc", " 3", "0x10", "1e400", "99999999999999999999"],
      { transform: "generalise", to: "band", width: 10 },
      "integer",
    );
    expect(out).toEqual(["10-19", "", "", "", "", "", ""]);
    expect(problems.map((p) => `${p.row}:${p.code}`)).toEqual([
      "1:not_an_integer",
      "2:not_an_integer",
      "3:not_an_integer",
      "4:not_an_integer",
      "5:not_an_integer",
      "6:out_of_range",
    ]);
    const n = run(
      ["1e400", "1e3", "NaN", "Infinity"],
      { transform: "generalise", to: "band", width: 10 },
      "number",
    );
    expect(n.out).toEqual(["", "1000", "", ""]);
    expect(n.problems.map((p) => p.code)).toEqual(["out_of_range", "not_a_number", "not_a_number"]);
  });

  it("prefix keeps the first n code points", () => {
    expect(
      run(
        ["06236", "서울특별시", "😀😀x", "12"],
        { transform: "generalise", to: "prefix", length: 3 },
        "string",
      ).out,
    ).toEqual(["062", "서울특", "😀😀x", "12"]);
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), fc.integer({ min: 1, max: 10 }), (v, n) => {
        const [p] = run([v], { transform: "generalise", to: "prefix", length: n }, "string").out;
        expect(p).toBe(Array.from(v).slice(0, n).join(""));
      }),
    );
  });

  it("without a problems sink the first bad row throws, naming the row and not the value", () => {
    const f = (): void =>
      compileGeneralise({ transform: "generalise", to: "year" }, "date", { field: "birth" })(
        ["1990-01-01", "secret-value"],
        [],
      );
    expect(f).toThrow(/row 1 of field birth/);
    expect(f).not.toThrow(/secret/);
  });
});

describe("generalise cells (date bytes to month or year cells)", () => {
  // dates, near-dates (a day past the month's end, 29 February of non-leap years, wrong separators, short or long
  // values, timestamps, non-ASCII digits) and anything else
  const value = fc.oneof(
    date.map((iso) => iso.slice(0, 10)),
    fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(
        ([y, m, d]) =>
          `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
      ),
    date,
    fc.constantFrom(
      "",
      " ",
      "2024-02-29",
      "2023-02-29",
      "1900-02-29",
      "2000-02-29",
      "2024/03/05",
      "2024-3-05",
      "２０２４-03-05",
      "2024-03-05 ",
    ),
    fc.string({ maxLength: 12 }),
  );
  it("writes, cell by cell, what the column transform gives, and reports the same rows", () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 30 }),
        fc.constantFrom("month", "year") as fc.Arbitrary<"month" | "year">,
        (values, to) => {
          const o: GeneraliseOptions = { transform: "generalise", to };
          const viaStrings = run(values, o, "date");
          const problems: RowProblem[] = [];
          const cells = compileGeneraliseCells(o, "date", { field: "f", problems: (p) => problems.push(p) });
          if (!cells) throw new Error("a date's month and year have a cell path");
          expect(runCells(cells, values)).toEqual(viaStrings.out);
          expect(problems).toEqual(viaStrings.problems);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("leaves timestamps and the other levels to the column transform", () => {
    expect(compileGeneraliseCells({ transform: "generalise", to: "month" }, "timestamp", {})).toBeUndefined();
    expect(
      compileGeneraliseCells({ transform: "generalise", to: "band", width: 10 }, "integer", {}),
    ).toBeUndefined();
  });
});
