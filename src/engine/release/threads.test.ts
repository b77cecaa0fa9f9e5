import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import {
  BYTES_PER_WORKER,
  freeCores,
  INLINE_BELOW,
  MAX_WORKERS,
  machineFreeCores,
  ownRunnableThreads,
  releaseThreads,
} from "./threads.js";

describe("a release's worker threads", () => {
  it("runs a small input on the calling thread, a larger one on one worker, more only with more work", () => {
    expect(releaseThreads(0, 2)).toBe(0);
    expect(releaseThreads(29_000_000, 2)).toBe(0);
    expect(releaseThreads(INLINE_BELOW - 1, 8)).toBe(0);
    expect(releaseThreads(INLINE_BELOW, 8)).toBe(1);
    expect(releaseThreads(200_000_000, 2)).toBe(1);
    expect(releaseThreads(290_000_000, 2)).toBe(2);
    expect(releaseThreads(2 * BYTES_PER_WORKER, 2)).toBe(2);
    expect(releaseThreads(1_450_000_000, 2)).toBe(2);
    expect(releaseThreads(1_450_000_000, 16)).toBe(MAX_WORKERS);
    expect(releaseThreads(3 * BYTES_PER_WORKER + 1, 16)).toBe(3);
  });

  it("never takes more workers than free cores, and at least one for a large input", () => {
    expect(releaseThreads(1_450_000_000, 1)).toBe(1);
    expect(releaseThreads(1_450_000_000, 0)).toBe(1);
    // a stream of unknown size: one per free core, as before
    expect(releaseThreads(undefined, 2)).toBe(2);
    expect(releaseThreads(undefined, 64)).toBe(MAX_WORKERS);
  });

  it("counts the cores other runnable tasks leave free (the reader itself is one of the runnable)", () => {
    expect(freeCores("0.10 0.20 0.30 1/300 4242\n", 2)).toBe(2);
    expect(freeCores("2.10 1.20 0.30 2/300 4242\n", 2)).toBe(1);
    expect(freeCores("4.00 3.00 2.00 9/300 4242\n", 2)).toBe(1);
    expect(freeCores("4.00 3.00 2.00 3/300 4242\n", 8)).toBe(6);
    expect(freeCores(undefined, 4)).toBe(4);
    expect(freeCores("garbage", 4)).toBe(4);
  });

  it("does not count the caller's own running threads (its GC or compiler) as other work", () => {
    // three runnable: the caller's main thread and two of its helpers; no other task is running
    expect(freeCores("1.00 0.50 0.20 3/300 4242\n", 2, 3)).toBe(2);
    // one of the three is another task's
    expect(freeCores("1.00 0.50 0.20 3/300 4242\n", 2, 2)).toBe(1);
    // a count read a moment apart never makes more cores than there are
    expect(freeCores("1.00 0.50 0.20 1/300 4242\n", 2, 3)).toBe(2);
    expect(
      ownRunnableThreads([
        "4242 (node) R 1 4242 4242 0 -1",
        "4243 (V8 Worker) S 1 4242",
        "4244 (weird) R (name)) R 1",
        "4245 (libuv-worker) D 1",
        "4246 (V8 Worker) R 1",
      ]),
    ).toBe(3);
  });

  it("reads this machine's free cores as between 1 and the cores there are", () => {
    const free = machineFreeCores();
    expect(free).toBeGreaterThanOrEqual(1);
    expect(free).toBeLessThanOrEqual(availableParallelism());
  });
});
