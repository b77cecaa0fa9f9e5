import { createHmac } from "node:crypto";
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomBytes, rng, weightedLength } from "../../../test/support/random.js";
import { JikimiError } from "../../errors.js";
import { hmac, hmacBatch, hmacInto, hmacKey } from "./hmac.js";
import { RFC4231_CASES } from "./vectors.js";
import { getHmacKernel, HmacLayout } from "./wasm-kernels.js";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const nodeHmac = (key: Uint8Array, msg: Uint8Array): Buffer => createHmac("sha256", key).update(msg).digest();

/** Packs messages as (bytes, offsets with n + 1 entries). */
function pack(messages: readonly Uint8Array[], lead = 0): { bytes: Buffer; offsets: Uint32Array } {
  const offsets = new Uint32Array(messages.length + 1);
  offsets[0] = lead;
  messages.forEach((m, i) => {
    offsets[i + 1] = (offsets[i] as number) + m.length;
  });
  return { bytes: Buffer.concat([Buffer.alloc(lead, 0xee), ...messages]), offsets };
}

describe("HMAC-SHA256", () => {
  it("builds the WebAssembly SIMD kernel on this runtime", () => {
    expect(getHmacKernel()).not.toBeNull();
  });

  for (const c of RFC4231_CASES) {
    it(`RFC 4231 ${c.name}: single, and batched through the SIMD kernel`, () => {
      const key = Buffer.from(c.key, "hex");
      const data = Buffer.from(c.data, "hex");
      const k = hmacKey(key);
      // Case 5 publishes only the first 128 bits: compare that prefix.
      expect(hex(hmac(k, data)).slice(0, c.mac.length)).toBe(c.mac);
      const { bytes, offsets } = pack(Array.from({ length: 9 }, () => data));
      const out = new Uint8Array(9 * 32);
      hmacBatch(k, bytes, offsets, out);
      for (let i = 0; i < 9; i++)
        expect(hex(out.subarray(32 * i, 32 * i + 32)).slice(0, c.mac.length)).toBe(c.mac);
    });
  }

  it("agrees with node:crypto for every message length 0..300 and key length 0..200", () => {
    const next = rng(11);
    for (let len = 0; len <= 300; len++) {
      const key = randomBytes(next, len % 201);
      const msg = randomBytes(next, len);
      expect(hex(hmac(hmacKey(key), msg)), `length ${len}`).toBe(hex(nodeHmac(key, msg)));
    }
  });

  it("agrees with node:crypto on 1,000,000 random messages under 125,000 random keys (lengths 0..200)", () => {
    const seed = 0x4a1c0de;
    const next = rng(seed);
    const pool = randomBytes(next, 1 << 16);
    const out = new Uint8Array(32);
    let first = "";
    let mismatches = 0;
    let key = pool.subarray(0, 0);
    let k = hmacKey(key);
    for (let i = 0; i < 1_000_000; i++) {
      if (i % 8 === 0) {
        const klen = weightedLength(next);
        const ka = next() % (pool.length - klen);
        key = pool.subarray(ka, ka + klen);
        k = hmacKey(key);
      }
      const mlen = weightedLength(next);
      const ma = next() % (pool.length - mlen);
      hmacInto(k, pool, ma, ma + mlen, out, 0);
      const ref = createHmac("sha256", key)
        .update(pool.subarray(ma, ma + mlen))
        .digest();
      if (ref.compare(out) !== 0) {
        mismatches++;
        if (first === "")
          first = `message ${i} (seed ${seed}) key ${key.length} bytes, message ${mlen} bytes`;
      }
    }
    expect(first).toBe("");
    expect(mismatches).toBe(0);
  });

  it("hmacBatch agrees with node:crypto on 1,000,000 random messages across 200 random keys", () => {
    const seed = 0xba7c4;
    const next = rng(seed);
    const pool = randomBytes(next, 1 << 20);
    let first = "";
    let mismatches = 0;
    for (let batch = 0; batch < 200; batch++) {
      const key = randomBytes(next, weightedLength(next));
      const k = hmacKey(key);
      const n = 5000;
      const offsets = new Uint32Array(n + 1);
      offsets[0] = next() % 7; // a non-zero start exercises the kernel's base offset
      for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i] as number) + weightedLength(next);
      const need = (offsets[n] as number) + (next() % 5);
      const at = next() % (pool.length - need);
      const bytes = pool.subarray(at, at + need);
      const out = new Uint8Array(n * 32);
      hmacBatch(k, bytes, offsets, out);
      for (let i = 0; i < n; i++) {
        const ref = createHmac("sha256", key)
          .update(bytes.subarray(offsets[i], offsets[i + 1]))
          .digest();
        if (ref.compare(out, 32 * i, 32 * i + 32) !== 0) {
          mismatches++;
          if (first === "") first = `batch ${batch} message ${i} (seed ${seed})`;
        }
      }
    }
    expect(first).toBe("");
    expect(mismatches).toBe(0);
  });

  it("hmacBatch handles chunk edges, empty messages, and messages larger than a kernel chunk", () => {
    const next = rng(3);
    const key = randomBytes(next, 32);
    const k = hmacKey(key);
    const big = randomBytes(next, HmacLayout.messageCapacity + 1000);
    const messages: Buffer[] = [];
    for (let i = 0; i < HmacLayout.chunk * 2 + 5; i++)
      messages.push(randomBytes(next, i % 3 === 0 ? 0 : i % 60));
    messages.splice(4097, 0, big);
    messages.splice(10, 0, randomBytes(next, 3000));
    const { bytes, offsets } = pack(messages, 5);
    const out = new Uint8Array(messages.length * 32);
    hmacBatch(k, bytes, offsets, out);
    messages.forEach((m, i) => {
      expect(hex(out.subarray(32 * i, 32 * i + 32)), `message ${i}`).toBe(hex(nodeHmac(key, m)));
    });
  });

  it("property: a batch equals one hmac per message, for any messages and key", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 150 }),
        fc.array(fc.uint8Array({ maxLength: 150 }), { maxLength: 40 }),
        (key, messages) => {
          const k = hmacKey(key);
          const { bytes, offsets } = pack(messages);
          const out = new Uint8Array(messages.length * 32 + 32).fill(0xaa);
          hmacBatch(k, bytes, offsets, out);
          messages.forEach((m, i) => {
            expect(hex(out.subarray(32 * i, 32 * i + 32))).toBe(hex(hmac(k, m)));
          });
          expect(out.subarray(messages.length * 32).every((b) => b === 0xaa)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("does not modify the caller's key and does not reveal key material", () => {
    const secret = Buffer.from("KEY-MATERIAL-0123456789-KEY-MATERIAL-0123456789-KEY-MATERIAL-0123456789");
    const copy = Buffer.from(secret);
    const k = hmacKey(secret);
    expect(secret.equals(copy)).toBe(true);
    for (const shown of [String(k), JSON.stringify(k), inspect(k, { showHidden: true, depth: 5 })]) {
      expect(shown).toContain("redacted");
      expect(shown).not.toContain("KEY-MATERIAL");
    }
  });

  it("rejects malformed batches with a stable code and no key or data in the message", () => {
    const secret = Buffer.from("SECRET-KEY");
    const k = hmacKey(secret);
    const bytes = Buffer.from("0101234567801098765432");
    const cases: Array<[Uint32Array, number]> = [
      [new Uint32Array(0), 0],
      [Uint32Array.of(0, 11, 22), 32],
      [Uint32Array.of(0, 11, 5), 64],
      [Uint32Array.of(0, 11, 23), 64],
    ];
    for (const [offsets, outLength] of cases) {
      let error: unknown;
      try {
        hmacBatch(k, bytes, offsets, new Uint8Array(outLength));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(JikimiError);
      const message = (error as JikimiError).message;
      expect((error as JikimiError).code).toBe("sha256_batch_shape");
      expect(message).not.toContain("SECRET");
      expect(message).not.toContain(secret.toString("hex"));
      expect(message).not.toContain("01012345678");
    }
  });
});
