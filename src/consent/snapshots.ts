// materialised consent bitmaps: the state of one purpose after every event up to a cut (at, id), rebuilt
// every `every` events after a recording and read back by asOf (so they sit at every multiple of `every` events
// in (at, id) order, which verify checks); a snapshot never covers a later-inserted
// event that sorts before its cut, because recording deletes such snapshots first.
import { canonicalSetBytes } from "../ledger/subjects/sets.js";
import { type ConsentReads, type ConsentWrites, START_AT } from "../ports/consent.js";
import { Bitmap, type RoaringBitmap32 } from "./bitmap.js";

/** Snapshots are taken every this many events of a purpose, so asOf replays fewer. */
export const DEFAULT_SNAPSHOT_EVERY = 32_768;

/** The state of `purpose` as of time `at` (ms): the latest snapshot at or before it plus the events since. */
export async function stateAt(tx: ConsentReads, purpose: number, at: number): Promise<RoaringBitmap32> {
  const snap = await tx.latestSnapshot(purpose, at);
  const bitmap = snap ? Bitmap.deserialize(snap.data, "portable") : new Bitmap();
  const cutAt = snap?.at ?? START_AT;
  const cutId = snap?.lastId ?? 0;
  const { count, subject, granted } = await tx.eventsUntil(purpose, cutAt, cutId, at);
  for (let i = 0; i < count; i++) {
    if (granted[i] === 1) bitmap.add(subject[i] as number);
    else bitmap.remove(subject[i] as number);
  }
  return bitmap;
}

/** Deletes the snapshots whose cut (at, last_id) is at or after the earliest new event (at, id). */
export async function invalidate(tx: ConsentWrites, purpose: number, at: number, id: number): Promise<void> {
  await tx.dropSnapshots(purpose, at, id);
}

/** Replays a purpose's events after its latest snapshot, storing a snapshot after every `every` events. */
export async function extendSnapshots(tx: ConsentWrites, purpose: number, every: number): Promise<number> {
  const snap = await tx.latestSnapshot(purpose, Number.MAX_SAFE_INTEGER);
  const bitmap = snap ? Bitmap.deserialize(snap.data, "portable") : new Bitmap();
  let cutAt = snap?.at ?? START_AT;
  let cutId = snap?.lastId ?? 0;
  let events = snap?.events ?? 0;
  let added = 0;
  for (;;) {
    const page = await tx.eventsAfter(purpose, cutAt, cutId, every);
    const { count, subject, granted } = page;
    for (let i = 0; i < count; i++) {
      if (granted[i] === 1) bitmap.add(subject[i] as number);
      else bitmap.remove(subject[i] as number);
    }
    if (count < every || count === 0) return added;
    cutId = page.id[count - 1] as number;
    cutAt = page.at[count - 1] as number;
    events += count;
    // the canonical encoding, so verify can demand the stored bytes exactly
    const data = canonicalSetBytes(bitmap);
    await tx.insertSnapshot({ purpose, at: cutAt, lastId: cutId, events, subjects: bitmap.size, data });
    added++;
  }
}
