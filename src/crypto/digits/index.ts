// Digit-space search for the hash audit: MD5, SHA-1 and SHA-256 of every number laid out by a template
// ("010-####-####"), on WebAssembly SIMD kernels generated from one symbolic description per hash.
//
// Why: the 10^8 Korean mobile space is 3 x 10^8 strings in three formats; node:crypto pays a native call and a
// Buffer per hash (about 1-2 M/s per core), the kernels hash four strings per instruction stream and compute only
// the one digest word the prefilter needs (figures in bench/digit-kernels.mjs). Every match is confirmed by a full
// reference hash, and each kernel checks itself against the reference when it is built.
export {
  DIGIT_ALGORITHMS,
  DIGIT_HASHES,
  type DigitAlgorithm,
  type DigitAlgorithmName,
  isDigitAlgorithm,
  MD5_DIGESTS,
  SHA1_DIGESTS,
} from "./algorithms.js";
export { DigestSet, type DigestSpec, SHA256_DIGESTS, toHex, wordAt } from "./digest-set.js";
export {
  type DigitMatch,
  type DigitSearchOptions,
  digitTemplateSearch,
  digitTemplateTargets,
} from "./search.js";
export { formatDigits, MAX_DIGITS, MAX_TEMPLATE_BYTES } from "./template.js";

/** Common formats of a Korean mobile number (010 plus 8 digits). */
export const KOREAN_MOBILE_TEMPLATES = {
  plain: "010########",
  hyphenated: "010-####-####",
  international: "+8210########",
} as const;
