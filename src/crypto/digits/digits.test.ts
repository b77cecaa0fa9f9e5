// The digit kernels of MD5, SHA-1 and SHA-256 against node:crypto: planted numbers in the Korean mobile formats,
// every number of a span (any wrong lane, digit place or key word shows as a missing match), and property tests
// over random templates, ranges and targets. The "js" engine (one reference hash per number) must agree too.
import { createHash, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rng } from "../../../test/support/random.js";
import { JikimiError } from "../../errors.js";
import { orderByKey } from "./digest-set.js";
import {
  DIGIT_ALGORITHMS,
  DIGIT_HASHES,
  DigestSet,
  type DigitAlgorithmName,
  digitTemplateSearch,
  digitTemplateTargets,
  formatDigits,
  KOREAN_MOBILE_TEMPLATES,
  MD5_DIGESTS,
  SHA1_DIGESTS,
} from "./index.js";

const hex = (alg: DigitAlgorithmName, text: string): string => createHash(alg).update(text).digest("hex");

describe.each(DIGIT_ALGORITHMS)("%s digit kernel", (alg) => {
  it("the reference digest is node:crypto's", () => {
    for (const text of ["", "abc", "010-1234-5678", "x".repeat(55)]) {
      const mine = Buffer.from(DIGIT_HASHES[alg].digest(new TextEncoder().encode(text))).toString("hex");
      expect(mine).toBe(hex(alg, text));
    }
  });

  for (const [name, template] of Object.entries(KOREAN_MOBILE_TEMPLATES)) {
    it(`finds planted numbers of the ${name} format, at both ends of the space, with no false match`, () => {
      const next = rng(name.length * 131 + alg.length);
      const start = 43_210_000;
      const end = start + 300_000;
      const planted = new Set<number>([start, end - 1, start + 999, start + 1000, start + 1003]);
      while (planted.size < 30) planted.add(start + (next() % (end - start)));
      const outside = [start - 1, end].map((n) => hex(alg, formatDigits(template, n)));
      const targets = [...[...planted].map((n) => hex(alg, formatDigits(template, n))), ...outside];
      const found = digitTemplateSearch(alg, template, start, end, targets, { engine: "wasm" });
      expect(found.map((m) => m.number)).toEqual([...planted].sort((a, b) => a - b));
      for (const m of found) {
        expect(m.text).toBe(formatDigits(template, m.number));
        expect(m.digest).toBe(hex(alg, m.text));
        expect(targets[m.target]).toBe(m.digest);
      }
      const ends = [0, 1, 99_999_998, 99_999_999].map((n) => hex(alg, formatDigits(template, n)));
      expect(digitTemplateSearch(alg, template, 0, 4000, ends).map((m) => m.number)).toEqual([0, 1]);
      expect(digitTemplateSearch(alg, template, 99_996_000, 100_000_000, ends).map((m) => m.number)).toEqual([
        99_999_998, 99_999_999,
      ]);
    });
  }

  it("the workers' lean search finds the same targets in the same order, on both engines", () => {
    const template = KOREAN_MOBILE_TEMPLATES.hyphenated;
    const start = 5_000_000;
    const end = start + 40_000;
    const next = rng(alg.length * 7919);
    const picked = Array.from({ length: 25 }, () => start + (next() % (end - start)));
    // a digest given twice matches as its first occurrence; one outside the range never
    const targets = DigestSet.from(
      [...picked, picked[0] as number, end].map((n) => hex(alg, formatDigits(template, n))),
      DIGIT_HASHES[alg].digests,
    );
    const full = digitTemplateSearch(alg, template, start, end, targets).map((m) => m.target);
    expect(full.length).toBe(new Set(picked).size);
    for (const engine of ["wasm", "js"] as const) {
      expect(digitTemplateTargets(alg, template, start, end, targets, { engine })).toEqual(full);
    }
  });

  it("a set from packed bytes (what a worker thread receives) is the set of the same digests, copied", () => {
    const spec = DIGIT_HASHES[alg].digests;
    const digests = ["a", "b", "c"].map((t) => createHash(alg).update(t).digest());
    const packed = new Uint8Array(Buffer.concat(digests));
    const set = DigestSet.fromPacked(packed, 3, spec);
    expect([0, 1, 2].map((i) => set.hex(i))).toEqual(digests.map((d) => d.toString("hex")));
    expect(set.indexOf(digests[2] as Uint8Array)).toBe(2);
    packed.fill(0);
    expect(set.indexOf(digests[2] as Uint8Array)).toBe(2);
    expect(() => DigestSet.fromPacked(packed, 4, spec)).toThrow(/4 packed .* need/);
  });

  it("misses nothing: every number of a span is a target, across lanes, groups and range edges", () => {
    for (const template of [...Object.values(KOREAN_MOBILE_TEMPLATES), "id:#####/##-#", "#"]) {
      const limit = 10 ** (template.split("#").length - 1);
      const start = Math.min(2_345_678, limit - Math.min(limit, 12_345));
      const end = Math.min(limit, start + 12_345);
      const all = Array.from({ length: end - start }, (_, i) => hex(alg, formatDigits(template, start + i)));
      const found = digitTemplateSearch(alg, template, start, end, all, { engine: "wasm" });
      expect(found.length, template).toBe(end - start);
      expect(found[0]?.number).toBe(start);
      expect(found.at(-1)?.number).toBe(end - 1);
    }
  });

  it("handles templates of every length up to one block, digits in any word, 15 digits", () => {
    const cases: Array<[string, number, number, number[]]> = [
      ["##", 0, 100, [0, 42, 99]],
      ["a#b#c#d#e#", 0, 100_000, [0, 5, 12_345, 99_999]],
      [`${"x".repeat(40)}###-###-####`, 5_550_000_000, 5_550_010_000, [5_550_000_000, 5_550_004_321]],
      [
        "#".repeat(15),
        999_999_999_990_000,
        1_000_000_000_000_000,
        [999_999_999_990_000, 999_999_999_999_999],
      ],
      [`${"p".repeat(52)}###`, 0, 1000, [0, 1, 500, 999]],
      [`${"q".repeat(44)}#${"r".repeat(7)}##`, 0, 1000, [7, 70, 700]],
    ];
    for (const [template, start, end, numbers] of cases) {
      const targets = numbers.map((n) => hex(alg, formatDigits(template, n)));
      const found = digitTemplateSearch(alg, template, start, end, targets, { engine: "wasm" });
      expect(
        found.map((m) => m.number),
        template,
      ).toEqual([...numbers].sort((a, b) => a - b));
    }
  });

  it("property: over random templates, ranges and targets the kernel finds exactly node:crypto's matches, as the js engine does", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom("0", "1", "9", "+", "-", " ", "x", ":", "#"),
          minLength: 0,
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 10 }),
        fc.string({ unit: fc.constantFrom("0", "5", "-", ")"), minLength: 0, maxLength: 4 }),
        fc.integer({ min: 0, max: 9_999_999_999 }),
        fc.integer({ min: 0, max: 4000 }),
        fc.array(fc.integer({ min: 0, max: 4999 }), { minLength: 1, maxLength: 8 }),
        (stem, digits, tail, rawStart, length, picks) => {
          const template = `${stem.replaceAll("#", "")}${"#".repeat(digits)}${tail}`.slice(-55);
          const places = template.split("#").length - 1;
          const limit = 10 ** places;
          const start = rawStart % limit;
          const end = Math.min(limit, start + length);
          const numbers = picks.map((p) => (start + p) % limit);
          // a random digit string one longer than the template is a decoy nobody enumerates
          const decoy = hex(alg, String(rawStart).padStart(template.length + 1, "7"));
          const targets = [...numbers.map((n) => hex(alg, formatDigits(template, n))), decoy];
          const wasm = digitTemplateSearch(alg, template, start, end, targets, { engine: "wasm" });
          const expected = [...new Set(numbers)].filter((n) => n >= start && n < end).sort((a, b) => a - b);
          expect(wasm.map((m) => m.number)).toEqual(expected);
          for (const m of wasm) expect(m.digest).toBe(hex(alg, formatDigits(template, m.number)));
          if (end - start <= 1500)
            expect(digitTemplateSearch(alg, template, start, end, targets, { engine: "js" })).toEqual(wasm);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("property: a random digit string is found in the plain space exactly when it is a mobile number there", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^010[0-9]{8}$/), fc.integer({ min: 0, max: 2000 }), (phone, before) => {
        const n = Number(phone.slice(3));
        const start = Math.max(0, n - before);
        const found = digitTemplateSearch(alg, "010########", start, Math.min(1e8, start + 3000), [
          hex(alg, phone),
        ]);
        expect(found.map((m) => m.text)).toEqual(n < start + 3000 ? [phone] : []);
      }),
      { numRuns: 25 },
    );
  });
});

