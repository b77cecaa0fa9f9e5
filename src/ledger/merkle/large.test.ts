// a 100,000-leaf tree: roots at a few sizes against the plain recursion, and proofs; timed, never asserted on time.
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import {
  computeRoot,
  HashList,
  leafHash,
  MerkleTree,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from "./index.js";

it("builds 100,000 random leaves and answers for past sizes", () => {
  const n = 100_000;
  const entries = randomBytes(n * 24);
  const leaves = Array.from({ length: n }, (_, i) => leafHash(entries.subarray(i * 24, (i + 1) * 24)));
  const started = performance.now();
  const tree = MerkleTree.over(HashList.of(leaves));
  const built = performance.now();
  for (const size of [1, 255, 256, 257, 4097, 65_536, 65_537, 99_999, n]) {
    expect(toHex(tree.rootAt(size)), `root at ${size}`).toBe(toHex(computeRoot(leaves.slice(0, size))));
  }
  const root = tree.root();
  for (const index of [0, 255, 256, 77_777, n - 1]) {
    const proof = tree.inclusionProof(index);
    expect(verifyInclusion(leaves[index] as Uint8Array, index, n, proof, root)).toBe(true);
  }
  for (const size1 of [1, 256, 1000, 65_536, 99_999]) {
    const proof = tree.consistencyProof(size1);
    expect(verifyConsistency(size1, n, tree.rootAt(size1), root, proof)).toBe(true);
  }
  console.info(
    `merkle: built ${n} leaves in ${(built - started).toFixed(0)} ms, checked in ${(performance.now() - built).toFixed(0)} ms`,
  );
});
