// a worker thread of the parallel subject hasher: HMACs a slice of a shared batch and signals when done.
import { parentPort, workerData } from "node:worker_threads";
import { hmacBatch, hmacKey } from "../../crypto/sha256/index.js";

interface Job {
  messages: SharedArrayBuffer;
  offsets: SharedArrayBuffer;
  out: SharedArrayBuffer;
  done: SharedArrayBuffer;
  from: number;
  to: number;
}

const key = hmacKey(new Uint8Array(workerData.secret as ArrayBuffer));
parentPort?.on("message", (job: Job) => {
  const flag = new Int32Array(job.done);
  try {
    const offsets = new Uint32Array(job.offsets).subarray(job.from, job.to + 1);
    hmacBatch(
      key,
      new Uint8Array(job.messages),
      offsets,
      new Uint8Array(job.out, job.from * 32, (job.to - job.from) * 32),
    );
    Atomics.store(flag, 0, 1);
  } catch {
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
});
