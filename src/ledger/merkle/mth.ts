// the RFC 9162 recursive definitions (MTH, PATH, PROOF) written literally, over any way of hashing a leaf range.
import { EMPTY_ROOT, nodeHash } from "./hash.js";

/** MTH of the leaves `start..end-1`, however the caller obtains it. */
export type RangeHash = (start: number, end: number) => Uint8Array;

/**
 * The largest power of two strictly smaller than `n` (n >= 2): the RFC 9162 split point `k`.
 * @example splitPoint(5) // 4; splitPoint(8) // 4
 */
export function splitPoint(n: number): number {
  if (n <= 0x80000000) return 2 ** (31 - Math.clz32(n - 1));
  let k = 0x80000000;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True when `n` is a power of two (1, 2, 4, ...). */
export function isPowerOfTwo(n: number): boolean {
  if (n <= 0) return false;
  let m = n;
  while (m > 0x80000000) {
    if (m % 2 !== 0) return false;
    m /= 2;
  }
  return (m & (m - 1)) === 0;
}

/**
 * The Merkle tree hash of a list of leaf hashes, by the RFC 9162 2.1.1 recursion: simple, O(n), for small
 * trees and as the reference the incremental tree is tested against.
 * @example computeRoot([leafHash(a), leafHash(b)]) // nodeHash(leafHash(a), leafHash(b))
 */
export function computeRoot(leafHashes: readonly Uint8Array[]): Uint8Array {
  const mth = (lo: number, hi: number): Uint8Array => {
    if (hi - lo === 1) return leafHashes[lo] as Uint8Array;
    const k = splitPoint(hi - lo);
    return nodeHash(mth(lo, lo + k), mth(lo + k, hi));
  };
  return leafHashes.length === 0 ? EMPTY_ROOT : Uint8Array.from(mth(0, leafHashes.length));
}

/**
 * RFC 9162 2.1.3.1 PATH(m, D[start:end]) with absolute leaf index `m`, appended to `out` (nearest sibling first).
 * @example const proof: Uint8Array[] = []; inclusionPath(5, 0, 8, mth, proof);
 */
export function inclusionPath(
  m: number,
  start: number,
  end: number,
  mth: RangeHash,
  out: Uint8Array[],
): void {
  const n = end - start;
  if (n <= 1) return;
  const k = splitPoint(n);
  if (m < start + k) {
    inclusionPath(m, start, start + k, mth, out);
    out.push(mth(start + k, end));
  } else {
    inclusionPath(m, start + k, end, mth, out);
    out.push(mth(start, start + k));
  }
}

/**
 * RFC 9162 2.1.4.1 SUBPROOF(m, D[start:end], b) with `m` counted from `start`, appended to `out`.
 * PROOF(m, D[n]) is `consistencyPath(m, 0, n, true, mth, out)` for 0 < m < n.
 * @example const proof: Uint8Array[] = []; consistencyPath(6, 0, 8, true, mth, proof);
 */
export function consistencyPath(
  m: number,
  start: number,
  end: number,
  complete: boolean,
  mth: RangeHash,
  out: Uint8Array[],
): void {
  const n = end - start;
  if (m === n) {
    if (!complete) out.push(mth(start, end));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    consistencyPath(m, start, start + k, complete, mth, out);
    out.push(mth(start + k, end));
  } else {
    consistencyPath(m - k, start + k, end, false, mth, out);
    out.push(mth(start, start + k));
  }
}
