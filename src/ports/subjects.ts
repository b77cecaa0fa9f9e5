// the subject dictionary's storage port: keyed 16-byte subject hashes and their dense indexes, kept twice (by
// partition, the hash's first two bytes, for single lookups; in index order, for loading the whole table). The
// ledger and the consent registry both grow it, inside their own write transactions.

/** Bytes of a partition record: the 16-byte hash, then its index as a little-endian u32. */
export const DICT_RECORD_BYTES = 20;
/** Partitions: one per value of a hash's first two bytes (big-endian), so a lookup reads 1/65,536 of the subjects. */
export const DICT_PARTITIONS = 65_536;
/**
 * Records per partition chunk (4,000 bytes: one SQLite page). A partition's records are in index order, chunk 0
 * first; only its last chunk is ever partly filled.
 */
export const DICT_CHUNK_RECORDS = 200;

/** Hashes per chunk of the index-ordered copy. */
export const DICT_LINEAR_CHUNK = 65_536;

/** The partition of a hash (its first two bytes, big-endian). */
export const dictPartition = (hash: Uint8Array): number => ((hash[0] ?? 0) << 8) | (hash[1] ?? 0);

/** The same from a hash's first 32-bit word read little-endian (where tables hold hashes as words). */
export const dictPartitionOfWord = (word: number): number => ((word & 0xff) << 8) | ((word >>> 8) & 0xff);

/** One chunk of a partition (records of hash || little-endian index). */
export interface DictChunk {
  part: number;
  chunk: number;
  data: Uint8Array;
}

export interface DictionaryReads {
  /** subjects in the dictionary (the committed count) */
  dictionarySize(): Promise<number>;
  /** the index-ordered copy (16-byte hashes) from chunk `from` on */
  linearChunks(from: number): AsyncIterable<{ chunk: number; data: Uint8Array }>;
  /** the last chunk of each of `parts` that has one */
  lastPartChunks(parts: readonly number[]): Promise<DictChunk[]>;
  /**
   * The record of partition `part` that starts with `hash`, at a record boundary (records are `recordBytes`
   * long), or undefined: a store may search on its server rather than fetch the partition.
   */
  findRecord(part: number, hash: Uint8Array, recordBytes: number): Promise<Uint8Array | undefined>;
  /**
   * findRecord for many hashes at once (`parts[i]` is the partition of `hashes[i]`): one round trip to a server for
   * a release's few thousand subjects, not one each.
   */
  findRecords(
    parts: readonly number[],
    hashes: readonly Uint8Array[],
    recordBytes: number,
  ): Promise<(Uint8Array | undefined)[]>;
  allPartChunks(): AsyncIterable<DictChunk>;
}

export interface DictionaryWrites extends DictionaryReads {
  putPartChunks(chunks: DictChunk[]): Promise<void>;
  putLinearChunks(chunks: { chunk: number; data: Uint8Array }[]): Promise<void>;
  setDictionarySize(size: number): Promise<void>;
}
