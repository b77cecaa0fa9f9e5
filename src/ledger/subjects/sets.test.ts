import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { setOfIndexes } from "./sets.js";

describe("a release's set of dictionary indexes", () => {
  it("holds the same members whether they come ascending (a first release) or in any order", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 300_000 }), { maxLength: 2_000 }), (members) => {
        const want = [...members].sort((a, b) => a - b);
        expect(setOfIndexes(Uint32Array.from(members)).toArray()).toEqual(want);
        expect(setOfIndexes(Uint32Array.from(want)).toArray()).toEqual(want);
      }),
      { numRuns: 100 },
    );
  });
});
