// chunk sources: hand out rendered chunks strictly in index order, in-process or from a bounded worker pool.
import { Worker } from "node:worker_threads";
import { type ChunkTask, renderChunk } from "./chunk.js";
import type { WorkerReply } from "./worker.js";

/** Rendered chunks, requested in increasing index order; each index is requested once. */
export interface ChunkSource {
  get(chunkIndex: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Renders each chunk on the calling thread when it is asked for. */
export function inProcessSource(taskOf: (chunkIndex: number) => ChunkTask): ChunkSource {
  return {
    get: async (chunkIndex) => renderChunk(taskOf(chunkIndex)),
    close: async () => undefined,
  };
}

interface Pending {
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
}

/**
 * Worker threads render chunks round-robin, at most `window` chunks ahead of the one being consumed,
 * so memory stays bounded whatever the row count.
 */
export class WorkerPoolSource implements ChunkSource {
  private readonly workers: Worker[];
  private readonly inflight = new Map<number, Promise<Uint8Array>>();
  private readonly pending = new Map<number, Pending>();
  private dispatched = 0;
  private failure: Error | undefined;
  private closing = false;

  constructor(
    private readonly taskOf: (chunkIndex: number) => ChunkTask,
    private readonly chunks: number,
    threads: number,
    workerUrl: URL,
    private readonly window = threads * 2,
  ) {
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(workerUrl);
      worker.on("message", (reply: WorkerReply) => this.settle(reply));
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (!this.closing) this.fail(new Error(`generator worker exited early with code ${code}`));
      });
      return worker;
    });
  }

  get(chunkIndex: number): Promise<Uint8Array> {
    const until = Math.min(this.chunks, chunkIndex + this.window);
    while (this.failure === undefined && this.dispatched < until) this.dispatch(this.dispatched++);
    const result = this.inflight.get(chunkIndex);
    this.inflight.delete(chunkIndex);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return result ?? Promise.reject(new Error(`chunk ${chunkIndex} was requested out of order`));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private dispatch(chunkIndex: number): void {
    const result = new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(chunkIndex, { resolve, reject });
    });
    result.catch(() => undefined); // a failure surfaces when the chunk is awaited, not as an unhandled rejection
    this.inflight.set(chunkIndex, result);
    this.workers[chunkIndex % this.workers.length]?.postMessage(this.taskOf(chunkIndex));
  }

  private settle(reply: WorkerReply): void {
    const waiter = this.pending.get(reply.chunkIndex);
    this.pending.delete(reply.chunkIndex);
    if ("error" in reply) this.fail(new Error(`generator worker failed: ${reply.error}`));
    else waiter?.resolve(reply.bytes);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(this.failure);
    this.pending.clear();
  }
}
