import { describe, expect, it } from "vitest";
import { BYTES_PER_WORKER, freeCores, INLINE_BELOW, MAX_WORKERS, releaseThreads } from "./threads.js";

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
});
