// a worker thread of the receipts tree: computes the nodes of the upper part of a large release's chunks from
// its member indexes in shared memory (parallel.ts), writes them to shared memory and signals.
import { parentPort } from "node:worker_threads";
import { arraySource, receiptNodes } from "./tree.js";

interface Job {
  key: Uint8Array;
  /** every member of the release; this worker's part starts at rank `first` */
  indexes: SharedArrayBuffer;
  first: number;
  count: number;
  chunks: number;
  height: number;
  out: SharedArrayBuffer;
  done: SharedArrayBuffer;
}

parentPort?.on("message", (job: Job) => {
  const flag = new Int32Array(job.done);
  try {
    const nodes = receiptNodes(
      job.key,
      arraySource(new Uint32Array(job.indexes, job.first * 4, job.count)),
      job.count,
      0,
      job.chunks,
      job.height,
    );
    new Uint8Array(job.out).set(nodes);
    Atomics.store(flag, 0, nodes.length === job.out.byteLength ? 1 : 2);
  } catch {
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
});
