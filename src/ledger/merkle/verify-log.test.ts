// locating tampering: changed, removed, inserted, reordered entries found by running roots; rewritten roots.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JikimiError } from "../../errors.js";
import {
  type Checkpoint,
  EMPTY_ROOT,
  findFirstDivergence,
  firstMismatch,
  HashList,
  leafHash,
  MerkleTree,
  sequentialRoots,
  toHex,
} from "./index.js";

interface Row {
  entry: Uint8Array;
  runningRoot: Uint8Array | undefined;
}

const encode = (s: string) => new TextEncoder().encode(s);

// what the ledger writes: each entry with the root right after it was appended
function writeLog(n: number): { rows: Row[]; checkpoint: Checkpoint } {
  const source = new HashList();
  const tree = new MerkleTree(source);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const entry = encode(`transfer ${i}`);
    const h = leafHash(entry);
    source.push(h);
    tree.append(h);
    rows.push({ entry, runningRoot: tree.root() });
  }
  return { rows, checkpoint: { size: n, root: tree.root() } };
}

// what the verifier sees: leaf hashes recomputed from the stored entries, and the stored running roots
function check(rows: Row[], checkpoint: Checkpoint, strategy?: "bisect" | "linear") {
  const leaves = HashList.of(rows.map((r) => leafHash(r.entry)));
  const storedRootAt = (s: number) => rows[s - 1]?.runningRoot;
  return findFirstDivergence({ leaves, storedRootAt }, checkpoint, strategy ? { strategy } : {});
}

const N = 2300;
const { rows, checkpoint } = writeLog(N);
const positions = [0, 1, 2, 255, 256, 257, 1024, 1500, N - 2, N - 1];

