// the subject dictionary: keyed subject hashes -> dense integers (0, 1, 2, ...) so subject sets are
// roaring bitmaps. Stored twice: in index order (an append loads it into an open-addressing table once), and in
// 65,536 partitions by the hash's first two bytes, each a list of chunks of 20-byte records (16-byte hash, u32
// index) in index order: a lookup of one subject reads one partition (61 records at 4 M subjects).

import type { LedgerReads, Member } from "../../ports/ledger.js";
import type { SpillFile, SpillPlace } from "../../ports/spill.js";
import {
  DICT_CHUNK_RECORDS,
  DICT_PARTITIONS,
  DICT_RECORD_BYTES,
  type DictChunk,
  type DictionaryReads,
  type DictionaryWrites,
  dictPartition,
  dictPartitionOfWord,
  DICT_LINEAR_CHUNK as LINEAR_CHUNK,
} from "../../ports/subjects.js";
import type { SortedHashes } from "./staged.js";
import { SUBJECT_HASH_BYTES } from "./subject-hasher.js";
import { wordsOf } from "./subject-set.js";

const RECORD = DICT_RECORD_BYTES;
const CHUNK_BYTES = DICT_CHUNK_RECORDS * RECORD;
/** Bytes of partition records put in one call while persisting. */
const PERSIST_BATCH = 8 << 20;
/** Batches up to which persist places the records by a pass over the words each (see `persist`). */
const SCATTER_PASSES = 4;
export const NOT_FOUND = 0xffffffff;
/**
 * An assign of at most this many subjects, into a dictionary at least SPARSE_RATIO times larger, with no table in
 * memory, looks each subject up in its partition instead of loading the table: a daily release of a few thousand
 * known subjects then costs milliseconds, not the ~0.7 s of loading 4 M (docs/benchmarks.md, "Fixed cost").
 */
const SPARSE_MAX = 4096;
const SPARSE_RATIO = 64;

// a 16-byte hash is handled as four little-endian 32-bit words: comparing words is 4x fewer steps
const WORDS = SUBJECT_HASH_BYTES / 4;

interface Table {
  /** the hash of index i at words[4i .. 4i+3] */
  words: Uint32Array;
  slots: Uint32Array;
  mask: number;
  /** a hash's home slot is its first word's top bits: `w0 >>> shift` (see `probe`) */
  shift: number;
  size: number;
}

/** A Buffer over the same bytes (no copy, unlike Buffer.from of a view). */
const bufferOf = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Shared memory, so the share gateway's worker threads can look subjects up in the same table. */
const sharedWords = (n: number): Uint32Array => new Uint32Array(new SharedArrayBuffer(n * 4));

/** A table with room for `capacity` subjects: slots at most half full; `words` given, or made for the capacity. */
function newTable(capacity: number, words?: Uint32Array): Table {
  let slots = 1024;
  while (slots < capacity * 2) slots *= 2;
  return {
    words: words ?? sharedWords(Math.max(capacity, 1024) * WORDS),
    slots: sharedWords(slots),
    mask: slots - 1,
    shift: 32 - Math.log2(slots),
    size: 0,
  };
}

/** A read-only view of the dictionary's table (shared memory) for lookups on other threads. */
export interface SharedDictionary {
  words: Uint32Array;
  slots: Uint32Array;
  mask: number;
  shift: number;
  size: number;
}

/**
 * The index of the 16-byte hash at `w[at..at+3]` (little-endian words) in a shared view, or NOT_FOUND.
 * @example lookupShared(view, new Uint32Array(hash.buffer), 0)
 */
export function lookupShared(t: SharedDictionary, w: Uint32Array, at: number): number {
  const v = t.slots[probe(t, w, at)] as number;
  return v === 0 ? NOT_FOUND : v - 1;
}

/**
 * Finds the slot of the hash at `w[at..at+3]` (or the empty slot where it would go); slots hold index + 1. A hash's
 * home slot is the top bits of its first word: new subjects are numbered in the order of that word (`sortFresh`),
 * so slot order follows index order and lookups made in home order read the slots and the words front to back
 * instead of missing the cache twice a subject (`lookupInOrder`; docs/benchmarks.md, "Append at 40 M").
 */
function probe(t: Table, w: Uint32Array, at: number): number {
  const a = w[at] as number;
  const b = w[at + 1] as number;
  const c = w[at + 2] as number;
  const d = w[at + 3] as number;
  const words = t.words;
  let s = a >>> t.shift;
  for (;;) {
    const v = t.slots[s] as number;
    if (v === 0) return s;
    const o = (v - 1) * WORDS;
    if (words[o] === a && words[o + 1] === b && words[o + 2] === c && words[o + 3] === d) return s;
    s = (s + 1) & t.mask;
  }
}

/** Below this many, loaded subjects are inserted in index order; above, grouped by home slot first. */
const BUCKETED_INSERT = 1 << 16;
/** log2 of the groups: few enough that scattering into them stays in cache, so each group's slots do too. */
const BUCKET_BITS = 10;
/** Index ranges made of at most this many runs ascending by first word are inserted in index order. */
const FEW_RUNS = 8;

/** Whether indexes [from, to) are at most FEW_RUNS runs ascending by first word (one pass over the words). */
function fewRuns(words: Uint32Array, from: number, to: number): boolean {
  let runs = 1;
  for (let i = from + 1; i < to; i++)
    if ((words[i * WORDS] as number) < (words[(i - 1) * WORDS] as number) && ++runs > FEW_RUNS) return false;
  return true;
}

/**
 * Puts indexes [from, to) (their hashes already in `t.words`, none of them in the table yet: the store's subjects
 * are distinct) into the slots. No hash is compared. Subjects are numbered in the order of their first word, which
 * is also the order of their home slots, so a dictionary made by a few large appends is put in index order, reading
 * the words and writing the slots front to back; one of many small appends is first grouped by the top bits of each
 * home slot (a counting sort reading the words in order), so the slot writes of a group fall in a few kilobytes
 * instead of missing the cache on every subject (docs/benchmarks.md, "Fixed cost of a share").
 */
