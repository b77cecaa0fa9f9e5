import { createHmac, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCells } from "../../test/support/cells.js";
import { JikimiError } from "../errors.js";
import type { RowProblem } from "./apply-context.js";
import {
  compilePseudonym,
  compilePseudonymCells,
  type NormalisationKind,
  normalise,
  type PseudonymOptions,
} from "./pseudonym.js";

const KEY_A = new Uint8Array(32).fill(1);
const KEY_B = new Uint8Array(32).fill(2);

function options(o: Partial<PseudonymOptions> = {}): PseudonymOptions {
  return { transform: "pseudonym", normalize: "none", encoding: "base64url", bytes: 32, ...o };
}

function run(values: readonly string[], o: Partial<PseudonymOptions> = {}, key = KEY_A): string[] {
  const out: string[] = [];
  compilePseudonym(options(o), key, { field: "f", problems: () => {} })(values, out);
  return out;
}

const reference = (key: Uint8Array, value: string, o: PseudonymOptions): string =>
  createHmac("sha256", key)
    .update(normalise(o.normalize, value), "utf8")
    .digest()
    .subarray(0, o.bytes)
    .toString(o.encoding);

const KINDS: NormalisationKind[] = ["none", "phone_kr", "email", "lowercase", "digits"];
const anyText = fc.string({ unit: "binary", maxLength: 80 });
/** includes lone surrogates: encoded as U+FFFD, like Buffer and TextEncoder */
const oddUnits = fc.string({ unit: fc.constantFrom("\uD800", "\uDC00", "a", "가", "😀"), maxLength: 12 });
const phoneLike = fc.string({ unit: fc.constantFrom("0", "1", "2", "8", "+", "-", " ", "x"), maxLength: 20 });

