// how many worker threads a release uses when the caller does not say: from the work (the input's size) and the
// free cores. A worker costs ~0.3 s to start on these 2 vCPUs (a thread, its bundle compiled, the plan's kernels)
// and two busy threads there do ~1.3x the work of one, so (bench/share-fixed.mjs, docs/benchmarks.md "Fixed cost
// of a share"): 200,000 rows (29 MB) run fastest on the calling thread alone (1.2 s, against 1.6 s with one worker
// and 1.8 s with two); 2,000,000 rows (290 MB) with workers (3.8 s with one or two; inline 5.0 s);
// 4,000,000 rows and more with two; at 2,000,000 rows two workers tied with one on a quiet machine and were 12%
// faster on a busier one, so two there too. Two threads are never chosen where one is faster.
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

/** Below this input, the blocks run on the calling thread: no worker repays its start. */
export const INLINE_BELOW = 96 * 1024 * 1024;
/** Input per worker beyond the first: a worker takes at least this much of the work. */
export const BYTES_PER_WORKER = 128 * 1024 * 1024;
/** Never more workers than this (the reader and the writer on the calling thread bound it anyway). */
export const MAX_WORKERS = 8;

/**
 * Worker threads for an input of `bytes` (undefined: a stream of unknown size) when `free` cores are free.
 * @example releaseThreads(29e6, 2) // 0: the calling thread alone
 * @example releaseThreads(1.45e9, 2) // 2
 */
export function releaseThreads(bytes: number | undefined, free: number): number {
  const cores = Math.max(1, Math.min(MAX_WORKERS, free));
  if (bytes === undefined) return cores;
  if (bytes < INLINE_BELOW) return 0;
  return Math.max(1, Math.min(cores, Math.floor(bytes / BYTES_PER_WORKER)));
}

/**
 * The cores not taken by other runnable tasks right now (Linux: /proc/loadavg's count of runnable tasks, less the
 * caller's own runnable threads, `own`: at least itself; its GC and compiler threads are often running too, and
 * counting them as other work took a core away from a release), at least 1; elsewhere all of them.
 * @example freeCores("0.52 0.58 0.59 3/611 12345\n", 2) // 1
 * @example freeCores("0.52 0.58 0.59 3/611 12345\n", 2, 2) // 2
 */
export function freeCores(loadavg: string | undefined, cores = availableParallelism(), own = 1): number {
  const running = loadavg === undefined ? undefined : Number(/^\S+ \S+ \S+ (\d+)\//.exec(loadavg)?.[1]);
  if (running === undefined || !Number.isFinite(running)) return cores;
  return Math.max(1, cores - Math.max(0, running - Math.max(1, own)));
}

/** This process's threads in state R (running or runnable), from their /proc/self/task/<tid>/stat lines. */
export function ownRunnableThreads(stats: readonly string[]): number {
  let n = 0;
  // "<tid> (<comm>) <state> ...": the command may hold spaces and parentheses, so the state follows the last ")"
  for (const line of stats) if (line[line.lastIndexOf(")") + 2] === "R") n++;
  return n;
}

/** Samples of /proc taken by {@link machineFreeCores}: a single one often catches a passing task. */
const SAMPLES = 5;

/**
 * {@link freeCores} of this machine now: the most of {@link SAMPLES} readings taken one after another, since the
 * runnable count is of one instant (a kernel thread or another process passing through counts as much as a busy
 * one; a task that keeps a core busy is in every reading).
 */
export function machineFreeCores(): number {
  const cores = availableParallelism();
  let free = 0;
  for (let sample = 0; sample < SAMPLES && free < cores; sample++) {
    let loadavg: string;
    try {
      loadavg = readFileSync("/proc/loadavg", "utf8");
    } catch {
      return cores; // not Linux: every core counts as free
    }
    const stats: string[] = [];
    try {
      for (const tid of readdirSync("/proc/self/task")) {
        try {
          stats.push(readFileSync(`/proc/self/task/${tid}/stat`, "utf8"));
        } catch {
          // the thread ended meanwhile
        }
      }
    } catch {
      // no task list: the caller counts as one
    }
    free = Math.max(free, freeCores(loadavg, cores, ownRunnableThreads(stats)));
  }
  return free;
}
