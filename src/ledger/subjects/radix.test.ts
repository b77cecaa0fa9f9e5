// the radix sort against a comparison sort: ascending as unsigned 64-bit (hi, lo), stable, with digits all keys share.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { radixSort64 } from "./radix.js";

describe("radixSort64", () => {
  it("sorts (hi, lo) as unsigned 64-bit numbers, equal keys in input order", () => {
    const word = fc.oneof(
      fc.constantFrom(0, 1, 0x7ff, 0x800, 0xffffffff, 0x80000000),
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 0, max: 7 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(word, word), { maxLength: 300 }), fc.boolean(), (pairs, sameHigh) => {
        const hi = Uint32Array.from(pairs, ([h]) => (sameHigh ? 381 : h));
        const lo = Uint32Array.from(pairs, ([, l]) => l);
        const expected = Array.from(pairs, (_, i) => i).sort(
          (a, b) => (hi[a] as number) - (hi[b] as number) || (lo[a] as number) - (lo[b] as number) || a - b,
        );
        const keys = Array.from(expected, (i) => [hi[i], lo[i]]);
        const sorted = radixSort64(
          hi,
          lo,
          Uint32Array.from(pairs, (_, i) => i),
        );
        expect(Array.from(sorted.order)).toEqual(expected);
        expect(Array.from(sorted.order, (_, r) => [sorted.hi[r], sorted.lo[r]])).toEqual(keys);
      }),
      { numRuns: 500 },
    );
  });
});