describe("pseudonym apply", () => {
  it("equals node:crypto createHmac byte for byte (every normalisation, encoding and length)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.constantFrom(...KINDS),
        fc.constantFrom("hex" as const, "base64url" as const),
        fc.integer({ min: 16, max: 32 }),
        fc.array(fc.oneof(anyText, phoneLike, oddUnits, fc.string({ maxLength: 70 })), { maxLength: 40 }),
        (key, normalize, encoding, bytes, values) => {
          const o = options({ normalize, encoding, bytes });
          const out = run(values, o, key);
          values.forEach((v, i) => {
            const n = normalise(normalize, v);
            expect(out[i]).toBe(v === "" || n === "" ? "" : reference(key, v, o));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("equals createHmac on a large random column (the SIMD path, and more than one chunk)", () => {
    const key = randomBytes(32);
    const values = Array.from({ length: 70_000 }, (_, i) =>
      i % 97 === 0 ? "" : `${randomBytes(1 + (i % 60)).toString("base64")}${i % 5 === 0 ? "홍길동" : ""}`,
    );
    const o = options({ encoding: "hex", bytes: 20 });
    const out = run(values, o, key);
    expect(out).toHaveLength(values.length);
    values.forEach((v, i) => {
      if (out[i] !== (v === "" ? "" : reference(key, v, o))) expect.fail(`row ${i} differs`);
    });
  });

  it("is deterministic under one key and differs under two (two recipients never join)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 30 }),
        (values) => {
          const a1 = run(values);
          const a2 = run(values);
          const b = run(values, {}, KEY_B);
          expect(a2).toEqual(a1);
          values.forEach((_, i) => {
            expect(b[i]).not.toBe(a1[i]);
          });
          // Same value -> same pseudonym within and across batches.
          expect(run([values[0] as string, values[0] as string])).toEqual([a1[0], a1[0]]);
        },
      ),
    );
  });

  it("phone_kr: the written formats of one number give one pseudonym", () => {
    const formats = ["010-1234-5678", "01012345678", "+82 10-1234-5678", "+821012345678", "82-10-1234-5678"];
    const formats0 = ["+82 010-1234-5678", " 010 1234 5678 "];
    const out = run([...formats, ...formats0], { normalize: "phone_kr" });
    expect(new Set(out).size).toBe(1);
    expect(out[0]).toBe(run(["01012345678"])[0]);
    expect(normalise("phone_kr", "+82 10-1234-5678")).toBe("01012345678");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        const d = String(n).padStart(8, "0");
        const spellings = [
          `010${d}`,
          `010-${d.slice(0, 4)}-${d.slice(4)}`,
          `+8210${d}`,
          `+82 10-${d.slice(0, 4)}-${d.slice(4)}`,
        ];
        expect(new Set(run(spellings, { normalize: "phone_kr", encoding: "hex" })).size).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  it("email, lowercase and digits normalise before keying", () => {
    const [a, b] = run(["  Kim.MinJi@Example.CO.KR ", "kim.minji@example.co.kr"], { normalize: "email" });
    expect(a).toBe(b);
    const [c, d] = run(["ABC", "abc"], { normalize: "lowercase" });
    expect(c).toBe(d);
    const [e, f] = run(["900101-1234567", "9001011234567"], { normalize: "digits" });
    expect(e).toBe(f);
    const [g, h] = run(["ABC", "abc"]);
    expect(g).not.toBe(h);
  });

  it("hex and base64url lengths; output never equals the input; '' stays ''", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 32 }),
        fc.string({ minLength: 1, maxLength: 64 }),
        (bytes, v) => {
          const [h] = run([v], { encoding: "hex", bytes });
          const [b] = run([v], { encoding: "base64url", bytes });
          expect(h).toMatch(new RegExp(`^[0-9a-f]{${2 * bytes}}$`));
          expect(b).toMatch(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((4 * bytes) / 3)}}$`));
          expect(h).not.toBe(v);
          expect(b).not.toBe(v);
        },
      ),
    );
    expect(run(["", "x", ""])).toEqual(["", run(["x"])[0], ""]);
  });

  it("a value that normalises to nothing becomes '' and a problem without the value", () => {
    const problems: RowProblem[] = [];
    const out: string[] = [];
    compilePseudonym(options({ normalize: "phone_kr" }), KEY_A, {
      field: "phone",
      problems: (p) => problems.push(p),
    })(["010-1111-2222", "n/a", ""], out);
    expect(out[1]).toBe("");
    expect(out[2]).toBe("");
    expect(problems).toEqual([{ row: 1, field: "phone", code: "normalised_empty" }]);
  });

  it("refuses a key that is not 32 bytes, without printing it", () => {
    const key = new Uint8Array(16).fill(0x61);
    const f = (): unknown => compilePseudonym(options(), key, {});
    expect(f).toThrow(JikimiError);
    expect(f).toThrow(/16 bytes/);
    expect(f).not.toThrow(/aaaa|97,97/);
  });
});

describe("pseudonym cells (field bytes to CSV cell bytes)", () => {
  // what the share gateway's byte tables hold: valid UTF-8 (a lone surrogate cannot occur in them)
  const valueText = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 12 }),
    fc.constantFrom(
      "",
      " ",
      "+82 10-1234-5678",
      "82010 1234 5678",
      "010-1234-5678",
      " Kim.Min@Example.COM\t",
      "É@x.kr",
      "\u3000a@b.c",
    ),
    fc.stringMatching(/^[ \t]*[A-Za-z0-9.+_-]{0,12}@?[A-Za-z.]{0,8}[ \n\r]*$/),
  );
  it("writes, cell by cell, what the column transform gives, and reports the same rows", () => {
    fc.assert(
      fc.property(
        fc.array(valueText, { maxLength: 30 }),
        fc.constantFrom(...KINDS),
        fc.constantFrom("hex", "base64url") as fc.Arbitrary<"hex" | "base64url">,
        fc.integer({ min: 16, max: 32 }),
        (values, normalize, encoding, bytes) => {
          const o = options({ normalize, encoding, bytes });
          const viaStrings: string[] = [];
          const stringProblems: RowProblem[] = [];
          compilePseudonym(o, KEY_A, { field: "f", problems: (p) => stringProblems.push(p) })(
            values,
            viaStrings,
          );
          const cellProblems: RowProblem[] = [];
          const cells = runCells(
            compilePseudonymCells(o, KEY_A, { field: "f", problems: (p) => cellProblems.push(p) }),
            values,
          );
          expect(cells).toEqual(viaStrings);
          expect(cellProblems).toEqual(stringProblems);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
