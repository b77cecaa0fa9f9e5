// the as-of consent set recomputed from events alone (never from snapshots), as of time T counting only the
// first C events (id <= C): what a ledger entry that committed to C events and time T used. A subject had
// consented at T when its latest event (by (at, id)) with at <= T is a grant. ConsentReplayer keeps each
// subject's latest (at, id) so a verifier walking entries with non-decreasing (C, T) applies only new events:
// ids in (C, C'] with at <= T', plus ids <= C with at in (T, T']; it starts over when C or T goes back.
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import {
  type ConsentReads,
  type ConsentStore,
  type EventColumns,
  type SnapshotRow,
  START_AT,
} from "../ports/consent.js";
import { Bitmap, LastEventSet, type RoaringBitmap32, setDigestOf } from "./bitmap.js";
import { parseInstant } from "./time.js";

/** A recomputed as-of set: its digest (as `asOfCommitted` gives it) and size. */
export interface ConsentSetDigest {
  digest: string;
  size: number;
}

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

/**
 * Replays one purpose's events for a sequence of (uptoEvents, at) pairs, within one read transaction `tx`.
 * @example await store.read(async (tx) => (await new ConsentReplayer(tx, "nsf-provision").setAt("2024-06-01T00:00:00Z", 1200)).digest)
 */
export class ConsentReplayer {
  private purposeId: number | undefined;
  private upto = 0;
  private until = START_AT;
  private latestAt = new Float64Array(0);
  private latestId = new Float64Array(0);
  /** the set, fed each subject's events in (at, id) order as they are found to be its latest */
  private readonly set = new LastEventSet();

  constructor(
    private readonly tx: ConsentReads,
    private readonly purpose: string,
  ) {}

  /** The set as of `at` from the events with id <= `uptoEvents`; the bitmap is the replayer's own: clone it to keep it. */
  async bitmapAt(at: string | number, uptoEvents: number): Promise<RoaringBitmap32> {
    const t = instantArg(at);
    const c = Math.max(0, Math.floor(uptoEvents));
    if (c < this.upto || t < this.until) this.reset();
    if (this.purposeId === undefined) {
      const id: unknown = await this.tx.nameId("purpose", this.purpose);
      this.purposeId = typeof id === "number" ? id : undefined;
    }
    const p = this.purposeId;
    if (p !== undefined) {
      // order does not matter: the latest (at, id) of a subject wins whatever order events are applied in
      if (t > this.until && this.upto > 0)
        await this.applyAll(this.tx.eventsInTimeRange(p, this.until, t, this.upto));
      if (c > this.upto) await this.applyAll(this.tx.eventsInIdRange(p, this.upto, c, t));
    }
    this.upto = c;
    this.until = t;
    return this.set.current();
  }

  /** The digest and size of the set as of `at` from the events with id <= `uptoEvents`. */
  async setAt(at: string | number, uptoEvents: number): Promise<ConsentSetDigest> {
    const set = await this.bitmapAt(at, uptoEvents);
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

  private async applyAll(pages: AsyncIterable<EventColumns>): Promise<void> {
    for await (const page of pages)
      for (let i = 0; i < page.count; i++)
        this.apply(
          page.id[i] as number,
          page.at[i] as number,
          page.subject[i] as number,
          page.granted[i] as number,
        );
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
 * @example (await consentSetAt(store, "nsf-provision", "2024-06-01T00:00:00Z", entry.consent.events)).digest === entry.consent.digest
 */
export function consentSetAt(
  store: ConsentStore,
  purpose: string,
  at: string | number,
  uptoEvents: number,
): Promise<ConsentSetDigest> {
  return store.read((tx) => new ConsentReplayer(tx, purpose).setAt(at, uptoEvents));
}

/**
 * The same set from a snapshot that a verify has just checked against its events (`checked`: one purpose's, in
 * (at, last_id) order): the latest one at or before `at`, then the events after its cut up to `at` with
 * id <= `uptoEvents`. Undefined when none serves: none is early enough, or an event with a larger id is dated at
 * or before it (the snapshot holds events the release did not see); then replay from the events alone.
 * @example (await consentSetFromSnapshot(tx, purposeId, checked, entry.consent.as_of, entry.consent.events))?.digest
 */
export async function consentSetFromSnapshot(
  tx: ConsentReads,
  purposeId: number,
  checked: readonly SnapshotRow[],
  at: string | number,
  uptoEvents: number,
): Promise<ConsentSetDigest | undefined> {
  const until = instantArg(at);
  const snapshot = checked.findLast((s) => s.at <= until);
  if (!snapshot) return undefined;
  for await (const later of tx.eventsInIdRange(purposeId, uptoEvents, Number.MAX_SAFE_INTEGER, snapshot.at))
    if (later.count > 0) return undefined;
  const set = new LastEventSet();
  set.reset(Bitmap.deserialize(snapshot.data, "portable"));
  const page = await tx.eventsUntil(purposeId, snapshot.at, snapshot.lastId, until);
  for (let i = 0; i < page.count; i++)
    if ((page.id[i] as number) <= uptoEvents) set.apply(page.subject[i] as number, page.granted[i] as number);
  const result = set.current();
  return { digest: setDigestOf(result), size: result.size };
}
