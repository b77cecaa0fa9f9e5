// the consent registry: records grants and withdrawals per subject and purpose, and answers "which
// subjects had consented to purpose P at time T" as a roaring bitmap of dictionary indexes.
//
// Rule: a subject had consented to P at T when its latest event for P with event time <= T is a grant.
// Events are ordered by (time, id); ids follow insertion order (the order of the file or the list), so
// of two events with the same time, the one recorded later wins. Times are kept to the millisecond, in UTC.
//
// Speed: every `snapshotEvery` events of a purpose (in (time, id) order) the state is stored as a
// snapshot with its cut (time, id); asOf(T) loads the latest snapshot with time <= T and replays the
// events after its cut up to T from the (purpose, at, id) index, so at most `snapshotEvery` events.
// Recording an event dated before a snapshot's time deletes that snapshot and every later one (an event
// dated exactly at a snapshot's time has a larger id, so it sorts after the cut and the snapshot stays);
// snapshots are then rebuilt from the latest one still valid, in the same transaction.
//
// Integrity: every recording chains its events (chain.ts), so a ledger entry can commit to `head()` and to the
// digest of the set it used (`asOfCommitted`), and verify.ts can recompute both from the events. An event equal
// in (purpose, subject, at, action, source) to one recorded before is skipped (dedup.ts): re-importing a file
// adds nothing. With `knownPurposes`, events of any other purpose are refused, and nothing is recorded.
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { SubjectDictionary } from "../ledger/subjects/dictionary.js";
import type { SubjectHasher } from "../ledger/subjects/subject-hasher.js";
import type { ConsentStore, ConsentWrites, NameTable, NewEvents } from "../ports/consent.js";
import { EventBatch } from "./batch.js";
import { type RoaringBitmap32, setDigestOf } from "./bitmap.js";
import {
  ChainWriter,
  type ConsentHead,
  chainUnchainedBatches,
  currentHead,
  needsChaining,
  ZERO_HEAD,
} from "./chain.js";
import { findRecorded } from "./dedup.js";
import { type ConsentAction, type ConsentEvent, PURPOSE_PATTERN, validateEvent } from "./event.js";
import { ConsentInputError, ProblemList } from "./problems.js";
import {
  DEFAULT_SNAPSHOT_EVERY,
  extendSnapshots,
  type FreshEvents,
  invalidate,
  type SortedEvents,
  sortedEvents,
  stateAt,
} from "./snapshots.js";
import { formatInstant, parseInstant } from "./time.js";

export interface RecordResult {
  /** events stored */
  recorded: number;
  /** events equal to one recorded before (purpose, subject, time, action, source), not stored again */
  skipped: number;
  /** subjects the dictionary did not know before */
  newSubjects: number;
}

/** Details of one grant or withdrawal; `at` defaults to `now`. */
export interface ConsentDetails {
  source: string;
  at?: string | undefined;
  evidence?: string | undefined;
}

export interface ConsentHistoryEntry {
  action: ConsentAction;
  at: string;
  source: string;
  evidence: string | null;
  recordedAt: string;
}

/** A subject's consent to one purpose: its latest event, and every event in (time, id) order. */
export interface ConsentStatus {
  purpose: string;
  state: "granted" | "withdrawn";
  since: string;
  source: string;
  evidence: string | null;
  history: ConsentHistoryEntry[];
}

export interface ConsentRegistryOptions {
  /** events between snapshots of a purpose (default 32,768): asOf replays at most this many */
  snapshotEvery?: number;
  /** the consent purposes the workspace declares; when given, events of other purposes are refused */
  knownPurposes?: ReadonlySet<string> | undefined;
  /**
   * for tests: false reads a recording's events back to build snapshots even when they are all in memory (the
   * snapshots are the same either way)
   */
  snapshotsFromMemory?: boolean | undefined;
}

/** The as-of set a release used, with the chain state it was computed from. */
export interface CommittedConsent extends ConsentHead {
  set: RoaringBitmap32;
  /** SHA-256 hex of the set's canonical bytes (ledger/subjects/sets.ts), via setDigestOf */
  digest: string;
}

function timeArg(at: string, what: "as_of_time" | "status_time"): number {
  const ms = parseInstant(at);
  if (ms === undefined)
    throw new JikimiError(
      "bad_time",
      t("consent.registry.bad_time", { what: t(`consent.registry.${what}`) }),
      {
        hint: t("consent.registry.bad_time_hint"),
      },
    );
  return ms;
}

