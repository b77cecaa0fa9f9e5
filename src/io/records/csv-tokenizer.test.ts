// the one CSV tokeniser: RFC 4180 quoting, LF/CRLF/CR, BOM, line numbers and flags, the same records however the
// bytes are chunked, and a round trip through the CSV writer for arbitrary fields (quotes, commas, breaks, Hangul).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JikimiError } from "../../errors.js";
import { CsvTokenizer, type CsvTokenizerOptions, recordProblem } from "./csv-tokenizer.js";
import { formatCsv } from "./csv-writer.js";

interface Token {
  fields: string[];
  line: number;
  badQuote: number;
  badEncoding: boolean;
}

const enc = (s: string) => new TextEncoder().encode(s);

/** Tokenises `bytes` cut into `chunks` pieces at the given points; an open quote at the end is reported as a token. */
function tokens(bytes: Uint8Array, cuts: number[] = [], options: CsvTokenizerOptions = {}) {
  const out: Token[] = [];
  let open: { field: number; line: number } | undefined;
  const tk = new CsvTokenizer(
    {
      record: (fields, line, badQuote, badEncoding) => out.push({ fields, line, badQuote, badEncoding }),
      openQuote: (field, line) => {
        open = { field, line };
      },
    },
    options,
  );
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    tk.push(bytes.subarray(prev, p));
    prev = p;
  }
  tk.end();
  return { out, open };
}

const fieldsOf = (text: string) => tokens(enc(text)).out.map((r) => r.fields);

describe("CsvTokenizer", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    expect(fieldsOf('a,"b,c","say ""hi""","two\r\nlines",\r\nx,,z')).toEqual([
      ["a", "b,c", 'say "hi"', "two\r\nlines", ""],
      ["x", "", "z"],
    ]);
  });

  it("skips blank lines, accepts LF, CRLF and a lone CR, and numbers the physical lines", () => {
    const { out } = tokens(enc('a,b\n\r\nc,d\re,f\r\n\n"g\nh",i\nj,k'));
    expect(out.map((r) => [r.fields, r.line])).toEqual([
      [["a", "b"], 1],
      [["c", "d"], 3],
      [["e", "f"], 4],
      [["g\nh", "i"], 6],
      [["j", "k"], 8],
    ]);
  });

  it("drops a UTF-8 BOM and flags misplaced quotes by field", () => {
    const { out } = tokens(enc('\uFEFFid,name\na"b,c\n"x"y,z\nok,"fine"'));
    expect(out.map((r) => [r.fields, r.badQuote])).toEqual([
      [["id", "name"], -1],
      [['a"b', "c"], 0],
      [["xy", "z"], 0],
      [["ok", "fine"], -1],
    ]);
  });

  it("reports a quote left open at the end with its field and line, and no record", () => {
    const { out, open } = tokens(enc('a,b\n1,"open\nstill open'));
    expect(out.map((r) => r.fields)).toEqual([["a", "b"]]);
    expect(open).toEqual({ field: 1, line: 2 });
  });

  it("flags records whose lines hold invalid UTF-8, and only those", () => {
    const bytes = Uint8Array.from([...enc("a,b\n1,"), 0xff, ...enc("\n2,x\n")]);
    const { out } = tokens(bytes);
    expect(out.map((r) => [r.line, r.badEncoding])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    expect(out[1]?.fields[1]).toBe("\uFFFD");
  });

  it("refuses binary input and a line over the cap, naming the line", () => {
    expect(() => tokens(Uint8Array.from([0x61, 0, 0x0a]))).toThrow(/binary/i);
    const long = enc(`a,b\n1,${"x".repeat(200)}\n`);
    let error: unknown;
    try {
      // the cap bounds what waits for its line end: chunks smaller than the line
      tokens(
        long,
        Array.from({ length: 20 }, (_, k) => k * 16),
        { name: "in.csv", maxLineBytes: 100 },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JikimiError);
    expect((error as JikimiError).code).toBe("line_too_long");
    expect((error as JikimiError).message).toMatch(/in\.csv: line 2 is longer than 100 bytes/);
  });

  it("gives the same tokens whatever the chunking (inside Hangul, quotes and CRLF)", () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
      fc.constantFrom("홍길동", "서울 강남구", 'a"b', '"x"y'),
      fc.string({ maxLength: 6 }).map((s) => `"${s.replaceAll('"', '""')}"`),
    );
    const text = fc
      .tuple(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom("\n", "\r\n", "\r"),
      )
      .map(([rows, eol]) => rows.map((r) => r.join(",")).join(eol) + eol);
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (t, cuts) => {
        const bytes = enc(t);
        expect(tokens(bytes, cuts)).toEqual(tokens(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips arbitrary fields written by the CSV writer, in any chunking", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", "0", " ", ",", '"', "\n", "\r", "\r\n", "홍", "길", "동", "é", "😀"),
      maxLength: 10,
    });
    const rows = fc
      .integer({ min: 1, max: 5 })
      .chain((width) => fc.array(fc.array(text, { minLength: width, maxLength: width }), { maxLength: 8 }));
    fc.assert(
      fc.property(rows, fc.array(fc.nat(), { maxLength: 6 }), (written, cuts) => {
        const bytes = enc(formatCsv({ columns: [], rows: written }, false));
        const { out, open } = tokens(bytes, cuts);
        // a record of one empty field is written as an empty line, which reads as a blank line: skipped
        expect(out.map((r) => r.fields)).toEqual(written.filter((r) => r.length > 1 || r[0] !== ""));
        expect(out.every((r) => r.badQuote === -1 && !r.badEncoding)).toBe(true);
        expect(open).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});

describe("recordProblem", () => {
  const columns = ["id", "name", "city"];

  it("judges the field count first, then quoting, then encoding, naming the column", () => {
    expect(recordProblem(["1", "a"], columns, 0, true)).toEqual({ code: "field_count", column: "city" });
    expect(recordProblem(["1", "a", "b", "c"], columns, -1, false)).toEqual({ code: "field_count" });
    expect(recordProblem(["1", "a", "b"], columns, 1, true)).toEqual({ code: "bad_quote", column: "name" });
    expect(recordProblem(["1", "a", "\uFFFDb"], columns, -1, true)).toEqual({
      code: "bad_encoding",
      column: "city",
    });
    expect(recordProblem(["1", "a", "b"], columns, -1, false)).toBeUndefined();
  });
});
