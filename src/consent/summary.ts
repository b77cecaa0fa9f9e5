// the consent registry summarised without a single subject: per purpose, per UTC day with events, the grants and
// withdrawals recorded that day and the subjects whose consent is in force at the day's end (the registry's rule:
// a subject's latest event at or before the instant, in (at, id) order, is a grant); the same count at given
// instants (the as-of times releases committed to); and the days rolled up into day, week or month buckets chosen
// from the span. Nothing here returns a subject index, a hash or a key: only names of purposes, days and counts.
//
// Cost: one pass over each purpose's events in (at, id) order (the (purpose, at, id) index, a page at a time, as
// the snapshot replay of `jikimi consent verify` reads them), with one byte of state per subject in the dictionary
// (2.4 MB at 2.4 M subjects, reused across purposes) and one row per day that has events. Time is O(events).
import type { ConsentReads } from "../ports/consent.js";

const DAY_MS = 86_400_000;

/** One UTC day with events of one purpose; `day` counts days since 1970-01-01. */
export interface ConsentDay {
  day: number;
  /** grant events dated that day (a grant repeated while in force counts too: it is an event recorded) */
  grants: number;
  /** withdrawal events dated that day */
  withdrawals: number;
  /** subjects whose consent is in force at the end of the day */
  inForce: number;
}

/** A purpose's days in order, its event count, and the count in force at each asked instant. */
export interface PurposeDays {
  purpose: string;
  events: number;
  days: ConsentDay[];
  /** in force at each of the instants asked for this purpose, in the order asked */
  at: number[];
}

/**
 * Streams every purpose's events once and returns its days with events; `instants` asks, per purpose name, for the
 * count in force at each instant (ms since 1970 UTC). Purposes come sorted by name.
 * @example const days = await store.read((tx) => consentDays(tx, new Map([["nsf-provision", [Date.parse("2024-06-01T00:00:00Z")]]])));
 */
export async function consentDays(
  tx: ConsentReads,
  instants: ReadonlyMap<string, readonly number[]> = new Map(),
): Promise<PurposeDays[]> {
  const names = [...(await tx.names("purpose"))].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let state = new Uint8Array(Math.max(1, await tx.dictionarySize()));
  const out: PurposeDays[] = [];
  for (const [id, purpose] of names) {
    state.fill(0);
    const asked = instants.get(purpose) ?? [];
    const order = asked.map((_, i) => i).sort((a, b) => (asked[a] as number) - (asked[b] as number));
    const at = asked.map(() => 0);
    let k = 0;
    const days: ConsentDay[] = [];
    let current: ConsentDay | undefined;
    let inForce = 0;
    let events = 0;
    for await (const page of tx.purposeEvents(id)) {
      for (let i = 0; i < page.count; i++) {
        const ms = page.at[i] as number;
        // the instants before this event see the state after every event up to them
        for (; k < order.length && (asked[order[k] as number] as number) < ms; k++)
          at[order[k] as number] = inForce;
        const subject = page.subject[i] as number;
        if (subject >= state.length) {
          const grown = new Uint8Array(Math.max(subject + 1, state.length * 2));
          grown.set(state);
          state = grown;
        }
        const granted = page.granted[i] === 1 ? 1 : 0;
        inForce += granted - (state[subject] as number);
        state[subject] = granted;
        const day = Math.floor(ms / DAY_MS);
        if (current === undefined || current.day !== day) {
          current = { day, grants: 0, withdrawals: 0, inForce };
          days.push(current);
        }
        if (granted === 1) current.grants++;
        else current.withdrawals++;
        current.inForce = inForce;
        events++;
      }
    }
    for (; k < order.length; k++) at[order[k] as number] = inForce;
    out.push({ purpose, events, days, at });
  }
  return out;
}

export type BucketUnit = "day" | "week" | "month";

/** Buckets of whole days: the first and last day of each, in days since 1970-01-01. */
export interface Buckets {
  unit: BucketUnit;
  starts: number[];
  ends: number[];
}

/** Days of a span up to which each unit is used: a day is a bar up to a quarter, a week up to two years. */
export const DAY_SPAN = 92;
export const WEEK_SPAN = 731;

const monthStart = (day: number): number => {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
};
const nextMonth = (start: number): number => {
  const d = new Date(start * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
};

/**
 * Buckets covering the days `from`..`to`: days for a span up to 92 days, ISO weeks (from Monday) up to 731, else
 * calendar months.
 * @example bucketsOf(19_000, 19_009).unit // "day"
 */
export function bucketsOf(from: number, to: number): Buckets {
  const span = to - from + 1;
  const unit: BucketUnit = span <= DAY_SPAN ? "day" : span <= WEEK_SPAN ? "week" : "month";
  const starts: number[] = [];
  const ends: number[] = [];
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is the days since Monday
  let start =
    unit === "day" ? from : unit === "week" ? from - ((((from + 3) % 7) + 7) % 7) : monthStart(from);
  while (start <= to) {
    const next = unit === "day" ? start + 1 : unit === "week" ? start + 7 : nextMonth(start);
    starts.push(start);
    ends.push(next - 1);
    start = next;
  }
  return { unit, starts, ends };
}

/** A purpose's figures in one bucket. */
export interface BucketFigures {
  grants: number;
  withdrawals: number;
  /** in force at the end of the bucket's last day */
  inForce: number;
}

/**
 * A purpose's days rolled up into `buckets`: events summed, the count in force carried from the last day with
 * events at or before each bucket's end (0 before the first event).
 * @example rollUp(days, bucketsOf(first, today)).at(-1)?.inForce
 */
export function rollUp(days: readonly ConsentDay[], buckets: Buckets): BucketFigures[] {
  const out: BucketFigures[] = [];
  let d = 0;
  let inForce = 0;
  // days before the first bucket count into its figure in force, not into its events
  for (; d < days.length && (days[d] as ConsentDay).day < (buckets.starts[0] ?? 0); d++)
    inForce = (days[d] as ConsentDay).inForce;
  for (let b = 0; b < buckets.starts.length; b++) {
    const end = buckets.ends[b] as number;
    const figures: BucketFigures = { grants: 0, withdrawals: 0, inForce };
    for (; d < days.length && (days[d] as ConsentDay).day <= end; d++) {
      const day = days[d] as ConsentDay;
      figures.grants += day.grants;
      figures.withdrawals += day.withdrawals;
      figures.inForce = day.inForce;
    }
    inForce = figures.inForce;
    out.push(figures);
  }
  return out;
}

/** A day number as YYYY-MM-DD (UTC). */
export const dayText = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The UTC day of an instant in ms. */
export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);