function insertDistinct(t: Table, from: number, to: number): void {
  const { slots, words, mask } = t;
  const m = to - from;
  if (m < BUCKETED_INSERT || fewRuns(words, from, to)) {
    for (let i = from; i < to; i++) {
      let s = (words[i * WORDS] as number) >>> t.shift;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = i + 1;
    }
    return;
  }
  const shift = Math.max(0, Math.log2(slots.length) - BUCKET_BITS);
  const starts = new Uint32Array((1 << BUCKET_BITS) + 1);
  for (let i = from; i < to; i++) {
    const b = ((words[i * WORDS] as number) >>> t.shift) >>> shift;
    starts[b + 1] = (starts[b + 1] as number) + 1;
  }
  for (let b = 1; b < starts.length; b++) starts[b] = (starts[b] as number) + (starts[b - 1] as number);
  const index = new Uint32Array(m);
  const home = new Uint32Array(m);
  for (let i = from; i < to; i++) {
    const h = (words[i * WORDS] as number) >>> t.shift;
    const at = starts[h >>> shift] as number;
    starts[h >>> shift] = at + 1;
    index[at] = i;
    home[at] = h;
  }
  for (let k = 0; k < m; k++) {
    let s = home[k] as number;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = (index[k] as number) + 1;
  }
}

/**
 * Lookups of at least this many subjects in a table of at least ORDERED_TABLE are made in home-slot order
 * (`lookupInOrder`); a smaller table stays in cache, and a first release into an empty one finds nothing.
 */
const ORDERED_LOOKUP = 1 << 16;
const ORDERED_TABLE = 1 << 20;
/** Inputs ordered at a time (their sorted copy: 20 bytes each, 160 MB), enough to read the table front to back. */
const ORDER_CHUNK = 1 << 23;
/** Bits of the first pass of the order: 256 ranges, few enough that scattering into them stays in cache. */
const ORDER_HIGH_BITS = 8;

/**
 * Copies the hashes of `src` at [from, from + n) into `dst`, stably ordered by bits `shift .. shift + bits` of their
 * first word, and each one's origin (`srcOrigin[k]`, or k itself) into `dstOrigin`; `counts` (2^bits + 1 entries)
 * ends holding each range's end.
 */
function scatterByBits(
  src: Uint32Array,
  from: number,
  n: number,
  srcOrigin: Uint32Array | undefined,
  dst: Uint32Array,
  dstOrigin: Uint32Array,
  shift: number,
  bits: number,
  counts: Uint32Array,
): void {
  const m = (1 << bits) - 1;
  counts.fill(0, 0, m + 2);
  for (let k = from; k < from + n; k++) {
    const r = ((src[k * WORDS] as number) >>> shift) & m;
    counts[r + 1] = (counts[r + 1] as number) + 1;
  }
  for (let r = 1; r <= m + 1; r++) counts[r] = (counts[r] as number) + (counts[r - 1] as number);
  for (let k = from; k < from + n; k++) {
    const o = k * WORDS;
    const a = src[o] as number;
    const r = (a >>> shift) & m;
    const at = counts[r] as number;
    counts[r] = at + 1;
    dstOrigin[at] = srcOrigin ? (srcOrigin[k] as number) : k;
    const d = at * WORDS;
    dst[d] = a;
    dst[d + 1] = src[o + 1] as number;
    dst[d + 2] = src[o + 2] as number;
    dst[d + 3] = src[o + 3] as number;
  }
}

/**
 * Looks `count` hashes up without adding any: `indexes[i]` is the index of hash i or NOT_FOUND; returns how many
 * were not found. Each chunk of inputs is copied in the order of the top bits of its first word (an MSD counting
 * sort: 256 ranges, then each range in cache) and probed in that order, so the slots, and the words of subjects
 * numbered in hash order, are read front to back. In input order, a lookup at 40 M subjects misses the cache and
 * the TLB on its slot and again on its words (docs/benchmarks.md, "Append at 40 M").
 */
function lookupInOrder(t: Table, input: Uint32Array, count: number, indexes: Uint32Array): number {
  const chunk = Math.min(count, ORDER_CHUNK);
  // order no finer than the slots, nor finer than a chunk's inputs can fill
  const bits = Math.min(32 - t.shift, Math.ceil(Math.log2(chunk)));
  const high = Math.min(ORDER_HIGH_BITS, bits);
  const low = bits - high;
  const ranged = new Uint32Array(chunk * WORDS);
  const rangedOrigin = new Uint32Array(chunk);
  const counts = new Uint32Array((1 << Math.max(high, low)) + 1);
  const ends = new Uint32Array(1 << high);
  let sorted = new Uint32Array(0);
  let sortedOrigin = new Uint32Array(0);
  let missing = 0;
  for (let from = 0; from < count; from += ORDER_CHUNK) {
    const n = Math.min(count, from + ORDER_CHUNK) - from;
    scatterByBits(input, from, n, undefined, ranged, rangedOrigin, 32 - high, high, counts);
    ends.set(counts.subarray(0, 1 << high));
    for (let r = 0, start = 0; r < 1 << high; r++) {
      const end = ends[r] as number;
      const size = end - start;
      if (sorted.length < size * WORDS) {
        sorted = new Uint32Array(size * 2 * WORDS);
        sortedOrigin = new Uint32Array(size * 2);
      }
      scatterByBits(ranged, start, size, rangedOrigin, sorted, sortedOrigin, 32 - bits, low, counts);
      for (let k = 0; k < size; k++) {
        const v = t.slots[probe(t, sorted, k * WORDS)] as number;
        if (v === 0) missing++;
        indexes[sortedOrigin[k] as number] = v - 1;
      }
      start = end;
    }
  }
  return missing;
}

/** `t`, or a larger table holding its subjects (distinct, so put in without comparing) with room for `min`. */
function grow(t: Table, min: number): Table {
  if (min * 2 <= t.slots.length && min * WORDS <= t.words.length) return t;
  const next = newTable(Math.max(min, t.size * 2));
  next.words.set(t.words.subarray(0, t.size * WORDS));
  next.size = t.size;
  insertDistinct(next, 0, t.size);
  return next;
}

