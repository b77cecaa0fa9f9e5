// the ledger's storage port: what the transfer ledger (src/ledger) asks of a database, asynchronously. The SQLite
// and PostgreSQL stores (src/store/*) implement it and run one contract suite (test/contract/ledger.contract.ts).
import type { DictionaryReads, DictionaryWrites } from "./subjects.js";

// rows are plain bytes and strings: the ledger, not the store, knows what a body, a set or a head means.

/** What an entry is: a release, a signed prune event, or a held release. */
export type EntryKind = "release" | "prune" | "hold";

/** One row of ledger_entries as stored. `body` is "" once pruned. */
export interface EntryRow {
  seq: number;
  body: string;
  leafHash: Uint8Array;
  releasedAt: string;
  recordedAt: string;
  kind: EntryKind;
  agreementId: string;
  recipientId: string;
  subjectCount: number;
  chainOrd: number;
  summaryId: number | null;
  prunedAt: string | null;
}

/** A new entry: the store assigns the summary's id (one row per distinct summary text). */
export type NewEntry = Omit<EntryRow, "summaryId" | "prunedAt"> & { summary?: string };

/** An entry as the log shows it (no index columns). */
export interface EntryView {
  seq: number;
  kind: EntryKind;
  body: string;
  prunedAt: string | null;
}

/** A signed tree head: one per append. */
export interface HeadRow {
  size: number;
  root: Uint8Array;
  leafHash: Uint8Array;
  time: string;
  keyId: string;
  signature: string;
}

/** A stored subject set: a canonical roaring snapshot, or the XOR with the chain's previous release. */
export interface SetRow {
  seq: number;
  chain: string;
  ord: number;
  kind: "snapshot" | "delta";
  data: Uint8Array;
}

/** A chain (one agreement's releases): where it starts and ends and its last full set. */
export interface ChainRow {
  chain: string;
  firstSeq: number;
  lastSeq: number;
  releases: number;
  head: Uint8Array;
}

/** What a subject's history reads of one entry: a release's chain, dates and summary, or a prune event. */
export interface EntryFacts {
  seq: number;
  kind: EntryKind;
  /** the release's agreement (its chain); "" for a prune event */
  chain: string;
  releasedAt: string;
  recordedAt: string;
  /** null for a prune event */
  summaryId: number | null;
  /** false once a prune event removed the release's body */
  held: boolean;
}

/** The entries [from, to) of one chain; `to` may be Number.MAX_SAFE_INTEGER (to the chain's end). */
export type ChainRun = readonly [chain: string, from: number, to: number];

/** What a subject's runs of membership are made from, read in one snapshot. */
export interface MemberChanges {
  /** every chain and its first held set (its first release, or its pruned base), by first seq */
  chains: { chain: string; firstSeq: number }[];
  /** the releases at which the subject entered or left a chain, in seq order */
  changes: { seq: number; chain: string }[];
}

/** A subject found by its dictionary hash: its index and its member changes. */
export interface Member extends MemberChanges {
  subject: number;
}

/** Change rows as columns: row i is subject `subjects[i]` at entry `seqs[i]`, for i < count. */
export interface ChangePage {
  count: number;
  subjects: Uint32Array;
  seqs: Uint32Array;
}

/** The reads of the ledger's tables; every method sees the transaction's snapshot. */
export interface LedgerReads extends DictionaryReads {
  /** entries held (max seq + 1) */
  entryCount(): Promise<number>;
  /** leaf hashes of entries [start, end), 32 bytes each in seq order; missing rows are left out */
  leafRows(start: number, end: number): Promise<{ seq: number; leafHash: Uint8Array }[]>;
  /** entry rows [start, end) with bodies, in seq order */
  bodyRows(start: number, end: number): Promise<{ seq: number; body: string; leafHash: Uint8Array }[]>;
  entry(seq: number): Promise<EntryView | undefined>;
  /** newest first */
  entries(options: {
    agreement?: string | undefined;
    before?: number | undefined;
    limit: number;
  }): Promise<EntryView[]>;
  /** bodies of releases held in full, newest first */
  releaseBodies(options: { agreement?: string | undefined; limit: number }): Promise<string[]>;
  chainOrd(seq: number): Promise<number | undefined>;
  /** every entry row in seq order (verification) */
  allEntries(): AsyncIterable<EntryRow>;
  /** release entries recorded before `before` and not pruned yet */
  pruneCandidates(before: string): Promise<{ seq: number; chain: string }[]>;
  /** seq and body of entries with a body up to seq `last` */
  bodiesThrough(last: number): AsyncIterable<{ seq: number; body: string }>;
  /** release seqs in [from, to) of `chain`, plus `base` when it is a pruned entry (a chain's pruned base) */
  releaseSeqs(chain: string, from: number, to: number, base: number): Promise<number[]>;
  /** what a history needs of entries [from, to), in seq order: one read */
  entryFacts(from: number, to: number): Promise<EntryFacts[]>;
  /** the summary texts of `ids` (those that exist) */
  summaryTexts(ids: readonly number[]): Promise<Map<number, string>>;
  /** each entry's summary id and text, in seq order (verification) */
  entrySummaries(): AsyncIterable<{ seq: number; id: number | null; summary: string | null }>;
  summaryIds(): Promise<number[]>;

