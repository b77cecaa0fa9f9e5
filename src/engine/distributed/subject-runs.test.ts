// partitions' subject runs and their merge against the obvious: the union of the sets, in the dictionary's order,
// once each, whether a partition held its subjects in memory or staged them.

import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { dictionaryOrder, hexes } from "../../../test/support/hash-order.js";
import { spillFolder } from "../../io/spill-files.js";
import { SubjectHashSet } from "../../ledger/subjects/subject-set.js";
import { mergeRunFiles, writeRun } from "./subject-runs.js";

const dir = mkdtempSync(join(tmpdir(), "jikimi-runs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;

// hashes that often share their first 8 bytes and repeat within and across partitions
const hash = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.uint8Array({ minLength: 8, maxLength: 8 }))
  .map(([p, rest]) => {
    const b = new Uint8Array(16);
    b.fill(p, 0, 8);
    b.set(rest, 8);
    return b;
  });

/** A partition's run file of `hashes`, its set held in memory or staged past `at`. */
function run(hashes: Uint8Array[], at?: number): string {
  const set = new SubjectHashSet({ place: spillFolder(join(dir, "staged")), ...(at ? { at } : {}) });
  if (hashes.length > 0) set.add(Buffer.concat(hashes), hashes.length);
  const path = join(dir, `p-${serial++}.subjects`);
  const count = writeRun(path, set, 0o600);
  set.dispose();
  expect(count).toBe(new Set(hashes.map((h) => Buffer.from(h).toString("hex"))).size);
  return path;
}

describe("subject runs", () => {
  it("writes each partition's distinct subjects sorted and merges the runs as the union, sorted, once each", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(hash, { maxLength: 40 }), fc.option(fc.integer({ min: 1, max: 8 }))), {
          maxLength: 6,
        }),
        (parts) => {
          const paths = parts.map(([hashes, at]) => {
            const path = run(hashes, at ?? undefined);
            expect(hexes(readFileSync(path))).toEqual(dictionaryOrder(hashes));
            expect(statSync(path).mode & 0o777).toBe(0o600);
            return path;
          });
          const merged = mergeRunFiles(paths, spillFolder(join(dir, "staged")));
          const all = dictionaryOrder(parts.flatMap(([hashes]) => hashes));
          expect(merged.count).toBe(all.length);
          expect([...merged.pieces()].flatMap((piece) => hexes(piece))).toEqual(all);
          merged.dispose();
          for (const path of paths) rmSync(path);
        },
      ),
      { numRuns: 200 },
    );
    expect(readdirSync(join(dir, "staged"))).toEqual([]);
  });

  it("merges long runs through windows, and refuses a run that is not whole hashes, naming it", () => {
    // runs longer than a merge window, sharing 3,000 hashes, one empty
    const shared = Array.from({ length: 3_000 }, () => randomBytes(16));
    const sizes = [9_000, 4_096, 0, 12_345, 1];
    const paths = sizes.map((n, i) =>
      run(
        [...Array.from({ length: n }, () => randomBytes(16)), ...shared.slice(0, Math.min(n, 3_000))],
        i * 1000,
      ),
    );
    const merged = mergeRunFiles(paths, spillFolder(join(dir, "staged")));
    expect(merged.count).toBe(9_000 + 4_096 + 12_345 + 1 + 3_000);
    merged.dispose();
    writeFileSync(paths[0] as string, randomBytes(17));
    expect(() => mergeRunFiles(paths, spillFolder(join(dir, "staged")))).toThrow(
      new RegExp(`${paths[0]}.*multiple of 16`),
    );
  });
});