/** Records of fewer than this many are sorted by insertion, not by another radix pass. */
const INSERTION_SORT = 24;

/** Whether record a of `w` (4 words) is above record b, as 128-bit unsigned numbers, first word most significant. */
function above(w: Uint32Array, a: number, b: number): boolean {
  for (let k = 0; k < WORDS; k++) {
    const x = w[a * WORDS + k] as number;
    const y = w[b * WORDS + k] as number;
    if (x !== y) return x > y;
  }
  return false;
}

/** Swaps records i and j of `w`, and their payloads (`payload[k - base]` goes with record k). */
function swapRecords(
  w: Uint32Array,
  payload: Uint32Array | undefined,
  base: number,
  i: number,
  j: number,
): void {
  for (let k = 0; k < WORDS; k++) {
    const x = w[i * WORDS + k] as number;
    w[i * WORDS + k] = w[j * WORDS + k] as number;
    w[j * WORDS + k] = x;
  }
  if (payload === undefined) return;
  const p = payload[i - base] as number;
  payload[i - base] = payload[j - base] as number;
  payload[j - base] = p;
}

/**
 * Sorts records [from, to) of `w` (16-byte hashes, 4 words each) ascending as 128-bit unsigned numbers (first word
 * most significant), in place, each record's `payload[k - from]` (when given) moved with it: an MSD radix sort on bytes
 * (American flag sort: 256 buckets filled by swapping, each bucket sorted on the next byte, small ones by insertion).
 * No copy of the hashes and no scratch arrays: a radix sort with keys and payload double-buffered took 24 bytes a
 * new subject, the peak of a first release of millions of subjects (docs/benchmarks.md, "Share gateway").
 */
export function sortRecordsInPlace(w: Uint32Array, from: number, to: number, payload?: Uint32Array): void {
  const head = new Uint32Array(256);
  const tail = new Uint32Array(256);
  const stack: number[] = [from, to, 0];
  while (stack.length > 0) {
    const digit = stack.pop() as number;
    const hi = stack.pop() as number;
    const lo = stack.pop() as number;
    if (hi - lo < INSERTION_SORT || digit >= 16) {
      for (let k = lo + 1; k < hi; k++)
        for (let j = k; j > lo && above(w, j - 1, j); j--) swapRecords(w, payload, from, j - 1, j);
      continue;
    }
    const word = digit >> 2;
    const shift = 24 - 8 * (digit & 3);
    head.fill(0);
    for (let k = lo; k < hi; k++) {
      const b = ((w[k * WORDS + word] as number) >>> shift) & 255;
      head[b] = (head[b] as number) + 1;
    }
    for (let b = 0, at = lo; b < 256; b++) {
      const n = head[b] as number;
      head[b] = at;
      at += n;
      tail[b] = at;
    }
    for (let b = 0; b < 256; b++)
      for (; (head[b] as number) < (tail[b] as number); head[b] = (head[b] as number) + 1) {
        const i = head[b] as number;
        for (let d = ((w[i * WORDS + word] as number) >>> shift) & 255; d !== b; ) {
          const j = head[d] as number;
          head[d] = j + 1;
          swapRecords(w, payload, from, i, j);
          d = ((w[i * WORDS + word] as number) >>> shift) & 255;
        }
      }
    for (let b = 0, start = lo; b < 256; b++) {
      const end = tail[b] as number;
      if (end - start > 1) stack.push(start, end, digit + 1);
      start = end;
    }
  }
}

/** Inverts a permutation of [0, n) in place (n < 2^31): p[j] = i becomes p[i] = j, cycle by cycle. */
function invertInPlace(p: Uint32Array): void {
  const MARK = 0x80000000;
  for (let start = 0; start < p.length; start++) {
    if (((p[start] as number) & MARK) !== 0) continue;
    let prev = start;
    let cur = p[start] as number;
    while (cur !== start) {
      const next = p[cur] as number;
      p[cur] = (prev | MARK) >>> 0;
      prev = cur;
      cur = next;
    }
    p[start] = (prev | MARK) >>> 0;
  }
  for (let k = 0; k < p.length; k++) p[k] = (p[k] as number) & 0x7fffffff;
}

/**
 * Renumbers the table's fresh indexes [from, size) in the order of their hashes (`sortRecordsInPlace`); returns
 * the rank of each provisional index from + p among them (final index = from + rank[p]). The fresh slots are
 * emptied (those in `slotOf`, when it lists them all; else every slot above `from`, one pass over the slots) and
 * the fresh range put in again in its new order. (Emptying them breaks no other subject's probe: every older
 * subject was put in before any fresh one, so none passed a fresh slot.)
 */
function sortFresh(t: Table, from: number, slotOf: Uint32Array | undefined): Uint32Array {
  const m = t.size - from;
  if (slotOf) for (let p = 0; p < m; p++) t.slots[slotOf[p] as number] = 0;
  else for (let s = 0; s < t.slots.length; s++) if ((t.slots[s] as number) > from) t.slots[s] = 0;
  const rank = new Uint32Array(m);
  for (let p = 0; p < m; p++) rank[p] = p;
  sortRecordsInPlace(t.words, from, t.size, rank);
  insertDistinct(t, from, t.size);
  invertInPlace(rank);
  return rank;
}

export interface AssignResult {
  /** dense index per input hash, NOT_FOUND where missing and not created */
  indexes: Uint32Array;
  added: number;
}

/**
 * The dictionary over a store's dictionary port: an in-memory table loaded (and brought up to date) inside each
 * transaction that uses it, so subjects another process or host added are seen; call `assign` with `create` only
 * inside a write transaction (the one sequencer), which is what makes indexes dense and unique.
 * @example await store.write(async (tx) => (await dictionary.assign(tx, hashes, n, true)).added)
 */
export class SubjectDictionary {
  private table: Table | undefined;
  /** the first index this process added in a transaction not known to have committed */
  private unconfirmed: number | undefined;

