import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { dictionaryOrder, hexes, numberOf } from "../../../test/support/hash-order.js";
import { JikimiError } from "../../errors.js";
import { spillFolder } from "../../io/spill-files.js";
import { SubjectHashSet } from "./subject-set.js";

const dir = mkdtempSync(join(tmpdir(), "jikimi-staged-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a subject set staged on disk", () => {
  it("gives the distinct hashes sorted, repeats within and across runs left out, whatever the bound", () => {
    fc.assert(
      fc.property(
        // a pool of hashes (some sharing their first words), drawn with repeats, added in blocks
        fc.array(fc.uint8Array({ minLength: 16, maxLength: 16 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 0, maxLength: 400 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 50 }),
        (pool, picks, at, block) => {
          for (const [i, h] of pool.entries())
            if (i % 3 === 1) h.set((pool[i - 1] as Uint8Array).subarray(0, 8));
          const drawn = picks.map((p) => pool[p % pool.length] as Uint8Array);
          const set = new SubjectHashSet({ place: spillFolder(dir), at });
          for (let from = 0; from < drawn.length; from += block) {
            const part = drawn.slice(from, from + block);
            set.add(Buffer.concat(part), part.length);
          }
          const want = dictionaryOrder(drawn);
          expect(set.size).toBe(want.length);
          const sorted = set.sorted();
          if (want.length > at) {
            expect(set.staged).toBe(true);
            const got: string[] = [];
            for (const piece of (sorted as NonNullable<typeof sorted>).pieces()) got.push(...hexes(piece));
            expect(got).toEqual(want);
            expect(hexes(set.bytes())).toEqual(want);
            expect(() => set.take()).toThrow(/sorted/);
          } else if (sorted === undefined) {
            // never more than the bound at once: held in memory, in the order first seen
            expect(set.staged).toBe(false);
            expect([...hexes(set.bytes())].sort()).toEqual([...want].sort());
          }
          set.dispose();
          set.dispose();
          expect(readdirSync(dir)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads back more than a piece of hashes in order, and leaves no file even while staged", () => {
    // 200,000 distinct hashes (3.2 MB: pieces of 1 MiB), each added twice, held 30,000 at a time
    const n = 200_000;
    const hashes = Buffer.alloc(n * 16);
    for (let i = 0; i < n; i++) {
      hashes.writeUInt32LE(Math.imul(i, 2654435761) >>> 0, i * 16);
      hashes.writeUInt32LE(i, i * 16 + 4);
    }
    const set = new SubjectHashSet({ place: spillFolder(dir), at: 30_000 });
    set.add(hashes, n);
    set.add(hashes.subarray(0, (n / 2) * 16), n / 2);
    // the files are unlinked once open: nothing to find in the folder, nothing to leave if the run is killed
    expect(readdirSync(dir)).toEqual([]);
    const sorted = set.sorted();
    expect(sorted?.count).toBe(n);
    let previous = -1n;
    let seen = 0;
    for (const piece of sorted?.pieces() ?? []) {
      expect(piece.length).toBeLessThanOrEqual(1 << 20);
      for (let at = 0; at < piece.length; at += 16) {
        const v = numberOf(piece.subarray(at, at + 16));
        expect(v > previous).toBe(true);
        previous = v;
        seen++;
      }
    }
    expect(seen).toBe(n);
    expect(() => set.add(hashes, 1)).toThrow(/merged/);
    set.dispose();
  });

  it("refuses a staging folder that is a file, naming it", () => {
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "x");
    const set = new SubjectHashSet({ place: spillFolder(file), at: 1 });
    const err = (() => {
      try {
        set.add(Buffer.alloc(32, 1).fill(2, 16), 2);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(JikimiError);
    expect((err as JikimiError).message).toContain(file);
    rmSync(file);
    set.dispose();
  });
});
