// the subject dictionary: keyed subject hashes -> dense integers (0, 1, 2, ...) so subject sets are
// roaring bitmaps. Stored in 256 partitions by the hash's first byte, each a list of append-only
// chunks of 20-byte records (16-byte hash, u32 index): a lookup of one subject reads one partition,
// an append loads all partitions into an open-addressing table once.
import type Database from "better-sqlite3";
import { SUBJECT_HASH_BYTES } from "./subject-hasher.js";

const RECORD = SUBJECT_HASH_BYTES + 4;
const CHUNK_RECORDS = 4096;
export const NOT_FOUND = 0xffffffff;

interface Table {
  hashes: Uint8Array;
  slots: Uint32Array;
  mask: number;
  size: number;
}

function key32(buf: Uint8Array, off: number): number {
  return (
    ((buf[off + 4] ?? 0) |
      ((buf[off + 5] ?? 0) << 8) |
      ((buf[off + 6] ?? 0) << 16) |
      ((buf[off + 7] ?? 0) << 24)) >>>
    0
  );
}

function sameHash(a: Uint8Array, ao: number, b: Uint8Array, bo: number): boolean {
  for (let i = 0; i < SUBJECT_HASH_BYTES; i++) if (a[ao + i] !== b[bo + i]) return false;
  return true;
}

function newTable(capacity: number): Table {
  let slots = 1024;
  while (slots < capacity * 2) slots *= 2;
  return {
    hashes: new Uint8Array(Math.max(capacity, 1024) * SUBJECT_HASH_BYTES),
    slots: new Uint32Array(slots),
    mask: slots - 1,
    size: 0,
  };
}

/** Finds the slot of `hash` (or the empty slot where it would go); slots hold index + 1. */
function probe(t: Table, hash: Uint8Array, off: number): number {
  let s = key32(hash, off) & t.mask;
  for (;;) {
    const v = t.slots[s] ?? 0;
    if (v === 0 || sameHash(t.hashes, (v - 1) * SUBJECT_HASH_BYTES, hash, off)) return s;
    s = (s + 1) & t.mask;
  }
}

function grow(t: Table, min: number): Table {
  if (min * 2 <= t.slots.length && min * SUBJECT_HASH_BYTES <= t.hashes.length) return t;
  const next = newTable(Math.max(min, t.size * 2));
  next.hashes.set(t.hashes.subarray(0, t.size * SUBJECT_HASH_BYTES));
  next.size = t.size;
  for (let i = 0; i < t.size; i++) next.slots[probe(next, next.hashes, i * SUBJECT_HASH_BYTES)] = i + 1;
  return next;
}

export interface AssignResult {
  /** dense index per input hash, NOT_FOUND where missing and not created */
  indexes: Uint32Array;
  added: number;
}

/** The dictionary over the state database; call inside the ledger's write transaction when creating. */
export class SubjectDictionary {
  private table: Table | undefined;
  constructor(private readonly db: Database.Database) {}

  /** Number of subjects known. */
  size(): number {
    const row = this.db.prepare("SELECT value FROM ledger_meta WHERE key = 'subjects'").get() as
      | { value: string }
      | undefined;
    return row ? Number(row.value) : 0;
  }

  private load(): Table {
    const n = this.size();
    if (this.table?.size === n) return this.table;
    const t = newTable(n);
    for (const row of this.db.prepare("SELECT data FROM subject_dict").iterate() as Iterable<{
      data: Buffer;
    }>) {
      for (let off = 0; off < row.data.length; off += RECORD) {
        const idx = row.data.readUInt32LE(off + SUBJECT_HASH_BYTES);
        t.hashes.set(row.data.subarray(off, off + SUBJECT_HASH_BYTES), idx * SUBJECT_HASH_BYTES);
      }
    }
    t.size = n;
    for (let i = 0; i < n; i++) t.slots[probe(t, t.hashes, i * SUBJECT_HASH_BYTES)] = i + 1;
    this.table = t;
    return t;
  }

  /** Maps `count` 16-byte hashes to indexes, adding unknown ones when `create` is set. */
  assign(hashes: Uint8Array, count: number, create: boolean): AssignResult {
    let t = this.load();
    if (create) {
      t = grow(t, t.size + count);
      this.table = t;
    }
    const indexes = new Uint32Array(count);
    const fresh: number[] = [];
    for (let i = 0; i < count; i++) {
      const off = i * SUBJECT_HASH_BYTES;
      const s = probe(t, hashes, off);
      const v = t.slots[s] ?? 0;
      if (v !== 0) indexes[i] = v - 1;
      else if (!create) indexes[i] = NOT_FOUND;
      else {
        const idx = t.size++;
        t.hashes.set(hashes.subarray(off, off + SUBJECT_HASH_BYTES), idx * SUBJECT_HASH_BYTES);
        t.slots[s] = idx + 1;
        indexes[i] = idx;
        fresh.push(idx);
      }
    }
    if (fresh.length > 0) this.persist(t, fresh);
    return { indexes, added: fresh.length };
  }

  private persist(t: Table, fresh: number[]): void {
    const byPart = new Map<number, number[]>();
    for (const idx of fresh) {
      const part = t.hashes[idx * SUBJECT_HASH_BYTES] ?? 0;
      const list = byPart.get(part);
      if (list) list.push(idx);
      else byPart.set(part, [idx]);
    }
    const last = this.db.prepare(
      "SELECT chunk, data FROM subject_dict WHERE part = ? ORDER BY chunk DESC LIMIT 1",
    );
    const put = this.db.prepare("INSERT OR REPLACE INTO subject_dict (part, chunk, data) VALUES (?, ?, ?)");
    for (const [part, list] of byPart) {
      // the partition's last chunk is rewritten with the new records appended, then split into full chunks
      const tail = last.get(part) as { chunk: number; data: Buffer } | undefined;
      const keep = tail && tail.data.length < CHUNK_RECORDS * RECORD ? tail.data : Buffer.alloc(0);
      const first = tail ? (keep.length > 0 ? tail.chunk : tail.chunk + 1) : 0;
      const all = Buffer.alloc(keep.length + list.length * RECORD);
      keep.copy(all);
      let off = keep.length;
      for (const idx of list) {
        all.set(t.hashes.subarray(idx * SUBJECT_HASH_BYTES, (idx + 1) * SUBJECT_HASH_BYTES), off);
        all.writeUInt32LE(idx, off + SUBJECT_HASH_BYTES);
        off += RECORD;
      }
      for (let c = 0, start = 0; start < all.length; c++, start += CHUNK_RECORDS * RECORD)
        put.run(part, first + c, all.subarray(start, Math.min(all.length, start + CHUNK_RECORDS * RECORD)));
    }
    this.db
      .prepare("INSERT OR REPLACE INTO ledger_meta (key, value) VALUES ('subjects', ?)")
      .run(String(t.size));
  }

  /** Looks one hash up by reading its partition only. */
  lookup(hash: Uint8Array): number | undefined {
    const part = hash[0] ?? 0;
    for (const row of this.db
      .prepare("SELECT data FROM subject_dict WHERE part = ?")
      .iterate(part) as Iterable<{ data: Buffer }>) {
      for (let off = 0; off < row.data.length; off += RECORD)
        if (sameHash(row.data, off, hash, 0)) return row.data.readUInt32LE(off + SUBJECT_HASH_BYTES);
    }
    return undefined;
  }
}
