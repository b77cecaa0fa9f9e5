// verification of the consent registry against itself: every batch's chain head is recomputed from its
// events (in id order, with the stored head of the batch before it) and compared, every batch's event ids
// and count are checked, and every materialised snapshot is compared with the replay of its purpose's events.
// A removed last batch leaves a shorter but consistent chain: that is caught against a head committed
// elsewhere (a ledger entry's consent head, via consentHeadAt). Problems name batches, event ids, purposes
// and times, never a subject.
import { t } from "../i18n/index.js";
import { canonicalSetBytes } from "../ledger/subjects/sets.js";
import type { BatchRow, ConsentReads, ConsentStore, EventColumns, SnapshotRow } from "../ports/consent.js";
import { Bitmap, LastEventSet, type RoaringBitmap32 } from "./bitmap.js";
import { ChainWriter, EMPTY_NAME, encodedNames, requireChain, ZERO_HEAD } from "./chain.js";
import { formatInstant } from "./time.js";

export type ConsentIntegrityKind =
  /** a batch without a chain head */
  | "unchained"
  /** a batch's events do not hash to its stored head */
  | "batch_changed"
  /** a batch's events are not the ids and count it records */
  | "batch_range"
  /** an event names a batch that does not exist, or comes after a later batch's events */
  | "event_misplaced"
  /** an event names a purpose or source that has no row */
  | "unknown_reference"
  /** a snapshot differs from the replay of its events, or cannot be read */
  | "snapshot_changed";

/** One problem: `id` is the batch id (batch kinds, unchained) or the first event id concerned. */
export interface ConsentIntegrityProblem {
  kind: ConsentIntegrityKind;
  message: string;
  id?: number;
}

