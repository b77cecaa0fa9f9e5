// verification of the consent registry against itself: every batch's chain head is recomputed from its
// events (in id order, with the stored head of the batch before it) and compared, every batch's event ids
// and count are checked, and every materialised snapshot is compared with the replay of its purpose's events.
// A removed last batch leaves a shorter but consistent chain: that is caught against a head committed
// elsewhere (a ledger entry's consent head, via consentHeadAt). Problems name batches, event ids, purposes
// and times, never a subject.
import { createHash } from "node:crypto";
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

/**
 * What a passing verify saw of the registry, kept with the ledger's verified state (where the operators cannot
 * write): the next verify reads only the events and snapshots after it. Computed from the verified events.
 */
export interface ConsentVerified {
  /** the id of the last event the chain covered (0: none) and the head of the batch that ends there (hex) */
  events: number;
  head: string;
  /** each purpose's latest snapshot then: its cut (at, last_id), its position and the SHA-256 of its bytes (hex) */
  snapshots: Record<string, { at: number; last_id: number; events: number; digest: string }>;
}

/** A verify of the registry: its problems, the state it reached, and the snapshots it checked by purpose id. */
export interface ConsentVerifyResult {
  problems: ConsentIntegrityProblem[];
  /** where the next verify may start (meaningful only without problems) */
  state: ConsentVerified;
  /**
   * the snapshots replayed against their events in this verify, by purpose id, in (at, last_id) order; in an
   * incremental one, the verified start (its bytes' digest as saved) and those after it
   */
  checked: Map<number, SnapshotRow[]>;
}

const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/**
 * Checks the chain: batches in id order, each against the stored head of the one before. With `since`, the
 * batches up to the verified one are not read again: its stored head must still be the one saved.
 */
