// the distinct subjects of a release before they reach the dictionary: an open-addressing table of the 16-byte
// hashes themselves, laid out in the order the dictionary numbers them, so it is handed over sorted without a sort.
import type { SpillFile, SpillPlace } from "../../ports/spill.js";
import { mergeRuns, type SortedHashes, sortedFile } from "./staged.js";
import { SUBJECT_HASH_BYTES } from "./subject-hasher.js";

// a hash is four little-endian 32-bit words, compared first word first (the dictionary's order, `sortRecordsInPlace`)
const WORDS = SUBJECT_HASH_BYTES / 4;

/** Hashes whose home slots `add` reads ahead of inserting them. */
const AHEAD = 16;

/** Slots of a new table; a table is doubled before it is more than MAX_LOAD full. */
const FIRST_SLOTS = 1024;
const MAX_LOAD = 2 / 3;
/** The most slots a table has: 2^28 slots of 16 bytes, 4 GiB. */
const MAX_SLOTS = 2 ** 28;

/**
 * Distinct subjects a staging SubjectHashSet holds in memory before it writes them out as a sorted run: a table of
 * 2^21 slots (32 MiB) at most, MAX_LOAD full.
 */
export const SPILL_AT = Math.floor(2 ** 21 * MAX_LOAD);

/** Where a SubjectHashSet stages its subjects past `at` (default SPILL_AT) distinct ones in memory. */
export interface SpillOptions {
  place: SpillPlace;
  at?: number;
}

/** Whether record i of `a` is above record j of `b` as 128-bit unsigned numbers, first word most significant. */
function above(a: Uint32Array, i: number, b: Uint32Array, j: number): boolean {
  for (let k = 0; k < WORDS; k++) {
    const x = a[i * WORDS + k] as number;
    const y = b[j * WORDS + k] as number;
    if (x !== y) return x > y;
  }
  return false;
}

/** Whether slot s of `t` is empty (all four words zero). */
const empty = (t: Uint32Array, s: number): boolean =>
  ((t[s * WORDS] as number) |
    (t[s * WORDS + 1] as number) |
    (t[s * WORDS + 2] as number) |
    (t[s * WORDS + 3] as number)) ===
  0;

/**
 * A set of 16-byte subject hashes (the distinct subjects of a release before they reach the dictionary). The table
 * holds the hashes themselves (16 bytes a slot, an empty slot all zero, at most MAX_LOAD full), in linear-probing
 * slots whose home is the first word's top bits: the order the dictionary numbers new subjects in. So an insert
 * touches one place in memory (a table of indexes beside the hashes touched two: most of a share's main thread),
 * and the slots read front to back are already sorted but within a run of taken slots: `packSorted` packs them
 * to the front of the same buffer, an insertion step putting each run in order, instead of a radix sort of them all.
 * It hands them over without a copy (`take`: shared memory the dictionary numbers where it lies).
 * With `spill`, at most `spill.at` subjects are held: a full table is packed and written out as a sorted run (a
 * subject may then be in several runs), and `sorted()` merges the runs into one file of distinct hashes that the
 * ledger numbers from disk (`Ledger.appendSorted`), so memory stays flat whatever the release's size.
 * @example const s = new SubjectHashSet(); s.add(hashes, n); await ledger.appendHashes(release, s.take(), s.size);
 */
export class SubjectHashSet {
  private table: Uint32Array = new Uint32Array(0);
  private slots = 0;
  private shift = 32;
  private count = 0;
  /** whether the all-zero hash was added: it cannot be told from an empty slot, so it is held apart */
  private zero = false;
  private readonly limit: number;
  /** the sorted runs written so far, in one staged file */
  private runs: { file: SpillFile; list: { start: number; count: number }[] } | undefined;
  private merged: SortedHashes | undefined;
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: written so the read-ahead's loads are not dropped as dead
  private readAhead = 0;

  constructor(private readonly spill?: SpillOptions) {
    this.limit = spill ? Math.max(1, spill.at ?? SPILL_AT) : Number.POSITIVE_INFINITY;
  }