/**
 * The consent registry over a state store's consent port, its subject dictionary and the keyed subject hasher.
 * @example
 * const reg = new ConsentRegistry(state.consent, subjects, hasher);
 * await reg.grant("HB0000000001", "nsf-provision", { source: "app-signup-v3" });
 * (await reg.asOf("nsf-provision", "2024-06-01T00:00:00Z")).has(index) // true
 */
export class ConsentRegistry {
  private readonly snapshotEvery: number;
  private readonly knownPurposes: ReadonlySet<string> | undefined;
  private readonly snapshotsFromMemory: boolean;

  constructor(
    private readonly store: ConsentStore,
    private readonly dictionary: SubjectDictionary,
    private readonly hasher: SubjectHasher,
    options: ConsentRegistryOptions = {},
  ) {
    this.snapshotEvery = Math.max(1, Math.floor(options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY));
    this.knownPurposes = options.knownPurposes;
    this.snapshotsFromMemory = options.snapshotsFromMemory ?? true;
  }

  /** An empty batch whose subjects this registry's hasher hashes; fill it, then `recordBatch`. */
  newBatch(): EventBatch {
    return new EventBatch(this.hasher);
  }

  /**
   * Validates and records events in one transaction: all or none (ConsentInputError, exit 2).
   * @example await reg.record([{ subject: "HB1", purpose: "nsf-provision", action: "grant", at: "2024-01-01T00:00:00+09:00", source: "app" }], new Date())
   */
  async record(events: readonly ConsentEvent[], now: Date): Promise<RecordResult> {
    const problems = new ProblemList();
    const batch = this.newBatch();
    events.forEach((event, i) => {
      const parsed = validateEvent(event, i + 1, "event", now.getTime(), problems);
      if (parsed) batch.add(parsed);
    });
    if (problems.total > 0) throw new ConsentInputError(t("consent.input.events"), problems);
    return this.recordBatch(batch.finish(), now);
  }

  /** Records a validated batch in one transaction, then brings the touched purposes' snapshots up to date. */
  async recordBatch(batch: EventBatch, now: Date): Promise<RecordResult> {
    batch.finish();
    if (batch.count === 0) return { recorded: 0, skipped: 0, newSubjects: 0 };
    this.checkPurposes(batch.purposes);
    // the write transaction takes the lock before the dictionary is read, so a concurrent writer waits
    return this.store.write((tx) => this.insert(tx, batch, now));
  }

  private async insert(tx: ConsentWrites, batch: EventBatch, now: Date): Promise<RecordResult> {
    await tx.expectBulk(batch.count);
    // false until store migration 8 adds the chain's columns: recordings are then not chained
    const chained = await tx.hasChain();
    if (chained) await chainUnchainedBatches(tx);
    const previous = chained ? Buffer.from((await currentHead(tx)).head, "hex") : ZERO_HEAD;
    const newFrom = await this.dictionary.size(tx);
    const { indexes, added } = await this.dictionary.assign(tx, batch.hashes, batch.count, true);
    const stored = async (names: readonly string[], table: NameTable) => {
      const ids: (number | undefined)[] = [];
      for (const name of names) ids.push(await tx.nameId(table, name));
      return ids;
    };
    const { skip, skipped } = await findRecorded(
      tx,
      batch,
      indexes,
      newFrom,
      await stored(batch.purposes, "purpose"),
      await stored(batch.sources, "source"),
    );
    const recorded = batch.count - skipped;
    if (recorded === 0) return { recorded, skipped, newSubjects: added };
    const purposes: number[] = [];
    for (const name of batch.purposes) purposes.push(await this.intern(tx, name, "purpose"));
    const sources: number[] = [];
    for (const name of batch.sources) sources.push(await this.intern(tx, name, "source"));
    const recordedAt = now.toISOString();
    const batchId = await tx.insertBatch(recordedAt, recorded);
    // the recorded events by column, with stored name ids
    const events: NewEvents = {
      count: recorded,
      purpose: new Float64Array(recorded),
      at: new Float64Array(recorded),
      subject: new Uint32Array(recorded),
      granted: new Uint8Array(recorded),
      source: new Float64Array(recorded),
      evidence: skipped === 0 ? batch.evidence : batch.evidence.filter((_, i) => skip[i] !== 1),
    };
    for (let i = 0, k = 0; i < batch.count; i++) {
      if (skip[i] === 1) continue;
      events.purpose[k] = purposes[batch.purpose[i] ?? 0] ?? 0;
      events.at[k] = batch.at[i] ?? 0;
      events.subject[k] = indexes[i] ?? 0;
      events.granted[k] = batch.granted[i] ?? 0;
      events.source[k] = sources[batch.source[i] ?? 0] ?? 0;
      k++;
    }
    const firstId = await tx.insertEvents(batchId, events);
    const chain = new ChainWriter(previous);
    chain.begin(batchId, recordedAt);
    // per purpose: the earliest new event time and the first new id, for invalidating snapshots, and the count
    const first = new Map<number, { at: number; id: number; count: number }>();
    for (let i = 0, k = 0; i < batch.count; i++) {
      if (skip[i] === 1) continue;
      const id = firstId + k;
      const p = batch.purpose[i] ?? 0;
      const purpose = events.purpose[k] as number;
      const at = events.at[k] as number;
      chain.event(
        id,
        at,
        events.subject[k] as number,
        events.granted[k] as number,
        batch.purposes[p] ?? "",
        batch.sources[batch.source[i] ?? 0] ?? "",
        events.evidence[k] ?? null,
      );
      k++;
      const seen = first.get(purpose);
      if (seen === undefined) first.set(purpose, { at, id, count: 1 });
      else {
        if (at < seen.at) seen.at = at;
        seen.count++;
      }
    }
    const head = chain.end();
    // the chain above and these sorts are computation only: a store still busy with the recording (PostgreSQL
    // building the event indexes again) works meanwhile, and the statements below queue behind it
    const sorted = new Map<number, SortedEvents>();
    for (const [purpose, { count }] of first)
      if (this.snapshotsFromMemory && count >= this.snapshotEvery)
        sorted.set(purpose, sortedEvents(freshEvents(events, firstId, purpose, count)));
    if (chained) await tx.setBatchHeads([{ id: batchId, firstId, lastId: firstId + recorded - 1, head }]);
    for (const [purpose, { at, id }] of first) {
      await invalidate(tx, purpose, at, id);
      await extendSnapshots(tx, purpose, this.snapshotEvery, sorted.get(purpose));
    }
    return { recorded, skipped, newSubjects: added };
  }

