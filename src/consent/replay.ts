// the as-of consent set recomputed from events alone (never from snapshots), as of time T counting only the
// first C events (id <= C): what a ledger entry that committed to C events and time T used. A subject had
// consented at T when its latest event (by (at, id)) with at <= T is a grant. ConsentReplayer keeps each
// subject's latest (at, id) so a verifier walking entries with non-decreasing (C, T) applies only new events:
// ids in (C, C'] with at <= T', plus ids <= C with at in (T, T']; it starts over when C or T goes back.
import type Database from "better-sqlite3";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { LastEventSet, type RoaringBitmap32, setDigestOf } from "./bitmap.js";
import { integerColumn, lastInteger, pageRow, START_AT } from "./statements.js";
import { parseInstant } from "./time.js";

/** A recomputed as-of set: its digest (as `asOfCommitted` gives it) and size. */
export interface ConsentSetDigest {
  digest: string;
  size: number;
}

type Row = [id: number, at: number, subject: number, granted: number];

function instantArg(at: string | number): number {
  const ms = typeof at === "number" ? at : parseInstant(at);
  if (ms === undefined || !Number.isFinite(ms))
    throw new JikimiError(
      "bad_time",
      t("consent.registry.bad_time", { what: t("consent.registry.as_of_time") }),
      { hint: t("consent.registry.bad_time_hint") },
    );
  return ms;
}

const PAGE = 1 << 16;
const MAX_ROWID = 9223372036854775807n;
const COLUMNS =
  "json_group_array(id), json_group_array(at), json_group_array(subject), json_group_array(granted)";

/**
 * Replays one purpose's events for a sequence of (uptoEvents, at) pairs.
 * @example const r = new ConsentReplayer(db, "nsf-provision"); r.setAt("2024-06-01T00:00:00Z", 1200).digest
 */
export class ConsentReplayer {
  private purposeId: number | undefined;
  private upto = 0;
  private until = START_AT;
  private latestAt = new Float64Array(0);
  private latestId = new Float64Array(0);
  /** the set, fed each subject's events in (at, id) order as they are found to be its latest */
  private readonly set = new LastEventSet();
  private readonly newIds: Database.Statement<[number, number, number, number]>;
  private readonly newIdPages: Database.Statement<[bigint, number, number, number, number]>;
  private readonly lateOnes: Database.Statement<[number, number, number, number]>;
  private readonly latePages: Database.Statement<[number, number | bigint, bigint, number, number, number]>;
  private readonly purposeOf: Database.Statement<[string]>;

  constructor(
    db: Database.Database,
    private readonly purpose: string,
  ) {
    // row by row: for pages holding anything but integers, read as better-sqlite3 returns it
    this.newIds = db
      .prepare(
        // by rowid range: the (purpose, at) index would read every earlier event of the purpose
        "SELECT id, at, subject, granted FROM consent_events NOT INDEXED WHERE id > ? AND id <= ? AND purpose = ? AND at <= ?",
      )
      .raw(true);
    this.lateOnes = db
      .prepare(
        `SELECT id, at, subject, granted FROM consent_events INDEXED BY consent_events_purpose_at
         WHERE purpose = ? AND at > ? AND at <= ? AND id <= ?`,
      )
      .raw(true);
    // the same events a page at a time, as JSON arrays (one row a page): order is only a cursor, the latest
    // (at, id) wins whatever the order events are applied in
    this.newIdPages = db
      .prepare(
        `SELECT ${COLUMNS} FROM (SELECT id, at, subject, granted FROM consent_events NOT INDEXED
         WHERE id > ? AND id <= ? AND purpose = ? AND at <= ? ORDER BY id LIMIT ?)`,
      )
      .raw(true);
    this.latePages = db
      .prepare(
        `SELECT ${COLUMNS} FROM (SELECT id, at, subject, granted FROM consent_events INDEXED BY consent_events_purpose_at
         WHERE purpose = ? AND (at, id) > (?, ?) AND at <= ? AND id <= ? ORDER BY at, id LIMIT ?)`,
      )
      .raw(true);
    this.purposeOf = db.prepare("SELECT id FROM consent_purposes WHERE name = ?").pluck();
  }

