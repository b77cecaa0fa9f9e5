// the witness's storage port (c2sp.org/tlog-witness): the logs it witnesses (origin -> trusted vkeys), per origin the
// latest cosigned checkpoint, and refused-but-signed requests kept as evidence. A checkpoint only moves by a
// compare-and-swap: one write transaction that stores the new one only while the stored one is still the expected.

/** A log the witness witnesses. */
export interface WitnessedLog {
  origin: string;
  vkeys: string[];
  /** latest cosigned size, 0 when none */
  size: number;
}

/** The latest checkpoint the witness cosigned for an origin. */
export interface StoredCheckpoint {
  size: number;
  root: Uint8Array;
}

/** A refused request whose signature verified: possible proof of a log's misbehaviour. */
export interface WitnessEvidence {
  receivedAt: string;
  reason: string;
  request: string;
}

/** What a compare-and-swap did: stored, or found another checkpoint than the expected one (returned). */
export type CheckpointSwap = { swapped: true } | { swapped: false; latest: StoredCheckpoint | undefined };

/**
 * @example
 * const held = await store.latest(origin);
 * const r = await store.swapCheckpoint(origin, held, { size: 8, root }, new Date().toISOString());
 */
export interface WitnessStore {
  /** the trusted vkeys of a log in the order they were added, empty when the origin is unknown */
  logKeys(origin: string): Promise<string[]>;
  /** trusts `vkey` for `origin`; false when it was already trusted */
  addLogKey(origin: string, vkey: string, addedAt: string): Promise<boolean>;
  /** every witnessed log with its keys and latest size, by origin */
  logs(): Promise<WitnessedLog[]>;
  latest(origin: string): Promise<StoredCheckpoint | undefined>;
  /**
   * Stores `next` for `origin` when the stored checkpoint is still `expected` (undefined: none stored), atomically
   * across connections and processes; otherwise changes nothing and returns what is stored.
   */
  swapCheckpoint(
    origin: string,
    expected: StoredCheckpoint | undefined,
    next: StoredCheckpoint,
    updatedAt: string,
  ): Promise<CheckpointSwap>;
  /** keeps `evidence` for `origin`, then only the newest `keep` of that origin's */
  recordEvidence(origin: string, evidence: WitnessEvidence, keep: number): Promise<void>;
  /** an origin's evidence, oldest first */
  evidence(origin: string): Promise<WitnessEvidence[]>;
  close(): Promise<void>;
}
