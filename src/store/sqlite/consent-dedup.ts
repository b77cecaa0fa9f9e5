// which candidate events of one purpose are already recorded, on SQLite: a few candidates are looked up one by
// one (index on subject, purpose, at); many are matched against an in-memory table of the purpose's events in
// the candidates' time range, whichever reads fewer rows.
import type Database from "better-sqlite3";
import type { EventKeys } from "../../ports/consent.js";

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
 * Flags (1) the candidates equal in (subject, purpose, at, granted, source) to a recorded event.
 * @example const flags = recordedAmong(q, purposeId, keys);
 */
export function recordedAmong(
  q: (sql: string) => Database.Statement,
  purpose: number,
  keys: EventKeys,
): Uint8Array {
  const flags = new Uint8Array(keys.count);
  if (keys.count === 0) return flags;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < keys.count; i++) {
    const at = keys.at[i] ?? 0;
    if (at < from) from = at;
    if (at > to) to = at;
  }
  const rows = Number(
    q("SELECT COUNT(*) FROM consent_events WHERE purpose = ? AND at >= ? AND at <= ?")
      .pluck()
      .get(purpose, from, to),
  );
  if (rows === 0) return flags;
  if (keys.count * LOOKUP_ROWS < rows) {
    const lookup = q(
      `SELECT EXISTS (SELECT 1 FROM consent_events INDEXED BY consent_events_subject
       WHERE subject = ? AND purpose = ? AND at = ? AND granted = ? AND source = ?) AS found`,
    ).pluck();
    for (let i = 0; i < keys.count; i++)
      if (lookup.get(keys.subject[i], purpose, keys.at[i], keys.granted[i], keys.source[i]) === 1)
        flags[i] = 1;
    return flags;
  }
  const table = new KeyTable(rows);
  const scan = q(
    "SELECT subject, at, granted, source FROM consent_events WHERE purpose = ? AND at >= ? AND at <= ?",
  ).raw(true);
  for (const [subject, at, granted, source] of scan.iterate(purpose, from, to) as IterableIterator<
    [number, number, number, number]
  >)
    table.add(subject, at, granted + 2 * source);
  for (let i = 0; i < keys.count; i++)
    if (table.has(keys.subject[i] ?? 0, keys.at[i] ?? 0, (keys.granted[i] ?? 0) + 2 * (keys.source[i] ?? 0)))
      flags[i] = 1;
  return flags;
}
