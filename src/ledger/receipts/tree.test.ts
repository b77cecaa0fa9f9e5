// the receipts tree against a naive recomputation: one AES call per member, leafHash per chunk, mth.ts's
// recursive RFC 6962 root and paths; the two-part split a worker takes; the per-entry keys of both hashers.
import { createCipheriv, createHmac, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeRoot, leafHash, toHex, verifyInclusion } from "../merkle/index.js";
import { inclusionPath } from "../merkle/mth.js";
import { RoaringBitmap32 } from "../subjects/roaring.js";
import { fastSubjectHasher, nodeSubjectHasher } from "../subjects/subject-hasher.js";
import { receiptsLeaves, receiptsRoot } from "./parallel.js";
import {
  arraySource,
  chunkCount,
  RECEIPT_CHUNK,
  ReceiptsTree,
  receiptNodes,
  receiptsRootOf,
  rootOfNodes,
  splitOf,
} from "./tree.js";

/** m of one index, one cipher per value: the design's definition, written independently of tree.ts. */
function naiveM(key: Uint8Array, index: number): Buffer {
  const block = Buffer.alloc(16);
  block.writeUInt32BE(index, 12);
  const c = createCipheriv("aes-128-ecb", key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]);
}

function naiveLeaves(key: Uint8Array, indexes: readonly number[]): Uint8Array[] {
  const leaves: Uint8Array[] = [];
  for (let s = 0; s < indexes.length; s += RECEIPT_CHUNK)
    leaves.push(leafHash(Buffer.concat(indexes.slice(s, s + RECEIPT_CHUNK).map((i) => naiveM(key, i)))));
  return leaves;
}

/** `n` distinct indexes below 2^32, ascending, from a seed. */
function indexesOf(n: number, seed: number): number[] {
  const set = new Set<number>();
  let x = seed >>> 0 || 1;
  while (set.size < n) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    set.add(set.size % 3 === 0 ? x : x % (n * 4 + 1));
  }
  return [...set].sort((a, b) => a - b);
}

const flat = (leaves: Uint8Array[]) => Buffer.concat(leaves);

describe("receipts tree", () => {
  const key = randomBytes(16);
  it("gives the naive root for 0, 1, 63, 64, 65, 200 ... members", () => {
    for (const n of [0, 1, 2, 63, 64, 65, 127, 128, 129, 200, 4095, 4096, 4097, 64 * 65 + 3, 20_000]) {
      const indexes = indexesOf(n, n + 7);
      const expected = computeRoot(naiveLeaves(key, indexes));
      const got = receiptsRootOf(key, arraySource(Uint32Array.from(indexes)), n);
      expect(toHex(got), `n = ${n}`).toBe(toHex(expected));
      // from a roaring set, as the ledger calls it
      expect(toHex(receiptsRoot(key, new RoaringBitmap32(indexes))), `n = ${n}`).toBe(toHex(expected));
    }
  });

  it("keeps the RFC 6962 root and paths of mth.ts for any number of chunks (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 700 }), fc.nat(), (leafCount, pick) => {
        const leaves = Array.from({ length: leafCount }, (_, i) => leafHash(Uint8Array.of(i & 255, i >> 8)));
        const tree = new ReceiptsTree(flat(leaves));
        expect(toHex(tree.root())).toBe(toHex(computeRoot(leaves)));
        const at = pick % leafCount;
        const expected: Uint8Array[] = [];
        inclusionPath(at, 0, leafCount, (s, e) => computeRoot(leaves.slice(s, e)), expected);
        expect(tree.path(at).map(toHex)).toEqual(expected.map(toHex));
        expect(verifyInclusion(leaves[at] as Uint8Array, at, leafCount, tree.path(at), tree.root())).toBe(
          true,
        );
      }),
      { numRuns: 200 },
    );
  });

  it("the two parts of a split (a worker's and this thread's) fold to the same root", () => {
    for (const chunks of [1, 2, 3, 31, 32, 33, 64, 65, 100, 129, 1000, 2047, 2048, 2049, 3001]) {
      const n = chunks * RECEIPT_CHUNK - (chunks % 5);
      const members = arraySource(Uint32Array.from(indexesOf(n, chunks)));
      const whole = receiptsRootOf(key, members, n);
      const { mid, height } = splitOf(chunkCount(n));
      expect(mid % 2 ** height).toBe(0);
      expect(mid).toBeLessThanOrEqual(chunkCount(n));
      const lower = receiptNodes(key, members, n, 0, mid, height);
      const upper = receiptNodes(key, members, n, mid, chunkCount(n), height);
      expect(toHex(rootOfNodes(Buffer.concat([lower, upper]))), `${chunks} chunks`).toBe(toHex(whole));
      // the leaves of the parts are the whole tree's leaves
      const leaves = Buffer.concat([
        receiptNodes(key, members, n, 0, mid, 0),
        receiptNodes(key, members, n, mid, chunkCount(n), 0),
      ]);
      expect(toHex(new ReceiptsTree(leaves).root())).toBe(toHex(whole));
    }
  });

  it("leaves from a roaring set are the naive leaves", () => {
    const indexes = indexesOf(3000, 5);
    expect(
      Buffer.from(receiptsLeaves(key, new RoaringBitmap32(indexes))).equals(flat(naiveLeaves(key, indexes))),
    ).toBe(true);
  });

  it("derives one 16-byte key per entry from the ledger-subjects secret, the same in both hashers", () => {
    const secret = randomBytes(32);
    const label = Buffer.from("jikimi-receipt-key/1");
    for (const seq of [0, 1, 255, 256, 2 ** 32 + 5]) {
      const n = Buffer.alloc(8);
      n.writeBigUInt64BE(BigInt(seq));
      const expected = createHmac("sha256", secret)
        .update(Buffer.concat([label, n]))
        .digest()
        .subarray(0, 16);
      expect(Buffer.from(nodeSubjectHasher("k", secret).receiptKey(seq)).equals(expected)).toBe(true);
      expect(Buffer.from(fastSubjectHasher("k", secret).receiptKey(seq)).equals(expected)).toBe(true);
    }
    const h = nodeSubjectHasher("k", secret);
    expect(toHex(h.receiptKey(1))).not.toBe(toHex(h.receiptKey(2)));
    expect(() => h.receiptKey(-1)).toThrow();
  });
});
