// verify of what per-subject answers are read from: every stored subject set (rebuilt from snapshots and XOR
// deltas) against the digest its entry or prune event signed, the chains' bookkeeping, the per-subject change
// index (rebuilt from consecutive sets and compared row for row) and the history summaries. An incremental
// verify replays only the sets stored since its verified state, each grown chain from its set before it.

import { t } from "../../i18n/index.js";
import type { LedgerReads } from "../../ports/ledger.js";
import type { PruneBody, ReleaseBody } from "../entry.js";
import { summaryOf } from "../ledger.js";
import { toHex } from "../merkle/hash.js";
import { receiptsRoot } from "../receipts/parallel.js";
import { RoaringBitmap32 } from "../subjects/roaring.js";
import { canonicalSetBytes, digestOf, readSet } from "../subjects/sets.js";
import type { Problems } from "./problems.js";

export interface ChainFacts {
  /** non-pruned releases by seq */
  releases: Map<number, ReleaseBody>;
  /** the signed prune events, in seq order */
  prunes: PruneBody[];
  /** position of each held release, and of each chain's pruned base, in its chain */
  ordOf: Map<number, number>;
  /** releases per chain, pruned ones included */
  total: Map<string, number>;
  /** the stored change rows grouped by entry (side.ts), waited for only once the sets are replayed */
  changes: () => Promise<ReadonlyMap<number, Uint32Array>>;
  /** each entry's receipts key (SubjectHasher.receiptKey): without it, receipts roots are not recomputed */
  receiptKey?: ((seq: number) => Uint8Array) | undefined;
  /** which releases' receipts roots to recompute (default: all) */
  receiptsOf?: (seq: number) => boolean;
  /**
   * an incremental verify: entries before `from` were verified earlier, so only the sets and change rows of
   * entries `from` onward are replayed, each chain starting from its set before `from` (checked against the
   * digest that entry signed); no prune event may follow `from` (the caller verifies in full then)
   */
  from?: number;
}

/** How many releases' receipts roots were recomputed, and how many were not (no key, or not sampled). */
export interface ReceiptsCount {
  checked: number;
  unchecked: number;
}

