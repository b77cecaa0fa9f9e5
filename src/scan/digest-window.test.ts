// a digest window fed in consecutive parts (blocks counted on worker threads) and merged with follow() keeps what
// one window fed the whole sequence keeps: the same values at the same places, the same others and room left.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIGEST_WINDOW, DigestWindow } from "./digests.js";

const digest = "a".repeat(64);

describe("DigestWindow.follow", () => {
  it("equals one pass over the parts' concatenation", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.boolean(), { maxLength: 700, size: "max" }), { minLength: 1, maxLength: 6 }),
        (parts) => {
          const whole = new DigestWindow();
          const merged = new DigestWindow();
          for (const part of parts) {
            const w = new DigestWindow();
            for (const isDigest of part) {
              const v = isDigest ? digest : "x";
              if (whole.left > 0) whole.add(v);
              if (w.left > 0) w.add(v);
            }
            merged.follow(w);
          }
          expect(merged).toEqual(whole);
          expect(whole.values.length + whole.others).toBe(DIGEST_WINDOW - whole.left);
        },
      ),
      { numRuns: 100 },
    );
  });
});
