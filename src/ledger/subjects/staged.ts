// a release's distinct subjects staged on disk: sorted runs of 16-byte hashes in one private file, merged into one
// sorted file without repeats, read back in pieces. What lets a release of tens of millions of rows hold a bounded
// number of subjects in memory (docs/benchmarks.md, "Flat memory").

import type { SpillFile, SpillPlace } from "../../ports/spill.js";
import { SUBJECT_HASH_BYTES } from "./subject-hasher.js";

const WORDS = SUBJECT_HASH_BYTES / 4;
/** Bytes of a piece read back or written at a time. */
const PIECE_BYTES = 1 << 20;
/** Bytes of read buffers the merge holds for all its runs together (each at least one hash). */
const MERGE_BUFFERS = 16 << 20;

/** A run of sorted, distinct hashes: `count` of them from byte `start` of `file`. */
export interface Run {
  file: SpillFile;
  start: number;
  count: number;
}

/**
 * Distinct 16-byte hashes in ascending order (as 128-bit numbers, the first little-endian word most significant:
 * the order the dictionary numbers new subjects in), staged in a private file.
 */
export interface SortedHashes {
  readonly count: number;
  /** Where more staged files of the same run may be made (the dictionary's partition buckets). */
  readonly place: SpillPlace;
  /** The hashes front to back, in pieces of whole hashes; each piece is valid until the next is asked for. */
  pieces(): Iterable<Uint8Array>;
  /** Removes the file (idempotent). */
  dispose(): void;
}

/** 128-bit comparison of the hashes at word offsets `a` of `x` and `b` of `y`: negative, 0 or positive. */
function compare(x: Uint32Array, a: number, y: Uint32Array, b: number): number {
  for (let k = 0; k < WORDS; k++) {
    const p = x[a + k] as number;
    const q = y[b + k] as number;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

/** One run as the merge reads it: a buffer of its next hashes. */
class RunReader {
  readonly bytes: Uint8Array;
  readonly words: Uint32Array;
  /** word offset of the current hash in `words` */
  at = 0;
  private held = 0;
  private next: number;
  private left: number;

  private readonly file: SpillFile;

  constructor(run: Run, hashes: number) {
    this.file = run.file;
    this.bytes = new Uint8Array(hashes * SUBJECT_HASH_BYTES);
    this.words = new Uint32Array(this.bytes.buffer);
    this.next = run.start;
    this.left = run.count;
    this.fill();
  }

  /** False once the run is read. */
  get live(): boolean {
    return this.at < this.held * WORDS;
  }

  /** Moves to the run's next hash. */
  advance(): void {
    this.at += WORDS;
    if (this.at >= this.held * WORDS) this.fill();
  }

  private fill(): void {
    const n = Math.min(this.left, this.bytes.length / SUBJECT_HASH_BYTES);
    const want = n * SUBJECT_HASH_BYTES;
    const got = n === 0 ? 0 : this.file.readAt(this.next, this.bytes.subarray(0, want));
    if (got !== want) throw new Error(`a staged run ended early (${got} of ${want} bytes)`);
    this.next += want;
    this.left -= n;
    this.held = n;
    this.at = 0;
  }
}

/**
 * Merges sorted runs of distinct hashes into `out`, each hash once; returns how many. A binary heap of the runs by
 * their current hash; the read buffers share MERGE_BUFFERS, so thousands of runs merge in little memory.
 */
export function mergeRuns(list: readonly Run[], out: SpillFile): number {
  const each = Math.max(1, Math.floor(MERGE_BUFFERS / Math.max(1, list.length) / SUBJECT_HASH_BYTES));
  const readers = list.filter((r) => r.count > 0).map((r) => new RunReader(r, Math.min(each, r.count)));
  const heap: RunReader[] = [];
  const less = (i: number, j: number): boolean => {
    const x = heap[i] as RunReader;
    const y = heap[j] as RunReader;
    return compare(x.words, x.at, y.words, y.at) < 0;
  };
  const swap = (i: number, j: number): void => {
    const t = heap[i] as RunReader;
    heap[i] = heap[j] as RunReader;
    heap[j] = t;
  };
  const down = (from: number): void => {
    for (let i = from; ; ) {
      const l = 2 * i + 1;
      if (l >= heap.length) return;
      const c = l + 1 < heap.length && less(l + 1, l) ? l + 1 : l;
      if (!less(c, i)) return;
      swap(c, i);
      i = c;
    }
  };
  for (const r of readers) {
    heap.push(r);
    for (let i = heap.length - 1; i > 0 && less(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
  }
  const piece = new Uint8Array(PIECE_BYTES);
  const pieceWords = new Uint32Array(piece.buffer);
  const last = new Uint32Array(WORDS);
  let used = 0;
  let count = 0;
  while (heap.length > 0) {
    const top = heap[0] as RunReader;
    // a hash another run gave just before is left out
    if (count === 0 || compare(top.words, top.at, last, 0) !== 0) {
      for (let k = 0; k < WORDS; k++) {
        const v = top.words[top.at + k] as number;
        pieceWords[used + k] = v;
        last[k] = v;
      }
      used += WORDS;
      count++;
      if (used === pieceWords.length) {
        out.append(piece);
        used = 0;
      }
    }
    top.advance();
    if (!top.live) {
      heap[0] = heap[heap.length - 1] as RunReader;
      heap.pop();
    }
    down(0);
  }
  if (used > 0) out.append(piece.subarray(0, used * 4));
  return count;
}

/** A sorted file of `count` distinct hashes made by `mergeRuns`, as SortedHashes. */
export function sortedFile(file: SpillFile, count: number, place: SpillPlace): SortedHashes {
  return {
    count,
    place,
    *pieces() {
      const piece = new Uint8Array(PIECE_BYTES);
      const total = count * SUBJECT_HASH_BYTES;
      for (let at = 0; at < total; ) {
        const n = file.readAt(at, piece.subarray(0, Math.min(PIECE_BYTES, total - at)));
        if (n === 0 || n % SUBJECT_HASH_BYTES !== 0) throw new Error("the staged subjects ended early");
        yield piece.subarray(0, n);
        at += n;
      }
    },
    dispose: () => file.dispose(),
  };
}
