// the as-of consent set recomputed from events alone (never from snapshots), as of time T counting only the
// first C events (id <= C): what a ledger entry that committed to C events and time T used. A subject had
// consented at T when its latest event (by (at, id)) with at <= T is a grant. ConsentReplayer keeps each
// subject's latest (at, id) so a verifier walking entries with non-decreasing (C, T) applies only new events:
// ids in (C, C'] with at <= T', plus ids <= C with at in (T, T']; it starts over when C or T goes back.
import type Database from "better-sqlite3";
import { JikimiError } from "../errors.js";
import { Bitmap, type RoaringBitmap32, setDigestOf } from "./bitmap.js";
import { START_AT } from "./statements.js";
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
      "the as-of time is not an ISO 8601 time with a timezone: use e.g. 2024-03-01T09:30:00+09:00 or 2024-03-01T00:30:00Z",
    );
  return ms;
}

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
  private set = new Bitmap();
  private readonly newIds: Database.Statement<[number, number, number, number]>;
  private readonly lateOnes: Database.Statement<[number, number, number, number]>;
  private readonly purposeOf: Database.Statement<[string]>;

  constructor(
    db: Database.Database,
    private readonly purpose: string,
  ) {
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
      if (t > this.until && this.upto > 0) this.applyAll(this.lateOnes.iterate(p, this.until, t, this.upto));
      if (c > this.upto) this.applyAll(this.newIds.iterate(this.upto, c, p, t));
    }
    this.upto = c;
    this.until = t;
    return this.set;
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
    this.set = new Bitmap();
    this.purposeId = undefined;
  }

  private applyAll(rows: IterableIterator<unknown>): void {
    for (const row of rows as IterableIterator<Row>) {
      const [id, at, subject, granted] = row;
      if (subject >= this.latestId.length) this.grow(subject + 1);
      const lastId = this.latestId[subject] ?? 0;
      const lastAt = this.latestAt[subject] ?? 0;
      // id 0 is no event yet; later (at, id) wins
      if (lastId !== 0 && (at < lastAt || (at === lastAt && id < lastId))) continue;
      this.latestAt[subject] = at;
      this.latestId[subject] = id;
      if (granted === 1) this.set.add(subject);
      else this.set.remove(subject);
    }
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
