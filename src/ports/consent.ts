// the consent registry's storage port: what src/consent asks of a database, asynchronously. The SQLite and
// PostgreSQL stores (src/store/*) implement it and run one contract suite (test/contract/consent.contract.ts).
// Times are ms since 1970 UTC, subjects dictionary indexes, purposes and sources ids of their name tables.
// Paths that touch every event (import, verify, replay) pass columns and pages, never a call per event.
import type { DictionaryReads, DictionaryWrites } from "./subjects.js";

/** Before any event: the (at, id) cut of "no snapshot". */
export const START_AT = -8_640_000_000_000_000;

/**
 * Events by column, as the rows hold them: numbers for intact rows; a value of another type (only an edit of
 * the database stores one) stays what the driver returns for it, so replays and hashes see it as it is.
 */
export interface EventColumns {
  count: number;
  id: number[];
  at: number[];
  subject: number[];
  granted: number[];
}

/** A page of events in id order with every column (the chain's input); evidence as concatenated UTF-8. */
export interface ChainEventPage extends EventColumns {
  purpose: number[];
  source: number[];
  batch: number[];
  /** each event's evidence length in UTF-8 bytes, null when it has none */
  evidenceLength: (number | null)[];
  /** the page's evidence bytes, concatenated in id order */
  evidence: Uint8Array;
}

/** One recording: its events are ids first_id..last_id, head the chain after them (null until chained). */
export interface BatchRow {
  id: number;
  recordedAt: string;
  events: number;
  firstId: number | null;
  lastId: number | null;
  head: Uint8Array | null;
}

/** A materialised bitmap of a purpose after every event up to the cut (at, lastId) in (at, id) order. */
export interface SnapshotRow {
  purpose: number;
  at: number;
  lastId: number;
  events: number;
  subjects: number;
  data: Uint8Array;
}

/** One event of a subject, with its names (a subject's status). */
export interface SubjectEventRow {
  purpose: string;
  at: number;
  granted: number;
  source: string;
  evidence: string | null;
  recordedAt: string;
}

/** New events of one batch, by column; they take the ids first..first + count - 1 (insertEvents). */
export interface NewEvents {
  count: number;
  purpose: Float64Array;
  at: Float64Array;
  subject: Uint32Array;
  granted: Uint8Array;
  source: Float64Array;
  evidence: readonly (string | null)[];
}

/** Candidate events of one purpose, by column, to be matched against the recorded ones (dedup). */
export interface EventKeys {
  count: number;
  subject: Uint32Array;
  at: Float64Array;
  granted: Uint8Array;
  source: Float64Array;
}

export type NameTable = "purpose" | "source";

/** The reads of the consent tables; every method sees the transaction's snapshot. */
export interface ConsentReads extends DictionaryReads {
  /** whether the batches have their chain columns (an old SQLite file opened without migrating may not) */
  hasChain(): Promise<boolean>;
  nameId(table: NameTable, name: string): Promise<number | undefined>;
  /** every name of the table by id */
  names(table: NameTable): Promise<Map<number, string>>;
  /** names of purposes with any row, sorted */
  purposeNames(): Promise<string[]>;

  /** every batch in id order */
  batches(): Promise<BatchRow[]>;
  /** the batch with the smallest id */
  firstBatch(): Promise<BatchRow | undefined>;
  /** the batch with the largest id */
  lastBatch(): Promise<BatchRow | undefined>;
  /** the head of the first batch (by id) whose last event id is `lastId` */
  headEndingAt(lastId: number): Promise<Uint8Array | null | undefined>;

  /** every event from id `fromId` on (default: the first) in id order, `pageSize` at a time */
  eventPages(pageSize?: number, fromId?: number): AsyncIterable<ChainEventPage>;
  /** the latest snapshot of `purpose` with at <= `atOrBefore`, by (at, last_id) */
  latestSnapshot(purpose: number, atOrBefore: number): Promise<SnapshotRow | undefined>;
  /** every snapshot, by (purpose, at, last_id) */
  snapshots(): Promise<SnapshotRow[]>;
  /** up to `limit` events of `purpose` after the cut (at, id), in (at, id) order */
  eventsAfter(purpose: number, cutAt: number, cutId: number, limit: number): Promise<EventColumns>;
  /** events of `purpose` after the cut (at, id) with at <= `until`, in (at, id) order */
  eventsUntil(purpose: number, cutAt: number, cutId: number, until: number): Promise<EventColumns>;
  /** every event of `purpose` in (at, id) order, a page at a time */
  purposeEvents(purpose: number): AsyncIterable<EventColumns>;
  /** events of `purpose` with id in (afterId, uptoId] and at <= `until`, in pages of any order */
  eventsInIdRange(
    purpose: number,
    afterId: number,
    uptoId: number,
    until: number,
  ): AsyncIterable<EventColumns>;
  /** events of `purpose` with id <= `uptoId` and at in (after, until], in pages of any order */
  eventsInTimeRange(
    purpose: number,
    after: number,
    until: number,
    uptoId: number,
  ): AsyncIterable<EventColumns>;
  /** a subject's events with their names, by (purpose name, at, id) */
  subjectEvents(subject: number): Promise<SubjectEventRow[]>;
  /** events of `purpose` with at in [from, to] */
  countEvents(purpose: number, from: number, to: number): Promise<number>;
  /** 1 for each candidate equal in (subject, purpose, at, granted, source) to a recorded event, else 0 */
  recorded(purpose: number, keys: EventKeys): Promise<Uint8Array>;
}

/** The writes, inside one write transaction (the sequencer shared with ledger appends). */
export interface ConsentWrites extends ConsentReads, DictionaryWrites {
  /** a hint that this transaction records about `events` events (SQLite keeps more pages in memory) */
  expectBulk(events: number): Promise<void>;
  /** the name's id, adding the name when missing */
  internName(table: NameTable, name: string): Promise<number>;
  /** a new batch; returns its id */
  insertBatch(recordedAt: string, events: number): Promise<number>;
  /** stores the events of a batch with consecutive ids after the largest one; returns the first */
  insertEvents(batch: number, events: NewEvents): Promise<number>;
  /** stores batches' event ranges and chain heads */
  setBatchHeads(rows: { id: number; firstId: number; lastId: number; head: Uint8Array }[]): Promise<void>;
  /** deletes the snapshots of `purpose` whose cut (at, last_id) is at or after (at, id) */
  dropSnapshots(purpose: number, at: number, id: number): Promise<void>;
  insertSnapshot(row: SnapshotRow): Promise<void>;
}

/**
 * The consent registry's storage. `write` is the one sequencer (SQLite: BEGIN IMMEDIATE; PostgreSQL: the
 * locked sequencer row), all or nothing; the subject dictionary is shared with ledger appends.
 * @example const head = await store.read((r) => r.lastBatch());
 */
export interface ConsentStore {
  read<T>(work: (tx: ConsentReads) => Promise<T>): Promise<T>;
  write<T>(work: (tx: ConsentWrites) => Promise<T>): Promise<T>;
}
