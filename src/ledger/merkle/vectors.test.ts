// the published RFC 6962 / RFC 9162 vectors (transparency-dev/merkle): roots, proofs, and tampered proofs failing.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  fromHex,
  HashList,
  leafHash,
  MerkleTree,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from "./index.js";
import { computeRoot } from "./mth.js";

interface Vectors {
  about: string;
  leaves_hex: string[];
  roots_by_size: string[];
  inclusion_proofs: { leaf_index: number; tree_size: number; proof: string[] }[];
  consistency_proofs: { size1: number; size2: number; proof: string[] }[];
}

const vectors = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/rfc6962-merkle.json", import.meta.url), "utf8"),
) as Vectors;
const leaves = vectors.leaves_hex.map((hex) => leafHash(fromHex(hex)));
const hexes = (proof: Uint8Array[]) => proof.map(toHex);
const parse = (proof: string[]) => proof.map(fromHex);

// the vector leaves, then more so that wrong sizes beyond the vectors' 8 leaves have real roots too
const extended = [
  ...leaves,
  ...Array.from({ length: 12 }, (_, i) => leafHash(new TextEncoder().encode(`x${i}`))),
];
const bigTree = MerkleTree.over(HashList.of(extended), { cacheLevel: 1 });
const rootOf = (size: number) => bigTree.rootAt(size);

function flipped(proof: Uint8Array[], element: number, bit: number): Uint8Array[] {
  return proof.map((h, i) => {
    if (i !== element) return h;
    const copy = new Uint8Array(h);
    copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7));
    return copy;
  });
}

/**
 * The tests every published proof gets: it verifies, and fails with any bit flipped or any element added or
 * removed. `verify` checks a proof against the vector's own leaf, sizes and roots; `extras` are the hashes
 * (besides zeros and the proof's own elements) to try inserting.
 */
function itRejectsTampering(proof: Uint8Array[], verify: (p: Uint8Array[]) => boolean, extras: Uint8Array[]) {
  it("verifies", () => expect(verify(proof)).toBe(true));

  it("fails with any bit of any element flipped", () => {
    for (let e = 0; e < proof.length; e++)
      for (let bit = 0; bit < 256; bit++) expect(verify(flipped(proof, e, bit))).toBe(false);
  });

  it("fails with an element added or removed anywhere", () => {
    for (let at = 0; at <= proof.length; at++)
      for (const extra of [new Uint8Array(32), ...extras, ...proof])
        expect(verify([...proof.slice(0, at), extra, ...proof.slice(at)])).toBe(false);
    for (let at = 0; at < proof.length; at++) expect(verify(proof.filter((_, i) => i !== at))).toBe(false);
  });
}

describe("RFC 6962 vectors", () => {
  it("reads the project copy of the vectors", () => {
    expect(vectors.about).toMatch(/leaf_index is 0-based/);
    expect(vectors.roots_by_size).toHaveLength(leaves.length + 1);
  });

  for (const cacheLevel of [0, 1, 2, 8]) {
    it(`computes every published root (cacheLevel ${cacheLevel})`, () => {
      const source = new HashList();
      const tree = new MerkleTree(source, { cacheLevel });
      expect(toHex(tree.root())).toBe(vectors.roots_by_size[0]);
      leaves.forEach((h, i) => {
        source.push(h);
        tree.append(h);
        expect(toHex(tree.root())).toBe(vectors.roots_by_size[i + 1]);
      });
      vectors.roots_by_size.forEach((root, size) => {
        expect(toHex(tree.rootAt(size))).toBe(root);
        expect(toHex(computeRoot(leaves.slice(0, size)))).toBe(root);
      });
    });

    it(`generates every published proof (cacheLevel ${cacheLevel})`, () => {
      const tree = MerkleTree.over(HashList.of(leaves), { cacheLevel });
      for (const v of vectors.inclusion_proofs)
        expect(hexes(tree.inclusionProof(v.leaf_index, v.tree_size))).toEqual(v.proof);
      for (const v of vectors.consistency_proofs)
        expect(hexes(tree.consistencyProof(v.size1, v.size2))).toEqual(v.proof);
    });
  }
});

