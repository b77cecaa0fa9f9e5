// A set of digests built for enumeration: a bitmap prefilter, sorted 32-bit keys, a full compare.
//
// Digests are uniform, so any one 32-bit word of them is a good key; each algorithm picks the word its kernel
// computes soonest (SHA-256 word 7, SHA-1 word 4, MD5 word 0: the search never computes the others). A kernel tests
// the bitmap (a few bits per target, sized to stay in cache), survivors are looked up among the sorted keys, and
// only then are all the bytes compared: false candidates cost almost nothing and true matches are exact.

import { JikimiError } from "../../errors.js";
import type { Endian } from "./template.js";

/** What a set holds: digests of `bytes` bytes, keyed by the 32-bit word at `keyOffset` read in `endian` order. */
export interface DigestSpec {
  /** e.g. "SHA-256" (for messages) */
  readonly name: string;
  readonly bytes: number;
  readonly keyOffset: number;
  readonly endian: Endian;
}

/** SHA-256: 32 bytes, keyed by digest word 7 (bytes 28..31, big-endian). */
export const SHA256_DIGESTS: DigestSpec = { name: "SHA-256", bytes: 32, keyOffset: 28, endian: "big" };

const MIN_BITS_LOG2 = 16;
const MAX_BITS_LOG2 = 26;

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function invalid(spec: DigestSpec, index: number): JikimiError {
  // The value itself is not echoed: a digest of personal data is still personal data.
  return new JikimiError(
    "digest_invalid",
    `target ${index} is not a ${spec.name} digest (${2 * spec.bytes} hex digits or ${spec.bytes} bytes)`,
  );
}

