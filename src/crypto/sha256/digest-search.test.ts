import { hash as nodeHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rng } from "../../../test/support/random.js";
import { JikimiError } from "../../errors.js";
import { formatDigits, KOREAN_MOBILE_TEMPLATES, sha256Digits, sha256DigitTemplate } from "./digest-search.js";
import { DigestSet } from "./digest-set.js";
import { selfTest } from "./index.js";

const digestOf = (text: string): string => nodeHash("sha256", text, "hex");

const engines = ["wasm", "js"] as const;

describe("formatDigits", () => {
  it("zero-pads into the template's digit places", () => {
    expect(formatDigits("010########", 1234)).toBe("01000001234");
    expect(formatDigits(KOREAN_MOBILE_TEMPLATES.hyphenated, 12_345_678)).toBe("010-1234-5678");
    expect(formatDigits(KOREAN_MOBILE_TEMPLATES.international, 99_999_999)).toBe("+821099999999");
  });
});

describe("DigestSet", () => {
  it("accepts hex of either case and raw bytes, keeps the caller's order, and finds exact digests only", () => {
    const a = digestOf("a");
    const set = DigestSet.from([digestOf("b"), a, a.toUpperCase(), Buffer.from(digestOf("c"), "hex")]);
    expect(set.size).toBe(4);
    expect(set.indexOf(Buffer.from(a, "hex"))).toBe(1); // a duplicate matches as its first occurrence
    expect(set.indexOf(Buffer.from(digestOf("c"), "hex"))).toBe(3);
    expect(set.indexOf(Buffer.from(digestOf("d"), "hex"))).toBe(-1);
    expect(set.hex(0)).toBe(digestOf("b"));
    // Same word 7, different elsewhere: not a match.
    const twin = Buffer.from(a, "hex");
    twin[0] = (twin[0] as number) ^ 1;
    expect(set.indexOf(twin)).toBe(-1);
    expect(set.hasTail(twin.readUInt32BE(28))).toBe(true);
  });

  it("builds a million targets quickly, finds each of a sample, and searches with them", () => {
    const hexes = Array.from({ length: 1_000_000 }, (_, i) => digestOf(`t${i}`));
    hexes[123_456] = digestOf("01055550000");
    hexes[654_321] = digestOf("01055559999");
    const t = performance.now();
    const set = DigestSet.from(hexes);
    expect(performance.now() - t).toBeLessThan(5000);
    for (const i of [0, 1, 777_777, 999_999]) {
      expect(set.indexOf(Buffer.from(hexes[i] as string, "hex"))).toBe(i);
    }
    expect(set.indexOf(Buffer.from(digestOf("absent"), "hex"))).toBe(-1);
    // An 8 MB bitmap (memory growth) and ~1.5% false candidates, all rejected by the exact checks.
    const found = sha256Digits("010", 8, 55_500_000, 55_600_000, set);
    expect(found.map((m) => [m.text, m.target])).toEqual([
      ["01055550000", 123_456],
      ["01055559999", 654_321],
    ]);
  });

  it("rejects malformed targets without echoing them", () => {
    for (const bad of ["01012345678", `${digestOf("a").slice(0, 63)}g`, new Uint8Array(31)]) {
      expect(() => DigestSet.from([bad])).toThrow(JikimiError);
      try {
        DigestSet.from([bad]);
      } catch (e) {
        expect((e as JikimiError).message).not.toContain("01012345678");
      }
    }
  });
});

