// materialised consent bitmaps: the state of one purpose after every event up to a cut (at, id), rebuilt
// every `every` events after a recording and read back by asOf (so they sit at every multiple of `every` events
// in (at, id) order, which verify checks); a snapshot never covers a later-inserted
// event that sorts before its cut, because recording deletes such snapshots first.
import { radixSort64 } from "../ledger/subjects/radix.js";
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

/**
 * The events one recording added to a purpose, in id order: event `k` has id `firstId + position[k]`. When they are
 * most of what follows the purpose's latest snapshot, the snapshots are built from them, not read back.
 */
export interface FreshEvents {
  count: number;
  firstId: number;
  /** each event's place among the recording's events (its id less firstId), ascending */
  position: Uint32Array;
  at: Float64Array;
  subject: Uint32Array;
  granted: Uint8Array;
}

/** A page of events in (at, id) order. */
interface EventPage {
  count: number;
  id: ArrayLike<number>;
  at: ArrayLike<number>;
  subject: ArrayLike<number>;
  granted: ArrayLike<number>;
}

/**
 * Replays a purpose's events after its latest snapshot, storing a snapshot after every `every` events. With `fresh`,
 * the events the recording just added (at least `every` of them; for fewer the read costs no more than counting),
 * only the earlier events after the snapshot are read back, as many as the purpose's event count says there are,
 * and merged with `fresh` in memory.
 */