/** Checks sets, chains, change rows and summaries; `facts` come from the verified entry bodies. */
export async function verifySubjects(
  tx: LedgerReads,
  facts: ChainFacts,
  problems: Problems,
): Promise<ReceiptsCount> {
  const receipts: ReceiptsCount = { checked: 0, unchecked: 0 };
  // the bases: per chain, the last pruned release named by the latest prune event that touched the chain
  const bases = new Map<number, { chain: string; digest: string }>();
  const baseOfChain = new Map<string, number>();
  for (const p of facts.prunes)
    for (const b of p.bases) {
      const old = baseOfChain.get(b.chain);
      if (old !== undefined) bases.delete(old);
      baseOfChain.set(b.chain, b.seq);
      bases.set(b.seq, { chain: b.chain, digest: b.digest });
    }
  const { ordOf, total: chainCount } = facts;
  const from = facts.from ?? 0;

  // what the change index must hold: each held release's XOR with its chain's previous set (none: empty)
  const deltas = new Map<number, RoaringBitmap32 | undefined>();
  const current = new Map<string, RoaringBitmap32>();
  // each chain's last full canonical bytes and digest: reused when a release repeats the previous set
  const lastFull = new Map<string, Buffer>();
  const lastDigest = new Map<string, string>();
  const lastSeq = new Map<string, number>();
  const firstSeq = new Map<string, number>();
  const seenSets = new Set<number>();
  const held = heldBounds(facts, bases);
  if (from > 0) {
    const started = await startChains(tx, facts, bases, held, from, problems);
    for (const [chain, { set, full, digest, seq }] of started) {
      current.set(chain, set);
      lastFull.set(chain, full);
      lastDigest.set(chain, digest);
      lastSeq.set(chain, seq);
      firstSeq.set(chain, held.get(chain)?.first ?? seq);
    }
  }
  for await (const row of tx.sets(from)) {
    const body = facts.releases.get(row.seq);
    const base = bases.get(row.seq);
    const where = { seq: row.seq, place: "ledger_subject_sets" };
    if (!body && !base) {
      problems.add({
        kind: "subjects_changed",
        ...where,
        message: t("ledger.subjects.not_held", { seq: row.seq }),
      });
      continue;
    }
    seenSets.add(row.seq);
    const chain = body?.agreement.id ?? base?.chain ?? "";
    if (row.chain !== chain || row.ord !== ordOf.get(row.seq))
      problems.add({
        kind: "subjects_changed",
        seq: row.seq,
        place: "ledger_subject_sets.chain",
        message: t("ledger.subjects.misfiled", { seq: row.seq }),
      });
    let set: RoaringBitmap32;
    let delta: RoaringBitmap32 | undefined;
    const prev = current.get(chain);
    try {
      const stored = readSet(row.data);
      if (row.kind === "delta" && prev) {
        delta = stored;
        // an empty delta (a daily release of an unchanged population) keeps the previous set as it is
        set = stored.isEmpty ? prev : RoaringBitmap32.xor(prev, stored);
      } else if (row.kind === "snapshot") {
        set = stored;
        if (prev) delta = RoaringBitmap32.xor(prev, stored);
      } else throw new Error("a delta without a previous set");
    } catch {
      problems.add({
        kind: "subjects_changed",
        ...where,
        message: t("ledger.subjects.unreadable", { seq: row.seq }),
      });
      continue;
    }
    // stored bytes must be the canonical form of what they hold: no second encoding of the same set
    const same = set === prev;
    // in place: the set is this replay's own (a deserialised row or an XOR result), and its members do not change
    const full = same ? (lastFull.get(chain) as Buffer) : canonicalSetBytes(set, true);
    const fullDigest = same ? (lastDigest.get(chain) as string) : digestOf(full);
    lastFull.set(chain, full);
    lastDigest.set(chain, fullDigest);
    if (Buffer.compare(row.data, row.kind === "delta" && delta ? canonicalSetBytes(delta) : full) !== 0)
      problems.add({
        kind: "subjects_changed",
        ...where,
        message: t("ledger.subjects.not_canonical", { seq: row.seq }),
      });
    const expected = body
      ? { digest: body.subjects.digest, count: body.subjects.count }
      : { digest: base?.digest, count: set.size };
    const signedSet = fullDigest === expected.digest && set.size === expected.count;
    if (!signedSet)
      problems.add({
        kind: "subjects_changed",
        ...where,
        message: t("ledger.subjects.differs", { seq: row.seq }),
      });
    if (body?.receipts) {
      if (facts.receiptKey && (facts.receiptsOf?.(row.seq) ?? true)) {
        receipts.checked++;
        if (toHex(receiptsRoot(facts.receiptKey(row.seq), set)) !== body.receipts.root)
          problems.add({
            kind: "receipts_changed",
            seq: row.seq,
            // with the signed set intact, the signed root itself is wrong: no receipt can be issued for it
            place: signedSet ? "ledger_entries.body" : "ledger_subject_sets",
            message: t(signedSet ? "ledger.subjects.receipts_signed" : "ledger.subjects.receipts_stored", {
              seq: row.seq,
            }),
          });
      } else receipts.unchecked++;
    }
    // the change index: exactly the XOR with the chain's previous set, for every release after the chain's base
    deltas.set(row.seq, body && delta && !delta.isEmpty ? delta : undefined);
    current.set(chain, set);
    lastSeq.set(chain, row.seq);
    if (!firstSeq.has(chain)) firstSeq.set(chain, row.seq);
  }
  for (const [seq, base] of bases)
    if (seq >= from && !seenSets.has(seq))
      problems.add({
        kind: "subjects_changed",
        seq,
        place: "ledger_subject_sets",
        message: t("ledger.subjects.base_missing", { chain: base.chain, seq }),
      });
  for (const seq of facts.releases.keys())
    if (seq >= from && !seenSets.has(seq))
      problems.add({
        kind: "subjects_changed",
        seq,
        place: "ledger_subject_sets",
        message: t("ledger.subjects.set_missing", { seq }),
      });
  const changes = new Map(await facts.changes());
  for (const [seq, delta] of deltas) {
    compareChanges(seq, delta, changes.get(seq), problems);
    changes.delete(seq);
  }
  for (const seq of changes.keys())
    problems.add({
      kind: "changes_changed",
      seq,
      place: "ledger_subject_changes",
      message: t("ledger.subjects.changes_orphan", { seq }),
    });

  // chains: bookkeeping recomputed from the sets
  const named = new Set<string>();
  for (const c of await tx.chains()) {
    named.add(c.chain);
    const set = current.get(c.chain);
    const bounds = held.get(c.chain);
    if (!set && from > 0 && bounds) {
      // a chain no entry since `from` touched: its row against the signed bodies, its head against the last digest
      if (
        c.firstSeq !== bounds.first ||
        c.lastSeq !== bounds.last ||
        c.releases !== chainCount.get(c.chain) ||
        digestOf(Buffer.from(c.head)) !== signedDigest(facts, bases, bounds.last)
      )
        problems.add({
          kind: "chain_changed",
          place: "ledger_chains",
          message: t("ledger.subjects.chain_bookkeeping", { chain: c.chain }),
        });
      continue;
    }
    if (
      !set ||
      c.firstSeq !== firstSeq.get(c.chain) ||
      c.lastSeq !== lastSeq.get(c.chain) ||
      c.releases !== chainCount.get(c.chain) ||
      Buffer.compare(c.head, lastFull.get(c.chain) ?? canonicalSetBytes(set)) !== 0
    )
      problems.add({
        kind: "chain_changed",
        place: "ledger_chains",
        message: t("ledger.subjects.chain_bookkeeping", { chain: c.chain }),
      });
  }
  for (const chain of from > 0 ? held.keys() : current.keys())
    if (!named.has(chain))
      problems.add({
        kind: "chain_changed",
        place: "ledger_chains",
        message: t("ledger.subjects.chain_row", { chain }),
      });

  await verifySummaries(tx, facts.releases, problems);
  return receipts;
}