/** Checks the chain: batches in id order, each against the stored head of the one before. */
async function verifyChain(tx: ConsentReads, problems: ConsentIntegrityProblem[]): Promise<void> {
  const batches = await tx.batches();
  const index = new Map<number, number>(batches.map((b, k) => [b.id, k]));
  const writer = new ChainWriter();
  const misplaced = new Map<number, { first: number; count: number }>();
  const missing = new Map<string, { first: number; count: number }>();
  let k = -1;
  let seen = 0;
  let firstSeen = 0;
  let lastSeen = 0;
  let gap = false;
  // an event time or subject that is not an integer: only an edit stores one, and the chain's bytes cannot hold it
  let odd = false;
  let previous: Uint8Array = ZERO_HEAD;

  const open = (j: number) => {
    const b = batches[j] as BatchRow;
    writer.begin(b.id, b.recordedAt, previous);
    seen = 0;
    firstSeen = 0;
    lastSeen = 0;
    gap = false;
    odd = false;
  };
  const close = (j: number) => {
    const b = batches[j] as BatchRow;
    const computed = writer.end();
    const before = batches[j - 1];
    if (b.head === null || b.firstId === null || b.lastId === null) {
      problems.push({
        kind: "unchained",
        id: b.id,
        message: t("consent.verify.unchained", { id: b.id }),
      });
      previous = computed;
      return;
    }
    if (odd || !computed.equals(b.head as Uint8Array))
      problems.push({
        kind: "batch_changed",
        id: b.id,
        message: t("consent.verify.batch_changed", { id: b.id, first: b.firstId, last: b.lastId }),
      });
    if (gap || seen !== b.events || (seen > 0 && (firstSeen !== b.firstId || lastSeen !== b.lastId)))
      problems.push({
        kind: "batch_range",
        id: b.id,
        message: t("consent.verify.batch_range", {
          id: b.id,
          events: b.events,
          first: b.firstId,
          last: b.lastId,
          seen,
          ids:
            seen > 0
              ? t(gap ? "consent.verify.batch_range_ids_gaps" : "consent.verify.batch_range_ids", {
                  first: firstSeen,
                  last: lastSeen,
                })
              : "",
        }),
      });
    if (before?.lastId !== undefined && before.lastId !== null && b.firstId !== before.lastId + 1)
      problems.push({
        kind: "batch_range",
        id: b.id,
        message: t("consent.verify.batch_gap", {
          id: b.id,
          first: b.firstId,
          before: before.id,
          last: before.lastId,
        }),
      });
    previous = b.head;
  };

  // names encoded once per id; an id without a row hashes as the empty name (and is reported)
  const purposeBytes = await encodedNames(tx, "purpose");
  const sourceBytes = await encodedNames(tx, "source");
  const unknown = (kind: "purpose" | "source", ref: number, id: number) => {
    const key = `${kind} ${ref}`;
    const m = missing.get(key);
    if (m === undefined) missing.set(key, { first: id, count: 1 });
    else m.count++;
  };
  let batchId: number | undefined; // batches[k]?.id
  for await (const page of tx.eventPages()) {
    const { evidence, evidenceLength } = page;
    let from = 0;
    for (let i = 0; i < page.count; i++) {
      const length = evidenceLength[i] ?? null;
      const evidenceFrom = from;
      if (length !== null) from += length;
      const id = page.id[i] as number;
      const batch = page.batch[i] as number;
      if (batch !== batchId) {
        const j = index.get(batch);
        if (j === undefined || j < k) {
          const m = misplaced.get(batch);
          if (m === undefined) misplaced.set(batch, { first: id, count: 1 });
          else m.count++;
          continue;
        }
        for (; k < j; ) {
          if (k >= 0) close(k);
          open(++k);
        }
        batchId = batch;
      }
      const purpose = page.purpose[i] as number;
      const source = page.source[i] as number;
      let p = purposeBytes.get(purpose);
      if (p === undefined) {
        unknown("purpose", purpose, id);
        p = EMPTY_NAME;
      }
      let q = sourceBytes.get(source);
      if (q === undefined) {
        unknown("source", source, id);
        q = EMPTY_NAME;
      }
      const at = page.at[i] as number;
      const subject = page.subject[i] as number;
      if (!Number.isInteger(at) || !Number.isInteger(subject)) odd = true;
      writer.encodedEvent(id, at, subject, page.granted[i] as number, p, q, evidence, evidenceFrom, length);
      if (seen === 0) firstSeen = id;
      else if (id !== lastSeen + 1) gap = true;
      lastSeen = id;
      seen++;
    }
  }
  if (k >= 0) close(k);
  for (k++; k < batches.length; k++) {
    open(k);
    close(k);
  }
  for (const [batch, m] of misplaced)
    problems.push({
      kind: "event_misplaced",
      id: m.first,
      message: t(index.has(batch) ? "consent.verify.misplaced_ended" : "consent.verify.misplaced_missing", {
        events: t("consent.verify.events", { count: m.count, first: m.first }),
        batch,
      }),
    });
  for (const [key, m] of missing) {
    const [kind, ref] = key.split(" ");
    problems.push({
      kind: "unknown_reference",
      id: m.first,
      message: t(kind === "purpose" ? "consent.verify.unknown_purpose" : "consent.verify.unknown_source", {
        events: t("consent.verify.events", { count: m.count, first: m.first }),
        ref: ref ?? "",
      }),
    });
  }
}

/** Checks every snapshot against the replay of its purpose's events in (at, id) order. */
async function verifySnapshots(tx: ConsentReads, problems: ConsentIntegrityProblem[]): Promise<void> {
  const snapshots = await tx.snapshots();
  const purposes = await tx.names("purpose");
  const replay = new PurposeReplay();
  let s = 0;
  while (s < snapshots.length) {
    const purpose = (snapshots[s] as SnapshotRow).purpose;
    let end = s;
    while (snapshots[end]?.purpose === purpose) end++;
    const mine = snapshots.slice(s, end);
    s = end;
    const name = purposes.get(purpose) ?? t("consent.verify.purpose_id", { id: purpose });
    const result = await replay.run(mine, name, tx.purposeEvents(purpose));
    problems.push(...result.problems);
    // snapshots sit at every multiple of the interval (the first one's event count) in (at, id) order
    const every = mine[0]?.events ?? 0;
    const positions = mine.map((x) => x.events);
    const expected =
      every > 0 ? Array.from({ length: Math.floor(result.count / every) }, (_, k) => (k + 1) * every) : [];
    if (positions.join(",") !== expected.join(","))
      problems.push({
        kind: "snapshot_changed",
        id: mine[0]?.lastId ?? 0,
        message: t("consent.verify.snapshots_moved", {
          purpose: name,
          every,
          stored: positions.length,
          expected: expected.length,
        }),
      });
  }
}

