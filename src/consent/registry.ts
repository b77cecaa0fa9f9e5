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
import type Database from "better-sqlite3";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { SubjectDictionary } from "../ledger/subjects/dictionary.js";
import type { SubjectHasher } from "../ledger/subjects/subject-hasher.js";
import { EventBatch } from "./batch.js";
import { type RoaringBitmap32, setDigestOf } from "./bitmap.js";
import { ChainWriter, type ConsentHead, chainUnchainedBatches, currentHead, ZERO_HEAD } from "./chain.js";
import { findRecorded } from "./dedup.js";
import { type ConsentAction, type ConsentEvent, PURPOSE_PATTERN, validateEvent } from "./event.js";
import { hasConsentChain } from "./migration.js";
import { ConsentInputError, ProblemList } from "./problems.js";
import { DEFAULT_SNAPSHOT_EVERY, extendSnapshots, invalidate, stateAt } from "./snapshots.js";
import { ConsentStatements } from "./statements.js";
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
}

/** The as-of set a release used, with the chain state it was computed from. */
export interface CommittedConsent extends ConsentHead {
  set: RoaringBitmap32;
  /** SHA-256 hex of the set's canonical bytes (ledger/subjects/sets.ts), via setDigestOf */
  digest: string;
}

/** Batches of this many events get a page cache of BULK_CACHE_KIB (negative: KiB) while recording. */
const BULK_EVENTS = 100_000;
const BULK_CACHE_KIB = -262_144;

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
 * The consent registry over a state database, its subject dictionary and the keyed subject hasher.
 * @example
 * const reg = new ConsentRegistry(store.db, new SubjectDictionary(store.db), hasher);
 * reg.grant("HB0000000001", "nsf-provision", { source: "app-signup-v3" });
 * reg.asOf("nsf-provision", "2024-06-01T00:00:00Z").has(index) // true
 */
export class ConsentRegistry {
  private readonly sql: ConsentStatements;
  private readonly snapshotEvery: number;
  private readonly knownPurposes: ReadonlySet<string> | undefined;
  /** false until store migration 8 adds the chain's columns: recordings are then not chained */
  private readonly chained: boolean;

  constructor(
    private readonly db: Database.Database,
    private readonly dictionary: SubjectDictionary,
    private readonly hasher: SubjectHasher,
    options: ConsentRegistryOptions = {},
  ) {
    this.sql = new ConsentStatements(db);
    this.snapshotEvery = Math.max(1, Math.floor(options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY));
    this.knownPurposes = options.knownPurposes;
    this.chained = hasConsentChain(db);
  }

  /** An empty batch whose subjects this registry's hasher hashes; fill it, then `recordBatch`. */
  newBatch(): EventBatch {
    return new EventBatch(this.hasher);
  }

  /**
   * Validates and records events in one transaction: all or none (ConsentInputError, exit 2).
   * @example reg.record([{ subject: "HB1", purpose: "nsf-provision", action: "grant", at: "2024-01-01T00:00:00+09:00", source: "app" }], new Date())
   */
  record(events: readonly ConsentEvent[], now: Date): RecordResult {
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
  recordBatch(batch: EventBatch, now: Date): RecordResult {
    batch.finish();
    if (batch.count === 0) return { recorded: 0, skipped: 0, newSubjects: 0 };
    this.checkPurposes(batch.purposes);
    // a large batch updates index pages all over: keep them in memory until the commit
    const previous = batch.count >= BULK_EVENTS ? this.db.pragma("cache_size", { simple: true }) : undefined;
    if (previous !== undefined) this.db.pragma(`cache_size = ${BULK_CACHE_KIB}`);
    try {
      return this.insert(batch, now);
    } finally {
      if (previous !== undefined) this.db.pragma(`cache_size = ${Number(previous)}`);
    }
  }

  private insert(batch: EventBatch, now: Date): RecordResult {
    // immediate: take the write lock before reading the dictionary, so a concurrent writer waits
    return this.db
      .transaction((): RecordResult => {
        if (this.chained) chainUnchainedBatches(this.db);
        const previous = this.chained ? Buffer.from(currentHead(this.db).head, "hex") : ZERO_HEAD;
        const newFrom = this.dictionary.size();
        const { indexes, added } = this.dictionary.assign(batch.hashes, batch.count, true);
        const stored = (names: readonly string[], kind: "purpose" | "source") =>
          names.map((name) => (kind === "purpose" ? this.sql.purposeId : this.sql.sourceId).get(name)?.id);
        const { skip, skipped } = findRecorded(
          this.db,
          batch,
          indexes,
          newFrom,
          stored(batch.purposes, "purpose"),
          stored(batch.sources, "source"),
        );
        const recorded = batch.count - skipped;
        if (recorded === 0) return { recorded, skipped, newSubjects: added };
        const purposes = batch.purposes.map((name) => this.intern(name, "purpose"));
        const sources = batch.sources.map((name) => this.intern(name, "source"));
        const recordedAt = now.toISOString();
        const batchId = Number(this.sql.addBatch.run(recordedAt, recorded).lastInsertRowid);
        const chain = new ChainWriter(previous);
        chain.begin(batchId, recordedAt);
        let firstId = 0;
        let lastId = 0;
        // per purpose: the earliest new event time and the first new id, for invalidating snapshots
        const first = new Map<number, { at: number; id: number }>();
        for (let i = 0; i < batch.count; i++) {
          if (skip[i] === 1) continue;
          const p = batch.purpose[i] ?? 0;
          const s = batch.source[i] ?? 0;
          const purpose = purposes[p] ?? 0;
          const at = batch.at[i] ?? 0;
          const subject = indexes[i] ?? 0;
          const granted = batch.granted[i] ?? 0;
          const evidence = batch.evidence[i] ?? null;
          const id = Number(
            this.sql.addEvent.run(purpose, at, subject, granted, sources[s] ?? 0, evidence, batchId)
              .lastInsertRowid,
          );
          chain.event(id, at, subject, granted, batch.purposes[p] ?? "", batch.sources[s] ?? "", evidence);
          if (firstId === 0) firstId = id;
          lastId = id;
          const seen = first.get(purpose);
          if (seen === undefined) first.set(purpose, { at, id });
          else if (at < seen.at) seen.at = at;
        }
        const head = chain.end();
        this.sql.chainBatch?.run(firstId, lastId, head, batchId);
        for (const [purpose, { at, id }] of first) {
          invalidate(this.sql, purpose, at, id);
          extendSnapshots(this.sql, purpose, this.snapshotEvery);
        }
        return { recorded, skipped, newSubjects: added };
      })
      .immediate();
  }