async function verifyChain(
  tx: ConsentReads,
  problems: ConsentIntegrityProblem[],
  since: ConsentVerified | undefined,
): Promise<{ events: number; head: string }> {
  const batches = await tx.batches();
  const index = new Map<number, number>(batches.map((b, k) => [b.id, k]));
  const writer = new ChainWriter();
  const misplaced = new Map<number, { first: number; count: number }>();
  const missing = new Map<string, { first: number; count: number }>();
  // the first batch read: after the verified one when its head is still the saved one, else the first
  let start = 0;
  let fromId: number | undefined;
  let previous: Uint8Array = ZERO_HEAD;
  if (since && since.events > 0) {
    const at = batches.findIndex((b) => b.lastId === since.events);
    const verified = batches[at];
    if (verified?.head && Buffer.from(verified.head).toString("hex") === since.head) {
      start = at + 1;
      fromId = since.events + 1;
      previous = verified.head;
    } else
      problems.push({
        kind: "batch_changed",
        id: verified?.id ?? 0,
        message: t("consent.verify.since_changed", { events: since.events }),
      });
  }
  let k = start - 1;
  let seen = 0;
  let firstSeen = 0;
  let lastSeen = 0;
  let gap = false;
  // an event time or subject that is not an integer: only an edit stores one, and the chain's bytes cannot hold it
  let odd = false;

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
  for await (const page of tx.eventPages(undefined, fromId)) {
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
        if (j === undefined || j < Math.max(k, start)) {
          const m = misplaced.get(batch);
          if (m === undefined) misplaced.set(batch, { first: id, count: 1 });
          else m.count++;
          continue;
        }
        for (; k < j; ) {
          if (k >= start) close(k);
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
  if (k >= start) close(k);
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
  const last = batches.at(-1);
  return {
    events: last?.lastId ?? 0,
    head: Buffer.from(last?.head ?? ZERO_HEAD).toString("hex"),
  };
}

/**
 * Checks every snapshot against the replay of its purpose's events in (at, id) order. With `since`, a purpose
 * whose saved latest snapshot is still there with the same bytes is replayed from it: only the snapshots after it
 * are checked (one dropped by a backdated recording, or changed: the purpose is replayed from its first event).
 */
async function verifySnapshots(
  tx: ConsentReads,
  problems: ConsentIntegrityProblem[],
  since: ConsentVerified | undefined,
): Promise<Pick<ConsentVerifyResult, "checked"> & Pick<ConsentVerified, "snapshots">> {
  const snapshots = await tx.snapshots();
  const purposes = await tx.names("purpose");
  const replay = new PurposeReplay();
  const checked = new Map<number, SnapshotRow[]>();
  const latest: ConsentVerified["snapshots"] = {};
  let s = 0;
  while (s < snapshots.length) {
    const purpose = (snapshots[s] as SnapshotRow).purpose;
    let end = s;
    while (snapshots[end]?.purpose === purpose) end++;
    const mine = snapshots.slice(s, end);
    s = end;
    const name = purposes.get(purpose) ?? t("consent.verify.purpose_id", { id: purpose });
    const saved = since?.snapshots[name];
    const r = saved
      ? mine.findIndex(
          (x) =>
            x.at === saved.at &&
            x.lastId === saved.last_id &&
            x.events === saved.events &&
            sha256Hex(x.data) === saved.digest,
        )
      : -1;
    const from = mine[r];
    const result = from
      ? await replay.run(mine.slice(r + 1), name, eventsAfterCut(tx, purpose, from.at, from.lastId), from)
      : await replay.run(mine, name, tx.purposeEvents(purpose));
    checked.set(purpose, r >= 0 ? mine.slice(r) : mine);
    const last = mine.at(-1) as SnapshotRow;
    latest[name] = { at: last.at, last_id: last.lastId, events: last.events, digest: sha256Hex(last.data) };
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
  return { checked, snapshots: latest };
}

/** The events of `purpose` after the cut (at, id), in (at, id) order, a page at a time. */
async function* eventsAfterCut(
  tx: ConsentReads,
  purpose: number,
  cutAt: number,
  cutId: number,
): AsyncIterable<EventColumns> {
  const PAGE = 65_536;
  for (let at = cutAt, id = cutId; ; ) {
    const page = await tx.eventsAfter(purpose, at, id, PAGE);
    if (page.count > 0) yield page;
    if (page.count < PAGE) return;
    at = page.at[page.count - 1] as number;
    id = page.id[page.count - 1] as number;
  }
}

/**
 * Replays a purpose's events in (at, id) order and checks its snapshots at their cuts. Between cuts, events are
 * applied in batches: a subject's state after a run of events is its last event's, so a run becomes one
 * addMany of the subjects whose last event grants and one removeMany of the others.
 */
class PurposeReplay {
  private readonly state = new LastEventSet();

  /**
   * The problems and the number of events. From a verified snapshot `start` (an incremental verify), `pages` are
   * the events after its cut and the count goes on from its position.
   */
  async run(
    snapshots: readonly SnapshotRow[],
    name: string,
    pages: AsyncIterable<EventColumns>,
    start?: SnapshotRow,
  ): Promise<{ problems: ConsentIntegrityProblem[]; count: number }> {
    const problems: ConsentIntegrityProblem[] = [];
    this.state.reset(start && Bitmap.deserialize(start.data, "portable"));
    let s = 0;
    let count = start?.events ?? 0;
    // the (at, id) of the last event applied: a snapshot's cut must be exactly that event
    let lastAt = start?.at ?? Number.NaN;
    let lastEvent = start?.lastId ?? 0;
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
  return (await consentVerified(tx)).problems;
}

/**
 * The consent registry verified as `tx` sees it, in full or (`since`, the state a passing verify saved) from
 * there on: the events recorded since and the snapshots after each purpose's saved one. What the registry held
 * before `since` is left to a full verify.
 * @example const { problems, state } = await store.read((tx) => consentVerified(tx, saved));
 */
export async function consentVerified(
  tx: ConsentReads,
  since?: ConsentVerified,
): Promise<ConsentVerifyResult> {
  await requireChain(tx);
  const problems: ConsentIntegrityProblem[] = [];
  const chain = await verifyChain(tx, problems, since);
  const { checked, snapshots } = await verifySnapshots(tx, problems, since);
  return { problems, state: { ...chain, snapshots }, checked };
}

/**
 * Verifies the consent registry in one read transaction: the event chain and every snapshot. Returns the
 * problems, [] when intact.
 * @example for (const p of await verifyConsent(state.consent)) console.log(p.kind, p.message);
 */
export function verifyConsent(store: ConsentStore): Promise<ConsentIntegrityProblem[]> {
  return store.read((tx) => consentProblems(tx));
}
