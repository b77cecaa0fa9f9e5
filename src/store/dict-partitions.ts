// rebuilds the subject dictionary's partition copy (subject_dict) from its index-ordered copy
// (subject_dict_linear), for both stores' migration to 65,536 partitions (ports/subjects.ts): the partitions are
// derived data (verify checks them against the index-ordered copy, which the entries commit to). Partitions are
// built a range at a time, so memory stays near 8,192 partial chunks (42 MB) whatever the dictionary's size.
import {
  DICT_CHUNK_RECORDS,
  DICT_PARTITIONS,
  DICT_RECORD_BYTES,
  type DictChunk,
  DICT_LINEAR_CHUNK as LINEAR_CHUNK,
} from "../ports/subjects.js";

const HASH = 16;
const PASS = 8_192;

type LinearChunk = { chunk: number; data: Uint8Array };

/** The chunks of partitions [lo, lo + 8,192) from the index-ordered chunks, given in order. */
class PassBuilder {
  private readonly buffers = new Map<number, { data: Buffer; records: number; chunk: number }>();
  constructor(
    private readonly lo: number,
    private readonly size: number,
  ) {}

  /** Adds the hashes of one index-ordered chunk; returns the partition chunks now full. */
  add(row: LinearChunk): DictChunk[] {
    const full: DictChunk[] = [];
    const base = row.chunk * LINEAR_CHUNK;
    const count = Math.min(row.data.length / HASH, this.size - base);
    const data = row.data;
    for (let i = 0; i < count; i++) {
      const at = i * HASH;
      const part = (((data[at] as number) << 8) | (data[at + 1] as number)) - this.lo;
      if (part < 0 || part >= PASS) continue;
      let b = this.buffers.get(part);
      if (!b) {
        b = { data: Buffer.alloc(DICT_CHUNK_RECORDS * DICT_RECORD_BYTES), records: 0, chunk: 0 };
        this.buffers.set(part, b);
      }
      const off = b.records * DICT_RECORD_BYTES;
      b.data.set(data.subarray(at, at + HASH), off);
      b.data.writeUInt32LE(base + i, off + HASH);
      if (++b.records === DICT_CHUNK_RECORDS) {
        full.push({ part: this.lo + part, chunk: b.chunk, data: Buffer.from(b.data) });
        b.records = 0;
        b.chunk++;
      }
    }
    return full;
  }

  /** The partly filled last chunks. */
  finish(): DictChunk[] {
    return [...this.buffers]
      .filter(([, b]) => b.records > 0)
      .map(([part, b]) => ({
        part: this.lo + part,
        chunk: b.chunk,
        data: b.data.subarray(0, b.records * DICT_RECORD_BYTES),
      }));
  }
}

/**
 * Writes every partition chunk of a dictionary of `size` subjects (the caller has emptied subject_dict); `linear`
 * gives the index-ordered chunks in order, once per pass (SQLite's synchronous reads).
 * @example rebuildPartitionsSync(size, () => linearRows(db), (rows) => insert(rows));
 */
export function rebuildPartitionsSync(
  size: number,
  linear: () => Iterable<LinearChunk>,
  write: (rows: DictChunk[]) => void,
): void {
  for (let lo = 0; lo < DICT_PARTITIONS; lo += PASS) {
    const pass = new PassBuilder(lo, size);
    for (const row of linear()) write(pass.add(row));
    write(pass.finish());
  }
}

/**
 * The same over asynchronous reads and writes (PostgreSQL): `page(from)` gives the chunks from `from` on, a few at
 * a time, and an empty page at the end.
 * @example await rebuildPartitions(size, (from) => page(tx, from), (rows) => putPartChunks(rows));
 */
export async function rebuildPartitions(
  size: number,
  page: (from: number) => Promise<LinearChunk[]>,
  write: (rows: DictChunk[]) => Promise<void>,
): Promise<void> {
  for (let lo = 0; lo < DICT_PARTITIONS; lo += PASS) {
    const pass = new PassBuilder(lo, size);
    for (let rows = await page(0); rows.length > 0; rows = await page((rows.at(-1) as LinearChunk).chunk + 1))
      for (const row of rows) await write(pass.add(row));
    await write(pass.finish());
  }
}
