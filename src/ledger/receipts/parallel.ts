// the receipts root of a release on two threads: a worker thread (of the built package) takes the upper half of
// a large release's chunks while this thread does the lower half, and this thread folds both halves' nodes to
// the root. Small releases, sources run without a build (tests), and a worker that fails run on this thread.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { workerFile } from "../../built.js";
import type { RoaringBitmap32 } from "../subjects/roaring.js";
import {
  arraySource,
  chunkCount,
  type MemberSource,
  RECEIPT_CHUNK,
  receiptNodes,
  rootOfNodes,
  splitOf,
} from "./tree.js";

/** Below this many chunks (131,072 members) a running worker costs more than it saves. */
export const PARALLEL_MIN_CHUNKS = 2048;
/**
 * Below this many chunks (8,388,608 members) waiting for the worker to start costs more than it saves: it takes
 * ~75 ms, as long as 2.7 M members take on one thread (a `share` in a new process: 1.3 M members took 72 ms alone,
 * 137 ms with a worker started for them; 8 M members 351 against 311 ms; docs/benchmarks.md, "Share gateway").
 * A smaller tree starts it and is computed here; the trees after it (a server, a verify, an import of history)
 * share the work.
 */
export const COLD_MIN_CHUNKS = 1 << 17;
const HASH = 32;

let worker: Worker | null | undefined;
/** The worker (started once), or null where there is none (sources run without a build, a failed worker). */
function started(): Worker | null {
  if (worker !== undefined) return worker;
  const file = workerFile("ledger/receipts/worker.js");
  worker = existsSync(fileURLToPath(file)) ? new Worker(file) : null;
  worker?.unref();
  worker?.on("error", () => {
    worker = null;
  });
  return worker;
}

/**
 * The worker for a tree of `chunks`, or null: this thread does it all. The first large tree is done here and
 * starts the worker after (a booting worker slows this thread by about a quarter); the trees after it share the
 * work.
 */
function helper(chunks: number): Worker | null {
  if (chunks < PARALLEL_MIN_CHUNKS || (worker === undefined && chunks < COLD_MIN_CHUNKS)) return null;
  return started();
}

/** The members of a roaring set by rank (paged: slow on bitmap containers, for a few chunks). */
export function setSource(set: RoaringBitmap32): MemberSource {
  return (out, offset, limit) => set.rangeUint32Array(out, offset, limit);
}

// the members of the release being hashed, shared with the worker; kept between calls and grown as needed:
// filling touched memory takes 1 ms for 4 M members, fresh memory 46 ms, paging through the set 66 ms
let shared = new Uint32Array(new SharedArrayBuffer(4));
function membersOf(set: RoaringBitmap32): Uint32Array {
  if (shared.length < set.size) shared = new Uint32Array(new SharedArrayBuffer(set.size * 4));
  return set.toUint32Array(shared).subarray(0, set.size);
}

/**
 * The nodes of a release's whole receipts tree at one height, the upper part from the worker: the chunk leaves
 * (`leaves`), or the nodes at the split's height, which fold to the root.
 */
function nodesOf(key: Uint8Array, set: RoaringBitmap32, leaves: boolean): Uint8Array {
  const count = set.size;
  const chunks = chunkCount(count);
  const all = membersOf(set);
  const members = arraySource(all);
  const w = helper(chunks);
  if (!w) {
    const nodes = receiptNodes(key, members, count, 0, chunks, 0);
    if (chunks >= PARALLEL_MIN_CHUNKS) started();
    return nodes;
  }
  const split = splitOf(chunks);
  const { mid } = split;
  const height = leaves ? 0 : split.height;
  const first = mid * RECEIPT_CHUNK;
  const out = new SharedArrayBuffer(Math.ceil((chunks - mid) / 2 ** height) * HASH);
  const done = new SharedArrayBuffer(4);
  w.postMessage({
    key: Uint8Array.from(key),
    indexes: all.buffer,
    first,
    count: count - first,
    chunks: chunks - mid,
    height,
    out,
    done,
  });
  const lower = receiptNodes(key, members, count, 0, mid, height);
  const flag = new Int32Array(done);
  // a worker that died or hangs must not hang the ledger: after 30 s this thread does the upper part itself
  for (let waited = 0; Atomics.load(flag, 0) === 0 && waited < 30; waited++) Atomics.wait(flag, 0, 0, 1000);
  const upper =
    Atomics.load(flag, 0) === 1
      ? new Uint8Array(out)
      : receiptNodes(key, members, count, mid, chunks, height);
  const nodes = new Uint8Array(lower.length + upper.length);
  nodes.set(lower);
  nodes.set(upper, lower.length);
  return nodes;
}

/**
 * The receipts root of a release whose members are `set`, under the release's receipts key.
 * @example toHex(receiptsRoot(hasher.receiptKey(seq), set))
 */
export function receiptsRoot(key: Uint8Array, set: RoaringBitmap32): Uint8Array {
  return rootOfNodes(nodesOf(key, set, false));
}

/**
 * The chunk leaf hashes of a release's receipts tree (32 bytes each), for a ReceiptsTree.
 * @example new ReceiptsTree(receiptsLeaves(key, set)).path(chunk)
 */
export function receiptsLeaves(key: Uint8Array, set: RoaringBitmap32): Uint8Array {
  return nodesOf(key, set, true);
}
