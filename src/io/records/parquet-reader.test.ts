import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { SchemaElement } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JikimiError } from "../../errors.js";
import { openReader, type RecordBatch, rowNumber } from "./index.js";
import {
  civilDate,
  decimalText,
  float32Text,
  isoTimestamp,
  numberText,
  parquetRowGroups,
  readParquet,
} from "./parquet-reader.js";

type WriteOptions = Parameters<typeof parquetWriteBuffer>[0];

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "jikimi-parquet-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, options: WriteOptions): string {
  const path = join(dir, name);
  writeFileSync(path, new Uint8Array(parquetWriteBuffer(options)));
  return path;
}

async function all(it: AsyncIterable<RecordBatch>): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const b of it) out.push(b);
  return out;
}

async function failure(it: AsyncIterable<RecordBatch>): Promise<JikimiError> {
  try {
    await all(it);
  } catch (e) {
    expect(e).toBeInstanceOf(JikimiError);
    return e as JikimiError;
  }
  throw new Error("expected the read to fail");
}

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 4, 31, 2, 0, 0, 123);

const optional = (name: string, rest: Omit<SchemaElement, "name" | "repetition_type">): SchemaElement => ({
  name,
  repetition_type: "OPTIONAL",
  ...rest,
});

/** 5,000 rows of every scalar type, in row groups of 1,200 (the last one 200 rows). */
function scalarFile(name: string, extra: Partial<WriteOptions> = {}): { path: string; expected: string[][] } {
  const n = 5000;
  const ids: string[] = [];
  const names: (string | null)[] = [];
  const n32: number[] = [];
  const n64: bigint[] = [];
  const ratio: number[] = [];
  const flag: (boolean | null)[] = [];
  const day: Date[] = [];
  const at: (Date | null)[] = [];
  const atMicros: Date[] = [];
  const amount: (bigint | null)[] = [];
  const f32: number[] = [];
  const expected: string[][] = [];
  for (let i = 0; i < n; i++) {
    const id = `C${String(i).padStart(6, "0")}`;
    const nm = i % 7 === 0 ? null : `홍길동 ${i}, "서울" 중구`;
    const a = i * (i % 2 === 0 ? 1 : -1);
    const b = 2n ** 60n + BigInt(i);
    const d = i / 4;
    const fl = i % 11 === 0 ? null : i % 3 === 0;
    const dy = new Date(Date.UTC(1969, 11, 25) + i * DAY);
    const t = i % 13 === 0 ? null : new Date(T0 + i * 1001);
    const tu = new Date(T0 - i * 60_000);
    const amt = i % 17 === 0 ? null : BigInt(i * 37 - 90_000);
    const f = i % 10 === 0 ? 0.1 : i;
    ids.push(id);
    names.push(nm);
    n32.push(a);
    n64.push(b);
    ratio.push(d);
    flag.push(fl);
    day.push(dy);
    at.push(t);
    atMicros.push(tu);
    amount.push(amt);
    f32.push(f);
    const cents = amt === null ? 0n : amt < 0n ? -amt : amt;
    expected.push([
      id,
      nm ?? "",
      String(a),
      b.toString(),
      String(d),
      fl === null ? "" : String(fl),
      dy.toISOString().slice(0, 10),
      t === null ? "" : t.toISOString(),
      tu.toISOString().replace("Z", "000Z"),
      amt === null ? "" : `${amt < 0n ? "-" : ""}${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`,
      i % 10 === 0 ? "0.1" : String(i),
    ]);
  }
  const path = write(name, {
    columnData: [
      { name: "id", data: ids },
      { name: "name", data: names },
      { name: "n32", data: n32 },
      { name: "n64", data: n64 },
      { name: "ratio", data: ratio },
      { name: "flag", data: flag },
      { name: "day", data: day },
      { name: "at", data: at },
      { name: "at_us", data: atMicros },
      { name: "amount", data: amount },
      { name: "f32", data: f32 },
    ],
    schema: [
      { name: "root", num_children: 11 },
      { name: "id", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
      optional("name", { type: "BYTE_ARRAY", converted_type: "UTF8" }),
      optional("n32", { type: "INT32" }),
      { name: "n64", type: "INT64", repetition_type: "REQUIRED" },
      optional("ratio", { type: "DOUBLE" }),
      optional("flag", { type: "BOOLEAN" }),
      optional("day", { type: "INT32", converted_type: "DATE" }),
      optional("at", { type: "INT64", converted_type: "TIMESTAMP_MILLIS" }),
      optional("at_us", {
        type: "INT64",
        logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MICROS" },
      }),
      optional("amount", { type: "INT64", converted_type: "DECIMAL", scale: 2, precision: 18 }),
      optional("f32", { type: "FLOAT" }),
    ],
    rowGroupSize: 1200,
    ...extra,
  });
  return { path, expected };
}

describe("readParquet", () => {
  it("reads every scalar type as text, across row groups, in bounded batches numbered from 1", async () => {
    const { path, expected } = scalarFile("scalars.parquet");
    const batches = await all(readParquet(path, { batchRows: 1024 }));
    expect(batches[0]?.columns).toEqual([
      "id",
      "name",
      "n32",
      "n64",
      "ratio",
      "flag",
      "day",
      "at",
      "at_us",
      "amount",
      "f32",
    ]);
    expect(batches.map((b) => b.rows.length)).toEqual([1024, 1024, 1024, 1024, 904]);
    expect(batches.map((b) => b.firstRow)).toEqual([1, 1025, 2049, 3073, 4097]);
    expect(batches.every((b) => b.bad.length === 0 && b.badRows.length === 0)).toBe(true);
    expect(batches.flatMap((b) => b.rows)).toEqual(expected);
    const last = batches[4] as RecordBatch;
    expect(rowNumber(last, 903)).toBe(5000);
    expect(last.rows[903]?.[0]).toBe("C004999");
  });

  it("reads only the row groups asked for (a distributed partition), rows numbered from 1 at the first", async () => {
    const { path, expected } = scalarFile("groups.parquet");
    expect((await parquetRowGroups(path)).map((g) => g.rows)).toEqual([1200, 1200, 1200, 1200, 200]);
    const batches = await all(readParquet(path, { batchRows: 1000, rowGroups: { from: 1, to: 3 } }));
    expect(batches.flatMap((b) => b.rows)).toEqual(expected.slice(1200, 3600));
    expect(batches[0]?.firstRow).toBe(1);
    const last = batches.at(-1) as RecordBatch;
    expect(rowNumber(last, last.rows.length - 1)).toBe(2400);
    const tail = await all(readParquet(path, { rowGroups: { from: 4, to: 5 } }));
    expect(tail.flatMap((b) => b.rows)).toEqual(expected.slice(4800));
  });

  it("reads GZIP-compressed files and refuses a codec it cannot decode before reading any row", async () => {
    const { path, expected } = scalarFile("gzip.parquet", {
      codec: "GZIP",
      compressors: { GZIP: (input) => gzipSync(input) },
    });
    expect((await all(readParquet(path))).flatMap((b) => b.rows)).toEqual(expected);

    const lz4 = write("lz4.parquet", {
      columnData: [{ name: "id", data: ["secret-value"] }],
      codec: "LZ4",
      compressors: { LZ4: (input) => input },
    });
    const e = await failure(readParquet(lz4));
    expect(e.code).toBe("unsupported_parquet");
    expect(e.message).toMatch(/LZ4.*Snappy/);
    expect(e.message).not.toContain("secret-value");
  });

  it("turns a list or struct value into a nested_value bad row naming the column, never the value", async () => {
    const path = write("nested.parquet", {
      columnData: [
        { name: "id", data: ["a", "b", "c", "d"] },
        { name: "tags", data: [["secret-1", "secret-2"], null, [], null] },
        { name: "addr", data: [null, null, null, { city: "secret-city" }] },
      ],
      schema: [
        { name: "root", num_children: 3 },
        { name: "id", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
        { name: "tags", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        { name: "element", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
        { name: "addr", repetition_type: "OPTIONAL", num_children: 1 },
        { name: "city", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      ],
    });
    const [batch, ...rest] = await all(readParquet(path));
    expect(rest).toEqual([]);
    expect(batch?.columns).toEqual(["id", "tags", "addr"]);
    expect(batch?.rows).toEqual([["b", "", ""]]);
    expect(batch?.bad.map(({ code, row, column }) => ({ code, row, column }))).toEqual([
      { code: "nested_value", row: 1, column: "tags" },
      { code: "nested_value", row: 3, column: "tags" },
      { code: "nested_value", row: 4, column: "addr" },
    ]);
    expect(batch?.bad[0]?.message).toBe(
      'row 1, column "tags": holds a list, map or struct: flatten it into columns of their own',
    );
    for (const e of batch?.bad ?? []) expect(e.message).not.toMatch(/secret/);
    // the quarantine copy keeps what could be read
    expect(batch?.badRows).toEqual([
      ["a", '["secret-1","secret-2"]', ""],
      ["c", "[]", ""],
      ["d", "", '{"city":"secret-city"}'],
    ]);
    expect(batch && rowNumber(batch, 0)).toBe(2);
  });

  it("reads untyped byte arrays as UTF-8 text, and flags invalid text and fixed-length binary", async () => {
    const enc = new TextEncoder();
    const path = write("binary.parquet", {
      columnData: [
        { name: "note", data: [enc.encode("메모"), new Uint8Array([0xff, 0xfe]), null] },
        { name: "hash", data: [null, null, new Uint8Array([1, 2, 3, 4])] },
        { name: "price", data: [1999n, -5n, 0n] },
        { name: "big", data: [12345678901234567890123456789n, -1n, 0n] },
      ],
      schema: [
        { name: "root", num_children: 4 },
        optional("note", { type: "BYTE_ARRAY" }),
        optional("hash", { type: "FIXED_LEN_BYTE_ARRAY", type_length: 4 }),
        optional("price", { type: "INT32", converted_type: "DECIMAL", scale: 2, precision: 9 }),
        optional("big", {
          type: "FIXED_LEN_BYTE_ARRAY",
          type_length: 16,
          converted_type: "DECIMAL",
          scale: 4,
          precision: 38,
        }),
      ],
    });
    const [batch] = await all(readParquet(path));
    expect(batch?.rows).toEqual([["메모", "", "19.99", "1234567890123456789012345.6789"]]);
    expect(batch?.bad.map(({ code, row, column }) => ({ code, row, column }))).toEqual([
      { code: "bad_encoding", row: 2, column: "note" },
      { code: "nested_value", row: 3, column: "hash" },
    ]);
    expect(batch?.bad[1]?.message).toMatch(/binary data.*hex, base64/);
    expect(batch?.badRows).toEqual([
      ["\uFFFD\uFFFD", "", "-0.05", "-0.0001"],
      ["", "AQIDBA==", "0.00", "0.0000"],
    ]);
  });

  it("yields nothing for a file with a schema and no rows", async () => {
    const path = write("empty-rows.parquet", {
      columnData: [{ name: "id", data: [] }],
      schema: [
        { name: "root", num_children: 1 },
        { name: "id", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      ],
    });
    expect(await all(readParquet(path))).toEqual([]);
  });

  it("refuses stdin, missing, empty, foreign, truncated and damaged files with the path and a fix", async () => {
    const stdin = await failure(readParquet("-"));
    expect(stdin.code).toBe("stdin_parquet");
    expect(stdin.kind).toBe("input");
    expect(stdin.message).toMatch(/stdin cannot be read as Parquet.*pass the file's path/);

    const missing = await failure(readParquet(join(dir, "nope.parquet")));
    expect(missing.code).toBe("file_not_found");
    expect(missing.message).toContain("nope.parquet does not exist");

    const empty = join(dir, "empty.parquet");
    writeFileSync(empty, "");
    expect((await failure(readParquet(empty))).code).toBe("empty_file");

    const csv = join(dir, "really-csv.parquet");
    writeFileSync(csv, "id,name\n1,secret-name\n");
    const foreign = await failure(readParquet(csv));
    expect(foreign.code).toBe("not_parquet");
    expect(foreign.message).toContain(`${csv} is not a Parquet file`);
    expect(foreign.message).not.toContain("secret");

    const { path } = scalarFile("whole.parquet");
    const bytes = readFileSync(path);
    for (const [k, length] of [bytes.length >> 1, bytes.length - 1, 6].entries()) {
      const cut = join(dir, `cut-${k}.parquet`);
      writeFileSync(cut, bytes.subarray(0, length));
      const e = await failure(readParquet(cut));
      expect(e.code).toBe("truncated_file");
      expect(e.message).toMatch(new RegExp(`^${cut} is cut short: .*copy or export it again$`));
    }

    const broken = Buffer.from(bytes);
    broken.fill(0xff, 4, 4096);
    const brokenPath = join(dir, "broken.parquet");
    writeFileSync(brokenPath, broken);
    const damaged = await failure(readParquet(brokenPath));
    expect(damaged.code).toBe("damaged_file");
    expect(damaged.message).toMatch(/row group 1 \(rows 1-1200\) cannot be decoded.*export it again/);
  });

  it("stops early without leaking the file handle", async () => {
    const { path } = scalarFile("early.parquet");
    for (let k = 0; k < 3; k++) {
      for await (const batch of readParquet(path, { batchRows: 10 })) {
        expect(batch.rows).toHaveLength(10);
        break;
      }
    }
  });
});

describe("openReader", () => {
  it("reads Parquet by the .parquet extension (any case) or by format, and refuses stdin at once", async () => {
    const path = write("Customers.PARQUET", { columnData: [{ name: "이름", data: ["김", "이"] }] });
    const batches = await all(openReader(path));
    expect(batches[0]?.columns).toEqual(["이름"]);
    expect(batches.flatMap((b) => b.rows)).toEqual([["김"], ["이"]]);
    const other = join(dir, "customers.bin");
    writeFileSync(other, readFileSync(path));
    expect((await all(openReader(other, "parquet"))).flatMap((b) => b.rows)).toEqual([["김"], ["이"]]);
    expect(() => openReader("-", "parquet")).toThrow(/stdin cannot be read as Parquet/);
    await expect(all(openReader(join(dir, "missing.parquet")))).rejects.toMatchObject({
      code: "file_not_found",
    });
  });
});

describe("value text", () => {
  it("formats days like Date, in and beyond four-digit years", () => {
    for (let days = -800_000; days <= 800_000; days += 997) {
      expect(civilDate(days)).toBe(new Date(days * DAY).toISOString().split("T")[0]);
    }
    expect(civilDate(0)).toBe("1970-01-01");
    expect(civilDate(-719_528)).toBe("0000-01-01");
    expect(civilDate(2_932_897)).toBe("+010000-01-01");
  });

  it("formats timestamps in UTC with the unit's fraction digits, before the epoch too", () => {
    expect(isoTimestamp(-1n, 1000n, 3)).toBe("1969-12-31T23:59:59.999Z");
    expect(isoTimestamp(1_717_120_800_123_456n, 1_000_000n, 6)).toBe("2024-05-31T02:00:00.123456Z");
    expect(isoTimestamp(-1n, 1_000_000_000n, 9)).toBe("1969-12-31T23:59:59.999999999Z");
    expect(isoTimestamp(0, 1000n, 3)).toBe("1970-01-01T00:00:00.000Z");
  });

  it("writes numbers without exponents for integers, floats at their shortest, decimals exactly", () => {
    expect(numberText(1e21)).toBe("1000000000000000000000");
    expect(numberText(-0)).toBe("0");
    expect(numberText(0.5)).toBe("0.5");
    expect(float32Text(Math.fround(0.1))).toBe("0.1");
    expect(float32Text(Math.fround(123.456))).toBe("123.456");
    expect(float32Text(16_777_216)).toBe("16777216");
    expect(decimalText(5, 3)).toBe("0.005");
    expect(decimalText(-5n, 2)).toBe("-0.05");
    expect(decimalText(1999, 0)).toBe("1999");
    expect(decimalText(new Uint8Array([0xff, 0xfe]), 1)).toBe("-0.2");
    expect(decimalText(new Uint8Array([0x00, 0x80]), 2)).toBe("1.28");
  });
});
