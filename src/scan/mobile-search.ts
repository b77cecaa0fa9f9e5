// the hash audit's mobile space: the digit kernel of one hash (MD5, SHA-1 or SHA-256; src/crypto/digits) over
// [start, end) of each Korean mobile template, on
// worker threads (hash-worker.ts) or inline when the worker file is absent (vitest). Tasks go range by range with
// the templates interleaved, so small numbers in any format come first, and the search stops as soon as `done()`
// says every target is recovered. Only target indexes come back: never a recovered value.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { workerFile } from "../built.js";
import {
  DIGIT_HASHES,
  DigestSet,
  type DigitAlgorithmName,
  digitTemplateTargets,
} from "../crypto/digits/index.js";
import type { DigitReply, DigitTask, DigitWorkerInit } from "./hash-worker.js";

/** What the search needs: the hash, its distinct targets (digest bytes each) and where to report hits. */
export interface MobileSearch {
  algorithm: DigitAlgorithmName;
  bytes: Uint8Array;
  count: number;
  templates: readonly string[];
  range: readonly [number, number];
  threads: number;
  chunk: number;
  signal: AbortSignal | undefined;
  /** called with the template and the target indexes one task found */
  hit(template: string, targets: readonly number[]): void;
  /** true once every target is recovered: the search stops */
  done(): boolean;
}

const yieldNow = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The hash worker's file (dist/scan/hash-worker.js or its bundle); absent when running from sources (vitest). */
function hashWorker(): URL | null {
  const file = workerFile("scan/hash-worker.js");
  return existsSync(fileURLToPath(file)) ? file : null;
}

/** The kernel runs four high values of 1,000 low values per call: tasks start and end on such a block. */
const KERNEL_BLOCK = 4000;
/** The smallest task: ~16 ms of one core, where a task's message round trip is ~0.1 ms. */
const MIN_TASK = 200_000;

/**
 * The search's tasks, made as workers ask for them: slice by slice over the range with one task per template in
 * each (small numbers in any format first). A slice is `chunk` numbers while plenty is left, then shrinks with
 * what is left (guided self-scheduling: a slice is a 2 x threads-th of the remaining work, down to MIN_TASK), so
 * the threads finish together instead of one idling through the other's last 5 M-number task.
 * @example const q = new TaskQueue(["010########"], [0, 1e8], 5e6, 2); q.next() // { id: 0, template, start: 0, end: 5e6 }
 */
export class TaskQueue {
  /** every task handed out, by id */
  readonly tasks: DigitTask[] = [];
  private at: number;
  private slice: DigitTask[] = [];

  constructor(
    private readonly templates: readonly string[],
    private readonly range: readonly [number, number],
    private readonly chunk: number,
    private readonly threads: number,
  ) {
    this.at = range[0];
  }

  /** The next task, or undefined when the range is handed out. */
  next(): DigitTask | undefined {
    if (this.slice.length === 0) {
      const left = this.range[1] - this.at;
      if (left <= 0 || this.templates.length === 0) return undefined;
      // a slice is a 2 x threads-th of what is left of every template's range
      const guided = Math.ceil(left / (2 * this.threads));
      const size = Math.min(this.chunk, Math.max(MIN_TASK, guided));
      // whole kernel blocks, so no call computes numbers another task computes again
      const blocks = Math.max(KERNEL_BLOCK, Math.ceil(size / KERNEL_BLOCK) * KERNEL_BLOCK);
      const end = Math.min(this.range[1], this.at + blocks);
      this.slice = this.templates.map((template) => ({ id: 0, template, start: this.at, end }));
      this.at = end;
    }
    const task = this.slice.shift() as DigitTask;
    task.id = this.tasks.length;
    this.tasks.push(task);
    return task;
  }
}

/**
 * Runs the search to its end or until `done()`; true when it stopped before the end.
 * @example const stopped = await searchMobile({ bytes, count, templates: ["010########"], range: [0, 1e8], ... })
 */
export async function searchMobile(s: MobileSearch): Promise<boolean> {
  const queue = new TaskQueue(s.templates, s.range, s.chunk, Math.max(1, s.threads));
  const file = hashWorker();
  if (file === null) {
    const set = DigestSet.fromPacked(s.bytes, s.count, DIGIT_HASHES[s.algorithm].digests);
    for (let task = queue.next(); task !== undefined; task = queue.next()) {
      if (s.done()) return task.id > 0;
      s.signal?.throwIfAborted();
      s.hit(task.template, digitTemplateTargets(s.algorithm, task.template, task.start, task.end, set));
      await yieldNow();
    }
    return false;
  }
  const init: DigitWorkerInit = {
    algorithm: s.algorithm,
    digests: s.bytes.buffer as SharedArrayBuffer,
    count: s.count,
  };
  const workers = Array.from(
    {
      length: Math.max(
        1,
        Math.min(s.threads, Math.ceil((s.range[1] - s.range[0]) / s.chunk) * s.templates.length),
      ),
    },
    () => new Worker(file, { workerData: init }),
  );
  const signal = s.signal;
  let stopped = false;
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      let settled = false;
      const onAbort = () => settle(signal?.reason);
      const settle = (e?: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        if (e === undefined) resolve();
        else reject(e);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const feed = (w: Worker) => {
        // every target recovered: tasks still running are abandoned (the workers are terminated below)
        if (s.done()) {
          stopped = queue.next() !== undefined;
          settle();
          return;
        }
        const task = queue.next();
        if (task === undefined) {
          if (running === 0) settle();
          return;
        }
        running++;
        w.postMessage(task);
      };
      for (const w of workers) {
        w.on("message", (reply: DigitReply) => {
          running--;
          if ("error" in reply) {
            settle(new Error(`hash audit worker failed (${reply.error})`));
            return;
          }
          const task = queue.tasks[reply.id];
          if (task !== undefined) s.hit(task.template, reply.targets);
          if (!settled) feed(w);
        });
        w.on("error", (e) => settle(e));
        w.on("exit", (code) => {
          if (code !== 0) settle(new Error(`hash audit worker exited with code ${code}`));
        });
      }
      if (signal?.aborted) {
        settle(signal.reason);
        return;
      }
      for (const w of workers) feed(w);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return stopped;
}