  /** Number of subjects known (committed). */
  size(tx: DictionaryReads): Promise<number> {
    return tx.dictionarySize();
  }

  /** Loads the table, or only the subjects added since it was loaded; returns it at the stored size. */
  async load(tx: DictionaryReads): Promise<void> {
    await this.loaded(tx);
  }

  /** The table at the stored size, with room for `room` more subjects (an append sizes it once, not twice). */
  private async loaded(tx: DictionaryReads, room = 0): Promise<Table> {
    const n = await tx.dictionarySize();
    const held = this.table;
    if (held?.size === n && this.unconfirmed === undefined) return room > 0 ? grow(held, n + room) : held;
    // a table behind the store reads only the newer chunks; subjects this process added in a transaction it cannot
    // see the end of (`unconfirmed`) are compared with the store's copy, and a table ahead of the store or one that
    // differs (a rolled-back append, another host's subjects in their place) is rebuilt
    // (a table whose subjects are all unconfirmed, as after a first release's assign in the same transaction, is
    // compared too, not rebuilt: a second table of the whole dictionary was the peak of such an append)
    const kept = held !== undefined && held.size <= n ? held : undefined;
    const from = kept ? Math.min(kept.size, this.unconfirmed ?? kept.size) : 0;
    const t = kept ? grow(kept, n + room) : newTable(n + room);
    const bytes = new Uint8Array(t.words.buffer, t.words.byteOffset);
    const heldEnd = kept ? kept.size : 0;
    let stale = false;
    for await (const row of tx.linearChunks(Math.floor(from / LINEAR_CHUNK))) {
      const base = row.chunk * LINEAR_CHUNK;
      const end = Math.min(row.data.length / SUBJECT_HASH_BYTES, n - base);
      if (end <= 0) continue;
      const checkEnd = Math.min(end, heldEnd - base);
      const start = Math.max(0, from - base);
      if (checkEnd > start) {
        const mine = bytes.subarray(
          (base + start) * SUBJECT_HASH_BYTES,
          (base + checkEnd) * SUBJECT_HASH_BYTES,
        );
        const theirs = row.data.subarray(start * SUBJECT_HASH_BYTES, checkEnd * SUBJECT_HASH_BYTES);
        if (!bufferOf(mine).equals(bufferOf(theirs))) {
          stale = true;
          break;
        }
      }
      bytes.set(row.data.subarray(0, end * SUBJECT_HASH_BYTES), base * SUBJECT_HASH_BYTES);
    }
    if (stale) {
      this.table = undefined;
      this.unconfirmed = undefined;
      return this.loaded(tx, room);
    }
    insertDistinct(t, Math.max(from, heldEnd), n);
    t.size = n;
    this.table = t;
    this.unconfirmed = undefined;
    return t;
  }

  /**
   * Maps `count` 16-byte hashes to indexes, adding unknown ones when `create` is set. New subjects get their
   * indexes in the order of their keyed hashes, not of the input, so an index tells nothing about where a
   * subject stood in a file (the input order of a customer table often follows sign-up or customer number).
   * `consume`: the caller gives `hashes` up; an empty dictionary then numbers them in place.
   */
  async assign(tx: DictionaryReads, hashes: Uint8Array, count: number, create: false): Promise<AssignResult>;
  async assign(
    tx: DictionaryWrites,
    hashes: Uint8Array,
    count: number,
    create: boolean,
    consume?: boolean,
  ): Promise<AssignResult>;
  async assign(
    tx: DictionaryReads | DictionaryWrites,
    hashes: Uint8Array,
    count: number,
    create: boolean,
    consume = false,
  ): Promise<AssignResult> {
    if (this.table === undefined && count <= SPARSE_MAX) {
      const n = await tx.dictionarySize();
      if (count * SPARSE_RATIO <= n) return this.assignSparse(tx, hashes, count, create, n);
    }
    const adopted =
      consume && create && this.table === undefined ? await this.adopted(tx, hashes, count) : undefined;
    if (adopted) return this.numberAdopted(tx as DictionaryWrites, adopted, count);
    let t = await this.loaded(tx, create ? count : 0);
    if (create) {
      t = grow(t, t.size + count);
      this.table = t;
    }
    const indexes = new Uint32Array(count);
    // new subjects first take provisional indexes [from, t.size) in input order, then are renumbered by hash
    const from = t.size;
    const input = wordsOf(hashes, count);
    // the slots of the first new subjects, so the renumbering empties them without a pass over all the slots (when
    // there are more, it makes that pass: a list of every one is 4 bytes a subject at a first release's peak)
    const listed = create ? Math.min(count, t.slots.length >>> 4) : 0;
    const fresh = new Uint32Array(listed);
    // a large batch into a large table is looked up in home order first; what it did not find is then added in
    // input order
    const ordered = count >= ORDERED_LOOKUP && t.size >= ORDERED_TABLE;
    if (ordered && (lookupInOrder(t, input, count, indexes) === 0 || !create)) return { indexes, added: 0 };
    for (let i = 0; i < count; i++) {
      if (ordered && indexes[i] !== NOT_FOUND) continue;
      const at = i * WORDS;
      const s = probe(t, input, at);
      const v = t.slots[s] as number;
      if (v !== 0) indexes[i] = v - 1;
      else if (!create) indexes[i] = NOT_FOUND;
      else {
        const idx = t.size++;
        t.words.set(input.subarray(at, at + WORDS), idx * WORDS);
        t.slots[s] = idx + 1;
        indexes[i] = idx;
        if (idx - from < listed) fresh[idx - from] = s;
      }
    }
    if (t.size > from) {
      const rank = sortFresh(t, from, t.size - from <= listed ? fresh : undefined);
      for (let i = 0; i < count; i++) {
        const v = indexes[i] as number;
        if (v !== NOT_FOUND && v >= from) indexes[i] = from + (rank[v - from] as number);
      }
      this.unconfirmed = Math.min(this.unconfirmed ?? from, from);
      await persist(tx as DictionaryWrites, t.words, 0, from, t.size);
    }
    return { indexes, added: t.size - from };
  }

