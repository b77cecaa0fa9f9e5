// SHA-256 digest sets for enumeration: the generic set of ../digits/digest-set.ts, keyed by digest word 7
// (bytes 28..31, big-endian), which the SHA-256 digit kernel computes after 61 of its 64 rounds.

import { SHA256_DIGESTS, wordAt } from "../digits/digest-set.js";

export { DigestSet, toHex } from "../digits/digest-set.js";

/** Digest word 7 (bytes 28..31, big-endian) as an unsigned 32-bit number. */
export function tailWord(bytes: Uint8Array, offset: number): number {
  return wordAt(bytes, offset + SHA256_DIGESTS.keyOffset, "big");
}
