import { createHash, hash as nodeHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rng, weightedLength } from "../../../test/support/random.js";
import { sha256, sha256Into } from "./sha256.js";
import { SHA256_VECTORS } from "./vectors.js";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

describe("sha256 (portable reference)", () => {
  for (const v of SHA256_VECTORS) {
    it(`matches the FIPS 180-4 example: ${v.name}`, () => {
      const bytes = new TextEncoder().encode(v.text.repeat(v.repeat));
      expect(hex(sha256(bytes))).toBe(v.digest);
    });
  }

  it("agrees with node:crypto for every length 0..300 (all padding boundaries)", () => {
    const next = rng(7);
    for (let len = 0; len <= 300; len++) {
      const bytes = Uint8Array.from({ length: len }, () => next() & 0xff);
      expect(hex(sha256(bytes)), `length ${len}`).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });

  it("agrees with node:crypto on 1,000,000 random inputs (lengths 0..200, weighted short)", () => {
    const seed = 0x5eed2560;
    const next = rng(seed);
    const pool = Buffer.alloc(1 << 16);
    for (let i = 0; i < pool.length; i++) pool[i] = next() & 0xff;
    const out = new Uint8Array(32);
    let mismatches = 0;
    let first = "";
    for (let i = 0; i < 1_000_000; i++) {
      const len = weightedLength(next);
      const at = next() % (pool.length - len);
      const msg = pool.subarray(at, at + len);
      sha256Into(msg, out, 0);
      const ref = nodeHash("sha256", msg, "buffer");
      if (ref.compare(out) !== 0) {
        mismatches++;
        if (first === "") first = `input ${i} (seed ${seed}) length ${len}`;
      }
    }
    expect(first).toBe("");
    expect(mismatches).toBe(0);
  });

  it("property: any message, any offset into the output buffer", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 0, max: 31 }), (msg, offset) => {
        const out = new Uint8Array(64);
        sha256Into(msg, out, offset);
        expect(hex(out.subarray(offset, offset + 32))).toBe(createHash("sha256").update(msg).digest("hex"));
        expect(out.subarray(0, offset).every((b) => b === 0)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