  /**
   * The chain state now: events recorded (the last event id) and the head after them (hex). Chains the
   * batches recorded before the chain existed first.
   * @example await reg.head() // { events: 2448950, head: "9f2c..." }
   */
  async head(): Promise<ConsentHead> {
    await this.chainOldBatches();
    return this.store.read((tx) => currentHead(tx));
  }

  /**
   * `asOf` with what a ledger entry commits to: the set's digest and the chain state it was computed from,
   * read in one transaction.
   * @example const c = await reg.asOfCommitted("nsf-provision", "2024-06-01T00:00:00Z"); entry.consent = { events: c.events, head: c.head, digest: c.digest }
   */
  async asOfCommitted(purpose: string, at: string): Promise<CommittedConsent> {
    const ms = timeArg(at, "as_of_time");
    checkPurposeName(purpose);
    await this.chainOldBatches();
    return this.store.read(async (tx): Promise<CommittedConsent> => {
      const id = (await tx.nameId("purpose", purpose)) ?? -1;
      const head = await currentHead(tx);
      const set = await stateAt(tx, id, ms);
      return { set, digest: setDigestOf(set), ...head };
    });
  }

  /**
   * Records one grant; `details.at` defaults to `now`.
   * @example await reg.grant("HB0000000001", "nsf-provision", { source: "call-center", evidence: "rec-2024-0412" })
   */
  grant(subject: string, purpose: string, details: ConsentDetails, now = new Date()): Promise<RecordResult> {
    return this.one(subject, purpose, "grant", details, now);
  }

  /**
   * Records one withdrawal; `details.at` defaults to `now`.
   * @example await reg.withdraw("HB0000000001", "nsf-provision", { source: "app-settings" })
   */
  withdraw(
    subject: string,
    purpose: string,
    details: ConsentDetails,
    now = new Date(),
  ): Promise<RecordResult> {
    return this.one(subject, purpose, "withdraw", details, now);
  }

  /**
   * The dictionary indexes of the subjects whose latest event for `purpose` at or before `at` is a grant.
   * @example (await reg.asOf("nsf-provision", "2024-06-01T00:00:00+09:00")).size
   */
  async asOf(purpose: string, at: string): Promise<RoaringBitmap32> {
    const ms = timeArg(at, "as_of_time");
    checkPurposeName(purpose);
    return this.store.read(async (tx) => stateAt(tx, (await tx.nameId("purpose", purpose)) ?? -1, ms));
  }

  /**
   * How many subjects had consented to `purpose` at `at`.
   * @example await reg.count("nsf-provision", "2024-06-01T00:00:00Z") // 2400000
   */
  async count(purpose: string, at: string): Promise<number> {
    return (await this.asOf(purpose, at)).size;
  }

