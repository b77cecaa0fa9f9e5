// The hashes the digit search runs: for each, how its digests are keyed (digest-set.ts), the key word written
// symbolically for the WebAssembly kernel (kernel.ts), and the full digest the kernel is checked against and every
// candidate confirmed with: for SHA-256 the portable one of this codebase (sha256.ts, written apart from the symbolic
// rounds the kernel is generated from; 2.4 M/s on an 11-byte message where node:crypto's createHash runs 0.9 M/s,
// which counts when a column has 100,000 matches and for the engine without WebAssembly), node:crypto for MD5 and
// SHA-1.

import { createHash } from "node:crypto";
import { SHA256_IV, sha256 } from "../sha256/sha256.js";
import type { Node } from "../sha256/simd-graph.js";
import { compressSymbolic } from "../sha256/wasm-kernels.js";
import { type DigestSpec, SHA256_DIGESTS } from "./digest-set.js";
import type { KeyFunction } from "./kernel.js";
import { MD5_IV, md5Symbolic } from "./md5.js";
import { SHA1_IV, sha1Symbolic } from "./sha1.js";
import type { Endian } from "./template.js";

/** The hashes with a digit kernel. */
export const DIGIT_ALGORITHMS = ["md5", "sha1", "sha256"] as const;
export type DigitAlgorithmName = (typeof DIGIT_ALGORITHMS)[number];

/** One hash as the digit search sees it. */
export interface DigitAlgorithm {
  readonly name: DigitAlgorithmName;
  /** word order of the message block */
  readonly endian: Endian;
  /** digest size and the key word the kernel computes */
  readonly digests: DigestSpec;
  /** the key word over the 16 message words of one padded block */
  readonly key: KeyFunction;
  /** the whole digest of a message (the reference) */
  digest(bytes: Uint8Array): Uint8Array;
}

const nodeDigest =
  (name: string) =>
  (bytes: Uint8Array): Uint8Array =>
    createHash(name).update(bytes).digest();

/** MD5: 16 bytes, keyed by word A (bytes 0..3, little-endian). */
export const MD5_DIGESTS: DigestSpec = { name: "MD5", bytes: 16, keyOffset: 0, endian: "little" };
/** SHA-1: 20 bytes, keyed by word E (bytes 16..19, big-endian). */
export const SHA1_DIGESTS: DigestSpec = { name: "SHA-1", bytes: 20, keyOffset: 16, endian: "big" };

/** The digit search's hashes by name. */
export const DIGIT_HASHES: Record<DigitAlgorithmName, DigitAlgorithm> = {
  md5: {
    name: "md5",
    endian: "little",
    digests: MD5_DIGESTS,
    key: (g, block) =>
      md5Symbolic(
        g,
        MD5_IV.map((v) => g.const(v)),
        block,
      )[0] as Node,
    digest: nodeDigest("md5"),
  },
  sha1: {
    name: "sha1",
    endian: "big",
    digests: SHA1_DIGESTS,
    key: (g, block) =>
      sha1Symbolic(
        g,
        SHA1_IV.map((v) => g.const(v)),
        block,
      )[4] as Node,
    digest: nodeDigest("sha1"),
  },
  sha256: {
    name: "sha256",
    endian: "big",
    digests: SHA256_DIGESTS,
    key: (g, block) =>
      compressSymbolic(
        g,
        Array.from(SHA256_IV, (v) => g.const(v)),
        block,
      )[7] as Node,
    digest: sha256,
  },
};

/** Whether `name` has a digit kernel. */
export function isDigitAlgorithm(name: string): name is DigitAlgorithmName {
  return (DIGIT_ALGORITHMS as readonly string[]).includes(name);
}
