// the tree's contract beyond the vectors: argument errors, the leaf source, sync, hashing helpers.
import { describe, expect, it } from "vitest";
import { JikimiError } from "../../errors.js";
import {
  computeRoot,
  EMPTY_ROOT,
  fromHex,
  HashList,
  type LeafHashSource,
  leafHash,
  MerkleTree,
  nodeHash,
  toHex,
} from "./index.js";
import { isPowerOfTwo, splitPoint } from "./mth.js";

const hashes = (n: number, tag = "e") =>
  Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`${tag}${i}`)));

describe("hashing", () => {
  it("follows RFC 9162: empty root, 0x00 leaf prefix, 0x01 node prefix", () => {
    expect(toHex(EMPTY_ROOT)).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(toHex(leafHash(new Uint8Array(0)))).toBe(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    );
    const [a, b] = hashes(2) as [Uint8Array, Uint8Array];
    expect(toHex(computeRoot([a, b]))).toBe(toHex(nodeHash(a, b)));
    expect(toHex(nodeHash(a, b))).not.toBe(toHex(nodeHash(b, a)));
  });

  it("splits at the largest power of two below n", () => {
    expect([2, 3, 4, 5, 8, 9, 2 ** 31, 2 ** 31 + 1, 2 ** 40 + 7].map(splitPoint)).toEqual([
      1,
      2,
      2,
      4,
      4,
      8,
      2 ** 30,
      2 ** 31,
      2 ** 40,
    ]);
    expect([1, 2, 64, 2 ** 31, 2 ** 40].every(isPowerOfTwo)).toBe(true);
    expect([0, 3, 6, 2 ** 31 + 2, 2 ** 40 + 2].some(isPowerOfTwo)).toBe(false);
  });

  it("parses hex strictly", () => {
    expect(fromHex("00ff")).toEqual(new Uint8Array([0, 255]));
    expect(() => fromHex("0")).toThrow(JikimiError);
    expect(() => fromHex("zz")).toThrow(JikimiError);
  });
});

describe("MerkleTree", () => {
  const tree = MerkleTree.over(HashList.of(hashes(10)));

  it("throws JikimiError on invalid arguments", () => {
    const bad = [
      () => tree.rootAt(11),
      () => tree.rootAt(-1),
      () => tree.rootAt(1.5),
      () => tree.inclusionProof(10, 10),
      () => tree.inclusionProof(0, 0),
      () => tree.inclusionProof(-1, 5),
      () => tree.inclusionProof(0, 11),
      () => tree.consistencyProof(6, 5),
      () => tree.consistencyProof(0, 11),
      () => tree.append(new Uint8Array(31)),
      () => new MerkleTree(new HashList(), { cacheLevel: 31 }),
    ];
    for (const call of bad) {
      expect(call).toThrow(JikimiError);
      try {
        call();
      } catch (e) {
        expect((e as JikimiError).code).toBe("merkle_bad_argument");
      }
    }
    expect(() => tree.inclusionProof(10, 10)).toThrow(/leaf index 10 is not in a tree of 10 leaves/);
    expect(() => tree.consistencyProof(6, 5)).toThrow(/size1 6 must be an integer from 0 to size2 \(5\)/);
  });

  it("gives empty consistency proofs for size1 0 or size1 = size2, and defaults size2 to the tree size", () => {
    expect(tree.consistencyProof(0, 7)).toEqual([]);
    expect(tree.consistencyProof(7, 7)).toEqual([]);
    expect(tree.consistencyProof(3).map(toHex)).toEqual(tree.consistencyProof(3, 10).map(toHex));
    expect(tree.inclusionProof(3).map(toHex)).toEqual(tree.inclusionProof(3, 10).map(toHex));
  });

  it("returns copies, so callers cannot corrupt the cache", () => {
    const t = MerkleTree.over(HashList.of(hashes(40)), { cacheLevel: 0 });
    const before = toHex(t.rootAt(33));
    for (const h of t.inclusionProof(5, 33)) h.fill(0);
    t.rootAt(32).fill(0);
    t.root().fill(0);
    expect(toHex(t.rootAt(33))).toBe(before);
  });

  it("syncs leaves added to the source, in chunks", () => {
    const leaves = hashes(70_000);
    const source = new HashList(4);
    const t = new MerkleTree(source);
    expect(t.sync()).toBe(0);
    for (const h of leaves.slice(0, 3)) source.push(h);
    expect(t.sync()).toBe(3);
    for (const h of leaves.slice(3)) source.push(h);
    expect(t.sync()).toBe(leaves.length - 3);
    expect(toHex(t.root())).toBe(toHex(computeRoot(leaves)));
    expect(t.cacheBytes()).toBeLessThan(70_000 * 32);
  });

  it("reports a source that lags behind or returns the wrong number of bytes", () => {
    const source = new HashList();
    const t = new MerkleTree(source, { cacheLevel: 4 });
    for (const h of hashes(3)) t.append(h); // appended without storing them
    expect(() => t.rootAt(2)).toThrow(expect.objectContaining({ code: "merkle_source_behind" }));
    const short: LeafHashSource = { size: () => 3, leafHashes: () => new Uint8Array(32) };
    const t2 = new MerkleTree(short, { cacheLevel: 4 });
    expect(() => t2.sync()).toThrow(expect.objectContaining({ code: "merkle_source_corrupt" }));
  });
});
