// consent times: ISO 8601 with a timezone only, normalised to UTC, checked against Date.parse.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatInstant, parseInstant } from "./time.js";

describe("parseInstant", () => {
  it("reads offsets, seconds and fractions", () => {
    expect(parseInstant("2024-03-01T09:30:00+09:00")).toBe(Date.parse("2024-03-01T00:30:00Z"));
    expect(parseInstant("2024-03-01T09:30+09:00")).toBe(Date.parse("2024-03-01T00:30:00Z"));
    expect(parseInstant("2024-02-29T23:59:59.9999-05:30")).toBe(Date.parse("2024-03-01T05:29:59.999Z"));
    expect(parseInstant("1969-12-31T23:59:59.5Z")).toBe(-500);
    expect(formatInstant(parseInstant("2024-03-01T09:30:00,1+09:00") ?? 0)).toBe("2024-03-01T00:30:00.100Z");
  });

  it("rejects times without a timezone or with impossible fields", () => {
    for (const bad of [
      "2024-03-01T09:30:00",
      "2024-03-01 09:30:00Z",
      "2024-03-01",
      "2024-02-30T00:00:00Z",
      "2023-02-29T00:00:00Z",
      "2024-01-01T24:00:00Z",
      "2024-01-01T23:60:00Z",
      "2024-01-01T23:00:60Z",
      "2024-13-01T00:00:00Z",
      "1899-12-31T00:00:00Z",
      "2024-01-01T00:00:00.Z",
      "2024-01-01T00:00:00+0900",
      "2024-01-01T00:00:00+09:00x",
      "2024-01-01T00:00:00z",
      "+02024-01-01T00:00:00Z",
      "2024-1-01T00:00:00Z",
      "2024-01-01T00:00:5Z",
      "2024-01-01T00:00:",
      "2024-01-01T00:0Z",
      "2024-01-01T00:00+09:0",
    ])
      expect(parseInstant(bad), bad).toBeUndefined();
  });

  it("agrees with Date.parse on valid times", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1900-01-02T00:00:00Z"),
          max: new Date("9999-12-30T00:00:00Z"),
          noInvalidDate: true,
        }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (date, offset) => {
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const abs = Math.abs(offset);
          const zone = `${offset < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          expect(parseInstant(local + zone)).toBe(date.getTime());
          expect(parseInstant(`${date.toISOString().slice(0, 23)}Z`)).toBe(date.getTime());
        },
      ),
      { numRuns: 2000 },
    );
  });
});
