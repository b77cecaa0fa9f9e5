// record-aligned CSV blocks (csv-blocks.ts) parsed on worker threads, their answers taken back in file order: the
// reading thread only cuts bytes; each worker parses its blocks with its own state and answers one message per
// block. At most two blocks per worker are in flight, so memory stays bounded whatever the file's size. Used by
// `scan` (counts) and `consent import` (validated events).
import { Worker } from "node:worker_threads";
import { type ErrorCode, JikimiError } from "../../errors.js";
import { type CsvBlock, csvBlocks } from "./csv-blocks.js";

/** What a worker is sent per block. */
export interface BlockTask {
  id: number;
  bytes: Uint8Array;
}

/** A worker's answer to a block: its result, or the error that stopped it (a code and a message naming no value). */
export type BlockReply<R> =
  | ({ id: number } & R)
  | { id: number; error: { code: ErrorCode; summary: string; hint?: string } };

export interface BlockThreadsOptions<R> {
  /** the file's chunks (fileChunks), cut into blocks here */
  source: AsyncIterable<Uint8Array>;
  /** the input's name in messages */
  name: string;
  worker: URL;
  threads: number;
  /** block size in bytes */
  blockBytes: number;
  maxLineBytes?: number;
  /** the workers' workerData, made from the header line once it is read; called before the first block */
  init: (header: Uint8Array) => unknown;
  /** each block's answer, in file order */
  onReply: (reply: R) => void;
  signal?: AbortSignal | undefined;
}

/**
 * Cuts `source` into blocks, parses them on `threads` workers and hands their answers back in file order. A worker's
 * error (or its thread's) is thrown, as JikimiError when the worker sent one; the workers are ended either way.
 * @example await onThreads({ source: fileChunks(path), name: path, worker, threads: 2, blockBytes: 4 << 20, init, onReply });
 */
export async function onThreads<R>(o: BlockThreadsOptions<R>): Promise<void> {
  let header: Uint8Array | undefined;
  const blocks: AsyncIterable<CsvBlock> = csvBlocks(o.source, {
    name: o.name,
    target: o.blockBytes,
    ...(o.maxLineBytes === undefined ? {} : { maxLineBytes: o.maxLineBytes }),
    onHeader: (h) => {
      header = h;
    },
  });
  const workers: Worker[] = [];
  const replies = new Map<number, R>();
  let failure: unknown;
  let wake: (() => void) | undefined;
  const settle = () => {
    wake?.();
    wake = undefined;
  };
  const start = (h: Uint8Array) => {
    const workerData = o.init(h);
    for (let i = 0; i < o.threads; i++) {
      const w = new Worker(o.worker, { workerData });
      w.on("message", (reply: BlockReply<R>) => {
        if ("error" in reply) {
          const { code, summary, hint } = reply.error;
          failure ??= new JikimiError(code, summary, hint === undefined ? {} : { hint });
        } else replies.set(reply.id, reply);
        settle();
      });
      w.on("error", (error) => {
        failure ??= error;
        settle();
      });
      workers.push(w);
    }
  };
  let sent = 0;
  let taken = 0;
  /** hands on the answers that are next in file order */
  const drain = () => {
    for (let r = replies.get(taken); r !== undefined; r = replies.get(taken)) {
      replies.delete(taken);
      o.onReply(r);
      taken++;
    }
  };
  const waitFor = async (done: () => boolean) => {
    while (!done()) {
      if (failure !== undefined) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      drain();
    }
    if (failure !== undefined) throw failure;
  };
  try {
    for await (const block of blocks) {
      o.signal?.throwIfAborted();
      if (workers.length === 0) start(header as Uint8Array);
      await waitFor(() => sent - taken < o.threads * 2);
      const id = sent++;
      const buffer = block.bytes.buffer;
      // the block's buffer moves to the worker (csvBlocks copied what follows the cut); a shared one is not moved
      const transfer = buffer instanceof SharedArrayBuffer ? [] : [buffer];
      (workers[id % o.threads] as Worker).postMessage(
        { id, bytes: block.bytes } satisfies BlockTask,
        transfer,
      );
    }
    await waitFor(() => taken === sent);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * A worker's side: answers each block task with `work(bytes)`, or with the error that stopped it (its code and
 * message only: a value never crosses in an error).
 * @example serveBlocks(parentPort, (bytes) => ({ rows: count(bytes) }));
 */
export function serveBlocks<R extends object>(
  port: {
    on(event: "message", listener: (task: BlockTask) => void): unknown;
    postMessage(reply: unknown): void;
  },
  work: (bytes: Uint8Array) => R,
): void {
  port.on("message", (task: BlockTask) => {
    let reply: BlockReply<R>;
    try {
      reply = { id: task.id, ...work(task.bytes) };
    } catch (error) {
      const e =
        error instanceof JikimiError
          ? { code: error.code, summary: error.summary, ...(error.hint ? { hint: error.hint } : {}) }
          : { code: "internal_error" as const, summary: error instanceof Error ? error.name : "error" };
      reply = { id: task.id, error: e };
    }
    port.postMessage(reply);
  });
}