/**
 * Replays a purpose's events in (at, id) order and checks its snapshots at their cuts. Between cuts, events are
 * applied in batches: a subject's state after a run of events is its last event's, so a run becomes one
 * addMany of the subjects whose last event grants and one removeMany of the others.
 */
class PurposeReplay {
  private readonly state = new LastEventSet();

  /** The problems and the number of events. */
  async run(
    snapshots: readonly SnapshotRow[],
    name: string,
    pages: AsyncIterable<EventColumns>,
  ): Promise<{ problems: ConsentIntegrityProblem[]; count: number }> {
    const problems: ConsentIntegrityProblem[] = [];
    this.state.reset();
    let s = 0;
    let count = 0;
    // the (at, id) of the last event applied: a snapshot's cut must be exactly that event
    let lastAt = Number.NaN;
    let lastEvent = 0;
    const check = (snap: SnapshotRow) => {
      const state = this.state.current();
      const where = { purpose: name, at: formatInstant(snap.at), event: snap.lastId };
      let stored: RoaringBitmap32;
      try {
        stored = Bitmap.deserialize(snap.data, "portable");
      } catch {
        problems.push({
          kind: "snapshot_changed",
          id: snap.lastId,
          message: t("consent.verify.snapshot_unreadable", where),
        });
        return;
      }
      if (
        !stored.isEqual(state) ||
        snap.subjects !== state.size ||
        snap.events !== count ||
        snap.at !== lastAt ||
        snap.lastId !== lastEvent ||
        Buffer.compare(snap.data, canonicalSetBytes(state)) !== 0
      )
        problems.push({
          kind: "snapshot_changed",
          id: snap.lastId,
          message: t("consent.verify.snapshot_changed", where),
        });
    };
    for await (const page of pages) {
      const { id: ids, at: ats, subject: subjects, granted: granteds } = page;
      for (let i = 0; i < page.count; i++) {
        const id = ids[i] as number;
        const at = ats[i] as number;
        for (let snap = snapshots[s]; snap !== undefined; snap = snapshots[s]) {
          if (at < snap.at || (at === snap.at && id <= snap.lastId)) break;
          check(snap);
          s++;
        }
        this.state.apply(subjects[i] as number, granteds[i] as number);
        count++;
        lastAt = at;
        lastEvent = id;
      }
    }
    for (let snap = snapshots[s]; snap !== undefined; snap = snapshots[s]) {
      check(snap);
      s++;
    }
    return { problems, count };
  }
}

/**
 * The problems of the consent registry as `tx` sees it: the event chain and every snapshot, [] when intact.
 * @example const problems = await store.read((tx) => consentProblems(tx));
 */
export async function consentProblems(tx: ConsentReads): Promise<ConsentIntegrityProblem[]> {
  await requireChain(tx);
  const problems: ConsentIntegrityProblem[] = [];
  await verifyChain(tx, problems);
  await verifySnapshots(tx, problems);
  return problems;
}

/**
 * Verifies the consent registry in one read transaction: the event chain and every snapshot. Returns the
 * problems, [] when intact.
 * @example for (const p of await verifyConsent(state.consent)) console.log(p.kind, p.message);
 */
export function verifyConsent(store: ConsentStore): Promise<ConsentIntegrityProblem[]> {
  return store.read((tx) => consentProblems(tx));
}
