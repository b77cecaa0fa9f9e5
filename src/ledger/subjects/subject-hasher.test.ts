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

  it("hash keys given as UTF-8 bytes as they hash their text, in shared memory or not, at an offset or not", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.array(fc.string({ unit: "grapheme", maxLength: 20 }), { maxLength: 30 }),
        fc.boolean(),
        fc.nat({ max: 7 }),
        (secret, keys, shared, lead) => {
          const encoded = keys.map((k) => Buffer.from(k, "utf8"));
          const total = encoded.reduce((n, b) => n + b.length, 0);
          const backing = shared ? new SharedArrayBuffer(lead + total) : new ArrayBuffer(lead + total);
          const messages = new Uint8Array(backing, lead, total);
          const offsets = new Uint32Array(keys.length + 1);
          encoded.forEach((b, i) => {
            messages.set(b, offsets[i] as number);
            offsets[i + 1] = (offsets[i] as number) + b.length;
          });
          const expected = Buffer.from(nodeSubjectHasher("k", secret).hashMany(keys));
          expect(
            Buffer.from(nodeSubjectHasher("k", secret).hashEncoded(messages, offsets)).equals(expected),
          ).toBe(true);
          expect(
            Buffer.from(fastSubjectHasher("k", secret).hashEncoded(messages, offsets)).equals(expected),
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