  /** The set as of `at` from the events with id <= `uptoEvents`; the bitmap is the replayer's own: clone it to keep it. */
  bitmapAt(at: string | number, uptoEvents: number): RoaringBitmap32 {
    const t = instantArg(at);
    const c = Math.max(0, Math.floor(uptoEvents));
    if (c < this.upto || t < this.until) this.reset();
    if (this.purposeId === undefined) {
      const id = this.purposeOf.get(this.purpose);
      this.purposeId = typeof id === "number" ? id : undefined;
    }
    const p = this.purposeId;
    if (p !== undefined) {
      if (t > this.until && this.upto > 0) this.applyLate(p, t);
      if (c > this.upto) this.applyNew(p, c, t);
    }
    this.upto = c;
    this.until = t;
    return this.set.current();
  }

  /** The digest and size of the set as of `at` from the events with id <= `uptoEvents`. */
  setAt(at: string | number, uptoEvents: number): ConsentSetDigest {
    const set = this.bitmapAt(at, uptoEvents);
    return { digest: setDigestOf(set), size: set.size };
  }

  private reset(): void {
    this.upto = 0;
    this.until = START_AT;
    this.latestAt.fill(0);
    this.latestId.fill(0);
    this.set.reset();
    this.purposeId = undefined;
  }

  /** ids in (upto, c] with at <= t. */
  private applyNew(p: number, c: number, t: number): void {
    let from = BigInt(this.upto);
    for (;;) {
      const row: unknown[] | undefined = pageRow(this.newIdPages, from, c, p, t, PAGE);
      const page = row && this.page(row);
      if (row === undefined || page === undefined) {
        this.applyAll(this.newIds.iterate(this.upto, c, p, t));
        return;
      }
      if (page < PAGE) return;
      from = lastInteger(row[0] as string) ?? 0n;
    }
  }

  /** ids <= upto with at in (until, t]. */
  private applyLate(p: number, t: number): void {
    let fromAt: number | bigint = this.until;
    let fromId = MAX_ROWID;
    for (;;) {
      const row: unknown[] | undefined = pageRow(this.latePages, p, fromAt, fromId, t, this.upto, PAGE);
      const page = row && this.page(row);
      if (row === undefined || page === undefined) {
        this.applyAll(this.lateOnes.iterate(p, this.until, t, this.upto));
        return;
      }
      if (page < PAGE) return;
      fromAt = lastInteger(row[1] as string) ?? 0n;
      fromId = lastInteger(row[0] as string) ?? 0n;
    }
  }

  /**
   * Applies a page of JSON columns; returns its size, or undefined when it holds anything but integers (the
   * caller then applies the whole range row by row: applying an event again changes nothing).
   */
  private page(row: readonly unknown[]): number | undefined {
    const ids = integerColumn(row[0]);
    const ats = integerColumn(row[1]);
    const subjects = integerColumn(row[2]);
    const granteds = integerColumn(row[3]);
    if (ids === undefined || ats === undefined || subjects === undefined || granteds === undefined)
      return undefined;
    for (let i = 0; i < ids.length; i++)
      this.apply(ids[i] as number, ats[i] as number, subjects[i] as number, granteds[i] as number);
    return ids.length;
  }

  private applyAll(rows: IterableIterator<unknown>): void {
    for (const row of rows as IterableIterator<Row>) this.apply(row[0], row[1], row[2], row[3]);
  }

  private apply(id: number, at: number, subject: number, granted: number): void {
    if (subject >= this.latestId.length) this.grow(subject + 1);
    const lastId = this.latestId[subject] ?? 0;
    const lastAt = this.latestAt[subject] ?? 0;
    // id 0 is no event yet; later (at, id) wins
    if (lastId !== 0 && (at < lastAt || (at === lastAt && id < lastId))) return;
    this.latestAt[subject] = at;
    this.latestId[subject] = id;
    this.set.apply(subject, granted);
  }

  private grow(need: number): void {
    let size = Math.max(1024, this.latestId.length);
    while (size < need) size *= 2;
    const at = new Float64Array(size);
    at.set(this.latestAt);
    this.latestAt = at;
    const id = new Float64Array(size);
    id.set(this.latestId);
    this.latestId = id;
  }
}

/**
 * The digest and size of the set of subjects consented to `purpose` as of `at`, from the events with
 * id <= `uptoEvents` only. For many calls, keep a ConsentReplayer per purpose.
 * @example consentSetAt(db, "nsf-provision", "2024-06-01T00:00:00Z", entry.consent.events).digest === entry.consent.digest
 */
export function consentSetAt(
  db: Database.Database,
  purpose: string,
  at: string | number,
  uptoEvents: number,
): ConsentSetDigest {
  return new ConsentReplayer(db, purpose).setAt(at, uptoEvents);
}
