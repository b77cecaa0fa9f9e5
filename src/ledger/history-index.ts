// what a person's history is made from, kept in memory: each chain's releases held in full (seq, dates, summary
// id), read from the store's entries as the Merkle tree reads its leaves (the entries appended since the last sync,
// by this process or any other). A history is then the subject's runs of membership (ledger.ts) cut out of these
// lists by binary search: counting three years of a daily feed is a loop over a thousand integers, not a thousand
// rows read per request. A prune event changes entries before it (their bodies go), so a sync that meets one reads
// every entry again; so does a store that holds fewer entries than were read (a rolled-back append).
import type { ChainRun, EntryFacts, LedgerReads } from "../ports/ledger.js";

/** entries read per store call while syncing */
const FACTS_BATCH = 50_000;

/** One chain's releases held in full, in seq order (parallel arrays). */
interface ChainReleases {
  seqs: number[];
  summaryIds: number[];
  releasedAt: string[];
  recordedAt: string[];
  /** where each stretch of one summary id starts (a chain's terms change only with its agreement's version) */
  segments: number[];
  /** whether released_at never goes back along the chain (a back-dated release makes it false) */
  ordered: boolean;
}

/** A subject's releases under one summary, counted. */
export interface HistoryCount {
  summaryId: number;
  count: number;
  firstSeq: number;
  lastSeq: number;
  /** the earliest and latest released_at among them */
  firstReleasedAt: string;
  lastReleasedAt: string;
}

/** One release of a subject's history. */
export interface HistoryItem {
  seq: number;
  releasedAt: string;
  recordedAt: string;
  summaryId: number;
}

