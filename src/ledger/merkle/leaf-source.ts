// where the tree reads leaf hashes from: an append-only source (SQLite in the ledger, memory in tests and benchmarks).
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { HASH_SIZE } from "./hash.js";

/**
 * An append-only list of 32-byte leaf hashes. `leafHashes(start, end)` returns the hashes of leaves
 * `start..end-1` concatenated (`(end - start) * 32` bytes); callers never modify the returned bytes.
 * A concatenated buffer (rather than one array per leaf) keeps reads from SQLite or memory to one allocation.
 */
export interface LeafHashSource {
  size(): number;
  leafHashes(start: number, end: number): Uint8Array;
}

/**
 * A growable in-memory list of 32-byte hashes, usable as a `LeafHashSource`; also the tree's level cache.
 * @example const leaves = new HashList(); leaves.push(leafHash(bytes)); new MerkleTree(leaves).sync();
 */
export class HashList implements LeafHashSource {
  private bytes: Uint8Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    this.bytes = new Uint8Array(Math.max(1, initialCapacity) * HASH_SIZE);
  }

  /**
   * Wraps copies of the given hashes.
   * @example HashList.of([leafHash(a), leafHash(b)]).size() // 2
   */
  static of(hashes: readonly Uint8Array[]): HashList {
    const list = new HashList(hashes.length);
    for (const h of hashes) list.push(h);
    return list;
  }

  size(): number {
    return this.count;
  }

  /** Appends a copy of one 32-byte hash. */
  push(hash: Uint8Array): void {
    if (hash.length !== HASH_SIZE)
      throw new JikimiError(
        "merkle_bad_hash",
        t("ledger.merkle.hash_size", { want: HASH_SIZE, got: hash.length }),
      );
    const at = this.count * HASH_SIZE;
    if (at === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes.set(hash, at);
    this.count++;
  }

  /** A view (not a copy) of hash `i`; views stay valid after later pushes. */
  get(i: number): Uint8Array {
    return this.bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
  }

  leafHashes(start: number, end: number): Uint8Array {
    if (
      !(
        Number.isSafeInteger(start) &&
        Number.isSafeInteger(end) &&
        0 <= start &&
        start <= end &&
        end <= this.count
      )
    )
      throw new JikimiError("merkle_bad_range", t("ledger.merkle.range", { start, end, count: this.count }));
    return this.bytes.subarray(start * HASH_SIZE, end * HASH_SIZE);
  }

  /** Bytes held, including spare capacity. */
  byteLength(): number {
    return this.bytes.length;
  }
}
