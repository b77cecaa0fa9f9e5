// materialised consent bitmaps: the state of one purpose after every event up to a cut (at, id), rebuilt
// every `every` events after a recording and read back by asOf (so they sit at every multiple of `every` events
// in (at, id) order, which verify checks); a snapshot never covers a later-inserted
// event that sorts before its cut, because recording deletes such snapshots first.
import { canonicalSetBytes } from "../ledger/subjects/sets.js";
import { Bitmap, type RoaringBitmap32 } from "./bitmap.js";
import { type ConsentStatements, START_AT } from "./statements.js";

/** Snapshots are taken every this many events of a purpose, so asOf replays fewer. */
export const DEFAULT_SNAPSHOT_EVERY = 32_768;

/** The state of `purpose` as of time `at` (ms): the latest snapshot at or before it plus the events since. */
export function stateAt(sql: ConsentStatements, purpose: number, at: number): RoaringBitmap32 {
  const snap = sql.latestSnapshot.get(purpose, at);
  const bitmap = snap ? Bitmap.deserialize(snap.data, "portable") : new Bitmap();
  const cutAt = snap?.at ?? START_AT;
  const cutId = snap?.lastId ?? 0;
  for (const [subject, granted] of sql.eventsUntil.iterate(purpose, cutAt, cutAt, cutId, at)) {
    if (granted === 1) bitmap.add(subject);
    else bitmap.remove(subject);
  }
  return bitmap;
}

/** Deletes the snapshots whose cut (at, last_id) is at or after the earliest new event (at, id). */
export function invalidate(sql: ConsentStatements, purpose: number, at: number, id: number): void {
  sql.dropSnapshots.run(purpose, at, at, id);
}

/** Replays a purpose's events after its latest snapshot, storing a snapshot after every `every` events. */
export function extendSnapshots(sql: ConsentStatements, purpose: number, every: number): number {
  const snap = sql.latestSnapshot.get(purpose, Number.MAX_SAFE_INTEGER);
  const bitmap = snap ? Bitmap.deserialize(snap.data, "portable") : new Bitmap();
  let cutAt = snap?.at ?? START_AT;
  let cutId = snap?.lastId ?? 0;
  let events = snap?.events ?? 0;
  let added = 0;
  for (;;) {
    const page = sql.eventsAfter.all(purpose, cutAt, cutAt, cutId, every);
    for (const [, , subject, granted] of page) {
      if (granted === 1) bitmap.add(subject);
      else bitmap.remove(subject);
    }
    const last = page.at(-1);
    if (page.length < every || last === undefined) return added;
    [cutId, cutAt] = last;
    events += page.length;
    // the canonical encoding, so verify can demand the stored bytes exactly
    sql.addSnapshot.run(purpose, cutAt, cutId, events, bitmap.size, canonicalSetBytes(bitmap));
    added++;
  }
}
