// Hand-written SHA-256 / HMAC-SHA256 engine for bulk work: keyed pseudonyms, the ledger and the hash audit.
//
// Why hand-written: node:crypto pays a native call, an object and a Buffer per value, which caps short values
// at ~0.45 M HMAC/s (createHmac) and ~0.85 M SHA-256/s (crypto.hash) per core. Measured on the 2-core build
// machine (docs/benchmarks.md, "SHA-256 and HMAC engine"; rates per core of CPU time):
//   - hmacBatch, WebAssembly SIMD, 4 messages per instruction stream: 6.4 M HMAC/s, 14.6x createHmac;
//     4 M ledger IDs in 0.78 s from a cold worker. Portable JS hmacInto: 1.3 M/s (2.9x).
//   - sha256Digits over phone-number formats: 14.4 M hashes/s per thread, 17x crypto.hash; the 10^8 Korean
//     mobile space takes 7.0 CPU-seconds, i.e. ~3.5 s on 2 idle cores (5.9-7.0 s measured on the shared box).
// The digit search itself is ../digits/ (shared with the MD5 and SHA-1 kernels); the SHA-256 names stay here.
// Every fast path is cross-checked against node:crypto on over a million random inputs in the tests; the
// kernels verify themselves when built, and selfTest() re-runs the RFC 4231 vectors through each path.

import { KOREAN_MOBILE_TEMPLATES, sha256DigitTemplate } from "./digest-search.js";
import { DigestSet } from "./digest-set.js";
import { type HmacKey, hmac, hmacBatch, hmacKey } from "./hmac.js";
import { sha256 } from "./sha256.js";
import { RFC4231_CASES } from "./vectors.js";

export {
  type DigitMatch,
  type DigitSearchOptions,
  formatDigits,
  KOREAN_MOBILE_TEMPLATES,
  sha256Digits,
  sha256DigitTemplate,
} from "./digest-search.js";
export { DigestSet, tailWord, toHex } from "./digest-set.js";
export { HmacKey, hmac, hmacBatch, hmacInto, hmacKey } from "./hmac.js";
export { SHA256_IV, SHA256_K, sha256, sha256Into } from "./sha256.js";
export { RFC4231_CASES } from "./vectors.js";
export { wasmAvailable } from "./wasm-kernels.js";

const hexOf = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

/**
 * Re-runs the FIPS 180-4 "abc" vector, all RFC 4231 HMAC-SHA256 cases through `hmac` and through
 * `hmacBatch` (the SIMD kernel, batches padded to 8 messages), and, when `digits` is set, a planted-number
 * search per Korean mobile format. Cheap (about a millisecond plus kernel compilation); false on any mismatch.
 * @example if (!selfTest()) throw new Error("SHA-256 engine self-test failed");
 */
export function selfTest(options: { digits?: boolean } = {}): boolean {
  try {
    const abc = new TextEncoder().encode("abc");
    if (hexOf(sha256(abc)) !== "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
      return false;
    for (const c of RFC4231_CASES) {
      const key = Buffer.from(c.key, "hex");
      const data = Buffer.from(c.data, "hex");
      const k: HmacKey = hmacKey(key);
      if (!hexOf(hmac(k, data)).startsWith(c.mac)) return false;
      // Eight copies force the batch through the SIMD kernel (its threshold), long cases through the fallback.
      const messages = Buffer.concat(Array.from({ length: 8 }, () => data));
      const offsets = Uint32Array.from({ length: 9 }, (_, i) => i * data.length);
      const out = new Uint8Array(8 * 32);
      hmacBatch(k, messages, offsets, out);
      for (let i = 0; i < 8; i++)
        if (!hexOf(out.subarray(i * 32, i * 32 + 32)).startsWith(c.mac)) return false;
    }
    if (options.digits === true) {
      const planted = 12_345_678;
      for (const [template, text] of [
        [KOREAN_MOBILE_TEMPLATES.plain, "01012345678"],
        [KOREAN_MOBILE_TEMPLATES.hyphenated, "010-1234-5678"],
        [KOREAN_MOBILE_TEMPLATES.international, "+821012345678"],
      ] as const) {
        const targets = DigestSet.from([sha256(new TextEncoder().encode(text))]);
        const found = sha256DigitTemplate(template, planted - 1500, planted + 1500, targets);
        if (found.length !== 1 || found[0]?.number !== planted || found[0].text !== text) return false;
      }
    }
    return true;
  } catch {
    return false;
  }
}