  /**
   * A subject's consents, one per purpose (sorted by purpose), with their history; `at` (optional)
   * ignores events after it. An unknown subject has none.
   * @example await reg.status("HB0000000001") // [{ purpose: "nsf-provision", state: "granted", since: "...", ... }]
   */
  async status(subjectKey: string, at?: string): Promise<ConsentStatus[]> {
    const until = at === undefined ? Number.POSITIVE_INFINITY : timeArg(at, "status_time");
    const rows = await this.store.read(async (tx) => {
      const index = await this.dictionary.lookup(tx, this.hasher.hashMany([subjectKey]));
      return index === undefined ? [] : tx.subjectEvents(index);
    });
    const out: ConsentStatus[] = [];
    for (const row of rows) {
      if (row.at > until) continue;
      const entry: ConsentHistoryEntry = {
        action: row.granted === 1 ? "grant" : "withdraw",
        at: formatInstant(row.at),
        source: row.source,
        evidence: row.evidence,
        recordedAt: row.recordedAt,
      };
      let last = out.at(-1);
      if (last?.purpose !== row.purpose) {
        last = { purpose: row.purpose, state: "granted", since: "", source: "", evidence: null, history: [] };
        out.push(last);
      }
      last.history.push(entry);
      last.state = row.granted === 1 ? "granted" : "withdrawn";
      last.since = entry.at;
      last.source = entry.source;
      last.evidence = entry.evidence;
    }
    return out;
  }

  /** The purposes with any recorded event, sorted. */
  purposes(): Promise<string[]> {
    return this.store.read((tx) => tx.purposeNames());
  }

  /** Chains the batches recorded before the chain existed, when there are any (a write only then). */
  private async chainOldBatches(): Promise<void> {
    if (await this.store.read((tx) => needsChaining(tx)))
      await this.store.write((tx) => chainUnchainedBatches(tx));
  }

  private one(
    subject: string,
    purpose: string,
    action: ConsentAction,
    details: ConsentDetails,
    now: Date,
  ): Promise<RecordResult> {
    const event: ConsentEvent = {
      subject,
      purpose,
      action,
      at: details.at ?? now.toISOString(),
      source: details.source,
      ...(details.evidence === undefined ? {} : { evidence: details.evidence }),
    };
    return this.record([event], now);
  }

  /** Refuses purposes the workspace does not declare (when it gave its purposes). */
  private checkPurposes(names: readonly string[]): void {
    const known = this.knownPurposes;
    if (known === undefined) return;
    const unknown = names.filter((name) => !known.has(name));
    if (unknown.length === 0) return;
    const list = [...known].sort();
    const hint =
      list.length === 0
        ? t("consent.registry.no_purposes_hint")
        : t("consent.registry.known_purposes_hint", { purposes: list.join(", ") });
    throw new JikimiError(
      "unknown_purpose",
      t("consent.registry.unknown_purpose", { count: unknown.length, purposes: unknown.sort().join(", ") }),
      { hint },
    );
  }

  private async intern(tx: ConsentWrites, name: string, table: NameTable): Promise<number> {
    const id: unknown = await tx.internName(table, name);
    if (typeof id !== "number")
      throw new JikimiError("store_corrupt", t("consent.registry.lost_row", { table }), {
        hint: t("consent.registry.lost_row_hint"),
      });
    return id;
  }
}

/** The `count` events of `purpose` among a recording's `events` (ids from `firstId`), for building its snapshots. */
function freshEvents(events: NewEvents, firstId: number, purpose: number, count: number): FreshEvents {
  if (count === events.count) {
    const position = new Uint32Array(count);
    for (let k = 0; k < count; k++) position[k] = k;
    return { count, firstId, position, at: events.at, subject: events.subject, granted: events.granted };
  }
  const fresh: FreshEvents = {
    count,
    firstId,
    position: new Uint32Array(count),
    at: new Float64Array(count),
    subject: new Uint32Array(count),
    granted: new Uint8Array(count),
  };
  for (let k = 0, j = 0; k < events.count; k++) {
    if (events.purpose[k] !== purpose) continue;
    fresh.position[j] = k;
    fresh.at[j] = events.at[k] as number;
    fresh.subject[j] = events.subject[k] as number;
    fresh.granted[j] = events.granted[k] as number;
    j++;
  }
  return fresh;
}

function checkPurposeName(purpose: string): void {
  if (!PURPOSE_PATTERN.test(purpose))
    throw new JikimiError("bad_purpose", t("consent.registry.bad_purpose"), {
      hint: t("consent.registry.bad_purpose_hint"),
    });
}
