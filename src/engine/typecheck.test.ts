import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldType } from "../model/dataset.js";
import { checkColumns, compileRowCheck, expectedOf, type FieldCheck, IS_VALUE } from "./typecheck.js";

const ACCEPT: Record<FieldType, string[]> = {
  integer: ["0", "-0", "+7", "42", "007", "-9007199254740991", "9007199254740991"],
  number: [
    "0",
    "-0",
    "1e3",
    "1E-3",
    "-2.5",
    ".5",
    "5.",
    "+1.25e+10",
    "9007199254740993",
    "1e308",
    "5.e3",
    "1".padEnd(300, "0"),
  ],
  boolean: ["true", "false"],
  date: ["2024-02-29", "2000-02-29", "2023-02-28", "1999-12-31", "2019-06-27", "0001-01-01"],
  timestamp: [
    "2024-01-31T09:00:00+09:00",
    "2024-01-31T00:00:00Z",
    "2024-02-29T23:59:59.123456-05:30",
    "2023-12-31T23:59:59.5Z",
  ],
  string: ["x", " ", "0", "한글"],
};
const REJECT: Record<FieldType, string[]> = {
  integer: [
    "1e3",
    "1.0",
    "1.",
    "9007199254740992",
    "-9007199254740993",
    "99999999999999999999",
    " 1",
    "1 ",
    "0x10",
    "--1",
    "+",
    "-",
    "½",
    "１",
  ],
  number: [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "0x10",
    "1_000",
    "1,5",
    " 1",
    "e3",
    ".",
    "1e",
    "--1",
    "+-1",
  ],
  boolean: ["1", "0", "TRUE", "True", "yes", " true"],
  date: [
    "2023-02-29",
    "1900-02-29",
    "2024-13-01",
    "2024-00-10",
    "2024-04-31",
    "2024-01-00",
    "2024-1-1",
    "20240101",
    "2024-01-01T00:00:00Z",
    "24-01-01",
  ],
  timestamp: [
    "2024-01-31T09:00:00",
    "2024-01-31 09:00:00Z",
    "2024-01-31",
    "2023-02-29T00:00:00Z",
    "2024-01-31T24:00:00Z",
    "2024-01-31T09:60:00Z",
    "2024-01-31T09:00:60Z",
    "2024-01-31T09:00:00+0900",
    "2024-01-31T09:00:00+24:00",
    "2024-01-31T09:00Z",
  ],
  string: [],
};

describe("type tests per field type", () => {
  for (const type of Object.keys(ACCEPT) as FieldType[]) {
    it.each(ACCEPT[type])(`${type} accepts %s`, (s) => expect(IS_VALUE[type](s)).toBe(true));
    if (REJECT[type].length > 0)
      it.each(REJECT[type])(`${type} rejects %s`, (s) => expect(IS_VALUE[type](s)).toBe(false));
  }

  it("agrees with a calendar on every date from 1896 to 2104", () => {
    const days = new Set<string>();
    for (let t = Date.UTC(1896, 0, 1); t < Date.UTC(2105, 0, 1); t += 864e5)
      days.add(new Date(t).toISOString().slice(0, 10));
    for (let y = 1896; y <= 2104; y++)
      for (let m = 1; m <= 12; m++)
        for (let d = 1; d <= 31; d++) {
          const s = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          expect(IS_VALUE.date(s), s).toBe(days.has(s));
        }
  });

  it("accepts every safe integer and every finite double as the gateway writes them", () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => IS_VALUE.integer(String(n))));
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => IS_VALUE.number(String(x))),
    );
  });
});

const FIELDS: Record<string, FieldCheck> = {
  id: { type: "string", nullable: false },
  age: { type: "integer", nullable: true },
  balance: { type: "number", nullable: false },
  linked: { type: "boolean", nullable: false },
  join_date: { type: "date", nullable: true },
  seen_at: { type: "timestamp", nullable: false },
  note: { type: "string", nullable: true },
};
const COLUMNS = ["id", "age", "balance", "linked", "join_date", "seen_at", "note", "extra"];
const GOOD = ["c1", "30", "1e3", "true", "2024-02-29", "2024-01-31T09:00:00+09:00", "", "anything"];

describe("compileRowCheck", () => {
  const check = compileRowCheck(COLUMNS, FIELDS);

  it("accepts a good row, empties in nullable fields, and ignores undeclared columns", () => {
    expect(check(GOOD)).toBeNull();
    const empties = [...GOOD];
    empties[1] = "";
    empties[4] = "";
    empties[7] = "";
    expect(check(empties)).toBeNull();
  });

  it("reports the first problem in column order, by field and code", () => {
    const row = [...GOOD];
    row[1] = "1e3";
    row[3] = "1";
    expect(check(row)).toEqual({ field: "age", code: "wrong_type", expected: expectedOf("integer") });
    row[1] = "30";
    expect(check(row)).toEqual({ field: "linked", code: "wrong_type", expected: expectedOf("boolean") });
    const date = [...GOOD];
    date[4] = "2023-02-29";
    expect(check(date)).toMatchObject({ field: "join_date", code: "wrong_type" });
  });

  it("treats the empty string as a missing value unless the field is nullable, strings included", () => {
    const row = [...GOOD];
    row[0] = "";
    expect(check(row)).toEqual({
      field: "id",
      code: "missing_value",
      expected: "a value (the field is not nullable)",
    });
    const b = [...GOOD];
    b[2] = "";
    expect(check(b)).toMatchObject({ field: "balance", code: "missing_value" });
  });

  it("reports a wrong column count", () => {
    expect(check(GOOD.slice(1))).toEqual({ field: "", code: "wrong_column_count", expected: "8 columns" });
    expect(check([...GOOD, "x"])).toMatchObject({ code: "wrong_column_count" });
  });

  it("never puts the value in a problem", () => {
    const types = Object.keys(ACCEPT) as FieldType[];
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.boolean(),
        fc.string({ minLength: 1, maxLength: 12 }).map((s) => `Qz${s}`),
        (type, nullable, value) => {
          const problem = compileRowCheck(["f"], { f: { type, nullable } })([value]);
          if (problem !== null) expect(JSON.stringify(problem)).not.toContain("Qz");
        },
      ),
    );
    for (const type of types)
      for (const value of REJECT[type]) {
        const problem = compileRowCheck(["secret"], { secret: { type, nullable: false } })([value]);
        expect(problem).not.toBeNull();
        if (value.length > 3) expect(JSON.stringify(problem)).not.toContain(value);
      }
  });
});

describe("checkColumns", () => {
  it("reports missing declared fields, undeclared extras and duplicates by name", () => {
    expect(checkColumns(COLUMNS, FIELDS)).toEqual({
      ok: true,
      missing: [],
      extra: ["extra"],
      duplicated: [],
    });
    expect(checkColumns(["id", "age", "age", "x"], FIELDS)).toEqual({
      ok: false,
      missing: ["balance", "linked", "join_date", "seen_at", "note"],
      extra: ["x"],
      duplicated: ["age"],
    });
  });

  it("does not take inherited object keys for declared fields", () => {
    expect(checkColumns(["toString", "id"], { id: { type: "string", nullable: false } }).extra).toEqual([
      "toString",
    ]);
    expect(compileRowCheck(["constructor"], {})(["x"])).toBeNull();
  });
});
