// the streaming CSV parser: RFC 4180 quoting, CRLF/LF/CR, and the same records however the text is chunked.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvParser } from "./csv.js";

function parse(chunks: string[]): [string[], boolean][] {
  const out: [string[], boolean][] = [];
  const p = new CsvParser((fields, bad) => out.push([fields, bad]));
  for (const c of chunks) p.push(c);
  p.end();
  return out;
}

describe("CsvParser", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    expect(parse(['a,"b,c","say ""hi""","two\r\nlines",\r\nx,,z'])).toEqual([
      [["a", "b,c", 'say "hi"', "two\r\nlines", ""], false],
      [["x", "", "z"], false],
    ]);
  });

  it("skips blank lines and accepts LF, CRLF and CR", () => {
    expect(parse(["a,b\n\r\nc,d\re,f\r\n\n"])).toEqual([
      [["a", "b"], false],
      [["c", "d"], false],
      [["e", "f"], false],
    ]);
  });

  it("marks misplaced quotes", () => {
    expect(parse(['a"b,c\n"x"y,z\n"open,end'])).toEqual([
      [['a"b', "c"], true],
      [["xy", "z"], true],
      [["open,end"], true],
    ]);
  });

  it("gives the same records whatever the chunking", () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
      fc.string({ maxLength: 6 }).map((s) => `"${s.replaceAll('"', '""')}"`),
    );
    const text = fc
      .array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 })
      .chain((rows) => fc.tuple(fc.constant(rows), fc.constantFrom("\n", "\r\n", "\r")))
      .map(([rows, eol]) => rows.map((r) => r.join(",")).join(eol) + eol);
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (t, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (t.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let prev = 0;
        for (const p of points) {
          chunks.push(t.slice(prev, p));
          prev = p;
        }
        chunks.push(t.slice(prev));
        expect(parse(chunks)).toEqual(parse([t]));
      }),
      { numRuns: 300 },
    );
  });
});
