// a worker thread of the hash audit: runs the digit-space kernel of one hash (MD5, SHA-1 or SHA-256) over the
// ranges the main thread sends and answers with the indexes of the targets found. Only indexes cross threads:
// never a recovered value.
import { parentPort, workerData } from "node:worker_threads";
import {
  DIGIT_HASHES,
  DigestSet,
  type DigitAlgorithmName,
  digitTemplateTargets,
} from "../crypto/digits/index.js";

/** What the worker starts with: the hash, and its distinct targets (digest bytes each) in shared memory. */
export interface DigitWorkerInit {
  algorithm: DigitAlgorithmName;
  digests: SharedArrayBuffer;
  count: number;
}

/** One range of one format: hash every number in [start, end) laid out by `template`. */
export interface DigitTask {
  id: number;
  template: string;
  start: number;
  end: number;
}

/** The answer to a task: target indexes found (a target found twice appears twice), or an error code. */
export type DigitReply = { id: number; targets: number[] } | { id: number; error: string };

const port = parentPort;
if (port !== null) {
  const init = workerData as DigitWorkerInit;
  const set = DigestSet.fromPacked(
    new Uint8Array(init.digests),
    init.count,
    DIGIT_HASHES[init.algorithm].digests,
  );
  port.on("message", (task: DigitTask) => {
    let reply: DigitReply;
    try {
      reply = {
        id: task.id,
        targets: digitTemplateTargets(init.algorithm, task.template, task.start, task.end, set),
      };
    } catch (e) {
      // the error's code or name only: messages of the kernel never carry values, but keep it that way here
      const code = e instanceof Error ? ((e as Error & { code?: string }).code ?? e.name) : "unknown";
      reply = { id: task.id, error: code };
    }
    port.postMessage(reply);
  });
}
