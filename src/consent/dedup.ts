// which events of a batch are already recorded: equal in (purpose, subject, at, granted, source) to an event
// of an earlier batch (the evidence does not count), so re-importing a file adds nothing. Events of new
// subjects, purposes or sources cannot be recorded yet and are not looked up. Per purpose, a few candidates
// are looked up one by one (index on subject, purpose, at); many are matched against an in-memory table of
// the purpose's events in the candidates' time range, whichever reads fewer rows.
import type Database from "better-sqlite3";
import type { EventBatch } from "./batch.js";

/** A single lookup costs about as much as scanning this many events into the table (measured). */
const LOOKUP_ROWS = 4;

const TWO_32 = 2 ** 32;

/** An open-addressing set of (subject, at, granted + 2 * source). */
class KeyTable {
  private subject: Uint32Array;
  private at: Float64Array;
  private gs: Float64Array;
  private slots: Int32Array;
  private mask: number;
  private n = 0;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size);
    this.subject = new Uint32Array(capacity);
    this.at = new Float64Array(capacity);
    this.gs = new Float64Array(capacity);
  }

  add(subject: number, at: number, gs: number): void {
    const s = this.probe(subject, at, gs);
    // a full table means the count said fewer rows, which cannot happen inside the transaction
    if (this.slots[s] !== 0 || this.n === this.subject.length) return;
    const i = this.n++;
    this.subject[i] = subject;
    this.at[i] = at;
    this.gs[i] = gs;
    this.slots[s] = i + 1;
  }

  has(subject: number, at: number, gs: number): boolean {
    return this.slots[this.probe(subject, at, gs)] !== 0;
  }

  /** The slot holding the key, or the empty slot where it would go. */
  private probe(subject: number, at: number, gs: number): number {
    const hi = Math.floor(at / TWO_32);
    let h =
      Math.imul(subject, 0x9e3779b1) ^
      Math.imul((at - hi * TWO_32) | 0, 0x85ebca6b) ^
      Math.imul(hi | 0, 0xc2b2ae35) ^
      Math.imul(gs | 0, 0x27d4eb2f);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let s = h & this.mask;
    for (;;) {
      const v = this.slots[s] ?? 0;
      if (v === 0) return s;
      const i = v - 1;
      if (this.subject[i] === subject && this.at[i] === at && this.gs[i] === gs) return s;
      s = (s + 1) & this.mask;
    }
  }
}

/**
 * Flags the batch's events already recorded. `indexes` are the events' subject indexes; subjects at or
 * above `newFrom` were added by this batch; `purposeIds`/`sourceIds` give the stored id of each of the
 * batch's names, undefined for names not stored yet.
 * @example const { skip, skipped } = findRecorded(db, batch, indexes, sizeBefore, purposeIds, sourceIds);
 */
export function findRecorded(
  db: Database.Database,
  batch: EventBatch,
  indexes: Uint32Array,
  newFrom: number,
  purposeIds: readonly (number | undefined)[],
  sourceIds: readonly (number | undefined)[],
): { skip: Uint8Array; skipped: number } {
  const skip = new Uint8Array(batch.count);
  // candidates per batch purpose, with their time range
  const byPurpose = new Map<number, { ids: number[]; from: number; to: number }>();
  for (let i = 0; i < batch.count; i++) {
    const p = batch.purpose[i] ?? 0;
    if (purposeIds[p] === undefined || sourceIds[batch.source[i] ?? 0] === undefined) continue;
    if ((indexes[i] ?? 0) >= newFrom) continue;
    const at = batch.at[i] ?? 0;
    let c = byPurpose.get(p);
    if (c === undefined) {
      c = { ids: [], from: at, to: at };
      byPurpose.set(p, c);
    }
    c.ids.push(i);
    if (at < c.from) c.from = at;
    if (at > c.to) c.to = at;
  }
  if (byPurpose.size === 0) return { skip, skipped: 0 };
  const lookup = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM consent_events INDEXED BY consent_events_subject
       WHERE subject = ? AND purpose = ? AND at = ? AND granted = ? AND source = ?) AS found`,
    )
    .pluck();
  const count = db
    .prepare("SELECT COUNT(*) FROM consent_events WHERE purpose = ? AND at >= ? AND at <= ?")
    .pluck();
  const scan = db
    .prepare(
      "SELECT subject, at, granted, source FROM consent_events WHERE purpose = ? AND at >= ? AND at <= ?",
    )
    .raw(true);
  let skipped = 0;
  for (const [p, c] of byPurpose) {
    const purpose = purposeIds[p] ?? 0;
    const rows = Number(count.get(purpose, c.from, c.to));
    if (rows === 0) continue;
    const gsOf = (i: number) => (batch.granted[i] ?? 0) + 2 * (sourceIds[batch.source[i] ?? 0] ?? 0);
    if (c.ids.length * LOOKUP_ROWS < rows) {
      for (const i of c.ids) {
        const found = lookup.get(
          indexes[i],
          purpose,
          batch.at[i],
          batch.granted[i],
          sourceIds[batch.source[i] ?? 0],
        );
        if (found === 1) {
          skip[i] = 1;
          skipped++;
        }
      }
      continue;
    }
    const table = new KeyTable(rows);
    for (const [subject, at, granted, source] of scan.iterate(purpose, c.from, c.to) as IterableIterator<
      [number, number, number, number]
    >)
      table.add(subject, at, granted + 2 * source);
    for (const i of c.ids)
      if (table.has(indexes[i] ?? 0, batch.at[i] ?? 0, gsOf(i))) {
        skip[i] = 1;
        skipped++;
      }
  }
  return { skip, skipped };
}
