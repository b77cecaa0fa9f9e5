import { beforeAll, describe, expect, it } from "vitest";
import { CHUNK_ROWS, type Format, headerOf, renderChunk } from "./chunk.js";
import { CUSTOMER_COLUMNS } from "./customers.js";
import { splitSeed } from "./prng.js";

const ROWS = 100_000;

/** Renders rows 0..rows-1 of customers the way generate() lays them out (header + chunks). */
function render(rows: number, format: Format, seed = 1): string {
  let text = headerOf("customers", format);
  for (let chunkIndex = 0; chunkIndex * CHUNK_ROWS < rows; chunkIndex++) {
    const count = Math.min(CHUNK_ROWS, rows - chunkIndex * CHUNK_ROWS);
    const task = {
      kind: "customers",
      seed: splitSeed(seed),
      chunkIndex,
      count,
      format,
      customers: 1,
    } as const;
    text += new TextDecoder().decode(renderChunk(task));
  }
  return text;
}

/** A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted || (ch !== "," && ch !== "\n" && ch !== "\r")) {
      field += ch;
    } else if (ch !== "\r") {
      record.push(field);
      field = "";
      if (ch === "\n") {
        records.push(record);
        record = [];
      }
    }
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}

const AS_OF = { y: 2024, m: 6, d: 1 };
function ageOn(birth: string): number {
  const [y, m, d] = birth.split("-").map(Number) as [number, number, number];
  return AS_OF.y - y - (AS_OF.m < m || (AS_OF.m === m && AS_OF.d < d) ? 1 : 0);
}

const PATTERNS: Record<string, RegExp> = {
  customer_id: /^HB\d{10}$/,
  name: /^[가-힣]{3,5}$/,
  phone: /^010-[2-9]\d{3}-\d{4}$/,
  email: /^[a-z][a-z0-9._]*@(naver\.com|gmail\.com|daum\.net|hanmail\.net|kakao\.com|nate\.com)$/,
  birth_date: /^\d{4}-\d{2}-\d{2}$/,
  join_date: /^\d{4}-\d{2}-\d{2}$/,
  dormant: /^(true|false)$/,
  os: /^(android|ios)$/,
  appstore_linked: /^(true|false)$/,
  postal_code: /^\d{5}$/,
  card_count: /^[0-5]$/,
};

describe("customers CSV", () => {
  let records: string[][] = [];
  let rows: Record<string, string>[] = [];
  beforeAll(() => {
    records = parseCsv(render(ROWS, "csv"));
    const header = records[0] ?? [];
    rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
  });

  it("parses back as RFC 4180 with the header and 20 fields per record", () => {
    expect(records[0]).toEqual(CUSTOMER_COLUMNS);
    expect(records.length).toBe(ROWS + 1);
    for (const record of records) expect(record.length).toBe(20);
  });

  it("numbers customers HB0000000001.. in order, uniquely", () => {
    expect(rows[0]?.customer_id).toBe("HB0000000001");
    expect(rows[ROWS - 1]?.customer_id).toBe(`HB${String(ROWS).padStart(10, "0")}`);
    expect(new Set(rows.map((r) => r.customer_id)).size).toBe(ROWS);
  });

  it("gives every column a valid format and range", () => {
    const bad: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && bad.length < 5) bad.push(what);
    };
    for (const row of rows) {
      const id = row.customer_id;
      for (const [column, pattern] of Object.entries(PATTERNS))
        check(pattern.test(row[column] ?? ""), `${id} ${column}`);
      const age = ageOn(row.birth_date ?? "");
      check(age >= 19 && age <= 85, `${id} age ${age}`);
      const join = row.join_date ?? "";
      check(join >= "2014-01-01" && join <= "2024-05-31", `${id} join_date ${join}`);
      const postal = Number(row.postal_code);
      check(postal >= 1000 && postal <= 63644, `${id} postal_code`);
      const balance = Number(row.balance);
      check(Number.isInteger(balance) && balance >= 0 && balance <= 5_000_000, `${id} balance`);
      for (const kind of ["topup", "withdrawal", "payment", "transfer"]) {
        const count = Number(row[`${kind}_count`]);
        const amount = Number(row[`${kind}_amount`]);
        check(
          Number.isInteger(count) && count >= 0 && Number.isInteger(amount) && amount >= 0,
          `${id} ${kind}`,
        );
        check(count > 0 || amount === 0, `${id} ${kind}_amount without ${kind}_count`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("has realistic shares", () => {
    const share = (test: (r: Record<string, string>) => boolean) => rows.filter(test).length / rows.length;
    const linked = share((r) => r.appstore_linked === "true");
    expect(linked).toBeGreaterThan(0.15);
    expect(linked).toBeLessThan(0.21);
    expect(share((r) => r.dormant === "true")).toBeCloseTo(0.14, 1);
    expect(share((r) => r.os === "android")).toBeCloseTo(0.72, 1);
    expect(share((r) => r.name?.startsWith("김") === true)).toBeCloseTo(0.21, 1);
    expect(share((r) => r.name?.startsWith("이") === true)).toBeCloseTo(0.15, 1);
    expect(share((r) => r.email?.endsWith("@naver.com") === true)).toBeCloseTo(0.45, 1);
    const dormantIdle =
      share((r) => r.dormant === "true" && r.payment_count === "0") / share((r) => r.dormant === "true");
    expect(dormantIdle).toBeGreaterThan(0.8);
    const balances = rows.map((r) => Number(r.balance)).sort((a, b) => a - b);
    expect(balances[Math.floor(ROWS / 2)]).toBeLessThan(100_000);
  });
});

describe("customers JSONL", () => {
  it("writes one JSON object per line with typed values, matching the CSV rows", () => {
    const lines = render(20_000, "jsonl").trimEnd().split("\n");
    const csv = parseCsv(render(20_000, "csv")).slice(1);
    expect(lines.length).toBe(20_000);
    const bad: number[] = [];
    lines.forEach((line, i) => {
      const row = JSON.parse(line) as Record<string, unknown>;
      const typed =
        ["customer_id", "name", "phone", "email", "birth_date", "join_date", "os", "postal_code"].every(
          (column) => typeof row[column] === "string",
        ) &&
        typeof row.dormant === "boolean" &&
        typeof row.appstore_linked === "boolean" &&
        CUSTOMER_COLUMNS.slice(10).every((column) => Number.isInteger(row[column]));
      const sameAsCsv = CUSTOMER_COLUMNS.map((c) => String(row[c])).join(",") === csv[i]?.join(",");
      if (!typed || !sameAsCsv || Object.keys(row).join() !== CUSTOMER_COLUMNS.join()) bad.push(i);
    });
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it("differs with the seed", () => {
    expect(render(1000, "csv", 2)).not.toBe(render(1000, "csv", 1));
  });
});