describe("findFirstDivergence", () => {
  it("accepts an intact log, and one that grew after the checkpoint", () => {
    expect(check(rows, checkpoint)).toEqual({ intact: true, size: N });
    const grown = writeLog(N + 5).rows;
    expect(check(grown, checkpoint)).toEqual({ intact: true, size: N });
    expect(check(rows, { size: 0, root: EMPTY_ROOT })).toEqual({ intact: true, size: 0 });
  });

  for (const strategy of ["bisect", "linear"] as const) {
    it(`locates a changed entry (${strategy})`, () => {
      for (const i of positions) {
        const tampered = rows.map((r, j) =>
          j === i ? { ...r, entry: encode(`transfer ${i} (edited)`) } : r,
        );
        expect(check(tampered, checkpoint, strategy)).toEqual({
          intact: false,
          size: N,
          firstIndex: i,
          located: strategy,
        });
      }
    });

    it(`locates a removed, an inserted and a swapped entry (${strategy})`, () => {
      for (const i of positions) {
        const removed = rows.filter((_, j) => j !== i);
        const expected = i === N - 1 ? "truncated" : strategy;
        expect(check(removed, checkpoint, strategy)).toMatchObject({ firstIndex: i, located: expected });
        const forged = { entry: encode("forged"), runningRoot: undefined };
        const inserted = [...rows.slice(0, i), forged, ...rows.slice(i)];
        expect(check(inserted, checkpoint, strategy)).toMatchObject({ firstIndex: i, located: strategy });
        const withRoot = [
          ...rows.slice(0, i),
          { ...forged, runningRoot: rows[i]?.runningRoot },
          ...rows.slice(i),
        ];
        expect(check(withRoot, checkpoint, strategy)).toMatchObject({ firstIndex: i, located: strategy });
        if (i + 1 < N) {
          const swapped = [...rows];
          [swapped[i], swapped[i + 1]] = [swapped[i + 1] as Row, swapped[i] as Row];
          expect(check(swapped, checkpoint, strategy)).toMatchObject({ firstIndex: i, located: strategy });
        }
      }
    });
  }

  it("reports truncation at the first missing entry", () => {
    expect(check(rows.slice(0, 100), checkpoint)).toEqual({
      intact: false,
      size: N,
      firstIndex: 100,
      located: "truncated",
    });
  });

  it("cannot locate tampering when the running roots were rewritten to match, or are absent", () => {
    const i = 700;
    const edited = rows.map((r, j) => (j === i ? { ...r, entry: encode("edited") } : r));
    const rewritten = writeLog(0).rows;
    const source = new HashList();
    const tree = new MerkleTree(source);
    for (const r of edited) {
      const h = leafHash(r.entry);
      source.push(h);
      tree.append(h);
      rewritten.push({ entry: r.entry, runningRoot: tree.root() });
    }
    expect(check(rewritten, checkpoint)).toMatchObject({
      intact: false,
      firstIndex: undefined,
      located: "unlocated",
    });
    // a rewrite that missed one running root is found by the linear fallback
    const sloppy = rewritten.map((r, j) => (j === 900 ? { ...r, runningRoot: rows[j]?.runningRoot } : r));
    expect(check(sloppy, checkpoint)).toMatchObject({ firstIndex: 900, located: "linear" });
    const leaves = HashList.of(edited.map((r) => leafHash(r.entry)));
    expect(findFirstDivergence({ leaves }, checkpoint)).toMatchObject({ located: "unlocated" });
  });

  it("rejects a malformed checkpoint", () => {
    expect(() => check(rows, { size: -1, root: EMPTY_ROOT })).toThrow(JikimiError);
    expect(() => check(rows, { size: 3, root: new Uint8Array(4) })).toThrow(JikimiError);
  });

  it("locates any single tampering in random logs (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.nat(),
        fc.constantFrom("change", "remove", "insert", "swap"),
        (n, seed, kind) => {
          const log = writeLog(n);
          const i = seed % n;
          let tampered = [...log.rows];
          if (kind === "change") tampered[i] = { ...(tampered[i] as Row), entry: encode("x") };
          if (kind === "remove") tampered.splice(i, 1);
          if (kind === "insert") tampered.splice(i, 0, { entry: encode("x"), runningRoot: undefined });
          if (kind === "swap") {
            fc.pre(i + 1 < n);
            tampered = [
              ...tampered.slice(0, i),
              tampered[i + 1] as Row,
              tampered[i] as Row,
              ...tampered.slice(i + 2),
            ];
          }
          expect(check(tampered, log.checkpoint)).toMatchObject({ intact: false, firstIndex: i });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("firstMismatch", () => {
  const roots = Array.from({ length: 21 }, (_, s) => new Uint8Array(32).fill(s));
  const recomputed = (s: number) => roots[s] as Uint8Array;
  const other = new Uint8Array(32).fill(255);

  it("finds the first mismatching size, as a leaf index, by bisection and linearly", () => {
    for (let first = 1; first <= 20; first++) {
      const stored = (s: number) => (s >= first ? other : roots[s]);
      expect(firstMismatch(recomputed, stored, 20)).toBe(first - 1);
      expect(firstMismatch(recomputed, stored, 20, "linear")).toBe(first - 1);
    }
    expect(firstMismatch(recomputed, recomputed, 20)).toBeUndefined();
    expect(firstMismatch(recomputed, recomputed, 0)).toBeUndefined();
    expect(() => firstMismatch(recomputed, recomputed, -1)).toThrow(JikimiError);
  });

  it("needs the linear scan when mismatches are not monotone", () => {
    const stored = (s: number) => (s === 4 || s >= 15 ? other : roots[s]);
    expect(firstMismatch(recomputed, stored, 20, "linear")).toBe(3);
    expect(firstMismatch(recomputed, stored, 20)).toBe(14);
  });

  it("calls the lookups O(log n) times when bisecting", () => {
    let calls = 0;
    const stored = (s: number) => {
      calls++;
      return s >= 1_000_001 ? other : new Uint8Array(32);
    };
    expect(firstMismatch(() => new Uint8Array(32), stored, 2_000_000)).toBe(1_000_000);
    expect(calls).toBeLessThanOrEqual(22);
  });
});

describe("sequentialRoots", () => {
  it("gives the root of every prefix, in order or not", () => {
    const hashes = Array.from({ length: 50 }, (_, i) => leafHash(encode(`${i}`)));
    const tree = MerkleTree.over(HashList.of(hashes), { cacheLevel: 0 });
    const rootAt = sequentialRoots(HashList.of(hashes));
    for (const s of [0, 1, 2, 3, 17, 50, 5, 49]) expect(toHex(rootAt(s))).toBe(toHex(tree.rootAt(s)));
  });
});