  /**
   * The chain state now: events recorded (the last event id) and the head after them (hex). Chains the
   * batches recorded before the chain existed first.
   * @example reg.head() // { events: 2448950, head: "9f2c..." }
   */
  head(): ConsentHead {
    chainUnchainedBatches(this.db);
    return currentHead(this.db);
  }

  /**
   * `asOf` with what a ledger entry commits to: the set's digest and the chain state it was computed from,
   * read in one transaction.
   * @example const c = reg.asOfCommitted("nsf-provision", "2024-06-01T00:00:00Z"); entry.consent = { events: c.events, head: c.head, digest: c.digest }
   */
  asOfCommitted(purpose: string, at: string): CommittedConsent {
    const ms = timeArg(at, "as_of_time");
    const id = this.purposeIdOf(purpose) ?? -1;
    chainUnchainedBatches(this.db);
    return this.db.transaction((): CommittedConsent => {
      const head = currentHead(this.db);
      const set = stateAt(this.sql, id, ms);
      return { set, digest: setDigestOf(set), ...head };
    })();
  }

  /**
   * Records one grant; `details.at` defaults to `now`.
   * @example reg.grant("HB0000000001", "nsf-provision", { source: "call-center", evidence: "rec-2024-0412" })
   */
  grant(subject: string, purpose: string, details: ConsentDetails, now = new Date()): RecordResult {
    return this.one(subject, purpose, "grant", details, now);
  }

  /**
   * Records one withdrawal; `details.at` defaults to `now`.
   * @example reg.withdraw("HB0000000001", "nsf-provision", { source: "app-settings" })
   */
  withdraw(subject: string, purpose: string, details: ConsentDetails, now = new Date()): RecordResult {
    return this.one(subject, purpose, "withdraw", details, now);
  }

  /**
   * The dictionary indexes of the subjects whose latest event for `purpose` at or before `at` is a grant.
   * @example reg.asOf("nsf-provision", "2024-06-01T00:00:00+09:00").size
   */
  asOf(purpose: string, at: string): RoaringBitmap32 {
    const ms = timeArg(at, "as_of_time");
    return this.db.transaction(() => stateAt(this.sql, this.purposeIdOf(purpose) ?? -1, ms))();
  }

  /**
   * How many subjects had consented to `purpose` at `at`.
   * @example reg.count("nsf-provision", "2024-06-01T00:00:00Z") // 2400000
   */
  count(purpose: string, at: string): number {
    return this.asOf(purpose, at).size;
  }

  /**
   * A subject's consents, one per purpose (sorted by purpose), with their history; `at` (optional)
   * ignores events after it. An unknown subject has none.
   * @example reg.status("HB0000000001") // [{ purpose: "nsf-provision", state: "granted", since: "...", ... }]
   */
  status(subjectKey: string, at?: string): ConsentStatus[] {
    const until = at === undefined ? Number.POSITIVE_INFINITY : timeArg(at, "status_time");
    const index = this.dictionary.lookup(this.hasher.hashMany([subjectKey]));
    if (index === undefined) return [];
    const out: ConsentStatus[] = [];
    for (const row of this.sql.subjectHistory.all(index)) {
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
  purposes(): string[] {
    return this.sql.purposeNames.all().map((r) => r.name);
  }

  private one(
    subject: string,
    purpose: string,
    action: ConsentAction,
    details: ConsentDetails,
    now: Date,
  ): RecordResult {
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

  private purposeIdOf(purpose: string): number | undefined {
    if (!PURPOSE_PATTERN.test(purpose))
      throw new JikimiError("bad_purpose", t("consent.registry.bad_purpose"), {
        hint: t("consent.registry.bad_purpose_hint"),
      });
    return this.sql.purposeId.get(purpose)?.id;
  }

  private intern(name: string, kind: "purpose" | "source"): number {
    const [add, get] =
      kind === "purpose"
        ? [this.sql.addPurpose, this.sql.purposeId]
        : [this.sql.addSource, this.sql.sourceId];
    add.run(name);
    const row = get.get(name);
    if (row === undefined)
      throw new JikimiError("store_corrupt", t("consent.registry.lost_row", { table: kind }), {
        hint: t("consent.registry.lost_row_hint"),
      });
    return row.id;
  }
}
