import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dictionaryOrder, hexes } from "../../../test/support/hash-order.js";
import { SubjectHashSet } from "./subject-set.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** A 16-byte hash of four little-endian words. */
function hashOf(words: readonly number[]): Uint8Array {
  const b = Buffer.alloc(16);
  words.forEach((w, k) => {
    b.writeUInt32LE(w >>> 0, k * 4);
  });
  return b;
}

describe("a release's subject set", () => {
  it("keeps distinct subjects distinct as it grows, and hands them over sorted", () => {
    const set = new SubjectHashSet();
    // slots doubled several times on the way
    const n = 150_000;
    const hashes = randomBytes(n * 16);
    for (let from = 0; from < n; from += 1_000)
      set.add(hashes.subarray(from * 16, (from + 1_000) * 16), 1_000);
    expect(set.size).toBe(n);
    set.add(hashes, n);
    expect(set.size).toBe(n);
    const order = dictionaryOrder(hexes(hashes).map((h) => Buffer.from(h, "hex")));
    expect(hexes(set.bytes())).toEqual(order);
    // bytes() is a copy: the set still holds them all; taken: in a buffer of their own size, the set empty
    expect(set.size).toBe(n);
    const taken = set.take();
    expect(taken.byteLength).toBe(n * 16);
    expect(hexes(taken)).toEqual(order);
    expect(set.size).toBe(0);
    // handed over in shared memory, not copied; the emptied set starts a table of its own
    expect(taken.buffer).toBeInstanceOf(SharedArrayBuffer);
    set.add(hashes.subarray(16, 32), 1);
    expect(hex(set.bytes())).toBe(hex(hashes.subarray(16, 32)));
    expect(hexes(taken)).toEqual(order);
  });

  it("sorts runs that wrap round the table's end, the zero hash and first words of zero", () => {
    // a table of 1,024 slots: a first word of 0xffc00000 or more is at home in the last slot, so twenty of them
    // fill it and wrap round to slot 0, where hashes at home in slot 0 wait too
    const list: Uint8Array[] = [];
    for (let i = 0; i < 20; i++) list.push(hashOf([0xffffffff - i, i, 0, 1]));
    for (let i = 0; i < 5; i++) list.push(hashOf([i, 0, 0, i + 1]));
    list.push(
      hashOf([0, 0, 0, 0]),
      hashOf([0, 0, 0, 0]),
      hashOf([0, 0, 1, 0]),
      hashOf([0x80000000, 0, 0, 0]),
    );
    const set = new SubjectHashSet();
    for (const h of [...list].reverse()) set.add(h, 1);
    expect(set.size).toBe(list.length - 1);
    expect(hexes(set.take())).toEqual(dictionaryOrder(list));
  });

  it("holds what a reference set holds, in the dictionary's order, whatever the collisions", () => {
    // first words from a few values (long runs of taken slots, repeats) or anything; the other words small
    const word0 = fc.oneof(
      fc.constantFrom(0, 1, 0x003fffff, 0x00400000, 0x7fffffff, 0xffc00000, 0xffffffff),
      fc.integer({ min: 0, max: 0xffffffff }),
    );
    const hash = fc
      .tuple(
        word0,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
      )
      .map(hashOf);
    fc.assert(
      fc.property(fc.array(hash, { maxLength: 3_000 }), fc.integer({ min: 1, max: 700 }), (list, batch) => {
        const set = new SubjectHashSet();
        const packed = Buffer.concat(list);
        for (let from = 0; from < list.length; from += batch) {
          const to = Math.min(list.length, from + batch);
          set.add(packed.subarray(from * 16, to * 16), to - from);
        }
        const order = dictionaryOrder(list);
        expect(set.size).toBe(order.length);
        expect(hexes(set.bytes())).toEqual(order);
        expect(hexes(set.take())).toEqual(order);
      }),
      { numRuns: 200 },
    );
  });
});
