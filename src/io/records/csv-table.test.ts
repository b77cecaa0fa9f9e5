import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvReader } from "./csv-reader.js";
import { scanPlainCsv, tableFromCsvBlock, tableOfCsvBlock } from "./csv-table.js";
import { type FieldTable, fieldText } from "./field-table.js";

const columns = ["a", "b", "c"];

/** The reference: the RFC 4180 reader with known columns; rows and bad records by 0-based record index. */
function reference(bytes: Uint8Array) {
  const reader = new CsvReader({ columns, batchRows: 1 << 30 });
  const batches = [...reader.push(bytes), ...reader.end()];
  const rows = batches.flatMap((b) => b.rows);
  const bad = batches
    .flatMap((b) => b.bad)
    .map((e) => ({ record: e.row - 1, line: e.line - 1, code: e.code }));
  return { rows, bad };
}

function rowsOf(t: FieldTable): string[][] {
  return Array.from({ length: t.rows }, (_, r) => columns.map((_, f) => fieldText(t, r, f)));
}

const field = fc.oneof(
  fc.constantFrom("", "x", "true", "false", "12", "홍길동", "a b", "2024-01-31"),
  fc.string({ maxLength: 6 }),
  fc.constantFrom('"q,uoted"', '"multi\nline"', '"say ""hi"""', 'bad"quote', '"x"y'),
);
const record = fc.array(field, { minLength: 1, maxLength: 4 }).map((f) => f.join(","));
const block = fc
  .tuple(fc.array(record, { maxLength: 12 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
  .map(([records, eol, last]) => records.join(eol) + (last && records.length > 0 ? eol : ""));

describe("release tables", () => {
  it("hold the same rows and bad records as the RFC 4180 reader, for any block", () => {
    fc.assert(
      fc.property(block, (text) => {
        const bytes = new TextEncoder().encode(text);
        let expected: ReturnType<typeof reference>;
        try {
          expected = reference(bytes);
        } catch {
          // an unterminated quote: the table says so too
          expect(() => tableOfCsvBlock(bytes, columns)).toThrow();
          return;
        }
        const t = tableOfCsvBlock(bytes, columns);
        expect(rowsOf(t)).toEqual(expected.rows);
        expect(t.bad.map((b) => ({ record: b.record, line: b.line, code: b.code }))).toEqual(expected.bad);
        expect(t.records).toBe(expected.rows.length + expected.bad.length);
      }),
      { numRuns: 1000 },
    );
  });

  it("index regular blocks (every record whole, no blank line) in one pass, like the full reader", () => {
    const plainField = fc.constantFrom("", "x", "true", "12", "홍길동", "a b", "2024-01-31", "-");
    const regular = fc
      .tuple(
        fc.array(fc.array(plainField, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
      )
      .map(([records, last]) => records.map((r) => r.join(",")).join("\n") + (last ? "\n" : ""));
    fc.assert(
      fc.property(regular, (text) => {
        const bytes = new TextEncoder().encode(text);
        const t = scanPlainCsv(bytes, 3, columns);
        const expected = reference(bytes);
        expect(t && rowsOf(t)).toEqual(expected.rows);
        expect(t?.bad).toEqual([]);
        expect(t?.lines).toBe(text.split("\n").length - 1);
      }),
      { numRuns: 500 },
    );
  });

  it("index plain blocks in place and agree with the full reader on them", () => {
    const text = "1,x,true\n\n2,홍길동,false\n3,only-two\n4,,\n5,y,true";
    const bytes = new TextEncoder().encode(text);
    const plain = scanPlainCsv(bytes, 3, columns);
    expect(plain?.verbatim).toBe(true);
    const full = tableFromCsvBlock(bytes, columns);
    expect(plain && rowsOf(plain)).toEqual(rowsOf(full));
    expect(plain?.bad).toEqual([{ record: 2, line: 3, code: "field_count", column: "c", fields: 2 }]);
    expect(plain?.lines).toBe(5);
    expect(plain?.records).toBe(5);
  });

  it("leave blocks with quotes, CRs or invalid UTF-8 to the full reader", () => {
    for (const text of ['1,"a",b\n', "1,a,b\r\n"])
      expect(scanPlainCsv(new TextEncoder().encode(text), 3, columns)).toBeUndefined();
    expect(scanPlainCsv(Uint8Array.from([0x31, 0x2c, 0xff, 0x2c, 0x32, 0x0a]), 3, columns)).toBeUndefined();
    const bad = tableOfCsvBlock(Uint8Array.from([0x31, 0x2c, 0xff, 0x2c, 0x32, 0x0a]), columns);
    expect(bad.bad).toEqual([{ record: 0, line: 0, code: "bad_encoding", column: "b" }]);
  });
});
