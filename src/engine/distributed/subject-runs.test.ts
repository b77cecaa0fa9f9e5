// sorted runs and their merge against the obvious: the union of the sets, sorted bytewise, once each.

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeRunFiles, mergeRuns, sortHashes } from "./subject-runs.js";

const toHex = (b: Uint8Array) =>
  Array.from({ length: b.length / 16 }, (_, i) =>
    Buffer.from(b.subarray(i * 16, i * 16 + 16)).toString("hex"),
  );
// hashes that often share their first 8 bytes (the tie-break path) and repeat across runs
const hash = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.uint8Array({ minLength: 8, maxLength: 8 }))
  .map(([p, rest]) => {
    const b = new Uint8Array(16);
    b.fill(p, 0, 8);
    b.set(rest, 8);
    return b;
  });

describe("subject runs", () => {
  it("sorts and merges distinct hashes as the union, sorted, once each", () => {
    fc.assert(
      fc.property(fc.array(fc.array(hash, { maxLength: 40 }), { maxLength: 6 }), (sets) => {
        const runs = sets.map((set) => {
          const distinct = [...new Set(set.map((h) => Buffer.from(h).toString("hex")))];
          const bytes = Buffer.concat(distinct.map((h) => Buffer.from(h, "hex")));
          const sorted = sortHashes(bytes, distinct.length);
          expect(toHex(sorted)).toEqual([...distinct].sort());
          return sorted;
        });
        const merged = mergeRuns(runs);
        const all = [...new Set(sets.flat().map((h) => Buffer.from(h).toString("hex")))].sort();
        expect(merged.count).toBe(all.length);
        expect(toHex(merged.hashes)).toEqual(all);
      }),
      { numRuns: 200 },
    );
  });

  it("merges runs from files through windows as it merges them in memory, across window edges", () => {
    const dir = mkdtempSync(join(tmpdir(), "jikimi-runs-"));
    try {
      // runs longer than a window (4,096), sharing a third of their hashes, one empty
      const shared = randomBytes(3_000 * 16);
      const runs = [9_000, 4_096, 0, 12_345, 1].map((n) => {
        const own = randomBytes(n * 16);
        const both = Buffer.concat([own, shared.subarray(0, Math.min(n, 3_000) * 16)]);
        const distinct = [...new Set(toHex(both))];
        return sortHashes(Buffer.concat(distinct.map((h) => Buffer.from(h, "hex"))), distinct.length);
      });
      const paths = runs.map((run, i) => {
        const path = join(dir, `p-${i}.subjects`);
        writeFileSync(path, run);
        return path;
      });
      const fromFiles = mergeRunFiles(paths);
      const inMemory = mergeRuns(runs);
      expect(fromFiles.count).toBe(inMemory.count);
      expect(Buffer.from(fromFiles.hashes).equals(Buffer.from(inMemory.hashes))).toBe(true);
      expect(fromFiles.count).toBe(9_000 + 4_096 + 12_345 + 1 + 3_000);
      writeFileSync(paths[0] as string, randomBytes(17));
      expect(() => mergeRunFiles(paths)).toThrow(/multiple of 16/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