  /** Adds `count` hashes packed in `hashes`. */
  add(hashes: Uint8Array, count: number): void {
    if (this.merged) throw new Error("subjects added to a set already merged");
    const input = wordsOf(hashes, count);
    for (let i = 0; i < count; i++) {
      // the home slots of the next AHEAD hashes read first, every AHEAD hashes: independent loads the processor
      // has in flight together, so the inserts find their slots in the cache (one miss after another, an insert
      // waited on memory: most of the share's main thread at 10 M rows)
      if (i % AHEAD === 0) {
        const t = this.table;
        const shift = this.shift;
        let seen = 0;
        for (let j = i, end = Math.min(count, i + AHEAD); j < end; j++)
          seen |= t[((input[j * WORDS] as number) >>> shift) * WORDS] as number;
        this.readAhead = seen;
      }
      if (this.count === this.limit) this.writeRun();
      if (this.count + 1 > this.slots * MAX_LOAD) this.resize(Math.max(FIRST_SLOTS, this.slots * 2));
      const at = i * WORDS;
      const a = input[at] as number;
      const b = input[at + 1] as number;
      const c = input[at + 2] as number;
      const d = input[at + 3] as number;
      if ((a | b | c | d) === 0) {
        if (!this.zero) this.count++;
        this.zero = true;
        continue;
      }
      const t = this.table;
      const mask = this.slots - 1;
      for (let s = a >>> this.shift; ; s = (s + 1) & mask) {
        const o = s * WORDS;
        const x = t[o] as number;
        const y = t[o + 1] as number;
        const z = t[o + 2] as number;
        const w = t[o + 3] as number;
        if (x === a && y === b && z === c && w === d) break;
        if ((x | y | z | w) === 0) {
          t[o] = a;
          t[o + 1] = b;
          t[o + 2] = c;
          t[o + 3] = d;
          this.count++;
          break;
        }
      }
    }
  }

  /** A table of `slots` slots (shared memory, for `take`) with the held hashes put in again, front to back. */
  private resize(slots: number): void {
    if (slots > MAX_SLOTS)
      throw new RangeError(
        `a release holds at most ${Math.floor(MAX_SLOTS * MAX_LOAD)} distinct subjects in memory`,
      );
    const old = this.table;
    const oldSlots = this.slots;
    const t = new Uint32Array(new SharedArrayBuffer(slots * SUBJECT_HASH_BYTES));
    const shift = 32 - Math.log2(slots);
    const mask = slots - 1;
    for (let s = 0; s < oldSlots; s++) {
      if (empty(old, s)) continue;
      const o = s * WORDS;
      let n = (old[o] as number) >>> shift;
      while (!empty(t, n)) n = (n + 1) & mask;
      copyRecord(t, n, old, s);
    }
    old.fill(0);
    this.table = t;
    this.slots = slots;
    this.shift = shift;
  }

  /** Packs the table sorted, writes it out as a run and empties it (its memory kept). */
  private writeRun(): void {
    const spill = this.spill as SpillOptions;
    this.runs ??= { file: spill.place.create("the release's subjects"), list: [] };
    const packed = packSorted(this.table, this.slots, this.count, this.zero);
    const { file, list } = this.runs;
    list.push({ start: file.bytes, count: this.count });
    file.append(new Uint8Array(packed.buffer, packed.byteOffset, this.count * SUBJECT_HASH_BYTES));
    packed.fill(0);
    this.count = 0;
    this.zero = false;
  }

  /** Whether the set wrote runs: its hashes are then read with `sorted()`, not `take()`. */
  get staged(): boolean {
    return this.runs !== undefined || this.merged !== undefined;
  }

  /**
   * The distinct hashes sorted, from disk, for a set that wrote runs (undefined for one that did not): the last
   * run is written and all are merged once, repeats across runs left out, and the memory let go.
   */
  sorted(): SortedHashes | undefined {
    if (this.merged) return this.merged;
    if (!this.runs) return undefined;
    if (this.count > 0) this.writeRun();
    const { file, list } = this.runs;
    const place = (this.spill as SpillOptions).place;
    const out = place.create("the release's subjects, merged");
    try {
      this.merged = sortedFile(
        out,
        mergeRuns(
          list.map((r) => ({ file, ...r })),
          out,
        ),
        place,
      );
    } catch (e) {
      out.dispose();
      throw e;
    } finally {
      file.dispose();
      this.runs = undefined;
    }
    this.reset();
    return this.merged;
  }

  /** Distinct hashes added (a staged set's runs are merged first, to count them). */
  get size(): number {
    return this.staged ? (this.sorted() as SortedHashes).count : this.count;
  }

