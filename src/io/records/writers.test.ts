import { PassThrough } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvReader } from "./csv-reader.js";
import { CsvWriter, csvField, formatCsv } from "./csv-writer.js";
import { parseJsonl } from "./jsonl-reader.js";
import { formatJsonl } from "./jsonl-writer.js";
import type { RecordBatch } from "./types.js";

const enc = (s: string) => new TextEncoder().encode(s);
const text = fc.string({
  unit: fc.constantFrom("a", "Z", "0", ",", '"', "\n", "\r", " ", "한", "글", "é", "😀"),
  maxLength: 12,
});

/** columns: distinct non-empty names; rows: one string per column */
const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
  fc.record({
    columns: fc.uniqueArray(
      text.filter((c) => c !== ""),
      { minLength: width, maxLength: width },
    ),
    rows: fc.array(fc.array(text, { minLength: width, maxLength: width }), { maxLength: 8 }),
  }),
);

/** a single empty column makes an empty line, which readers skip */
const keepable = (t: { columns: string[]; rows: string[][] }) =>
  t.columns.length > 1 || t.rows.every((r) => r[0] !== "");

describe("CSV writer", () => {
  it("quotes only fields that need it", () => {
    expect(csvField("plain 한글")).toBe("plain 한글");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("x\r\ny")).toBe('"x\r\ny"');
    expect(formatCsv({ columns: ["a", "b"], rows: [["1", ""]] }, true)).toBe("a,b\n1,\n");
  });

  it("round-trips arbitrary strings through the reader, in any chunking", () => {
    fc.assert(
      fc.property(table.filter(keepable), fc.integer({ min: 1, max: 64 }), (t, chunk) => {
        const bytes = enc(formatCsv(t, true));
        const reader = new CsvReader({ batchRows: 2 });
        const batches: RecordBatch[] = [];
        for (let at = 0; at < bytes.length; at += chunk)
          batches.push(...reader.push(bytes.subarray(at, at + chunk)));
        batches.push(...reader.end());
        expect(batches.flatMap((b) => b.rows)).toEqual(t.rows);
        expect(batches[0]?.columns ?? t.columns).toEqual(t.columns);
        expect(batches.flatMap((b) => b.bad)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("writes to a stream, header once", async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    const w = new CsvWriter(out);
    await w.write({ columns: ["id", "이름"], rows: [["1", "홍,길동"]] });
    await w.write({ columns: ["id", "이름"], rows: [["2", "김"]] });
    await w.end();
    expect(Buffer.concat(chunks).toString("utf8")).toBe('id,이름\n1,"홍,길동"\n2,김\n');
  });
});

describe("JSON Lines", () => {
  it("converts values to strings and reports bad lines with line numbers, never values", () => {
    const input = [
      '{"id":1,"name":"김민수","vip":true,"note":null}',
      "",
      '{"id":2,"name":"secret-value"',
      "[1,2]",
      '{"id":3,"name":"x","vip":false}',
      '{"id":4,"name":"y","vip":false,"note":"","extra":"secret-extra"}',
      '{"id":5,"name":{"first":"secret"},"vip":false,"note":""}',
      '{"note":"n","vip":false,"name":"z","id":6.5}',
    ].join("\r\n");
    const batches = parseJsonl(enc(input));
    const rows = batches.flatMap((b) => b.rows);
    const bad = batches.flatMap((b) => b.bad);
    expect(batches[0]?.columns).toEqual(["id", "name", "vip", "note"]);
    expect(rows).toEqual([
      ["1", "김민수", "true", ""],
      ["6.5", "z", "false", "n"],
    ]);
    expect(bad.map((e) => [e.code, e.row, e.line, e.column])).toEqual([
      ["bad_json", 2, 3, undefined],
      ["not_object", 3, 4, undefined],
      ["missing_key", 4, 5, "note"],
      ["unknown_key", 5, 6, "extra"],
      ["nested_value", 6, 7, "name"],
    ]);
    for (const e of bad) expect(e.message).not.toMatch(/secret/);
  });

  it("flags invalid UTF-8 and rejects empty and binary files", () => {
    const bytes = Buffer.concat([enc('{"a":"x"}\n{"a":"'), Buffer.from([0xff]), enc('"}\n{"a":"y"}')]);
    const batches = parseJsonl(bytes);
    expect(batches.flatMap((b) => b.rows)).toEqual([["x"], ["y"]]);
    expect(batches.flatMap((b) => b.bad)).toEqual([
      expect.objectContaining({ code: "bad_encoding", row: 2, line: 2 }),
    ]);
    expect(() => parseJsonl(enc("\n\n"))).toThrow(/empty/);
    expect(() => parseJsonl(new Uint8Array([0, 1, 2]))).toThrow(/binary/);
  });

  it("round-trips arbitrary strings through the writer", () => {
    fc.assert(
      // JavaScript objects list integer-like keys ("0", "12") first, so only other keys keep the file's order
      fc.property(table, (t) => {
        if (t.rows.length === 0 || t.columns.some((c) => /^(0|[1-9][0-9]*)$/.test(c))) return;
        const batches = parseJsonl(enc(formatJsonl(t)));
        expect(batches.flatMap((b) => b.rows)).toEqual(t.rows);
        expect(batches[0]?.columns).toEqual(t.columns);
      }),
      { numRuns: 300 },
    );
  });
});