  lastHead(): Promise<HeadRow | undefined>;
  heads(): AsyncIterable<HeadRow>;
  meta(key: string): Promise<string | undefined>;
  allMeta(): Promise<Map<string, string>>;

  chain(chain: string): Promise<ChainRow | undefined>;
  chains(): Promise<ChainRow[]>;
  /** the stored set of the chain's first held release */
  firstSet(chain: string): Promise<Uint8Array | undefined>;
  /** the stored sets of entries `from` (default 0) onward, in seq order */
  sets(from?: number): AsyncIterable<SetRow>;
  setsOfChain(chain: string, from: number, to: number): Promise<SetRow[]>;
  lastSnapshotSeq(chain: string, atOrBefore: number): Promise<number | undefined>;
  /** the chains' starts (no heads) and the releases at which `subject` entered or left a chain: one read */
  memberChanges(subject: number): Promise<MemberChanges>;
  /**
   * findRecord and memberChanges in one read: the subject whose record (hash || u32 little-endian index,
   * `recordBytes` long) in partition `part` starts with `hash`, and its member changes; undefined when none does
   */
  findMember(part: number, hash: Uint8Array, recordBytes: number): Promise<Member | undefined>;
  /** the change rows of entries `from` (default 0) onward, a page at a time, in no promised order */
  changes(from?: number): AsyncIterable<ChangePage>;

  checkpointNote(size: number): Promise<string | undefined>;
  checkpointNotes(): AsyncIterable<{ size: number; note: string }>;
  lastCheckpointSize(): Promise<number | undefined>;
  cosignatureLines(size: number): Promise<string[]>;
  allCosignatures(): AsyncIterable<{ size: number; witness: string; line: string }>;
  /** the newest cosigned size per witness */
  latestCosigned(): Promise<Map<string, number>>;
  /** the checkpoint after `after` that most of `witnesses` cosigned (ties: the smallest) */
  bestCosigned(
    after: number,
    witnesses: readonly string[],
  ): Promise<{ size: number; count: number } | undefined>;
}

/** The writes, inside the one append transaction (the sequencer). */
export interface LedgerWrites extends LedgerReads, DictionaryWrites {
  insertEntry(entry: NewEntry): Promise<void>;
  insertHead(head: HeadRow): Promise<void>;
  setMeta(values: Record<string, string>): Promise<void>;
  insertSet(row: SetRow): Promise<void>;
  /** subjects that entered or left a chain at release `seq` */
  insertChanges(seq: number, subjects: Uint32Array): Promise<void>;
  /** a new chain, or the next release of one */
  putChain(chain: string, seq: number, head: Uint8Array, isNew: boolean): Promise<void>;
  /** empties a pruned entry (its leaf stays), drops its change rows, and keeps `base` as its set (or drops the set) */
  pruneEntry(seq: number, prunedAt: string, base: Uint8Array | undefined): Promise<void>;
  /** a chain now starts at its pruned base `seq`: earlier bases go */
  rebaseChain(chain: string, seq: number): Promise<void>;
  dropUnusedSummaries(): Promise<void>;
  /** keeps the note (the first one stored for a size) and each witness's latest cosignature line */
  putCheckpoint(size: number, note: string, cosignatures: { witness: string; line: string }[]): Promise<void>;
}

/**
 * The ledger's storage. `write` is the one sequencer: one append at a time across every process and host sharing
 * the database (SQLite: BEGIN IMMEDIATE; PostgreSQL: the locked sequencer row), all or nothing.
 * @example const size = await store.read((r) => r.entryCount());
 */
export interface LedgerStore {
  read<T>(work: (tx: LedgerReads) => Promise<T>): Promise<T>;
  write<T>(work: (tx: LedgerWrites) => Promise<T>): Promise<T>;
}