  /** The distinct hashes, packed and sorted: a copy (the set is left as it was). */
  bytes(): Uint8Array {
    const sorted = this.sorted();
    if (sorted) {
      const out = new Uint8Array(sorted.count * SUBJECT_HASH_BYTES);
      let at = 0;
      for (const piece of sorted.pieces()) {
        out.set(piece, at);
        at += piece.length;
      }
      return out;
    }
    const packed = packSorted(this.table.slice(), this.slots, this.count, this.zero);
    return new Uint8Array(packed.buffer, packed.byteOffset, this.count * SUBJECT_HASH_BYTES);
  }

  /** Removes the staged files (idempotent; nothing to do for a set held in memory). */
  dispose(): void {
    this.runs?.file.dispose();
    this.runs = undefined;
    this.merged?.dispose();
  }

  /**
   * The distinct hashes sorted: a view of exactly their bytes over the set's own shared buffer, not a copy (one a
   * first release's dictionary can number in place: `appendHashes(..., { consume: true })`); the set is emptied.
   */
  take(): Uint8Array {
    if (this.staged) throw new Error("a staged set's subjects are read with sorted()");
    const packed = packSorted(this.table, this.slots, this.count, this.zero);
    const hashes = new Uint8Array(packed.buffer, packed.byteOffset, this.count * SUBJECT_HASH_BYTES);
    this.reset();
    return hashes;
  }

  /** Empties the set in memory: its table let go. */
  private reset(): void {
    this.table = new Uint32Array(0);
    this.slots = 0;
    this.shift = 32;
    this.count = 0;
    this.zero = false;
  }
}

/** Copies record j of `from` to record i of `to`. */
function copyRecord(to: Uint32Array, i: number, from: Uint32Array, j: number): void {
  for (let k = 0; k < WORDS; k++) to[i * WORDS + k] = from[j * WORDS + k] as number;
}

/**
 * Packs the `count` hashes of a table of `slots` slots sorted to its front and returns them (a view of it), the
 * rest of the table zeroed. Slots read front to back are in order but within a run of taken slots (a later hash
 * can take a slot before an earlier home's), so each packed hash is moved down past the larger ones before it: a
 * few steps, within its run. The run at slot 0 (it may hold hashes whose home is near the end, wrapped round) and
 * the zero hash (`zero`: held apart, an empty slot is all zero) are set aside and merged in at their places last.
 */
function packSorted(t: Uint32Array, slots: number, count: number, zero: boolean): Uint32Array {
  let first = 0;
  while (first < slots && !empty(t, first)) first++;
  const lead = zero ? 1 : 0;
  const aside = new Uint32Array((first + lead) * WORDS);
  aside.set(t.subarray(0, first * WORDS), lead * WORDS);
  insertionSort(aside, first + lead);
  let k = 0;
  for (let s = first; s < slots; s++) {
    if (empty(t, s)) continue;
    let j = k++;
    if (j !== s) copyRecord(t, j, t, s);
    for (; j > 0 && above(t, j - 1, t, j); j--) swap(t, j - 1, j);
  }
  // the set-aside hashes merged in from the back: the packed ones above them move up
  let i = k - 1;
  for (let a = first + lead - 1, to = count - 1; a >= 0; to--)
    if (i >= 0 && above(t, i, aside, a)) copyRecord(t, to, t, i--);
    else copyRecord(t, to, aside, a--);
  aside.fill(0);
  t.fill(0, count * WORDS);
  return t.subarray(0, count * WORDS);
}

/** Swaps records i and j of `w`. */
function swap(w: Uint32Array, i: number, j: number): void {
  for (let k = 0; k < WORDS; k++) {
    const x = w[i * WORDS + k] as number;
    w[i * WORDS + k] = w[j * WORDS + k] as number;
    w[j * WORDS + k] = x;
  }
}

/** Sorts the first n records of `w` by insertion (a handful). */
function insertionSort(w: Uint32Array, n: number): void {
  for (let k = 1; k < n; k++) for (let j = k; j > 0 && above(w, j - 1, w, j); j--) swap(w, j - 1, j);
}

/** A word view of 16-byte hashes (copied when the bytes are not 4-byte aligned). */
export function wordsOf(hashes: Uint8Array, count: number): Uint32Array {
  if (hashes.byteOffset % 4 === 0) return new Uint32Array(hashes.buffer, hashes.byteOffset, count * WORDS);
  const copy = new Uint8Array(count * SUBJECT_HASH_BYTES);
  copy.set(hashes.subarray(0, count * SUBJECT_HASH_BYTES));
  return new Uint32Array(copy.buffer);
}
