import { describe, expect, it } from "vitest";
import { CHUNK_ROWS, type Format, renderChunk } from "./chunk.js";
import { COUNTRIES, CURRENCIES, MERCHANTS_BY_COUNTRY } from "./merchants.js";
import { PAYMENT_COLUMNS } from "./payments.js";
import { splitSeed } from "./prng.js";

function renderLines(rows: number, format: Format, customers: number): string[] {
  let text = "";
  for (let chunkIndex = 0; chunkIndex * CHUNK_ROWS < rows; chunkIndex++) {
    const count = Math.min(CHUNK_ROWS, rows - chunkIndex * CHUNK_ROWS);
    const task = { kind: "payments", seed: splitSeed(3), chunkIndex, count, format, customers } as const;
    text += new TextDecoder().decode(renderChunk(task));
  }
  return text.trimEnd().split("\n");
}

const PATTERNS: readonly RegExp[] = [
  /^P\d{12}$/,
  /^O\d{12}$/,
  /^HB\d{10}$/,
  /^20(19|2[0-4])-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/,
  /^[1-9]\d*$/,
  /^(USD|JPY|CNY|EUR|GBP|SGD)$/,
  /^[A-Za-z][A-Za-z ]+$/,
  /^(US|JP|CN|FR|GB|SG)$/,
  /^(approved|declined|refunded)$/,
];

describe("payments", () => {
  const customers = 5000;
  const rows = renderLines(100_000, "csv", customers).map((line) => line.split(","));

  it("has 9 well-formed columns per row", () => {
    const bad = rows.filter(
      (r) => r.length !== PAYMENT_COLUMNS.length || PATTERNS.some((p, i) => !p.test(r[i] ?? "")),
    );
    expect(bad.slice(0, 3)).toEqual([]);
    expect(rows[0]?.[0]).toBe("P000000000001");
  });

  it("references only existing customer ids, spread over all of them", () => {
    const ids = rows.map((r) => Number(r[2]?.slice(2)));
    expect(ids.reduce((a, b) => Math.min(a, b))).toBe(1);
    expect(ids.reduce((a, b) => Math.max(a, b))).toBe(customers);
    expect(new Set(ids).size).toBe(customers);
  });

  it("keeps paid_at within 2019-11-01 .. 2024-05-31 and order ids unique", () => {
    const times = rows.map((r) => r[3] ?? "").sort();
    expect((times[0] ?? "") >= "2019-11-01T00:00:00Z").toBe(true);
    expect((times.at(-1) ?? "9") <= "2024-05-31T23:59:59Z").toBe(true);
    expect(new Set(rows.map((r) => r[1])).size).toBe(rows.length);
  });

  it("draws currencies, statuses and merchants with the intended mix", () => {
    const share = (test: (r: string[]) => boolean) => rows.filter(test).length / rows.length;
    expect(share((r) => r[5] === "USD")).toBeCloseTo(0.6, 1);
    expect(share((r) => r[8] === "approved")).toBeCloseTo(0.97, 2);
    const consistent = share((r) => COUNTRIES.indexOf(r[7] as never) === CURRENCIES.indexOf(r[5] as never));
    expect(consistent).toBeGreaterThan(0.9);
    const merchantOk = rows.every((r) =>
      MERCHANTS_BY_COUNTRY[COUNTRIES.indexOf(r[7] as never)]?.includes(r[6] ?? ""),
    );
    expect(merchantOk).toBe(true);
    expect(MERCHANTS_BY_COUNTRY.flat().length).toBeGreaterThanOrEqual(48);
  });

  it("writes JSONL with numbers as numbers and the same values as CSV", () => {
    const lines = renderLines(5000, "jsonl", customers);
    lines.forEach((line, i) => {
      const row = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(row)).toEqual(PAYMENT_COLUMNS);
      expect(Number.isInteger(row.amount)).toBe(true);
      expect(PAYMENT_COLUMNS.map((c) => String(row[c]))).toEqual(rows[i]);
    });
  });
});
