// open-addressing hash tables over integers, for equivalence classes: a per-column interner of byte strings
// (value -> small integer id), a table of integer tuples with counts (one row per equivalence class), and a
// counter keyed by 53-bit numbers (projected classes, hashed values). Typed arrays only: no string or object
// per record, so a million records cost a few typed-array reads and writes each.

const EMPTY = 0;
/** int32s per interner slot, and the value bytes a slot holds inline (two slots per 64-byte cache line) */
const SLOT = 8;
const WORDS = 5;
const INLINE = 4 * WORDS;

/** 32-bit mix of an integer (the murmur3 finaliser). */
export function mix32(h: number): number {
  let x = h | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x;
}

function grownInt32(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(a.subarray(0, Math.min(a.length, size)));
  return next;
}

/**
 * Interns byte strings to dense ids 0, 1, 2, ... (the order of first appearance). Equal bytes get equal ids;
 * a string is interned through its UTF-8 bytes, so `idOfString(s)` and `idOfBytes(utf8(s))` agree.
 */
export class ByteInterner {
  private arena = new Uint8Array(1 << 12);
  private arenaLength = 0;
  /** per id: [arena start, length] */
  private spans = new Int32Array(512);
  /**
   * per slot, SLOT int32s: [hash, id + 1 (0: empty), length, the first INLINE bytes packed 4 to a word]: a value
   * of up to INLINE bytes is found with one cache line read; longer ones are compared with the arena too
   */
  private slots = new Int32Array(512 * SLOT);
  private mask = 511;
  private count = 0;
  private scratch = new Uint8Array(256);
  private readonly words = new Int32Array(WORDS);
  private readonly encoder = new TextEncoder();

  /** Distinct values seen. */
  get size(): number {
    return this.count;
  }

  /** The id of bytes[start..end), added when new (or -1 when new and `insert` is false). */
  idOfBytes(bytes: Uint8Array, start: number, end: number, insert = true): number {
    const len = end - start;
    const words = this.words;
    words.fill(0);
    let h = 0x811c9dc5 ^ len;
    const inlineEnd = Math.min(end, start + INLINE);
    for (let i = start; i < inlineEnd; i++) {
      const b = bytes[i] as number;
      h = Math.imul(h ^ b, 0x01000193);
      const o = i - start;
      words[o >> 2] = (words[o >> 2] as number) | (b << ((o & 3) << 3));
    }
    for (let i = inlineEnd; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
    h = mix32(h);
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const at = slot * SLOT;
      const found = slots[at + 1] as number;
      if (found === EMPTY) break;
      if (
        slots[at] === h &&
        slots[at + 2] === len &&
        slots[at + 3] === words[0] &&
        slots[at + 4] === words[1] &&
        slots[at + 5] === words[2] &&
        slots[at + 6] === words[3] &&
        slots[at + 7] === words[4]
      ) {
        const id = found - 1;
        if (len <= INLINE) return id;
        const arena = this.arena;
        const s = (this.spans[2 * id] as number) - start;
        let i = start + INLINE;
        while (i < end && arena[s + i] === bytes[i]) i++;
        if (i === end) return id;
      }
      slot = (slot + 1) & mask;
    }
    return insert ? this.insert(bytes, start, end, h, slot) : -1;
  }

  /** The id of a string (through its UTF-8 bytes); -1 when new and `insert` is false. */
  idOfString(value: string, insert = true): number {
    if (this.scratch.length < value.length * 3) this.scratch = new Uint8Array(value.length * 3 + 16);
    const { written } = this.encoder.encodeInto(value, this.scratch);
    return this.idOfBytes(this.scratch, 0, written, insert);
  }

  /** The bytes of the value `id` (< size): a view of the interner's storage, valid until the next insert. */
  bytesOf(id: number): Uint8Array {
    const start = this.spans[2 * id] as number;
    return this.arena.subarray(start, start + (this.spans[2 * id + 1] as number));
  }

  private insert(bytes: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const id = this.count++;
    const len = end - start;
    if (2 * id + 2 > this.spans.length) this.spans = grownInt32(this.spans, this.spans.length * 2);
    if (this.arenaLength + len > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + len));
      next.set(this.arena.subarray(0, this.arenaLength));
      this.arena = next;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaLength);
    this.spans[2 * id] = this.arenaLength;
    this.spans[2 * id + 1] = len;
    this.arenaLength += len;
    const at = slot * SLOT;
    this.slots[at] = h;
    this.slots[at + 1] = id + 1;
    this.slots[at + 2] = len;
    this.slots.set(this.words, at + 3);
    if (this.count * 2 > this.mask + 1) this.rehash();
    return id;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size * SLOT);
    const mask = size - 1;
    const old = this.slots;
    for (let o = 0; o < old.length; o += SLOT) {
      if (old[o + 1] === EMPTY) continue;
      let slot = (old[o] as number) & mask;
      while (slots[slot * SLOT + 1] !== EMPTY) slot = (slot + 1) & mask;
      slots.set(old.subarray(o, o + SLOT), slot * SLOT);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * Tuples of `width` non-negative integers with a count each: `add` returns the tuple's row (dense, in order of
 * first appearance) and adds `weight` to its count. Rows are the equivalence classes.
 */
export class TupleTable {
  tuples: Int32Array;
  counts: Int32Array;
  /** per slot: [hash, row + 1] (row + 1 = 0: empty) */
  private slots = new Int32Array(2048);
  private mask = 1023;
  private count = 0;

  constructor(readonly width: number) {
    this.tuples = new Int32Array(512 * Math.max(1, width));
    this.counts = new Int32Array(512);
  }

  /** Rows (distinct tuples) so far. */
  get size(): number {
    return this.count;
  }