describe("digest sets of MD5 and SHA-1", () => {
  it("key MD5 by word A (little-endian) and SHA-1 by word E, and compare every byte", () => {
    const md5 = createHash("md5").update("abc").digest();
    const set = DigestSet.from([md5.toString("hex").toUpperCase()], MD5_DIGESTS);
    expect(set.keyOf(md5)).toBe(md5.readUInt32LE(0));
    expect(set.indexOf(md5)).toBe(0);
    const twin = Buffer.from(md5);
    twin[15] = (twin[15] as number) ^ 1;
    expect(set.indexOf(twin)).toBe(-1);
    const sha1 = createHash("sha1").update("abc").digest();
    const set1 = DigestSet.from([sha1], SHA1_DIGESTS);
    expect(set1.keyOf(sha1)).toBe(sha1.readUInt32BE(16));
    expect(set1.hex(0)).toBe(sha1.toString("hex"));
  });

  it("refuse digests of another size, and a set of another algorithm, without echoing values", () => {
    const sha256 = createHash("sha256").update("01012345678").digest("hex");
    for (const bad of [sha256, randomBytes(20), "zz".repeat(16)]) {
      expect(() => DigestSet.from([bad], MD5_DIGESTS)).toThrow(JikimiError);
    }
    try {
      DigestSet.from([sha256], MD5_DIGESTS);
    } catch (e) {
      expect((e as JikimiError).code).toBe("digest_invalid");
      expect((e as Error).message).not.toContain(sha256);
    }
    const md5Set = DigestSet.from([hex("md5", "x")], MD5_DIGESTS);
    expect(() => digitTemplateSearch("sha1", "##", 0, 10, md5Set)).toThrow(/holds MD5 digests, not SHA-1/);
  });
});

describe("orderByKey", () => {
  it("orders indexes by key ascending, ties by index, like a stable sort", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.integer({ min: 0, max: 5 }), fc.nat(), fc.constant(0xffffffff), fc.constant(0x10000)),
          {
            maxLength: 300,
          },
        ),
        (list) => {
          const keys = Uint32Array.from(list, (k) => k >>> 0);
          const expected = [...keys.keys()].sort(
            (a, b) => (keys[a] as number) - (keys[b] as number) || a - b,
          );
          expect([...orderByKey(keys)]).toEqual(expected);
        },
      ),
    );
  });

  it("a digest given twice matches as its first occurrence", () => {
    const d = (t: string) => createHash("sha256").update(t).digest();
    const set = DigestSet.from([d("a"), d("b"), d("a"), d("c"), d("b")]);
    expect([set.indexOf(d("a")), set.indexOf(d("b")), set.indexOf(d("c"))]).toEqual([0, 1, 3]);
  });
});