export async function extendSnapshots(
  tx: ConsentWrites,
  purpose: number,
  every: number,
  fresh?: SortedEvents,
): Promise<number> {
  const snap = await tx.latestSnapshot(purpose, Number.MAX_SAFE_INTEGER);
  const bitmap = snap ? Bitmap.deserialize(snap.data, "portable") : new Bitmap();
  let cutAt = snap?.at ?? START_AT;
  let cutId = snap?.lastId ?? 0;
  let events = snap?.events ?? 0;
  let next = (limit: number): Promise<EventPage> => tx.eventsAfter(purpose, cutAt, cutId, limit);
  if (fresh !== undefined && fresh.count >= every) {
    const stored = await tx.countEvents(purpose, START_AT, Number.MAX_SAFE_INTEGER);
    const earlier = await earlierAfterCut(
      tx,
      purpose,
      cutAt,
      cutId,
      fresh.firstId,
      stored - events - fresh.count,
    );
    if (earlier !== undefined) next = mergedPages(earlier, fresh);
  }
  let added = 0;
  for (;;) {
    const page = await next(every);
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

/** Events in (at, id) order, in columns. */
interface EventRun {
  count: number;
  id: Float64Array;
  at: Float64Array;
  subject: Uint32Array;
  granted: Uint8Array;
}

function eventRun(count: number): EventRun {
  return {
    count,
    id: new Float64Array(count),
    at: new Float64Array(count),
    subject: new Uint32Array(count),
    granted: new Uint8Array(count),
  };
}

/** Pages read back at a time while looking for the earlier events after a cut. */
const EARLIER_PAGE = 32_768;

/**
 * The `wanted` events with ids below `firstId` after the cut (at, id), in (at, id) order, read back a page at a time
 * until all are found. Undefined when the count is off or a row holds anything but whole numbers (only an edit
 * of the database stores one): the caller then reads every event back, as the rows hold them.
 */
async function earlierAfterCut(
  tx: ConsentReads,
  purpose: number,
  cutAt: number,
  cutId: number,
  firstId: number,
  wanted: number,
): Promise<EventRun | undefined> {
  if (!Number.isSafeInteger(wanted) || wanted < 0) return undefined;
  const run = eventRun(wanted);
  let found = 0;
  let at = cutAt;
  let id = cutId;
  while (found < wanted) {
    const page = await tx.eventsAfter(purpose, at, id, EARLIER_PAGE);
    for (let i = 0; i < page.count && found < wanted; i++) {
      const eventId = page.id[i] as number;
      const eventAt = page.at[i] as number;
      const subject = page.subject[i] as number;
      const granted = page.granted[i] as number;
      if (!Number.isSafeInteger(eventId) || !Number.isSafeInteger(eventAt)) return undefined;
      if (!(Number.isInteger(subject) && subject >= 0 && subject <= 0xffffffff)) return undefined;
      if (granted !== 0 && granted !== 1) return undefined;
      if (eventId >= firstId) continue;
      run.id[found] = eventId;
      run.at[found] = eventAt;
      run.subject[found] = subject;
      run.granted[found] = granted;
      found++;
    }
    if (page.count < EARLIER_PAGE) break;
    id = page.id[page.count - 1] as number;
    at = page.at[page.count - 1] as number;
  }
  return found === wanted ? run : undefined;
}

/** 2^32, and 2^21 = 2^53 / 2^32: the high word of an event time shifted so every time's is non-negative. */
const WORD = 2 ** 32;
const HIGH_OFFSET = 2 ** 21;

/**
 * `fresh` in (at, id) order: a stable radix sort on the time (ids ascend with the position already). Times are
 * whole ms within +-8.64e15, so `floor(at / 2^32) + 2^21` and `at mod 2^32` are exact unsigned words.
 */
/** A recording's events of one purpose in (at, id) order, sorted before any statement that waits on the store. */
export interface SortedEvents {
  count: number;
  firstId: number;
  run: EventRun;
}

/**
 * Sorts a recording's events of one purpose for `extendSnapshots`: a stable radix sort on the time, pure computation,
 * so the caller can do it while the store is still busy with the recording (PostgreSQL building its indexes).
 */
export function sortedEvents(fresh: FreshEvents): SortedEvents {
  return { count: fresh.count, firstId: fresh.firstId, run: sortedFresh(fresh) };
}

function sortedFresh(fresh: FreshEvents): EventRun {
  const n = fresh.count;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const at = fresh.at[k] as number;
    const high = Math.floor(at / WORD);
    hi[k] = high + HIGH_OFFSET;
    lo[k] = at - high * WORD;
    order[k] = k;
  }
  const sorted = radixSort64(hi, lo, order);
  const run = eventRun(n);
  for (let r = 0; r < n; r++) {
    const k = sorted.order[r] as number;
    // the time from its sorted words, read in order; only the id, subject and action are gathered
    run.at[r] = ((sorted.hi[r] as number) - HIGH_OFFSET) * WORD + (sorted.lo[r] as number);
    run.id[r] = fresh.firstId + (fresh.position[k] as number);
    run.subject[r] = fresh.subject[k] as number;
    run.granted[r] = fresh.granted[k] as number;
  }
  return run;
}

/**
 * Pages of the earlier events and the fresh ones merged in (at, id) order; every earlier id is below every fresh
 * one, so of two events at one time the earlier comes first.
 */
function mergedPages(earlier: EventRun, fresh: SortedEvents): (limit: number) => Promise<EventPage> {
  const b = fresh.run;
  const a = earlier;
  let all = b;
  if (a.count > 0) {
    all = eventRun(a.count + b.count);
    for (let i = 0, j = 0, r = 0; r < all.count; r++) {
      const from = j >= b.count || (i < a.count && (a.at[i] as number) <= (b.at[j] as number)) ? a : b;
      const k = from === a ? i++ : j++;
      all.id[r] = from.id[k] as number;
      all.at[r] = from.at[k] as number;
      all.subject[r] = from.subject[k] as number;
      all.granted[r] = from.granted[k] as number;
    }
  }
  let start = 0;
  return async (limit) => {
    const end = Math.min(all.count, start + limit);
    const page = {
      count: end - start,
      id: all.id.subarray(start, end),
      at: all.at.subarray(start, end),
      subject: all.subject.subarray(start, end),
      granted: all.granted.subarray(start, end),
    };
    start = end;
    return page;
  };
}
