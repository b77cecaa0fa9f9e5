// sorted runs and their merge against the obvious: the union of the sets, sorted bytewise, once each.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeRuns, sortHashes } from "./subject-runs.js";

const toHex = (b: Uint8Array) =>
  Array.from({ length: b.length / 16 }, (_, i) =>
    Buffer.from(b.subarray(i * 16, i * 16 + 16)).toString("hex"),
  );
// hashes that often share their first 8 bytes (the tie-break path) and repeat across runs
const hash = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.uint8Array({ minLength: 8, maxLength: 8 }))
  .map(([p, rest]) => {
    const b = new Uint8Array(16);
    b.fill(p, 0, 8);
    b.set(rest, 8);
    return b;
  });

describe("subject runs", () => {
  it("sorts and merges distinct hashes as the union, sorted, once each", () => {
    fc.assert(
      fc.property(fc.array(fc.array(hash, { maxLength: 40 }), { maxLength: 6 }), (sets) => {
        const runs = sets.map((set) => {
          const distinct = [...new Set(set.map((h) => Buffer.from(h).toString("hex")))];
          const bytes = Buffer.concat(distinct.map((h) => Buffer.from(h, "hex")));
          const sorted = sortHashes(bytes, distinct.length);
          expect(toHex(sorted)).toEqual([...distinct].sort());
          return sorted;
        });
        const merged = mergeRuns(runs);
        const all = [...new Set(sets.flat().map((h) => Buffer.from(h).toString("hex")))].sort();
        expect(merged.count).toBe(all.length);
        expect(toHex(merged.hashes)).toEqual(all);
      }),
      { numRuns: 200 },
    );
  });
});
