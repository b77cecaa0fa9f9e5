// the hash audit's task queue: every template's range handed out exactly once, in order, in whole kernel blocks,
// slices shrinking towards the end so the threads finish together.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TaskQueue } from "./mobile-search.js";

const TEMPLATES = ["010########", "010-####-####", "+8210########"];

function drain(q: TaskQueue) {
  for (let task = q.next(); task !== undefined; task = q.next());
  return q.tasks;
}

describe("TaskQueue", () => {
  it("covers each template's range once, in order, with ids in hand-out order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 1, max: 8 }),
        (from, length, templates, chunkBlocks, threads) => {
          const start = from * 4000;
          const end = start + length * 1000;
          const names = TEMPLATES.slice(0, templates);
          const tasks = drain(new TaskQueue(names, [start, end], chunkBlocks * 4000, threads));
          expect(tasks.map((t) => t.id)).toEqual(tasks.map((_, i) => i));
          for (const name of names) {
            const mine = tasks.filter((t) => t.template === name);
            let at = start;
            for (const t of mine) {
              expect(t.start).toBe(at);
              expect(t.end).toBeGreaterThan(t.start);
              // whole kernel blocks, but for the range's own end
              if (t.end !== end) expect((t.end - t.start) % 4000).toBe(0);
              at = t.end;
            }
            expect(at).toBe(end);
          }
          // templates interleave: slice by slice, every template's task of a slice before the next slice
          for (let i = 0; i < tasks.length; i++) expect(tasks[i]?.template).toBe(names[i % names.length]);
        },
      ),
    );
  });

  it("hands out the chunk while plenty is left, then ever smaller slices down to the smallest task", () => {
    const tasks = drain(new TaskQueue(["010########"], [0, 100_000_000], 5_000_000, 2));
    const sizes = tasks.map((t) => t.end - t.start);
    expect(sizes.slice(0, 15)).toEqual(Array(15).fill(5_000_000));
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1] as number);
    // the last tasks are small: neither thread is left with more than ~16 ms of work after the other stops
    expect(sizes.at(-1)).toBeLessThanOrEqual(200_000);
    expect(sizes.at(-2)).toBeLessThanOrEqual(204_000);
    // and they stay few: about 30 messages for 10^8 numbers
    expect(tasks.length).toBeLessThan(40);
    // a quarter of what is left at most, once below 4 x chunk (2 threads)
    let left = 100_000_000;
    for (const size of sizes) {
      if (left < 20_000_000)
        expect(size).toBeLessThanOrEqual(Math.max(204_000, Math.ceil(left / 4 / 4000) * 4000));
      left -= size;
    }
  });

  it("keeps a chunk smaller than the smallest task (the tests' small ranges)", () => {
    const tasks = drain(new TaskQueue(["010########"], [12_340_000, 12_440_000], 40_000, 2));
    expect(tasks.map((t) => t.end - t.start)).toEqual([40_000, 40_000, 20_000]);
  });
});