  /**
   * A table whose words are `hashes` themselves, for a caller that gives them up (`assign`'s `consume`) when the
   * dictionary is empty: the first release's subjects are numbered where they lie (new subjects are written at
   * or before their own place in the input, then sorted in place), not copied into a table of the same size.
   * Undefined when the dictionary holds subjects or the bytes are not a whole SharedArrayBuffer of `count` hashes.
   */
  private async adopted(tx: DictionaryReads, hashes: Uint8Array, count: number): Promise<Table | undefined> {
    const whole =
      hashes.buffer instanceof SharedArrayBuffer &&
      hashes.byteOffset === 0 &&
      hashes.byteLength === count * SUBJECT_HASH_BYTES;
    if (!whole || count === 0 || (await tx.dictionarySize()) !== 0) return undefined;
    const t = newTable(count, new Uint32Array(hashes.buffer, 0, count * WORDS));
    this.table = t;
    this.unconfirmed = undefined;
    return t;
  }

  /**
   * `assign` into an empty dictionary, in the table `adopted` made of the hashes themselves: none is looked up (an
   * empty dictionary holds none), they are sorted where they lie, a repeated hash (neighbours equal once sorted)
   * is squeezed out, and the slots are filled in index order. Probing each into the table first, as `assign` does
   * for other input, was a third of a first release's append (docs/benchmarks.md, "Share gateway").
   */
  private async numberAdopted(tx: DictionaryWrites, t: Table, count: number): Promise<AssignResult> {
    const w = t.words;
    // rank[k] = the input position of the hash sorted to k; inverted, rank[p] = where input p went
    const rank = new Uint32Array(count);
    for (let p = 0; p < count; p++) rank[p] = p;
    // a SubjectHashSet hands them over sorted and distinct (each above the one before): then each keeps its place
    let distinct = Math.min(count, 1);
    for (let k = 1; k < count; k++) if (above(w, k, k - 1)) distinct++;
    if (distinct < count) {
      sortRecordsInPlace(w, 0, count, rank);
      distinct = Math.min(count, 1);
      for (let k = 1; k < count; k++) if (above(w, k, k - 1)) distinct++;
      invertInPlace(rank);
    }
    if (distinct < count) {
      // repeats (SubjectHashSet.take() gives none): each sorted position's index among the distinct hashes, the
      // distinct ones moved down over the repeats
      const dense = new Uint32Array(count);
      let d = 0;
      for (let k = 1; k < count; k++) {
        if (above(w, k, d)) {
          d++;
          w.copyWithin(d * WORDS, k * WORDS, (k + 1) * WORDS);
        }
        dense[k] = d;
      }
      for (let p = 0; p < count; p++) rank[p] = dense[rank[p] as number] as number;
    }
    t.size = distinct;
    insertDistinct(t, 0, distinct);
    this.unconfirmed = 0;
    await persist(tx, w, 0, 0, distinct);
    return { indexes: rank, added: distinct };
  }

  /**
   * Numbers a first release's subjects from disk, where `assign` would number them in memory: into an empty
   * dictionary the sorted distinct hashes take indexes 0, 1, 2, ... in their order (the order `assign` gives new
   * subjects), written to the index-ordered copy a chunk at a time and to their partitions through staged buckets
   * of the hash's first byte, so memory does not grow with the release and no table is built (a later use loads
   * it from the store). The stored dictionary is byte for byte the one `assign` writes. Returns how many were
   * added, or undefined when the dictionary holds subjects (the caller then assigns them in memory).
   */
  async numberSorted(tx: DictionaryWrites, sorted: SortedHashes): Promise<number | undefined> {
    if ((await tx.dictionarySize()) !== 0) return undefined;
    this.table = undefined;
    this.unconfirmed = undefined;
    const buckets = new PartitionBuckets(sorted.place);
    try {
      const linear = Buffer.alloc(LINEAR_CHUNK * SUBJECT_HASH_BYTES);
      let held = 0;
      let chunk = 0;
      let index = 0;
      for (const piece of sorted.pieces()) {
        for (let at = 0; at < piece.length; ) {
          const n = Math.min(piece.length - at, linear.length - held);
          linear.set(piece.subarray(at, at + n), held);
          held += n;
          at += n;
          if (held === linear.length) {
            await tx.putLinearChunks([{ chunk: chunk++, data: linear }]);
            held = 0;
          }
        }
        const words = wordsOf(piece, piece.length / SUBJECT_HASH_BYTES);
        for (let at = 0; at < words.length; at += WORDS) buckets.add(words, at, index++);
      }
      if (held > 0) await tx.putLinearChunks([{ chunk, data: linear.subarray(0, held) }]);
      if (index !== sorted.count) throw new Error(`staged subjects: ${index} read of ${sorted.count}`);
      await buckets.write(tx);
      await tx.setDictionarySize(index);
    } finally {
      buckets.dispose();
    }
    return sorted.count;
  }

  /**
   * `assign` with creation for sorted distinct hashes staged on disk (`SortedHashes`), into a dictionary that holds
   * subjects: read a piece at a time and probed in their order, which is the order of their home slots (the slots
   * and the words of subjects numbered in hash order are read front to back, with no ordering pass and no copy of
   * them all); the new ones, already in hash order, take the next indexes in that order, as `assign` numbers them.
   * Memory: the table and 4 bytes a subject for the indexes, 16 for each new one.
   */
  async assignSorted(tx: DictionaryWrites, sorted: SortedHashes): Promise<AssignResult> {
    let t = await this.loaded(tx);
    const from = t.size;
    const indexes = new Uint32Array(sorted.count);
    const fresh: Uint32Array[] = [];
    let added = 0;
    let i = 0;
    for (const piece of sorted.pieces()) {
      const words = wordsOf(piece, piece.length / SUBJECT_HASH_BYTES);
      let kept: Uint32Array | undefined;
      let held = 0;
      for (let at = 0; at < words.length; at += WORDS, i++) {
        const v = t.slots[probe(t, words, at)] as number;
        if (v !== 0) {
          indexes[i] = v - 1;
          continue;
        }
        // a new subject: numbered after the stored ones, in the order read (the hashes' order)
        indexes[i] = from + added++;
        kept ??= new Uint32Array(words.length);
        kept.set(words.subarray(at, at + WORDS), held);
        held += WORDS;
      }
      if (kept) fresh.push(kept.slice(0, held));
    }
    if (i !== sorted.count) throw new Error(`staged subjects: ${i} read of ${sorted.count}`);
    if (added === 0) return { indexes, added };
    t = grow(t, from + added);
    this.table = t;
    let at = from * WORDS;
    for (const words of fresh) {
      t.words.set(words, at);
      at += words.length;
    }
    t.size = from + added;
    insertDistinct(t, from, t.size);
    this.unconfirmed = Math.min(this.unconfirmed ?? from, from);
    await persist(tx, t.words, 0, from, t.size);
    return { indexes, added };
  }

