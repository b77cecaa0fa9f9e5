// the subject dictionary's storage port: keyed 16-byte subject hashes and their dense indexes, kept twice (by
// partition, the hash's first byte, for single lookups; in index order, for loading the whole table). The ledger
// and the consent registry both grow it, inside their own write transactions.

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
  lastPartChunk(part: number): Promise<DictChunk | undefined>;
  partChunks(part: number): Promise<Uint8Array[]>;
  /**
   * The record of partition `part` that starts with `hash`, at a record boundary (records are `recordBytes`
   * long), or undefined: a store may search on its server rather than fetch the partition.
   */
  findRecord(part: number, hash: Uint8Array, recordBytes: number): Promise<Uint8Array | undefined>;
  allPartChunks(): AsyncIterable<DictChunk>;
}

export interface DictionaryWrites extends DictionaryReads {
  putPartChunks(chunks: DictChunk[]): Promise<void>;
  putLinearChunks(chunks: { chunk: number; data: Uint8Array }[]): Promise<void>;
  setDictionarySize(size: number): Promise<void>;
}
