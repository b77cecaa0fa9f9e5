import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JikimiError } from "../../errors.js";
import { CsvReader, parseCsv } from "./csv-reader.js";
import { type RecordBatch, rowNumber } from "./types.js";

const enc = (s: string) => new TextEncoder().encode(s);

function collect(batches: RecordBatch[]) {
  return {
    columns: batches[0]?.columns ?? [],
    rows: batches.flatMap((b) => b.rows),
    bad: batches.flatMap((b) => b.bad),
    badRows: batches.flatMap((b) => b.badRows),
  };
}

const parse = (s: string | Uint8Array) => collect(parseCsv(typeof s === "string" ? enc(s) : s));

function parseChunked(bytes: Uint8Array, sizes: number[]) {
  const r = new CsvReader({ batchRows: 3 });
  const out: RecordBatch[] = [];
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length] ?? 1;
    out.push(...r.push(bytes.subarray(at, at + size)));
    at += size;
  }
  out.push(...r.end());
  return collect(out);
}

function fatal(s: string | Uint8Array): JikimiError {
  try {
    parse(s);
  } catch (e) {
    expect(e).toBeInstanceOf(JikimiError);
    expect((e as JikimiError).kind).toBe("input");
    return e as JikimiError;
  }
  throw new Error("expected a JikimiError");
}

describe("CsvReader: RFC 4180", () => {
  it("reads plain rows with LF and CRLF, with or without a final newline", () => {
    for (const text of ["a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4\r\n", "a,b\n1,2\n3,4", "a,b\r\n1,2\r\n3,4"]) {
      expect(parse(text)).toMatchObject({
        columns: ["a", "b"],
        rows: [
          ["1", "2"],
          ["3", "4"],
        ],
        bad: [],
      });
    }
  });

  it("reads quoted fields with commas, escaped quotes and embedded CRLF/LF", () => {
    const r = parse('a,b,c\r\n"x,y","say ""hi""","line1\r\nline2"\r\n"","q\nr",plain\r\n');
    expect(r.rows).toEqual([
      ["x,y", 'say "hi"', "line1\r\nline2"],
      ["", "q\nr", "plain"],
    ]);
  });

  it("drops a UTF-8 BOM and keeps Korean text", () => {
    const r = parse("\uFEFFid,이름\n1,홍길동\n");
    expect(r.columns).toEqual(["id", "이름"]);
    expect(r.rows).toEqual([["1", "홍길동"]]);
  });

  it("keeps empty fields and skips blank lines", () => {
    const r = parse("a,b,c\n,,\n\n1,,3\n\r\n");
    expect(r.rows).toEqual([
      ["", "", ""],
      ["1", "", "3"],
    ]);
  });

  it("numbers rows and lines across quoted line breaks, blank lines and bad rows", () => {
    const batches = parseCsv(enc('a,b\n1,"x\ny"\n2\n\n3,4\n'), { batchRows: 10 });
    const r = collect(batches);
    expect(r.rows).toEqual([
      ["1", "x\ny"],
      ["3", "4"],
    ]);
    expect(r.bad).toEqual([expect.objectContaining({ code: "field_count", row: 2, line: 4, column: "b" })]);
    expect(r.badRows).toEqual([["2"]]);
    const [batch] = batches;
    expect(batch && rowNumber(batch, 1)).toBe(3);
  });
});