function parseHex(spec: DigestSpec, s: string, index: number, out: Uint8Array, offset: number): void {
  if (s.length !== 2 * spec.bytes) throw invalid(spec, index);
  for (let i = 0; i < spec.bytes; i++) {
    const hi = hexValue(s.charCodeAt(2 * i));
    const lo = hexValue(s.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw invalid(spec, index);
    out[offset + i] = (hi << 4) | lo;
  }
}

/** Lower-case hex of `bytes[offset..offset+length)`. */
export function toHex(bytes: Uint8Array, offset = 0, length = bytes.length - offset): string {
  let s = "";
  for (let i = offset; i < offset + length; i++) s += (bytes[i] as number).toString(16).padStart(2, "0");
  return s;
}

/** The unsigned 32-bit word of `bytes` at `offset` in `endian` order. */
export function wordAt(bytes: Uint8Array, offset: number, endian: Endian): number {
  const b0 = bytes[offset] as number;
  const b1 = bytes[offset + 1] as number;
  const b2 = bytes[offset + 2] as number;
  const b3 = bytes[offset + 3] as number;
  return (
    (endian === "big"
      ? (b0 << 24) | (b1 << 16) | (b2 << 8) | b3
      : (b3 << 24) | (b2 << 16) | (b1 << 8) | b0) >>> 0
  );
}

/**
 * The indexes 0..n-1 ordered by `keys` ascending, ties by index: a stable LSD radix sort on two 16-bit digits
 * (linear; a BigUint64Array of key-index pairs sorted natively took 30 ms for 100,000 targets, in every worker).
 */
export function orderByKey(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const counts = new Uint32Array(65_536);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const d = ((keys[i] as number) >>> shift) & 0xffff;
      counts[d] = (counts[d] as number) + 1;
    }
    let sum = 0;
    for (let d = 0; d < 65_536; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const o = order[i] as number;
      const d = ((keys[o] as number) >>> shift) & 0xffff;
      next[counts[d] as number] = o;
      counts[d] = (counts[d] as number) + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * Target digests for a search, in the caller's order: target i is the i-th value given to
 * {@link DigestSet.from} (a digest given twice matches as its first occurrence). Typed arrays only, so a
 * million targets cost about 40 MB and well under a second to build.
 * @example DigestSet.from(["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"])
 * @example DigestSet.from(["900150983cd24fb0d6963f7d28e17f72"], MD5_DIGESTS)
 */
export class DigestSet {
  /** Number of targets given (duplicates included). */
  readonly size: number;
  /** `spec.bytes` bytes per target, in the order given. */
  readonly digests: Uint8Array;
  /** Prefilter: bit (key >>> shift) is set for every target. */
  readonly bitmap: Uint32Array;
  /** 32 - log2(bitmap bits). */
  readonly shift: number;
  /** Key word of every target, ascending, and the target index for each (ties by index). */
  private readonly keys: Uint32Array;
  private readonly order: Uint32Array;

  private constructor(
    readonly spec: DigestSpec,
    digests: Uint8Array,
    size: number,
  ) {
    this.digests = digests;
    this.size = size;
    let log2 = MIN_BITS_LOG2;
    while (log2 < MAX_BITS_LOG2 && 2 ** log2 < size * 64) log2++;
    this.shift = 32 - log2;
    this.bitmap = new Uint32Array(2 ** (log2 - 5));
    const unsorted = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      const k = this.keyOf(digests, i * spec.bytes);
      const bit = k >>> this.shift;
      this.bitmap[bit >>> 5] = (this.bitmap[bit >>> 5] as number) | (1 << (bit & 31));
      unsorted[i] = k;
    }
    this.order = orderByKey(unsorted);
    this.keys = new Uint32Array(size);
    for (let i = 0; i < size; i++) this.keys[i] = unsorted[this.order[i] as number] as number;
  }

  /**
   * Builds the set from hex strings (any case) or byte arrays of `spec.bytes` (SHA-256 by default); throws
   * `digest_invalid` on anything else.
   */
  static from(targets: Iterable<string | Uint8Array>, spec: DigestSpec = SHA256_DIGESTS): DigestSet {
    const size = spec.bytes;
    let buf = new Uint8Array(size * 1024);
    let n = 0;
    for (const t of targets) {
      if ((n + 1) * size > buf.length) {
        const grown = new Uint8Array(buf.length * 2);
        grown.set(buf);
        buf = grown;
      }
      if (typeof t === "string") parseHex(spec, t, n, buf, n * size);
      else if (t.length === size) buf.set(t, n * size);
      else throw invalid(spec, n);
      n++;
    }
    return new DigestSet(spec, buf.slice(0, n * size), n);
  }

  /**
   * The set of `count` digests laid back to back in `bytes` (e.g. shared memory sent to a worker thread).
   * @example DigestSet.fromPacked(new Uint8Array(shared), 64, MD5_DIGESTS)
   */
  static fromPacked(bytes: Uint8Array, count: number, spec: DigestSpec = SHA256_DIGESTS): DigestSet {
    if (!Number.isInteger(count) || count < 0 || count * spec.bytes > bytes.length) {
      throw new JikimiError(
        "digest_invalid",
        `${count} packed ${spec.name} digests need ${count * spec.bytes} bytes; ${bytes.length} given`,
      );
    }
    return new DigestSet(spec, bytes.slice(0, count * spec.bytes), count);
  }

  /** The key word of the digest at `bytes[offset..)`. */
  keyOf(bytes: Uint8Array, offset = 0): number {
    return wordAt(bytes, offset + this.spec.keyOffset, this.spec.endian);
  }

  /** Whether the prefilter bitmap admits a digest whose key word is `word` (false: certainly absent). */
  mayContainTail(word: number): boolean {
    const bit = (word >>> 0) >>> this.shift;
    return (((this.bitmap[bit >>> 5] as number) >>> (bit & 31)) & 1) === 1;
  }

  /** First position in the sorted keys holding a value >= `word`. */
  private lowerBound(word: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] as number) < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether some target has the key word `word`. */
  hasTail(word: number): boolean {
    const w = word >>> 0;
    return this.keys[this.lowerBound(w)] === w;
  }

  /** Index of the (first) target equal to the digest `bytes[offset..offset+spec.bytes)`, or -1. */
  indexOf(bytes: Uint8Array, offset = 0): number {
    const w = this.keyOf(bytes, offset);
    const size = this.spec.bytes;
    for (let at = this.lowerBound(w); at < this.size && this.keys[at] === w; at++) {
      const i = this.order[at] as number;
      let same = true;
      for (let j = 0; j < size; j++) {
        if (this.digests[i * size + j] !== bytes[offset + j]) {
          same = false;
          break;
        }
      }
      if (same) return i;
    }
    return -1;
  }

  /** Lower-case hex of target `i`. */
  hex(i: number): string {
    return toHex(this.digests, i * this.spec.bytes, this.spec.bytes);
  }
}
