// fast-check properties over random trees of 1..300 leaves, at several cache levels.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeRoot,
  HashList,
  hashEquals,
  leafHash,
  MerkleTree,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from "./index.js";

const leavesArb = fc
  .array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 300, size: "max" })
  .map((entries) => entries.map(leafHash));
const cacheLevelArb = fc.constantFrom(0, 1, 2, 3, 5, 8);
const build = (leaves: Uint8Array[], cacheLevel: number) =>
  MerkleTree.over(HashList.of(leaves), { cacheLevel });

describe("Merkle tree properties", () => {
  it("the incremental root after every append equals computeRoot over the prefix, as does rootAt", () => {
    fc.assert(
      fc.property(leavesArb, cacheLevelArb, (leaves, cacheLevel) => {
        const source = new HashList();
        const tree = new MerkleTree(source, { cacheLevel });
        leaves.forEach((h, i) => {
          source.push(h);
          tree.append(h);
          expect(toHex(tree.root())).toBe(toHex(computeRoot(leaves.slice(0, i + 1))));
        });
        for (let size = 0; size <= leaves.length; size++)
          expect(toHex(tree.rootAt(size))).toBe(toHex(computeRoot(leaves.slice(0, size))));
      }),
      { numRuns: 12 },
    );
  });

  it("every inclusion proof verifies, for every index, in the full tree and a random smaller one", () => {
    fc.assert(
      fc.property(leavesArb, cacheLevelArb, fc.nat(), (leaves, cacheLevel, seed) => {
        const tree = build(leaves, cacheLevel);
        for (const size of new Set([leaves.length, 1 + (seed % leaves.length)])) {
          const root = tree.rootAt(size);
          for (let index = 0; index < size; index++) {
            const proof = tree.inclusionProof(index, size);
            expect(verifyInclusion(leaves[index] as Uint8Array, index, size, proof, root)).toBe(true);
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it("every consistency proof verifies, from every size to the full size and to a random size", () => {
    fc.assert(
      fc.property(leavesArb, cacheLevelArb, fc.nat(), (leaves, cacheLevel, seed) => {
        const tree = build(leaves, cacheLevel);
        for (const size2 of new Set([leaves.length, seed % (leaves.length + 1)])) {
          const root2 = tree.rootAt(size2);
          for (let size1 = 0; size1 <= size2; size1++) {
            const proof = tree.consistencyProof(size1, size2);
            expect(verifyConsistency(size1, size2, tree.rootAt(size1), root2, proof)).toBe(true);
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it("proofs checked against another tree's roots fail", () => {
    fc.assert(
      fc.property(leavesArb, leavesArb, fc.nat(), fc.nat(), (a, b, i, j) => {
        const size = Math.min(a.length, b.length);
        fc.pre(!a.slice(0, size).every((h, k) => hashEquals(h, b[k] as Uint8Array)));
        const treeA = build(a, 2);
        const treeB = build(b, 8);
        const index = i % size;
        const proof = treeA.inclusionProof(index, size);
        expect(verifyInclusion(a[index] as Uint8Array, index, size, proof, treeA.rootAt(size))).toBe(true);
        expect(verifyInclusion(a[index] as Uint8Array, index, size, proof, treeB.rootAt(size))).toBe(false);
        const size1 = 1 + (j % size);
        const consistency = treeA.consistencyProof(size1, size);
        // the trees may share a prefix of size1 leaves, but never all of the first `size`
        expect(verifyConsistency(size1, size, treeA.rootAt(size1), treeB.rootAt(size), consistency)).toBe(
          false,
        );
        // against B's own pair of roots it passes only if it is B's proof too (e.g. [] when size1 = size, or
        // when a power-of-two size1 hides a difference inside the old tree)
        const same = consistency.map(toHex).join() === treeB.consistencyProof(size1, size).map(toHex).join();
        expect(verifyConsistency(size1, size, treeB.rootAt(size1), treeB.rootAt(size), consistency)).toBe(
          same,
        );
      }),
      { numRuns: 100 },
    );
  });
});
