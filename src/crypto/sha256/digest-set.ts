// A set of 32-byte SHA-256 digests built for enumeration: a bitmap prefilter, sorted 32-bit tails, a full compare.
//
// Digests are uniform, so digest word 7 (bytes 28..31) is a good key. A search kernel tests the bitmap (a few
// bits per target, sized to stay in cache), survivors are looked up among the sorted word-7 values, and only then
// are the full 32 bytes compared: false candidates cost almost nothing and true matches are exact.

import { JikimiError } from "../../errors.js";

const MIN_BITS_LOG2 = 16;
const MAX_BITS_LOG2 = 26;

function parseHex(s: string, index: number, out: Uint8Array, offset: number): void {
  if (s.length !== 64) throw invalid(index);
  for (let i = 0; i < 32; i++) {
    const hi = hexValue(s.charCodeAt(2 * i));
    const lo = hexValue(s.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw invalid(index);
    out[offset + i] = (hi << 4) | lo;
  }
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function invalid(index: number): JikimiError {
  // The value itself is not echoed: a digest of personal data is still personal data.
  return new JikimiError(
    "digest_invalid",
    `target ${index} is not a SHA-256 digest (64 hex digits or 32 bytes)`,
  );
}

/** Lower-case hex of `bytes[offset..offset+length)`. */
export function toHex(bytes: Uint8Array, offset = 0, length = bytes.length - offset): string {
  let s = "";
  for (let i = offset; i < offset + length; i++) s += (bytes[i] as number).toString(16).padStart(2, "0");
  return s;
}

/** Digest word 7 (bytes 28..31, big-endian) as an unsigned 32-bit number. */
export function tailWord(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset + 28] as number) << 24) |
      ((bytes[offset + 29] as number) << 16) |
      ((bytes[offset + 30] as number) << 8) |
      (bytes[offset + 31] as number)) >>>
    0
  );
}

/**
 * Target digests for a search, in the caller's order: target i is the i-th value given to
 * {@link DigestSet.from} (a digest given twice matches as its first occurrence). Typed arrays only, so a
 * million targets cost about 40 MB and well under a second to build.
 * @example DigestSet.from(["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"])
 */
export class DigestSet {
  /** Number of targets given (duplicates included). */
  readonly size: number;
  /** 32 bytes per target, in the order given. */
  readonly digests: Uint8Array;
  /** Prefilter: bit (word7 >>> shift) is set for every target. */
  readonly bitmap: Uint32Array;
  /** 32 - log2(bitmap bits). */
  readonly shift: number;
  /** Word 7 of every target, ascending, and the target index for each (ties by index). */
  private readonly tails: Uint32Array;
  private readonly order: Uint32Array;

  private constructor(digests: Uint8Array, size: number) {
    this.digests = digests;
    this.size = size;
    let log2 = MIN_BITS_LOG2;
    while (log2 < MAX_BITS_LOG2 && 2 ** log2 < size * 64) log2++;
    this.shift = 32 - log2;
    this.bitmap = new Uint32Array(2 ** (log2 - 5));
    const keys = new BigUint64Array(size);
    for (let i = 0; i < size; i++) {
      const t = tailWord(digests, i * 32);
      const bit = t >>> this.shift;
      this.bitmap[bit >>> 5] = (this.bitmap[bit >>> 5] as number) | (1 << (bit & 31));
      keys[i] = (BigInt(t) << 32n) | BigInt(i);
    }
    keys.sort();
    this.tails = new Uint32Array(size);
    this.order = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      const key = keys[i] as bigint;
      this.tails[i] = Number(key >> 32n);
      this.order[i] = Number(key & 0xffffffffn);
    }
  }

  /** Builds the set from hex strings (any case) or 32-byte arrays; throws `digest_invalid` on anything else. */
  static from(targets: Iterable<string | Uint8Array>): DigestSet {
    let buf = new Uint8Array(32 * 1024);
    let n = 0;
    for (const t of targets) {
      if ((n + 1) * 32 > buf.length) {
        const grown = new Uint8Array(buf.length * 2);
        grown.set(buf);
        buf = grown;
      }
      if (typeof t === "string") parseHex(t, n, buf, n * 32);
      else if (t.length === 32) buf.set(t, n * 32);
      else throw invalid(n);
      n++;
    }
    return new DigestSet(buf.slice(0, n * 32), n);
  }

  /** Whether the prefilter bitmap admits a digest whose word 7 is `word` (false: certainly absent). */
  mayContainTail(word: number): boolean {
    const bit = (word >>> 0) >>> this.shift;
    return (((this.bitmap[bit >>> 5] as number) >>> (bit & 31)) & 1) === 1;
  }

  /** First position in the sorted tails holding a value >= `word`. */
  private lowerBound(word: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.tails[mid] as number) < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether some target has word 7 equal to `word`. */
  hasTail(word: number): boolean {
    const w = word >>> 0;
    return this.tails[this.lowerBound(w)] === w;
  }

  /** Index of the (first) target equal to the digest `bytes[offset..offset+32)`, or -1. */
  indexOf(bytes: Uint8Array, offset = 0): number {
    const w = tailWord(bytes, offset);
    for (let at = this.lowerBound(w); at < this.size && this.tails[at] === w; at++) {
      const i = this.order[at] as number;
      let same = true;
      for (let j = 0; j < 28; j++) {
        if (this.digests[i * 32 + j] !== bytes[offset + j]) {
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
    return toHex(this.digests, i * 32, 32);
  }
}
