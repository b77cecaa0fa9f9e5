import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fastSubjectHasher, nodeSubjectHasher } from "./subject-hasher.js";

describe("subject hashers", () => {
  it("the batch engine gives node:crypto's bytes for any keys", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        fc.array(fc.string({ maxLength: 70 }), { maxLength: 40 }),
        (secret, keys) => {
          const a = nodeSubjectHasher("k", secret).hashMany(keys);
          const b = fastSubjectHasher("k", secret).hashMany(keys);
          expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("agrees on a large batch of customer IDs and Korean text", () => {
    const keys = Array.from({ length: 20_000 }, (_, i) =>
      i % 7 === 0 ? `고객-${i}` : `HB${String(i).padStart(10, "0")}`,
    );
    const secret = Buffer.from("a ledger subject key of 32 bytes");
    expect(
      Buffer.from(fastSubjectHasher("k", secret).hashMany(keys)).equals(
        Buffer.from(nodeSubjectHasher("k", secret).hashMany(keys)),
      ),
    ).toBe(true);
  });
});