  /** Makes room for `rows` rows in all, so that adding up to that many grows and rehashes nothing. */
  reserve(rows: number): void {
    if (rows > this.counts.length) {
      let size = this.counts.length;
      while (size < rows) size *= 2;
      this.counts = grownInt32(this.counts, size);
      this.tuples = grownInt32(this.tuples, size * Math.max(1, this.width));
    }
    let slots = this.mask + 1;
    while (rows * 2 > slots) slots *= 2;
    if (slots > this.mask + 1) this.rehash(slots);
  }

  private hashOf(tuple: Int32Array, offset: number): number {
    let h = 0x9747b28c ^ this.width;
    for (let i = 0; i < this.width; i++)
      h = mix32(h ^ Math.imul((tuple[offset + i] as number) + 1, 0x9e3779b1));
    return h;
  }

  /** The slot holding the tuple, or the empty slot where it would go. */
  private slotOf(tuple: Int32Array, offset: number, h: number): number {
    const w = this.width;
    const slots = this.slots;
    const tuples = this.tuples;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const found = slots[2 * slot + 1] as number;
      if (found === EMPTY) return slot;
      if (slots[2 * slot] === h) {
        const base = (found - 1) * w;
        let i = 0;
        while (i < w && tuples[base + i] === tuple[offset + i]) i++;
        if (i === w) return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Adds `weight` to the count of the tuple tuple[offset .. offset + width); returns its row. */
  add(tuple: Int32Array, offset = 0, weight = 1): number {
    const h = this.hashOf(tuple, offset);
    const slot = this.slotOf(tuple, offset, h);
    const found = this.slots[2 * slot + 1] as number;
    if (found !== EMPTY) {
      this.counts[found - 1] = (this.counts[found - 1] as number) + weight;
      return found - 1;
    }
    const w = this.width;
    const row = this.count++;
    if (row === this.counts.length) {
      const size = this.counts.length * 2;
      this.counts = grownInt32(this.counts, size);
      this.tuples = grownInt32(this.tuples, size * Math.max(1, w));
    }
    this.tuples.set(tuple.subarray(offset, offset + w), row * w);
    this.counts[row] = weight;
    this.slots[2 * slot] = h;
    this.slots[2 * slot + 1] = row + 1;
    if (this.count * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    return row;
  }

  /** The row of a tuple, or -1; counts nothing. */
  find(tuple: Int32Array, offset = 0): number {
    const slot = this.slotOf(tuple, offset, this.hashOf(tuple, offset));
    return (this.slots[2 * slot + 1] as number) - 1;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(2 * size);
    const mask = size - 1;
    const old = this.slots;
    for (let o = 0; o < old.length; o += 2) {
      const row1 = old[o + 1] as number;
      if (row1 === EMPTY) continue;
      const h = old[o] as number;
      let slot = h & mask;
      while (slots[2 * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
      slots[2 * slot] = h;
      slots[2 * slot + 1] = row1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * Counts per key, keys being non-negative integers below 2^53 (a mixed-radix class number, or a 53-bit hash
 * of a value). `cap` bounds the distinct keys kept: once full, new keys are not added and `truncated` is set.
 */
export class NumberCounter {
  keys: Float64Array;
  counts: Int32Array;
  private slots = new Int32Array(1024);
  private mask = 1023;
  private count = 0;
  truncated = false;

  constructor(private readonly cap = Number.POSITIVE_INFINITY) {
    this.keys = new Float64Array(512);
    this.counts = new Int32Array(512);
  }

  get size(): number {
    return this.count;
  }

  private static hash(key: number): number {
    return mix32((key >>> 0) ^ mix32(Math.floor(key / 4294967296) + 0x27d4eb2f));
  }

  /** Adds `weight` to `key`'s count (unless the table is full and the key new). */
  add(key: number, weight = 1): void {
    let slot = NumberCounter.hash(key) & this.mask;
    for (;;) {
      const found = this.slots[slot] as number;
      if (found === EMPTY) break;
      if (this.keys[found - 1] === key) {
        this.counts[found - 1] = (this.counts[found - 1] as number) + weight;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    if (this.count >= this.cap) {
      this.truncated = true;
      return;
    }
    const row = this.count++;
    if (row === this.keys.length) {
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
      this.counts = grownInt32(this.counts, keys.length);
    }
    this.keys[row] = key;
    this.counts[row] = weight;
    this.slots[slot] = row + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  /** The count of `key` (0 when absent). */
  get(key: number): number {
    let slot = NumberCounter.hash(key) & this.mask;
    for (;;) {
      const found = this.slots[slot] as number;
      if (found === EMPTY) return 0;
      if (this.keys[found - 1] === key) return this.counts[found - 1] as number;
      slot = (slot + 1) & this.mask;
    }
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let row = 0; row < this.count; row++) {
      let slot = NumberCounter.hash(this.keys[row] as number) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = row + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** A 53-bit hash of a string's UTF-16 code units (two independent 32-bit hashes), for value sets. */
export function hash53(value: string): number {
  let a = 0x811c9dc5 ^ value.length;
  let b = 0x3c6ef372 ^ value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = mix32(a);
  b = mix32(b);
  return (b >>> 11) * 4294967296 + (a >>> 0);
}

/** Combines a running 53-bit tuple hash with the next element's 53-bit hash. */
export function combine53(h: number, next: number): number {
  const lo = mix32((h >>> 0) ^ Math.imul(next >>> 0, 0x9e3779b1));
  const hi = mix32(Math.floor(h / 4294967296) ^ Math.imul(Math.floor(next / 4294967296) + 1, 0x85ebca6b));
  return (hi >>> 11) * 4294967296 + (lo >>> 0);
}
