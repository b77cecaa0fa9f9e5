import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileMask, type MaskOptions, maskKept } from "./mask.js";

function run(values: readonly string[], o: Partial<MaskOptions> = {}): string[] {
  const out: string[] = [];
  compileMask({ transform: "mask", keep_start: 0, keep_end: 0, char: "*", ...o })(values, out);
  return out;
}

describe("mask apply", () => {
  it("masks phone numbers, names and e-mails", () => {
    expect(run(["010-1234-5678"], { keep_start: 3, keep_end: 4 })).toEqual(["010******5678"]);
    expect(run(["홍길동", "남궁민수", "이산"], { keep_start: 1, keep_end: 1 })).toEqual([
      "홍*동",
      "남**수",
      "이*",
    ]);
    expect(run(["abc", ""], { char: "#" })).toEqual(["###", ""]);
    expect(run(["😀😀😀x"], { keep_end: 1, char: "●" })).toEqual(["●●●x"]);
    expect(run(["a"], { keep_start: 5 })).toEqual(["*"]);
  });

  it("keeps the length in code points and the kept characters, and masks at least one", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom("홍", "길", "😀", "a"),
            fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
          ),
          maxLength: 300,
        }),
        fc.nat(20),
        fc.nat(20),
        fc.constantFrom("*", "●", "x"),
        (v, ks, ke, char) => {
          const [out] = run([v], { keep_start: ks, keep_end: ke, char });
          const a = Array.from(v);
          const b = Array.from(out as string);
          expect(b).toHaveLength(a.length);
          const [s, e] = maskKept(a.length, ks, ke);
          expect(s).toBe(Math.min(ks, Math.max(0, a.length - 1)));
          expect(b.slice(0, s)).toEqual(a.slice(0, s));
          expect(b.slice(a.length - e)).toEqual(a.slice(a.length - e));
          expect(b.slice(s, a.length - e).every((c) => c === char)).toBe(true);
          if (a.length > 0) expect(a.length - s - e).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
