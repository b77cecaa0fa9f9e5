// the in-memory lists a history is cut from: synced once however many reads ask at once, cut by runs, and read
// again whole after a prune event.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EntryFacts, LedgerReads } from "../ports/ledger.js";
import { ReleaseIndex } from "./history-index.js";

/** A store of `facts` whose reads take a few milliseconds, counting the entries it hands out. */
function slowStore(facts: EntryFacts[]) {
  const stats = { entriesRead: 0 };
  const tx = {
    entryCount: async () => facts.length,
    entryFacts: async (from: number, to: number) => {
      await new Promise((r) => setTimeout(r, 5));
      stats.entriesRead += Math.max(0, Math.min(to, facts.length) - from);
      return facts.slice(from, to);
    },
    summaryTexts: async (ids: readonly number[]) => new Map(ids.map((id) => [id, `{"id":${id}}`])),
  } as unknown as LedgerReads;
  return { tx, stats };
}

const release = (seq: number, chain: string, summaryId = 1, held = true): EntryFacts => ({
  seq,
  kind: "release",
  chain,
  releasedAt: `2026-01-${String(seq + 1).padStart(2, "0")}T00:00:00Z`,
  recordedAt: `2026-01-${String(seq + 1).padStart(2, "0")}T01:00:00Z`,
  summaryId,
  held,
});

describe("ReleaseIndex", () => {
  it("reads the entries once when many reads sync at the same time", async () => {
    const facts = Array.from({ length: 20 }, (_, i) => release(i, i % 2 === 0 ? "a" : "b", i < 10 ? 1 : 2));
    const { tx, stats } = slowStore(facts);
    const index = new ReleaseIndex();
    const sizes = await Promise.all(Array.from({ length: 8 }, () => index.sync(tx)));
    expect(sizes).toEqual(Array(8).fill(20));
    expect(stats.entriesRead).toBe(20);
    expect(index.counts([["a", 0, Number.MAX_SAFE_INTEGER]], 20)).toEqual([
      expect.objectContaining({ summaryId: 1, count: 5, firstSeq: 0, lastSeq: 8 }),
      expect.objectContaining({ summaryId: 2, count: 5, firstSeq: 10, lastSeq: 18 }),
    ]);
  });

  it("cuts runs by seq, pages newest first, and stops at the snapshot's size", async () => {
    const facts = Array.from({ length: 10 }, (_, i) => release(i, "a"));
    const { tx } = slowStore(facts);
    const index = new ReleaseIndex();
    await index.sync(tx);
    const runs = [["a", 2, 5] as const, ["a", 7, Number.MAX_SAFE_INTEGER] as const];
    expect(index.all(runs, 10).map((r) => r.seq)).toEqual([2, 3, 4, 7, 8, 9]);
    expect(index.all(runs, 9).map((r) => r.seq)).toEqual([2, 3, 4, 7, 8]);
    expect(index.newest(runs, 10, 4).map((r) => r.seq)).toEqual([9, 8, 7, 4]);
    expect(index.newest(runs, 7, 2).map((r) => r.seq)).toEqual([4, 3]);
    expect(index.newest(runs, 10, 0)).toEqual([]);
    expect(index.counts([["b", 0, 10]], 10)).toEqual([]);
  });

  it("reads every entry again after a prune event, and leaves out what it pruned", async () => {
    const facts = Array.from({ length: 6 }, (_, i) => release(i, "a"));
    const { tx, stats } = slowStore(facts);
    const index = new ReleaseIndex();
    await index.sync(tx);
    // a prune removes the bodies of 0..2 and is recorded as entry 6
    for (let i = 0; i < 3; i++) facts[i] = { ...(facts[i] as EntryFacts), held: false };
    facts.push({ ...release(6, ""), kind: "prune", chain: "", summaryId: null, held: false });
    expect(await index.sync(tx)).toBe(7);
    expect(stats.entriesRead).toBe(6 + 1 + 7);
    expect(index.all([["a", 0, Number.MAX_SAFE_INTEGER]], 7).map((r) => r.seq)).toEqual([3, 4, 5]);
  });

  it("counts per summary as the releases one by one give it, dates in order or back-dated", async () => {
    const entry = fc.record({
      chain: fc.constantFrom("a", "b"),
      summaryId: fc.integer({ min: 1, max: 3 }),
      day: fc.integer({ min: 1, max: 28 }),
      held: fc.boolean(),
    });
    const run = fc.tuple(fc.constantFrom("a", "b"), fc.nat(60), fc.nat(60));
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { maxLength: 60 }),
        fc.boolean(),
        fc.array(run, { maxLength: 4 }),
        fc.nat(60),
        async (entries, inOrder, rawRuns, size) => {
          const facts = entries.map(
            (e, seq): EntryFacts => ({
              ...release(seq, e.chain, e.summaryId, e.held),
              // in order: the day follows seq; else any day (back-dated releases)
              releasedAt: `2026-${inOrder ? String(seq + 10).padStart(3, "0") : `01-${String(e.day).padStart(2, "0")}`}`,
            }),
          );
          const index = new ReleaseIndex();
          await index.sync(slowStore(facts).tx);
          // runs of one chain do not overlap: keep each chain's first run only
          const runs = rawRuns
            .filter((r, i) => rawRuns.findIndex((o) => o[0] === r[0]) === i)
            .map(([c, a, b]) => [c, Math.min(a, b), Math.max(a, b)] as const);
          const expected = new Map<number, { count: number; seqs: number[]; dates: string[] }>();
          for (const item of index.all(runs, size)) {
            const g = expected.get(item.summaryId) ?? { count: 0, seqs: [], dates: [] };
            g.count++;
            g.seqs.push(item.seq);
            g.dates.push(item.releasedAt);
            expected.set(item.summaryId, g);
          }
          const want = [...expected]
            .map(([summaryId, g]) => ({
              summaryId,
              count: g.count,
              firstSeq: Math.min(...g.seqs),
              lastSeq: Math.max(...g.seqs),
              firstReleasedAt: [...g.dates].sort()[0],
              lastReleasedAt: [...g.dates].sort().at(-1),
            }))
            .sort((x, y) => x.firstSeq - y.firstSeq);
          expect(index.counts(runs, size)).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});