describe("sha256Digits / sha256DigitTemplate", () => {
  it("passes its startup self-test, including the digit kernels", () => {
    expect(selfTest()).toBe(true);
    expect(selfTest({ digits: true })).toBe(true);
  });

  for (const [name, template] of Object.entries(KOREAN_MOBILE_TEMPLATES)) {
    it(`finds planted random numbers in the ${name} format with no false positives (wasm and js agree)`, () => {
      const next = rng(name.length * 977);
      const start = 31_234_567;
      const end = start + 400_000;
      const planted = new Set<number>([start, end - 1, start + 999, start + 1000]);
      while (planted.size < 40) planted.add(start + (next() % (end - start)));
      const outside = [start - 1, end, 0, 99_999_999].map((n) => digestOf(formatDigits(template, n)));
      const targets = [...[...planted].map((n) => digestOf(formatDigits(template, n))), ...outside];
      const expected = [...planted].sort((a, b) => a - b);
      for (const engine of engines) {
        if (engine === "js" && name !== "plain") continue; // the portable path is slow; one format suffices
        const found = sha256DigitTemplate(template, start, end, new Set(targets), { engine });
        expect(found.map((m) => m.number)).toEqual(expected);
        for (const m of found) {
          expect(m.text).toBe(formatDigits(template, m.number));
          expect(m.digest).toBe(digestOf(m.text));
          expect(targets[m.target]).toBe(m.digest);
        }
      }
    });
  }

  it("misses nothing: every number of a span is a target, across lanes, groups and range edges", () => {
    // Every hash of 12,345 consecutive numbers (straddling 1000-number groups and 4-lane blocks) is a target,
    // so any wrong lane, digit placement or word-7 value in the kernel shows up as a missing match.
    for (const template of [...Object.values(KOREAN_MOBILE_TEMPLATES), "id:#####/##-#"]) {
      const start = 2_345_678;
      const end = start + 12_345;
      const all = Array.from({ length: end - start }, (_, i) => digestOf(formatDigits(template, start + i)));
      const found = sha256DigitTemplate(template, start, end, DigestSet.from(all));
      expect(found.length, template).toBe(end - start);
      expect(found[0]?.number).toBe(start);
      expect(found.at(-1)?.number).toBe(end - 1);
    }
  });

  it("sha256Digits is prefix + zero-padded digits, with an end-exclusive range", () => {
    const targets = DigestSet.from(["01000000000", "01000000001", "01099999999"].map(digestOf));
    expect(sha256Digits("010", 8, 0, 2, targets).map((m) => m.text)).toEqual(["01000000000", "01000000001"]);
    expect(sha256Digits("010", 8, 1, 1, targets)).toEqual([]);
    expect(sha256Digits("010", 8, 99_999_000, 100_000_000, targets).map((m) => m.number)).toEqual([
      99_999_999,
    ]);
  });

  it("handles short, long, scattered and 15-digit templates", () => {
    const cases: Array<[string, number, number, number[]]> = [
      ["#", 0, 10, [0, 7, 9]],
      ["##", 0, 100, [0, 42, 99]],
      ["a#b#c#d#e#", 0, 100_000, [0, 5, 12_345, 99_999]],
      [`${"x".repeat(40)}###-###-####`, 5_550_000_000, 5_550_010_000, [5_550_000_000, 5_550_004_321]],
      [
        "#".repeat(15),
        999_999_999_990_000,
        1_000_000_000_000_000,
        [999_999_999_999_999, 999_999_999_990_000],
      ],
      [`${"p".repeat(52)}###`, 0, 1000, [0, 1, 500, 999]],
    ];
    for (const [template, start, end, numbers] of cases) {
      const targets = numbers.map((n) => digestOf(formatDigits(template, n)));
      for (const engine of engines) {
        if (engine === "js" && end - start > 200_000) continue;
        const found = sha256DigitTemplate(template, start, end, targets, { engine });
        expect(
          found.map((m) => m.number),
          `${template} ${engine}`,
        ).toEqual([...numbers].sort((a, b) => a - b));
      }
    }
  });

  it("property: the wasm kernel and the portable path agree on random templates and ranges", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("0", "1", "+", "-", " ", "x", "#"), minLength: 0, maxLength: 20 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.integer({ min: 0, max: 5999 }), { minLength: 1, maxLength: 8 }),
        (stem, digits, rawStart, length, picks) => {
          const template = `${stem.replaceAll("#", "")}${"#".repeat(digits)}`;
          const limit = 10 ** digits;
          const start = rawStart % limit;
          const end = Math.min(limit, start + length);
          const targets = picks.map((p) => digestOf(formatDigits(template, (start + p) % limit)));
          const wasm = sha256DigitTemplate(template, start, end, targets, { engine: "wasm" });
          const js = sha256DigitTemplate(template, start, end, targets, { engine: "js" });
          expect(wasm).toEqual(js);
          const expected = [...new Set(picks.map((p) => (start + p) % limit))].filter(
            (n) => n >= start && n < end,
          );
          expect(wasm.map((m) => m.number)).toEqual(expected.sort((a, b) => a - b));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("rejects bad templates and ranges with a stable code", () => {
    const targets = [digestOf("x")];
    const bad: Array<() => unknown> = [
      () => sha256DigitTemplate("no digits", 0, 1, targets),
      () => sha256DigitTemplate("#".repeat(16), 0, 1, targets),
      () => sha256DigitTemplate(`${"x".repeat(50)}######`, 0, 1, targets),
      () => sha256DigitTemplate("전화##", 0, 1, targets),
      () => sha256Digits("010", 8, -1, 5, targets),
      () => sha256Digits("010", 8, 5, 4, targets),
      () => sha256Digits("010", 8, 0, 100_000_001, targets),
      () => sha256Digits("010", 8, 0.5, 5, targets),
      () => sha256Digits("0#0", 8, 0, 5, targets),
      () => sha256Digits("010", 0, 0, 1, targets),
    ];
    for (const f of bad) {
      expect(f).toThrow(JikimiError);
      try {
        f();
      } catch (e) {
        expect((e as JikimiError).code).toBe("digit_template_invalid");
      }
    }
  });
});