/** Each chain's first and last held set (a release, or the chain's pruned base), from the signed bodies. */
function heldBounds(
  facts: ChainFacts,
  bases: ReadonlyMap<number, { chain: string }>,
): Map<string, { first: number; last: number }> {
  const out = new Map<string, { first: number; last: number }>();
  const add = (chain: string, seq: number) => {
    const b = out.get(chain);
    if (!b) out.set(chain, { first: seq, last: seq });
    else {
      b.first = Math.min(b.first, seq);
      b.last = Math.max(b.last, seq);
    }
  };
  for (const [seq, body] of facts.releases) add(body.agreement.id, seq);
  for (const [seq, base] of bases) add(base.chain, seq);
  return out;
}

/** The digest entry `seq` signed for its set: its body's, or as a pruned base, its prune event's. */
function signedDigest(
  facts: ChainFacts,
  bases: ReadonlyMap<number, { digest: string }>,
  seq: number,
): string | undefined {
  return facts.releases.get(seq)?.subjects.digest ?? bases.get(seq)?.digest;
}

/** A chain's set before `from`, as an incremental verify starts from it. */
interface ChainStart {
  set: RoaringBitmap32;
  full: Buffer;
  digest: string;
  seq: number;
}

/**
 * For each chain with a held release at or after `from`: its last set before `from`, rebuilt from the chain's
 * latest snapshot up to it and its XOR deltas, and checked against the digest and count that entry signed.
 */
async function startChains(
  tx: LedgerReads,
  facts: ChainFacts,
  bases: ReadonlyMap<number, { chain: string; digest: string }>,
  held: ReadonlyMap<string, { first: number }>,
  from: number,
  problems: Problems,
): Promise<Map<string, ChainStart>> {
  const before = new Map<string, number>();
  const touched = new Set<string>();
  const note = (chain: string, seq: number) => {
    if (seq >= from) touched.add(chain);
    else before.set(chain, Math.max(seq, before.get(chain) ?? -1));
  };
  for (const [seq, body] of facts.releases) note(body.agreement.id, seq);
  for (const [seq, base] of bases) note(base.chain, seq);
  const out = new Map<string, ChainStart>();
  for (const chain of touched) {
    const seq = before.get(chain);
    if (seq === undefined) continue; // the chain began at or after `from`: replayed from its first set
    const where = { kind: "subjects_changed" as const, seq, place: "ledger_subject_sets" };
    const snapshot = await tx.lastSnapshotSeq(chain, seq);
    let set: RoaringBitmap32 | undefined;
    try {
      for (const row of snapshot === undefined ? [] : await tx.setsOfChain(chain, snapshot, seq)) {
        const stored = readSet(row.data);
        if (row.kind === "snapshot" && set === undefined) set = stored;
        else if (row.kind === "delta" && set) {
          if (!stored.isEmpty) set = RoaringBitmap32.xor(set, stored);
        } else throw new Error("a set row out of its chain's order");
      }
    } catch {
      set = undefined;
    }
    if (!set || (held.get(chain)?.first ?? seq) > (snapshot ?? -1)) {
      problems.add({ ...where, message: t("ledger.subjects.unreadable", { seq }) });
      continue;
    }
    const full = canonicalSetBytes(set, true);
    const digest = digestOf(full);
    const count = facts.releases.get(seq)?.subjects.count ?? set.size;
    if (digest !== signedDigest(facts, bases, seq) || set.size !== count)
      problems.add({ ...where, message: t("ledger.subjects.differs", { seq }) });
    out.set(chain, { set, full, digest, seq });
  }
  return out;
}

function compareChanges(
  seq: number,
  delta: RoaringBitmap32 | undefined,
  stored: Uint32Array | undefined,
  problems: Problems,
): void {
  const want = delta?.size ?? 0;
  const have = stored?.length ?? 0;
  let same = want === have;
  if (same && stored && delta) {
    const got = new RoaringBitmap32(stored);
    same = got.size === have && got.isEqual(delta);
  }
  if (!same)
    problems.add({
      kind: "changes_changed",
      seq,
      place: "ledger_subject_changes",
      message: t("ledger.subjects.changes", { seq, have, want }),
    });
}

/** Each held release's summary says what its signed body says; no summary row is unreferenced. */
async function verifySummaries(
  tx: LedgerReads,
  releases: Map<number, ReleaseBody>,
  problems: Problems,
): Promise<void> {
  const used = new Set<number>();
  for await (const { seq, id, summary } of tx.entrySummaries()) {
    const body = releases.get(seq);
    if (id !== null) used.add(id);
    if (body ? summary !== summaryOf(body) : id !== null)
      problems.add({
        kind: "summary_changed",
        seq,
        place: "ledger_entries.summary_id, ledger_summaries",
        message: t("ledger.subjects.summary", { seq }),
      });
  }
  for (const id of await tx.summaryIds())
    if (!used.has(id))
      problems.add({
        kind: "summary_changed",
        place: "ledger_summaries",
        message: t("ledger.subjects.summary_orphan", { id }),
      });
}