/** The first index of `seqs` (ascending) whose seq is at least `seq`. */
function lowerBound(seqs: readonly number[], seq: number): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((seqs[mid] as number) < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index of `values` (ascending) above `value`. */
function upperBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The releases of every chain held in full, synced from the store before each answer.
 * @example const size = await index.sync(tx); const counts = index.counts(runs, size);
 */
export class ReleaseIndex {
  private read = 0;
  private chains = new Map<string, ChainReleases>();
  private texts = new Map<number, string>();

  private syncing: Promise<unknown> = Promise.resolve();

  /**
   * Reads the entries appended since the last sync; returns the snapshot's entry count. Syncs run one at a time
   * (reads on PostgreSQL run side by side, each in its own transaction): two at once would read the same entries
   * twice into the lists.
   */
  sync(tx: LedgerReads): Promise<number> {
    const run = this.syncing.then(() => this.syncNow(tx));
    this.syncing = run.catch(() => undefined);
    return run;
  }

  private async syncNow(tx: LedgerReads): Promise<number> {
    const count = await tx.entryCount();
    if (count < this.read) this.reset();
    const resumed = this.read > 0;
    while (this.read < count) {
      const end = Math.min(count, this.read + FACTS_BATCH);
      const facts = await tx.entryFacts(this.read, end);
      if (resumed && this.read > 0 && facts.some((f) => f.kind === "prune")) {
        // entries read by an earlier sync may have been pruned since: read them all again, in this snapshot
        this.reset();
        return this.syncNow(tx);
      }
      for (const f of facts) this.add(f);
      this.read = end;
    }
    return count;
  }

  private reset(): void {
    this.read = 0;
    this.chains = new Map();
    this.texts = new Map();
  }

  private add(f: EntryFacts): void {
    if (!f.held || f.summaryId === null) return;
    let chain = this.chains.get(f.chain);
    if (chain === undefined) {
      chain = { seqs: [], summaryIds: [], releasedAt: [], recordedAt: [], segments: [], ordered: true };
      this.chains.set(f.chain, chain);
    }
    const last = chain.seqs.length - 1;
    if (last < 0 || chain.summaryIds[last] !== f.summaryId) chain.segments.push(last + 1);
    if (last >= 0 && f.releasedAt < (chain.releasedAt[last] as string)) chain.ordered = false;
    chain.seqs.push(f.seq);
    chain.summaryIds.push(f.summaryId);
    chain.releasedAt.push(f.releasedAt);
    chain.recordedAt.push(f.recordedAt);
  }

  /** The indexes [lo, hi) of `run`'s releases below seq `below`, and the chain's lists. */
  private slice(run: ChainRun, below: number): { chain: ChainReleases; lo: number; hi: number } | undefined {
    const [name, from, to] = run;
    const chain = this.chains.get(name);
    if (chain === undefined) return undefined;
    const lo = lowerBound(chain.seqs, from);
    const hi = lowerBound(chain.seqs, Math.min(to, below));
    return lo < hi ? { chain, lo, hi } : undefined;
  }

  /** The releases held in full in `runs` (which do not overlap), below seq `size`, counted per summary, by first seq. */
  counts(runs: readonly ChainRun[], size: number): HistoryCount[] {
    const by = new Map<number, HistoryCount>();
    const count = (chain: ChainReleases, a: number, b: number, firstAt: string, lastAt: string) => {
      const id = chain.summaryIds[a] as number;
      const firstSeq = chain.seqs[a] as number;
      const lastSeq = chain.seqs[b - 1] as number;
      const g = by.get(id);
      if (g === undefined)
        by.set(id, {
          summaryId: id,
          count: b - a,
          firstSeq,
          lastSeq,
          firstReleasedAt: firstAt,
          lastReleasedAt: lastAt,
        });
      else {
        g.count += b - a;
        if (firstSeq < g.firstSeq) g.firstSeq = firstSeq;
        if (lastSeq > g.lastSeq) g.lastSeq = lastSeq;
        if (firstAt < g.firstReleasedAt) g.firstReleasedAt = firstAt;
        if (lastAt > g.lastReleasedAt) g.lastReleasedAt = lastAt;
      }
    };
    for (const run of runs) {
      const s = this.slice(run, size);
      if (s === undefined) continue;
      const { chain, lo, hi } = s;
      if (chain.ordered) {
        // a stretch of one summary at a time: its ends give the count, the seqs and (dates in order) the dates
        for (let k = upperBound(chain.segments, lo) - 1; k < chain.segments.length; k++) {
          const a = Math.max(lo, chain.segments[k] as number);
          const b = Math.min(hi, chain.segments[k + 1] ?? chain.seqs.length);
          if (a >= hi) break;
          count(chain, a, b, chain.releasedAt[a] as string, chain.releasedAt[b - 1] as string);
        }
        continue;
      }
      for (let i = lo; i < hi; i++)
        count(chain, i, i + 1, chain.releasedAt[i] as string, chain.releasedAt[i] as string);
    }
    return [...by.values()].sort((a, b) => a.firstSeq - b.firstSeq);
  }

  /** The newest `limit` releases held in full in `runs` below seq `before`, newest first. */
  newest(runs: readonly ChainRun[], before: number, limit: number): HistoryItem[] {
    const out: HistoryItem[] = [];
    if (limit <= 0) return out;
    for (const run of runs) {
      const s = this.slice(run, before);
      if (s === undefined) continue;
      for (let i = s.hi - 1; i >= Math.max(s.lo, s.hi - limit); i--) out.push(this.item(s.chain, i));
    }
    return out.sort((a, b) => b.seq - a.seq).slice(0, limit);
  }

  /** Every release held in full in `runs` below seq `size`, oldest first. */
  all(runs: readonly ChainRun[], size: number): HistoryItem[] {
    const out: HistoryItem[] = [];
    for (const run of runs) {
      const s = this.slice(run, size);
      if (s === undefined) continue;
      for (let i = s.lo; i < s.hi; i++) out.push(this.item(s.chain, i));
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  private item(chain: ChainReleases, i: number): HistoryItem {
    return {
      seq: chain.seqs[i] as number,
      releasedAt: chain.releasedAt[i] as string,
      recordedAt: chain.recordedAt[i] as string,
      summaryId: chain.summaryIds[i] as number,
    };
  }

  /** The summary texts of `ids`, read once each (a summary id names one text for good). */
  async summaries(tx: LedgerReads, ids: Iterable<number>): Promise<Map<number, string>> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.texts.has(id));
    if (missing.length > 0) for (const [id, text] of await tx.summaryTexts(missing)) this.texts.set(id, text);
    const out = new Map<number, string>();
    for (const id of wanted) {
      const text = this.texts.get(id);
      if (text !== undefined) out.set(id, text);
    }
    return out;
  }
}
