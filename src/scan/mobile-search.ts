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

function tasksOf(s: MobileSearch): DigitTask[] {
  const tasks: DigitTask[] = [];
  for (let start = s.range[0]; start < s.range[1]; start += s.chunk) {
    const end = Math.min(s.range[1], start + s.chunk);
    for (const template of s.templates) tasks.push({ id: tasks.length, template, start, end });
  }
  return tasks;
}

/**
 * Runs the search to its end or until `done()`; true when it stopped before the end.
 * @example const stopped = await searchMobile({ bytes, count, templates: ["010########"], range: [0, 1e8], ... })
 */
export async function searchMobile(s: MobileSearch): Promise<boolean> {
  const tasks = tasksOf(s);
  const file = hashWorker();
  if (file === null) {
    const set = DigestSet.fromPacked(s.bytes, s.count, DIGIT_HASHES[s.algorithm].digests);
    for (const task of tasks) {
      if (s.done()) return task !== tasks[0];
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
    { length: Math.max(1, Math.min(s.threads, tasks.length)) },
    () => new Worker(file, { workerData: init }),
  );
  const signal = s.signal;
  let stopped = false;
  try {
    let next = 0;
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
          stopped = next < tasks.length;
          settle();
          return;
        }
        const task = tasks[next++];
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
          const task = tasks[reply.id];
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