describe("CsvReader: errors", () => {
  it("reports a wrong field count with the row and line, never the values", () => {
    const r = parse("id,name,phone\n1,김민수,010-1234-5678\n2,secret-name,010-9999-0000,extra\n");
    expect(r.rows).toHaveLength(1);
    expect(r.bad).toHaveLength(1);
    const e = r.bad[0];
    expect(e).toMatchObject({ code: "field_count", row: 2, line: 3 });
    for (const v of ["secret-name", "010-9999-0000", "extra"]) expect(e?.message).not.toContain(v);
    expect(e?.message).toMatch(/row 2 \(line 3\) has 4 fields, the header has 3/);
  });

  it("flags stray quotes as a row error naming the column", () => {
    const r = parse('a,b\n1,ab"c\n"x"y,2\n');
    expect(r.bad.map((e) => [e.code, e.row, e.column])).toEqual([
      ["bad_quote", 1, "b"],
      ["bad_quote", 2, "a"],
    ]);
    expect(r.bad[0]?.message).not.toContain('ab"c');
  });

  it("flags invalid UTF-8 per row with its number, and keeps the other rows", () => {
    const bytes = Buffer.concat([enc("id,name\n1,김\n2,"), Buffer.from([0xb1, 0xe8]), enc("\n3,ok\n")]);
    const r = parse(bytes);
    expect(r.rows).toEqual([
      ["1", "김"],
      ["3", "ok"],
    ]);
    expect(r.bad).toEqual([
      expect.objectContaining({ code: "bad_encoding", row: 2, line: 3, column: "name" }),
    ]);
    expect(r.bad[0]?.message).toMatch(/UTF-8/);
  });

  it("throws for an empty file, a blank file, a binary file, a bad header and an open quote at the end", () => {
    expect(fatal("").code).toBe("empty_file");
    expect(fatal("\n\r\n").code).toBe("empty_file");
    expect(fatal(new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x0a])).code).toBe("binary_file");
    expect(fatal(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00])).code).toBe("binary_file");
    expect(fatal("a,,b\n1,2,3\n").code).toBe("bad_header");
    expect(fatal("a,a\n1,2\n").code).toBe("bad_header");
    expect(fatal(Buffer.concat([enc("a,"), Buffer.from([0xc0]), enc("\n")])).code).toBe("bad_header");
    const open = fatal('a,b\n1,2\n3,"secret\nstill open\n');
    expect(open.code).toBe("unterminated_quote");
    expect(open.message).toMatch(/row 2 \(line 3\), column "b"/);
    expect(open.message).not.toContain("secret");
  });
});

describe("CsvReader: chunk boundaries", () => {
  const sample =
    '\uFEFFid,이름,메모\r\n1,홍길동,"서울, 강남구 ""본점""\r\n2층"\r\n2,김민수,평범\n3,"이""순신",\n' +
    `4,${"가나다".repeat(30)},"${"한,\n".repeat(10)}"\n5,Émile,끝`;
  const bytes = enc(sample);
  const whole = parse(bytes);

  it("parses the sample", () => {
    expect(whole.rows).toHaveLength(5);
    expect(whole.rows[0]).toEqual(["1", "홍길동", '서울, 강남구 "본점"\r\n2층']);
    expect(whole.bad).toEqual([]);
  });

  it("gives the same result for any chunking (inside Hangul and inside quotes)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }), (sizes) => {
        expect(parseChunked(bytes, sizes)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same errors for any chunking", () => {
    const broken = Buffer.concat([enc("a,b\n1,한글\n2,"), Buffer.from([0xed, 0x95]), enc('\n3\n4,"x\ny"\n')]);
    const ref = parse(broken);
    expect(ref.bad.map((e) => [e.code, e.row, e.line])).toEqual([
      ["bad_encoding", 2, 3],
      ["field_count", 3, 4],
    ]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 10 }), (sizes) => {
        expect(parseChunked(broken, sizes)).toEqual(ref);
      }),
      { numRuns: 200 },
    );
  });
});

describe("CsvReader: generated customers", () => {
  it("matches a naive split of a 1,000-row generated file", () => {
    const cli = join(process.cwd(), "dist/bin/jikimi.js");
    if (!existsSync(cli)) return; // needs `npm run build`
    const dir = mkdtempSync(join(tmpdir(), "jikimi-records-"));
    try {
      const file = join(dir, "c.csv");
      execFileSync(
        process.execPath,
        [cli, "generate", "customers", "--rows", "1000", "--seed", "1", "--out", file],
        {
          stdio: "ignore",
        },
      );
      const bytes = readFileSync(file);
      const lines = bytes.toString("utf8").split("\n");
      if (lines.at(-1) === "") lines.pop();
      const [header, ...data] = lines.map((l) => l.split(","));
      const r = parseChunked(bytes, [65_536, 7, 4096]);
      expect(r.columns).toEqual(header);
      expect(r.rows).toEqual(data);
      expect(r.rows).toHaveLength(1000);
      expect(r.bad).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
