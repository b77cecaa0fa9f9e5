// proof verifiers (RFC 9162 2.1.3.2 and 2.1.4.2): pure, return false on any bad input, never throw.
import { EMPTY_ROOT, HASH_SIZE, hashEquals, nodeHash } from "./hash.js";
import { isPowerOfTwo } from "./mth.js";

const isHash = (h: unknown): h is Uint8Array => h instanceof Uint8Array && h.length === HASH_SIZE;
const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
const odd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/**
 * Checks that `proof` proves the leaf with hash `leafHash` sits at `index` in the tree of `size` leaves
 * whose root is `root` (RFC 9162 2.1.3.2). Returns false for a bad proof, an index outside the tree,
 * or hashes that are not 32 bytes.
 * @example verifyInclusion(leafHash(entry), 5, 8, tree.inclusionProof(5, 8), tree.rootAt(8)) // true
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!(isCount(index) && isCount(size) && index < size && isHash(leafHash) && isHash(root))) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0 || !isHash(p)) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && hashEquals(r, root);
}

/**
 * Checks that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves with root
 * `root1` (RFC 9162 2.1.4.2). Equal sizes need an empty proof and equal roots; size1 = 0 needs an empty
 * proof and the empty root. Returns false for a bad proof or size1 > size2; never throws.
 * @example verifyConsistency(6, 8, tree.rootAt(6), tree.rootAt(8), tree.consistencyProof(6, 8)) // true
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!(isCount(size1) && isCount(size2) && size1 <= size2 && isHash(root1) && isHash(root2))) return false;
  if (size1 === size2) return proof.length === 0 && hashEquals(root1, root2);
  if (size1 === 0) return proof.length === 0 && hashEquals(root1, EMPTY_ROOT);
  if (proof.length === 0 || !proof.every(isHash)) return false;
  // a size1 that is a power of two is a complete left subtree: its root is the implied first proof node
  let fn = size1 - 1;
  let sn = size2 - 1;
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && hashEquals(fr, root1) && hashEquals(sr, root2);
}
