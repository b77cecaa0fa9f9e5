// a partition's released subjects as a sorted run of distinct 16-byte keyed hashes (byte order), and the k-way merge
// of the runs into the release's distinct subjects. Keyed hashes only: the values they were made from never leave
// the worker. The order is plain byte order, so runs made on any host merge alike.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { radixSort64 } from "../../ledger/subjects/radix.js";
import { SUBJECT_HASH_BYTES } from "../../ledger/subjects/subject-hasher.js";

const W = SUBJECT_HASH_BYTES;

/** The big-endian 32-bit word of `b` at byte `at`. */
const word = (b: Uint8Array, at: number) =>
  (((b[at] as number) << 24) |
    ((b[at + 1] as number) << 16) |
    ((b[at + 2] as number) << 8) |
    (b[at + 3] as number)) >>>
  0;

/** Compares the hashes at records `i` of `a` and `j` of `b`. */
function compare(a: Uint8Array, i: number, b: Uint8Array, j: number): number {
  for (let k = 0; k < W; k++) {
    const d = (a[i * W + k] as number) - (b[j * W + k] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * `count` distinct 16-byte hashes sorted in byte order (a new buffer): a radix sort on the first 8 bytes
 * (radix.ts), then the rare runs that share those bytes by comparison.
 * @example sortHashes(set.bytes(), set.size)
 */
export function sortHashes(hashes: Uint8Array, count: number): Uint8Array {
  const hi0 = new Uint32Array(count);
  const lo0 = new Uint32Array(count);
  const order0 = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    hi0[i] = word(hashes, i * W);
    lo0[i] = word(hashes, i * W + 4);
    order0[i] = i;
  }
  const { hi, lo, order } = radixSort64(hi0, lo0, order0);
  // records sharing their first 8 bytes: sorted by all 16
  for (let i = 0; i < count; ) {
    let j = i + 1;
    while (j < count && hi[j] === hi[i] && lo[j] === lo[i]) j++;
    if (j - i > 1) {
      const run = Array.from(order.subarray(i, j)).sort((x, y) => compare(hashes, x, hashes, y));
      order.set(run, i);
    }
    i = j;
  }
  const out = new Uint8Array(count * W);
  for (let i = 0; i < count; i++) {
    const from = (order[i] as number) * W;
    out.set(hashes.subarray(from, from + W), i * W);
  }
  return out;
}

/** A sorted run read a window at a time: `buf` holds records [0, len), `refill` replaces them (false at the end). */
interface Cursor {
  buf: Uint8Array;
  pos: number;
  len: number;
  refill(): boolean;
}

/** A run in memory. */
function memoryCursor(run: Uint8Array): Cursor {
  return { buf: run, pos: 0, len: run.length / W, refill: () => false };
}

/** Records per window of a run read from its file: 4,096 (64 KiB), so thousands of runs merge in little memory. */
const WINDOW = 4096;

/** A run in a file, read through one window; closes the file at its end. */
function fileCursor(path: string): Cursor {
  const fd = openSync(path, "r");
  const buf = new Uint8Array(WINDOW * W);
  let open = true;
  const cursor: Cursor = {
    buf,
    pos: 0,
    len: 0,
    refill() {
      if (!open) return false;
      let got = 0;
      while (got < buf.length) {
        const n = readSync(fd, buf, got, buf.length - got, null);
        if (n === 0) break;
        got += n;
      }
      if (got % W !== 0) {
        closeSync(fd);
        open = false;
        throw new Error(`${path}: a subject run whose size is not a multiple of ${W} bytes`);
      }
      cursor.pos = 0;
      cursor.len = got / W;
      if (got < buf.length) {
        closeSync(fd);
        open = false;
      }
      return cursor.len > 0;
    },
  };
  try {
    cursor.refill();
  } catch (e) {
    if (open) closeSync(fd);
    throw e;
  }
  return cursor;
}

/**
 * The distinct hashes of sorted runs, sorted: a k-way merge (a binary heap of the runs' heads).
 * @example mergeRuns([runA, runB]) // Uint8Array of the union, 16 bytes each, in byte order
 */
export function mergeRuns(runs: readonly Uint8Array[]): { hashes: Uint8Array; count: number } {
  return merge(
    runs.map(memoryCursor),
    runs.reduce((n, r) => n + r.length / W, 0),
  );
}

/**
 * The distinct hashes of the sorted runs in `paths`, sorted: the same merge, each run read through a 64 KiB window,
 * so the memory it takes is the merged set's (16 bytes per distinct subject), not the runs' sum.
 * @example mergeRunFiles(["p-00000.subjects", "p-00001.subjects"])
 */
export function mergeRunFiles(paths: readonly string[]): { hashes: Uint8Array; count: number } {
  const cursors: Cursor[] = [];
  let total = 0;
  for (const path of paths) {
    total += statSync(path).size / W;
    cursors.push(fileCursor(path));
  }
  return merge(cursors, total);
}

function merge(runs: Cursor[], total: number): { hashes: Uint8Array; count: number } {
  // the union is at most `total`: grown by doubling up to it, from the largest run (the union is at least that)
  let out = new Uint8Array(Math.min(total, Math.max(WINDOW, ...runs.map((r) => r.len))) * W);
  const heap: number[] = [];
  const less = (x: number, y: number) => {
    const a = runs[x] as Cursor;
    const b = runs[y] as Cursor;
    return compare(a.buf, a.pos, b.buf, b.pos) < 0;
  };
  const down = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && less(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
      i = m;
    }
  };
  for (const [k, run] of runs.entries()) if (run.len > 0) heap.push(k);
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  let count = 0;
  while (heap.length > 0) {
    const k = heap[0] as number;
    const run = runs[k] as Cursor;
    const p = run.pos;
    if (count === 0 || compare(out, count - 1, run.buf, p) !== 0) {
      if ((count + 1) * W > out.length) {
        const grown = new Uint8Array(Math.min(total * W, out.length * 2));
        grown.set(out);
        out = grown;
      }
      out.set(run.buf.subarray(p * W, (p + 1) * W), count * W);
      count++;
    }
    run.pos = p + 1;
    if (run.pos >= run.len && !run.refill()) {
      heap[0] = heap[heap.length - 1] as number;
      heap.pop();
    }
    if (heap.length > 0) down(0);
  }
  return { hashes: out.subarray(0, count * W), count };
}