  /**
   * `assign` without the table: each distinct subject is looked up in its partition, and new ones are numbered
   * exactly as `assign` numbers them (after the stored ones, in the order of their hashes, ties in input order).
   */
  private async assignSparse(
    tx: DictionaryReads | DictionaryWrites,
    hashes: Uint8Array,
    count: number,
    create: boolean,
    n: number,
  ): Promise<AssignResult> {
    // the distinct input hashes, in order of first appearance, in a small table of their own
    const local = newTable(count);
    const input = wordsOf(hashes, count);
    const localOf = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      const at = i * WORDS;
      const slot = probe(local, input, at);
      const v = local.slots[slot] as number;
      if (v !== 0) localOf[i] = v - 1;
      else {
        const idx = local.size++;
        local.words.set(input.subarray(at, at + WORDS), idx * WORDS);
        local.slots[slot] = idx + 1;
        localOf[i] = idx;
      }
    }
    const localBytes = new Uint8Array(local.words.buffer, 0, local.size * SUBJECT_HASH_BYTES);
    const found = new Uint32Array(local.size);
    const fresh: number[] = [];
    // every subject looked up in its partition in one call: on a server, one round trip, not one a subject
    const wanted = Array.from({ length: local.size }, (_, j) =>
      localBytes.subarray(j * SUBJECT_HASH_BYTES, (j + 1) * SUBJECT_HASH_BYTES),
    );
    const records = await tx.findRecords(wanted.map(dictPartition), wanted, RECORD);
    for (let j = 0; j < local.size; j++) {
      const record = records[j];
      found[j] = record === undefined ? NOT_FOUND : bufferOf(record).readUInt32LE(SUBJECT_HASH_BYTES);
      if (record === undefined && create) fresh.push(j);
    }
    if (fresh.length > 0) {
      const m = fresh.length;
      // the same order as the table's (`sortFresh`): the hashes as 128-bit numbers
      const keys = new Uint32Array(m * WORDS);
      for (let p = 0; p < m; p++)
        keys.set(
          local.words.subarray((fresh[p] as number) * WORDS, (fresh[p] as number) * WORDS + WORDS),
          p * WORDS,
        );
      const order = Uint32Array.from({ length: m }, (_, p) => p);
      sortRecordsInPlace(keys, 0, m, order);
      // the hashes of [base, n + m): the stored part of the last linear chunk, then the new subjects by rank
      const base = Math.floor(n / LINEAR_CHUNK) * LINEAR_CHUNK;
      const words = new Uint32Array((n + m - base) * WORDS);
      const head = await this.hashesBetween(tx, base, n);
      new Uint8Array(words.buffer).set(head);
      for (let rank = 0; rank < m; rank++) {
        const j = fresh[order[rank] as number] as number;
        found[j] = n + rank;
        words.set(local.words.subarray(j * WORDS, (j + 1) * WORDS), (n - base + rank) * WORDS);
      }
      await persist(tx as DictionaryWrites, words, base, n, n + m);
    }
    const indexes = new Uint32Array(count);
    for (let i = 0; i < count; i++) indexes[i] = found[localOf[i] as number] as number;
    return { indexes, added: fresh.length };
  }

  /**
   * The hashes of indexes [from, to) in index order (16 bytes each): from the table when one is held (brought up to
   * date), else read from the store's index-ordered copy, without building a table.
   */
  async hashesBetween(tx: DictionaryReads, from: number, to: number): Promise<Uint8Array> {
    const out = new Uint8Array(Math.max(0, to - from) * SUBJECT_HASH_BYTES);
    let at = 0;
    await this.eachHashes(tx, from, to, (piece) => {
      out.set(piece, at);
      at += piece.length;
    });
    return out;
  }

  /**
   * Gives the hashes of indexes [from, to) in index order to `take`, a piece at a time (views valid during the
   * call): the table's own bytes when one is held, else the store's index-ordered copy a chunk at a time, so a
   * digest of a first release's millions of subjects never holds them all.
   */
  async eachHashes(
    tx: DictionaryReads,
    from: number,
    to: number,
    take: (piece: Uint8Array) => void,
  ): Promise<void> {
    if (to <= from) return;
    if (this.table !== undefined) {
      await this.loaded(tx);
      take(this.hashRange(from, to));
      return;
    }
    for await (const row of tx.linearChunks(Math.floor(from / LINEAR_CHUNK))) {
      const base = row.chunk * LINEAR_CHUNK;
      if (base >= to) break;
      const start = Math.max(from, base);
      const end = Math.min(to, base + row.data.length / SUBJECT_HASH_BYTES);
      if (end > start)
        take(row.data.subarray((start - base) * SUBJECT_HASH_BYTES, (end - base) * SUBJECT_HASH_BYTES));
    }
  }

  /** The hashes of indexes [from, to) in index order (16 bytes each), from the table as last loaded. */
  hashRange(from: number, to: number): Uint8Array {
    const t = this.table;
    if (!t || to > t.size) throw new RangeError(`dictionary not loaded up to ${to}`);
    return new Uint8Array(
      t.words.buffer,
      t.words.byteOffset + from * SUBJECT_HASH_BYTES,
      (to - from) * SUBJECT_HASH_BYTES,
    );
  }

  /** The table for lookups from worker threads, loaded up to date; valid until the next append. */
  async shared(tx: DictionaryReads): Promise<SharedDictionary> {
    const t = await this.loaded(tx);
    return { words: t.words, slots: t.slots, mask: t.mask, shift: t.shift, size: t.size };
  }

  /** `lookup` and the subject's member changes in one read (a store may join them where they live). */
  member(tx: LedgerReads, hash: Uint8Array): Promise<Member | undefined> {
    return tx.findMember(dictPartition(hash), hash.subarray(0, SUBJECT_HASH_BYTES), RECORD);
  }

  /** Looks one hash up in its partition only (the store may search it where it lives). */
  async lookup(tx: DictionaryReads, hash: Uint8Array): Promise<number | undefined> {
    const record = await tx.findRecord(dictPartition(hash), hash.subarray(0, SUBJECT_HASH_BYTES), RECORD);
    if (!record) return undefined;
    return bufferOf(record).readUInt32LE(SUBJECT_HASH_BYTES);
  }
}