describe.each(vectors.inclusion_proofs)("inclusion proof of leaf $leaf_index in $tree_size", (v) => {
  const proof = parse(v.proof);
  const leaf = leaves[v.leaf_index] as Uint8Array;
  const root = fromHex(vectors.roots_by_size[v.tree_size] as string);
  const verify = (p: Uint8Array[], index = v.leaf_index, size = v.tree_size, r = root, l = leaf) =>
    verifyInclusion(l, index, size, p, r);

  itRejectsTampering(proof, verify, [leaf, root]);

  it("fails for any other index, any other size (with that size's root), another leaf or root", () => {
    for (let index = 0; index <= v.tree_size + 2; index++)
      if (index !== v.leaf_index) expect(verify(proof, index)).toBe(false);
    for (let size = 0; size < extended.length; size++)
      if (size !== v.tree_size) expect(verify(proof, v.leaf_index, size, rootOf(size))).toBe(false);
    // transparency-dev's probes with the original root (size - 1 may share the path shape, so is not one)
    expect(verify(proof, v.leaf_index, v.tree_size * 2)).toBe(false);
    expect(verify(proof, v.leaf_index, Math.floor(v.tree_size / 2))).toBe(false);
    for (const other of leaves)
      if (other !== leaf) expect(verify(proof, v.leaf_index, v.tree_size, root, other)).toBe(false);
    for (let size = 0; size < extended.length; size++)
      if (size !== v.tree_size) expect(verify(proof, v.leaf_index, v.tree_size, rootOf(size))).toBe(false);
  });

  it("fails rather than throws on malformed input", () => {
    expect(verify([...proof, new Uint8Array(31)])).toBe(false);
    expect(verify(proof, -1)).toBe(false);
    expect(verify(proof, 0.5)).toBe(false);
    expect(verify(proof, v.leaf_index, v.tree_size, new Uint8Array(3))).toBe(false);
  });
});

describe.each(vectors.consistency_proofs)("consistency proof $size1 -> $size2", (v) => {
  const proof = parse(v.proof);
  const root1 = fromHex(vectors.roots_by_size[v.size1] as string);
  const root2 = fromHex(vectors.roots_by_size[v.size2] as string);
  const verify = (p: Uint8Array[], s1 = v.size1, s2 = v.size2, r1 = root1, r2 = root2) =>
    verifyConsistency(s1, s2, r1, r2, p);

  itRejectsTampering(proof, verify, [root1, root2]);

  it("fails for other sizes unless it is that pair's own proof, and for other roots", () => {
    for (let s1 = 0; s1 < extended.length; s1++)
      for (let s2 = 0; s2 < extended.length; s2++) {
        if (s1 === v.size1 && s2 === v.size2) continue;
        // an empty proof is the honest proof of (s, s) and (0, s): those must pass, all else fail
        const honest = s1 <= s2 && hexes(bigTree.consistencyProof(s1, s2)).join() === v.proof.join();
        expect(verify(proof, s1, s2, rootOf(s1), rootOf(s2))).toBe(honest);
      }
    for (let size = 0; size < extended.length; size++) {
      if (size !== v.size1) expect(verify(proof, v.size1, v.size2, rootOf(size), root2)).toBe(false);
      if (size !== v.size2) expect(verify(proof, v.size1, v.size2, root1, rootOf(size))).toBe(false);
    }
  });

  it("fails rather than throws on malformed input", () => {
    expect(verify(proof, v.size2 + 1, v.size2)).toBe(false);
    expect(verify([...proof, new Uint8Array(33)])).toBe(false);
    expect(verify(proof, -1)).toBe(false);
  });
});
