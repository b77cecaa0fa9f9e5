// worker thread entry: renders each posted chunk task and transfers the bytes back to the pool.
import { parentPort } from "node:worker_threads";
import { type ChunkTask, renderChunk } from "./chunk.js";

/** What a worker posts back for one task. */
export type WorkerReply =
  | { readonly chunkIndex: number; readonly bytes: Uint8Array }
  | { readonly chunkIndex: number; readonly error: string };

const port = parentPort;
port?.on("message", (task: ChunkTask) => {
  try {
    const bytes = renderChunk(task);
    const reply: WorkerReply = { chunkIndex: task.chunkIndex, bytes };
    port.postMessage(reply, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    const reply: WorkerReply = {
      chunkIndex: task.chunkIndex,
      error: error instanceof Error ? `${error.name}: ${error.message}` : "unknown error",
    };
    port.postMessage(reply);
  }
});