/**
 * Writes the partition record of the hash at `words[at..at+3]` and its index at byte `off` of `bytes` (`view`: its
 * words). Records are 20 bytes from a buffer's start, so each is 4-byte aligned: the hash is copied a word at a time,
 * the index byte by byte, little-endian whatever the platform.
 */
function writeRecord(
  bytes: Uint8Array,
  view: Uint32Array,
  off: number,
  words: Uint32Array,
  at: number,
  index: number,
): void {
  const w = off >>> 2;
  view[w] = words[at] as number;
  view[w + 1] = words[at + 1] as number;
  view[w + 2] = words[at + 2] as number;
  view[w + 3] = words[at + 3] as number;
  bytes[off + 16] = index & 255;
  bytes[off + 17] = (index >>> 8) & 255;
  bytes[off + 18] = (index >>> 16) & 255;
  bytes[off + 19] = index >>> 24;
}

/** Records a bucket buffers before they are written out as a segment of the staged file. */
const SEGMENT_RECORDS = 1600;

/**
 * A first release's partition records (hash, little-endian index), given in index order, grouped on disk by the
 * hash's first byte (256 buckets of 256 partitions): each bucket buffers a segment in memory and appends it to one
 * staged file when full. `write` reads a bucket back at a time, orders it by the second byte (a stable counting
 * sort: each partition's records stay in index order) and puts its partitions' chunks, numbered from 0.
 */
class PartitionBuckets {
  private readonly pending = Array.from({ length: 256 }, () => new Uint8Array(SEGMENT_RECORDS * RECORD));
  private readonly pendingWords = this.pending.map((p) => new Uint32Array(p.buffer));
  private readonly filled = new Uint32Array(256);
  private readonly segments: { start: number; bytes: number }[][] = Array.from({ length: 256 }, () => []);
  private file: SpillFile | undefined;

  constructor(private readonly place: SpillPlace) {}

  /** Adds the record of the hash at `words[at..at+3]` (little-endian words of its bytes) and its index. */
  add(words: Uint32Array, at: number, index: number): void {
    const b = (words[at] as number) & 255;
    const buf = this.pending[b] as Uint8Array;
    writeRecord(
      buf,
      this.pendingWords[b] as Uint32Array,
      (this.filled[b] as number) * RECORD,
      words,
      at,
      index,
    );
    if (++(this.filled[b] as number) < SEGMENT_RECORDS) return;
    this.file ??= this.place.create("the release's dictionary records");
    (this.segments[b] as { start: number; bytes: number }[]).push({
      start: this.file.bytes,
      bytes: buf.length,
    });
    this.file.append(buf);
    this.filled[b] = 0;
  }

  /** Puts every partition's chunks, a bucket at a time. */
  async write(tx: DictionaryWrites): Promise<void> {
    const counts = new Uint32Array(257);
    for (let b = 0; b < 256; b++) {
      const segments = this.segments[b] as { start: number; bytes: number }[];
      const tail = (this.filled[b] as number) * RECORD;
      const total = segments.reduce((sum, s) => sum + s.bytes, tail);
      if (total === 0) continue;
      const records = new Uint8Array(total);
      let at = 0;
      for (const s of segments) {
        if ((this.file as SpillFile).readAt(s.start, records.subarray(at, at + s.bytes)) !== s.bytes)
          throw new Error("a staged bucket ended early");
        at += s.bytes;
      }
      records.set((this.pending[b] as Uint8Array).subarray(0, tail), at);
      // stable counting sort on the second byte: partition (b << 8) | byte, records still in index order
      counts.fill(0);
      for (let r = 0; r < total; r += RECORD) (counts[(records[r + 1] as number) + 1] as number)++;
      for (let k = 1; k < 257; k++) counts[k] = (counts[k] as number) + (counts[k - 1] as number);
      const ordered = Buffer.alloc(total);
      const inWords = new Uint32Array(records.buffer, 0, total >>> 2);
      const outWords = new Uint32Array(ordered.buffer, ordered.byteOffset, total >>> 2);
      const next = counts.slice(0, 256);
      const per = RECORD >>> 2;
      for (let r = 0; r < total; r += RECORD) {
        const k = records[r + 1] as number;
        const src = r >>> 2;
        const dst = (next[k] as number) * per;
        for (let j = 0; j < per; j++) outWords[dst + j] = inWords[src + j] as number;
        next[k] = (next[k] as number) + 1;
      }
      const chunks: DictChunk[] = [];
      for (let k = 0; k < 256; k++) {
        const begin = (counts[k] as number) * RECORD;
        const end = (counts[k + 1] as number) * RECORD;
        for (let c = 0, from = begin; from < end; c++, from += CHUNK_BYTES)
          chunks.push({
            part: (b << 8) | k,
            chunk: c,
            data: ordered.subarray(from, Math.min(end, from + CHUNK_BYTES)),
          });
      }
      await tx.putPartChunks(chunks);
    }
  }

  dispose(): void {
    this.file?.dispose();
  }
}

/**
 * Writes the subjects [from, size) to their partitions and the index-ordered copy; `words` holds the hashes of
 * indexes [base, size), base at or before the start of from's linear chunk (the table passes all of its own).
 * `scatterPasses` (tests: 0) is the most write batches it places records for by a pass over the words each.
 */
export async function persist(
  tx: DictionaryWrites,
  words: Uint32Array,
  base: number,
  from: number,
  size: number,
  scatterPasses = SCATTER_PASSES,
): Promise<void> {
  // how many new indexes each partition gets (the hash's first two bytes; word 0 holds them little-endian)
  const partOf = (idx: number): number => dictPartitionOfWord(words[(idx - base) * WORDS] as number);
  const starts = new Uint32Array(DICT_PARTITIONS + 1);
  for (let idx = from; idx < size; idx++) (starts[partOf(idx) + 1] as number)++;
  for (let p = 1; p <= DICT_PARTITIONS; p++) starts[p] = (starts[p] as number) + (starts[p - 1] as number);
  const touched: number[] = [];
  for (let part = 0; part < DICT_PARTITIONS; part++)
    if (starts[part + 1] !== starts[part]) touched.push(part);
  // each touched partition's last chunk, in one read
  // (none when the dictionary was empty: a first release's partitions all start afresh)
  const tails = new Map(from === 0 ? [] : (await tx.lastPartChunks(touched)).map((c) => [c.part, c]));
  /** the stored records a partition's rewritten last chunk keeps (a full last chunk is left as it is) */
  const keptOf = (part: number): Uint8Array | undefined => {
    const tail = tails.get(part);
    return tail && tail.data.length > 0 && tail.data.length < CHUNK_BYTES ? tail.data : undefined;
  };
  // written in batches of about PERSIST_BATCH bytes, each one buffer carved into its partitions' chunks: a first
  // release of millions of subjects would otherwise hold all its records (20 B each) at once beside the table
  // (memory: docs/benchmarks.md, "Share gateway"), and a buffer a partition was 65,536 allocations
  /** [first, last) of `touched` and the bytes of their records */
  const batches: [number, number, number][] = [];
  for (let first = 0; first < touched.length; ) {
    let last = first;
    let bytes = 0;
    while (last < touched.length && (bytes < PERSIST_BATCH || last === first)) {
      const part = touched[last++] as number;
      bytes +=
        (keptOf(part)?.length ?? 0) + ((starts[part + 1] as number) - (starts[part] as number)) * RECORD;
    }
    batches.push([first, last, bytes]);
    first = last;
  }
  // the new records go in place in one pass over the words in index order for each batch (so each partition's stay
  // in index order), reading the words front to back and writing into a batch the cache holds; with more batches
  // than SCATTER_PASSES, through a list of the indexes by partition (a counting sort), which then reads the words in
  // no order, a cache miss a record (~150 ms of a first release of 1.3 M subjects, against ~45 ms)
  let order: Uint32Array | undefined;
  if (batches.length > scatterPasses) {
    const next = starts.slice(0, DICT_PARTITIONS);
    order = new Uint32Array(size - from);
    for (let idx = from; idx < size; idx++) order[(next[partOf(idx)] as number)++] = idx;
  }
  /** where each partition of the batch being built takes its next record */
  const at = new Uint32Array(DICT_PARTITIONS);
  for (const [first, last, bytes] of batches) {
    const batch = Buffer.alloc(bytes);
    const batchWords = new Uint32Array(batch.buffer, batch.byteOffset, bytes >>> 2);
    // each partition's place in the batch: the records its last chunk keeps, then room for its new ones
    const ends: number[] = [];
    let off = 0;
    for (let k = first; k < last; k++) {
      const part = touched[k] as number;
      const keep = keptOf(part);
      if (keep) batch.set(keep, off);
      at[part] = off + (keep?.length ?? 0);
      off = (at[part] as number) + ((starts[part + 1] as number) - (starts[part] as number)) * RECORD;
      ends.push(off);
    }
    const put = (idx: number, part: number) => {
      writeRecord(batch, batchWords, at[part] as number, words, (idx - base) * WORDS, idx);
      at[part] = (at[part] as number) + RECORD;
    };
    if (order)
      for (let k = first; k < last; k++) {
        const part = touched[k] as number;
        for (let r = starts[part] as number; r < (starts[part + 1] as number); r++)
          put(order[r] as number, part);
      }
    else {
      const low = touched[first] as number;
      const high = touched[last - 1] as number;
      for (let idx = from; idx < size; idx++) {
        const part = partOf(idx);
        if (part >= low && part <= high) put(idx, part);
      }
    }
    // each partition's last chunk rewritten with the new records appended, then split into full chunks
    const chunks: DictChunk[] = [];
    for (let k = first, begin = 0; k < last; k++) {
      const part = touched[k] as number;
      const tail = tails.get(part);
      const end = ends[k - first] as number;
      const chunk0 = tail ? (keptOf(part) ? tail.chunk : tail.chunk + 1) : 0;
      for (let c = 0, a = begin; a < end; c++, a += CHUNK_BYTES)
        chunks.push({ part, chunk: chunk0 + c, data: batch.subarray(a, Math.min(end, a + CHUNK_BYTES)) });
      begin = end;
    }
    await tx.putPartChunks(chunks);
  }
  // the index-ordered copy: rewrite the chunks the new indexes fall in
  const linear: { chunk: number; data: Uint8Array }[] = [];
  const all = new Uint8Array(words.buffer, words.byteOffset, (size - base) * SUBJECT_HASH_BYTES);
  for (let c = Math.floor(from / LINEAR_CHUNK); c * LINEAR_CHUNK < size; c++)
    linear.push({
      chunk: c,
      data: all.subarray(
        (c * LINEAR_CHUNK - base) * SUBJECT_HASH_BYTES,
        (Math.min(size, (c + 1) * LINEAR_CHUNK) - base) * SUBJECT_HASH_BYTES,
      ),
    });
  await tx.putLinearChunks(linear);
  await tx.setDictionarySize(size);
}
