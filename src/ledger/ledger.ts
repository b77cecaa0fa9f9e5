// the transfer ledger: appends releases (and signed prune events) as Merkle leaves with a signed tree head
// each, keeps their subject sets, and answers per-subject history, proofs and checkpoints. One append is one
// transaction. Two times: `released_at` (the operator's as-of time) and `recorded_at` (the clock at append,
// monotonic, the signed head's time); back-dating beyond the window needs a recorded override.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import canonicalize from "canonicalize";
import type { Signer } from "../crypto/signing.js";
import { ExitCode, JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { type Checkpoint, headBytes, signCheckpoint } from "./checkpoint.js";
import {
  type DictionaryCommitment,
  type EntryBody,
  encodeEntry,
  MAX_ENTRY_BYTES,
  type PruneBody,
  type Release,
  type ReleaseBody,
  type ReleaseInput,
  ReleaseSchema,
  releaseBody,
  toRanges,
} from "./entry.js";
import { sqliteLeafSource } from "./leaf-store.js";
import { hashEquals, leafHash, MerkleTree, toHex } from "./merkle/index.js";
import { checkpointText, parseCheckpoint } from "./note/checkpoint.js";
import { type NoteSigner, signNote } from "./note/signed-note.js";
import { type IssuedReceipt, issueReceipt } from "./receipts/issue.js";
import { receiptsRoot } from "./receipts/parallel.js";
import { RECEIPT_CHUNK } from "./receipts/tree.js";
import { NOT_FOUND, type SubjectDictionary } from "./subjects/dictionary.js";
import type { RoaringBitmap32 } from "./subjects/roaring.js";
import { canonicalSetBytes, digestOf, SubjectSets, setOfIndexes } from "./subjects/sets.js";
import type { SubjectHasher } from "./subjects/subject-hasher.js";

const BATCH = 1 << 20;
const DAY_MS = 86_400_000;
export const MIN_RETENTION_DAYS = 3 * 365;
export const DEFAULT_BACKDATE_DAYS = 7;
export const ZERO_HEAD = "0".repeat(64);

export interface AppendResult {
  seq: number;
  size: number;
  root: string;
  leafHash: string;
  subjects: number;
  newSubjects: number;
  recordedAt: string;
}

export interface SubjectRelease {
  seq: number;
  released_at: string;
  recorded_at: string;
  agreement: string;
  version: number;
  recipient: string;
  country: string;
  legal_basis: string;
  purposes: string[];
  fields: string[];
}

/** An entry as stored: its body, or only the fact that it was pruned (by a later signed prune event). */
export interface StoredEntry {
  seq: number;
  kind: "release" | "prune";
  /** absent when pruned */
  body?: EntryBody;
  prunedAt?: string;
}

export interface LedgerDeps {
  db: Database.Database;
  subjects: SubjectDictionary;
  hasher: SubjectHasher;
  /** needed to append and to sign checkpoints */
  signer?: Signer;
  /** the controller's name, written into checkpoints */
  log: string;
  /** how far before the clock `released_at` may lie without a recorded override (default 7 days) */
  backdateDays?: number;
  /**
   * commit each release to its receipts root (default); false only to measure what receipts cost (bench/): such
   * entries are like those from before receipts, and no person can get a receipt for them
   */
  receipts?: boolean;
}

/** Hashes subject keys in batches into one buffer of 16-byte hashes; duplicates are kept. */
function hashAll(hasher: SubjectHasher, keys: Iterable<string>): { hashes: Uint8Array; count: number } {
  const parts: Uint8Array[] = [];
  let batch: string[] = [];
  let count = 0;
  for (const key of keys) {
    batch.push(key);
    if (batch.length === BATCH) {
      parts.push(hasher.hashMany(batch));
      count += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) {
    parts.push(hasher.hashMany(batch));
    count += batch.length;
  }
  const hashes = new Uint8Array(count * 16);
  let off = 0;
  for (const p of parts) {
    hashes.set(p, off);
    off += p.length;
  }
  return { hashes, count };
}

type Summary = Omit<SubjectRelease, "seq" | "released_at" | "recorded_at">;

/** What a subject's history shows of a release, as canonical JSON. */
export function summaryOf(b: ReleaseBody): string {
  const summary: Summary = {
    agreement: b.agreement.id,
    version: b.agreement.version,
    recipient: b.recipient.name,
    country: b.recipient.country,
    legal_basis: b.legal_basis,
    purposes: b.purposes,
    fields: b.fields.map((f) => f.name),
  };
  return canonicalize(summary) ?? "";
}

/** The next dictionary commitment: the chain head over the hashes of the subjects added since the last one. */
export function nextDictionaryHead(previous: string, added: Uint8Array): string {
  return createHash("sha256").update(Buffer.from(previous, "hex")).update(added).digest("hex");
}

/** Parses a stored body; a pruned entry's empty body gives undefined. */
function parseBody(text: string): EntryBody | undefined {
  return text === "" ? undefined : (JSON.parse(text) as EntryBody);
}

/** Why a release time is refused without an override: in the future, before the chain's last release, or too old. */
export function releaseTimeHolds(
  releasedAt: string,
  recordedAt: string,
  previousReleasedAt: string | undefined,
  backdateDays: number,
): string[] {
  const at = Date.parse(releasedAt);
  const now = Date.parse(recordedAt);
  const held: string[] = [];
  if (at > now) held.push(t("ledger.time.future", { releasedAt, recordedAt }));
  if (previousReleasedAt !== undefined && at < Date.parse(previousReleasedAt))
    held.push(t("ledger.time.before_previous", { releasedAt, previous: previousReleasedAt }));
  if (now - at > backdateDays * DAY_MS)
    held.push(t("ledger.time.backdated", { releasedAt, recordedAt, days: backdateDays }));
  return held;
}

/**
 * The ledger over the state database.
 * @example const ledger = new Ledger({ db, subjects, hasher, signer, log: "Hanbit Pay" });
 * ledger.append(release, ["HB0000000001", "HB0000000002"]);
 */
export class Ledger {
  readonly sets: SubjectSets;
  private tree: MerkleTree;
  constructor(private readonly deps: LedgerDeps) {
    this.sets = new SubjectSets(deps.db);
    this.tree = new MerkleTree(sqliteLeafSource(deps.db));
  }

  /** Number of entries. */
  size(): number {
    this.tree.sync();
    return this.tree.size;
  }

  /** Root of the first `size` entries (default: all), hex. */
  root(size?: number): string {
    this.tree.sync();
    return toHex(size === undefined ? this.tree.root() : this.tree.rootAt(size));
  }

  /**
   * Records one release and its subjects atomically; validation errors name the field.
   * @example ledger.append({ released_at: "2024-05-31T02:00:00Z", agreement: {...}, ... }, subjectKeys)
   */
  append(input: ReleaseInput, subjectKeys: Iterable<string>, now: Date = new Date()): AppendResult {
    const release = this.validate(input);
    const { hashes, count } = hashAll(this.deps.hasher, subjectKeys);
    return this.appendHashes(release, hashes, count, now);
  }

  /** Records a release whose subjects were already hashed with this ledger's hasher (16 bytes each). */
  appendHashes(input: ReleaseInput, hashes: Uint8Array, count: number, now: Date = new Date()): AppendResult {
    const release = this.validate(input);
    return this.commit(release, now, () => {
      const { indexes, added } = this.deps.subjects.assign(hashes, count, true);
      return { set: setOfIndexes(indexes), added };
    });
  }

  /**
   * Records a release whose subjects are given as dictionary indexes (bulk import of history, benchmarks);
   * every index must already be in the dictionary.
   */
  appendIndexed(input: ReleaseInput, set: RoaringBitmap32, now: Date = new Date()): AppendResult {
    const release = this.validate(input);
    return this.commit(release, now, () => {
      const known = this.deps.subjects.size();
      if (!set.isEmpty && (set.maximum() ?? 0) >= known)
        throw new JikimiError("unknown_subject_index", t("ledger.errors.unknown_subject_index", { known }));
      return { set, added: 0 };
    });
  }

  /** The time an append at `now` records: the clock, never before the last signed head (head times are monotonic). */
  recordedAt(now: Date): string {
    const row = this.deps.db.prepare("SELECT time FROM ledger_heads ORDER BY size DESC LIMIT 1").get() as
      | { time: string }
      | undefined;
    const t = now.toISOString();
    return row && row.time > t ? row.time : t;
  }

  /** Reasons a release of `agreement` at `releasedAt` would be refused without an override (see releaseTimeHolds). */
  timeHolds(agreement: string, releasedAt: string, now: Date): string[] {
    const previous = this.releases({ agreement, limit: 1 })[0]?.released_at;
    return releaseTimeHolds(
      releasedAt,
      this.recordedAt(now),
      previous,
      this.deps.backdateDays ?? DEFAULT_BACKDATE_DAYS,
    );
  }

  private validate(input: ReleaseInput): Release {
    if (!this.deps.signer)
      throw new JikimiError("ledger_no_signer", t("ledger.errors.no_signer_append"), {
        hint: t("ledger.hint.keys_init"),
      });
    const parsed = ReleaseSchema.safeParse(input);
    if (!parsed.success) {
      const where = parsed.error.issues
        .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
        .join("; ");
      throw new JikimiError("bad_release", t("ledger.errors.bad_release", { where }));
    }
    return parsed.data;
  }

  /** The dictionary commitment of the last entry (size 0 and a zero head for an empty log). */
  private lastDictionary(): DictionaryCommitment {
    const get = (key: string) =>
      (
        this.deps.db.prepare("SELECT value FROM ledger_meta WHERE key = ?").get(key) as
          | { value: string }
          | undefined
      )?.value;
    return { size: Number(get("dict_size") ?? 0), head: get("dict_head") ?? ZERO_HEAD };
  }

  /** The dictionary commitment after the subjects added since the last entry. */
  private dictionaryNow(): DictionaryCommitment {
    const last = this.lastDictionary();
    const size = this.deps.subjects.size();
    if (size === last.size) return last;
    return { size, head: nextDictionaryHead(last.head, this.deps.subjects.hashRange(last.size, size)) };
  }

  /**
   * Appends one entry inside the current transaction: leaf, signed head, dictionary commitment. Refuses when the
   * stored leaves no longer give the last signed root (an edited leaf hash must not be laundered into a new head).
   */
  private appendBody(
    build: (seq: number, recordedAt: string, dictionary: DictionaryCommitment) => EntryBody,
    now: Date,
  ) {
    const signer = this.deps.signer as Signer;
    const db = this.deps.db;
    this.tree.sync();
    const seq = this.tree.size;
    const last = db.prepare("SELECT size, root FROM ledger_heads ORDER BY size DESC LIMIT 1").get() as
      | { size: number; root: Buffer }
      | undefined;
    if ((last?.size ?? 0) !== seq || (last && !hashEquals(this.tree.root(), last.root)))
      throw new JikimiError("ledger_corrupt", t("ledger.errors.head_mismatch"), {
        exitCode: ExitCode.findings,
        hint: t("ledger.hint.verify"),
      });
    const recordedAt = this.recordedAt(now);
    const dictionary = this.dictionaryNow();
    const body = build(seq, recordedAt, dictionary);
    const bytes = encodeEntry(body);
    if (bytes.length > MAX_ENTRY_BYTES)
      throw new JikimiError(
        "entry_too_large",
        t("ledger.errors.entry_too_large", { bytes: bytes.length, max: MAX_ENTRY_BYTES }),
        { hint: t("ledger.errors.entry_too_large_hint") },
      );
    const leaf = leafHash(bytes);
    this.tree.append(leaf);
    const root = this.tree.root();
    const signature = signer.sign(headBytes(seq + 1, root, leaf, recordedAt, signer.keyId));
    db.prepare(
      "INSERT INTO ledger_heads (size, root, leaf_hash, time, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)",
    ).run(seq + 1, root, leaf, recordedAt, signer.keyId, signature);
    const meta = db.prepare("INSERT OR REPLACE INTO ledger_meta (key, value) VALUES (?, ?)");
    meta.run("dict_size", String(dictionary.size));
    meta.run("dict_head", dictionary.head);
    return { seq, bytes, leaf, root, recordedAt };
  }

  /** The append transaction: subjects, entry, leaf, signed head; all or nothing. */
  private commit(
    release: Release,
    now: Date,
    subjectsOf: () => { set: RoaringBitmap32; added: number },
  ): AppendResult {
    const db = this.deps.db;
    const run = db.transaction((): AppendResult => {
      const timeHeld = this.timeHolds(release.agreement.id, release.released_at, now);
      if (timeHeld.length > 0 && release.override === undefined)
        throw new JikimiError("release_time_refused", t("ledger.errors.nothing_recorded"), {
          exitCode: ExitCode.held,
          hint: timeHeld.join("; "),
        });
      const { set, added } = subjectsOf();
      const chain = release.agreement.id;
      const previous = this.sets.head(chain);
      const canonical = canonicalSetBytes(set);
      let body: ReleaseBody | undefined;
      const { seq, bytes, leaf, root, recordedAt } = this.appendBody((seq, recordedAt, dictionary) => {
        body = releaseBody(
          seq,
          release,
          recordedAt,
          { count: set.size, digest: digestOf(canonical), key_id: this.deps.hasher.keyId },
          dictionary,
          this.deps.receipts === false
            ? undefined
            : { root: toHex(receiptsRoot(this.deps.hasher.receiptKey(seq), set)), chunk: RECEIPT_CHUNK },
        );
        return body;
      }, now);
      const { ord } = this.sets.store(seq, chain, set, previous, canonical);
      const summary = summaryOf(body as ReleaseBody);
      db.prepare("INSERT OR IGNORE INTO ledger_summaries (summary) VALUES (?)").run(summary);
      const { id: summaryId } = db
        .prepare("SELECT id FROM ledger_summaries WHERE summary = ?")
        .get(summary) as { id: number };
      db.prepare(
        `INSERT INTO ledger_entries (seq, body, leaf_hash, released_at, recorded_at, kind, agreement_id, recipient_id, subject_count, chain_ord, summary_id)
         VALUES (?, ?, ?, ?, ?, 'release', ?, ?, ?, ?, ?)`,
      ).run(
        seq,
        bytes.toString("utf8"),
        leaf,
        release.released_at,
        recordedAt,
        chain,
        release.recipient.id,
        set.size,
        ord,
        summaryId,
      );
      return {
        seq,
        size: seq + 1,
        root: toHex(root),
        leafHash: toHex(leaf),
        subjects: set.size,
        newSubjects: added,
        recordedAt,
      };
    });
    return this.immediate(run);
  }

  /** Runs a write transaction with BEGIN IMMEDIATE; a busy ledger and a rolled-back tree are handled. */
  private immediate<T>(run: Database.Transaction<() => T>): T {
    try {
      return run.immediate();
    } catch (error) {
      this.resetTree();
      if (error instanceof Error && "code" in error && String(error.code).startsWith("SQLITE_BUSY"))
        throw new JikimiError("ledger_busy", t("ledger.errors.busy"), {
          cause: error,
          hint: t("ledger.errors.busy_hint"),
        });
      throw error;
    }
  }

  private resetTree(): void {
    // a rolled-back append leaves the in-memory tree ahead of the database: rebuild it lazily
    this.tree = new MerkleTree(sqliteLeafSource(this.deps.db));
  }

  /**
   * Prunes the releases recorded before `before` (an ISO time), past a retention of at least 3 years, by
   * appending a signed prune event that lists them; their bodies, sets and change rows go, their leaves stay.
   * @example ledger.prune("2019-01-01T00:00:00Z", "5y", new Date(), "dpo")
   */
  prune(
    before: string,
    retention: { rule: string; days: number },
    now: Date,
    operator: string,
  ): {
    pruned: number;
    seq?: number;
  } {
    const days = Math.max(retention.days, MIN_RETENTION_DAYS);
    const limit = new Date(now.getTime() - days * DAY_MS).toISOString();
    if (before > limit)
      throw new JikimiError(
        "retention_not_reached",
        t("ledger.errors.retention_not_reached", { limit: limit.slice(0, 10), rule: retention.rule }),
        { hint: t("ledger.errors.retention_not_reached_hint", { limit: limit.slice(0, 10) }) },
      );
    if (!this.deps.signer)
      throw new JikimiError("ledger_no_signer", t("ledger.errors.no_signer_prune"), {
        hint: t("ledger.hint.keys_init"),
      });
    const db = this.deps.db;
    const run = db.transaction(() => {
      // recorded_at is monotonic in seq, so the victims are a prefix of the log and of every chain
      const victims = db
        .prepare(
          "SELECT seq, agreement_id AS chain FROM ledger_entries WHERE kind = 'release' AND recorded_at < ? AND pruned_at IS NULL ORDER BY seq",
        )
        .all(before) as { seq: number; chain: string }[];
      if (victims.length === 0) return { pruned: 0 };
      const lastOf = new Map<string, number>();
      for (const v of victims) lastOf.set(v.chain, v.seq);
      const steps = this.dictionarySteps(new Set(victims.map((v) => v.seq)));
      const bases = new Map<number, Buffer>();
      const wanted = new Set(lastOf.values());
      for (const r of this.sets.replay()) if (wanted.has(r.seq)) bases.set(r.seq, canonicalSetBytes(r.set));
      const { seq, bytes, leaf, recordedAt } = this.appendBody(
        (seq, recordedAt, dictionary): PruneBody => ({
          format: "jikimi-ledger-entry/2",
          kind: "prune",
          seq,
          recorded_at: recordedAt,
          before,
          retention: { rule: retention.rule, days },
          pruned: toRanges(victims.map((v) => v.seq)),
          bases: [...lastOf].map(([chain, s]) => ({
            chain,
            seq: s,
            digest: digestOf(bases.get(s) ?? Buffer.alloc(0)),
            releases:
              (db.prepare("SELECT chain_ord FROM ledger_entries WHERE seq = ?").pluck().get(s) as number) + 1,
          })),
          dictionary_steps: steps,
          operator,
          dictionary,
        }),
        now,
      );
      db.prepare(
        `INSERT INTO ledger_entries (seq, body, leaf_hash, released_at, recorded_at, kind, agreement_id, recipient_id, subject_count, chain_ord)
         VALUES (?, ?, ?, ?, ?, 'prune', '', '', 0, 0)`,
      ).run(seq, bytes.toString("utf8"), leaf, recordedAt, recordedAt);
      for (const v of victims) {
        // nothing of a pruned entry is left but its leaf hash and the time it was pruned
        db.prepare(
          `UPDATE ledger_entries SET body = '', released_at = '', recorded_at = '', agreement_id = '', recipient_id = '',
           subject_count = 0, chain_ord = 0, summary_id = NULL, pruned_at = ? WHERE seq = ?`,
        ).run(recordedAt, v.seq);
        db.prepare("DELETE FROM ledger_subject_changes WHERE seq = ?").run(v.seq);
        const base = bases.get(v.seq);
        if (base)
          db.prepare("UPDATE ledger_subject_sets SET kind = 'snapshot', data = ? WHERE seq = ?").run(
            base,
            v.seq,
          );
        else db.prepare("DELETE FROM ledger_subject_sets WHERE seq = ?").run(v.seq);
      }
      for (const [chain, s] of lastOf) {
        db.prepare("UPDATE ledger_chains SET first_seq = ? WHERE chain = ?").run(s, chain);
        // the base an earlier prune kept for this chain goes: the new base replaces it
        db.prepare("DELETE FROM ledger_subject_sets WHERE chain = ? AND seq < ?").run(chain, s);
      }
      db.prepare(
        "DELETE FROM ledger_summaries WHERE id NOT IN (SELECT summary_id FROM ledger_entries WHERE summary_id IS NOT NULL)",
      ).run();
      return { pruned: victims.length, seq };
    });
    return this.immediate(run);
  }

  /** [seq, size] of the entries about to be pruned whose dictionary commitment grew (verify chains through them). */
  private dictionarySteps(victims: ReadonlySet<number>): [number, number][] {
    const steps: [number, number][] = [];
    let size = 0;
    for (const row of this.deps.db
      .prepare("SELECT seq, body FROM ledger_entries WHERE body != '' AND seq <= ? ORDER BY seq")
      .iterate(Math.max(-1, ...victims)) as Iterable<{ seq: number; body: string }>) {
      const d = (JSON.parse(row.body) as EntryBody).dictionary;
      if (victims.has(row.seq) && d.size > size) steps.push([row.seq, d.size]);
      size = Math.max(size, d.size);
    }
    return steps;
  }

  /** One entry as stored, or undefined when there is no such entry. */
  entry(seq: number): StoredEntry | undefined {
    const row = this.deps.db
      .prepare("SELECT seq, kind, body, pruned_at FROM ledger_entries WHERE seq = ?")
      .get(seq) as
      | { seq: number; kind: "release" | "prune"; body: string; pruned_at: string | null }
      | undefined;
    return row ? storedEntry(row) : undefined;
  }

  /** Entries (releases, prune events, pruned entries), newest first, optionally of one agreement. */
  entries(options: { agreement?: string | undefined; limit?: number; before?: number } = {}): StoredEntry[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (options.agreement) {
      where.push("agreement_id = ?");
      args.push(options.agreement);
    }
    if (options.before !== undefined) {
      where.push("seq < ?");
      args.push(options.before);
    }
    const sql = `SELECT seq, kind, body, pruned_at FROM ledger_entries ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ?`;
    args.push(options.limit ?? 100);
    return (
      this.deps.db.prepare(sql).all(...args) as {
        seq: number;
        kind: "release" | "prune";
        body: string;
        pruned_at: string | null;
      }[]
    ).map(storedEntry);
  }

  /** The releases still held in full (not pruned), newest first, optionally of one agreement: what guards read. */
  releases(options: { agreement?: string; limit?: number } = {}): ReleaseBody[] {
    const args: (string | number)[] = [];
    let sql = "SELECT body FROM ledger_entries WHERE kind = 'release' AND pruned_at IS NULL";
    if (options.agreement) {
      sql += " AND agreement_id = ?";
      args.push(options.agreement);
    }
    sql += " ORDER BY seq DESC LIMIT ?";
    args.push(options.limit ?? 100);
    return (this.deps.db.prepare(sql).all(...args) as { body: string }[]).map(
      (r) => JSON.parse(r.body) as ReleaseBody,
    );
  }

  /** The subject's dictionary index, or undefined for a subject never recorded. */
  private indexOf(subjectKey: string): number | undefined {
    const idx = this.deps.subjects.lookup(this.deps.hasher.hashMany([subjectKey]));
    return idx === undefined || idx === NOT_FOUND ? undefined : idx;
  }

  /**
   * The runs of entries [from, to) of each chain whose sets contain subject `idx`: the chain's first stored set
   * (its first release, or its pruned base) and the change rows where the subject entered or left.
   */
  private memberRanges(idx: number): [string, number, number][] {
    const changes = this.deps.db
      .prepare(
        "SELECT c.seq AS seq, e.agreement_id AS chain FROM ledger_subject_changes c JOIN ledger_entries e ON e.seq = c.seq WHERE c.subject = ? ORDER BY c.seq",
      )
      .all(idx) as { seq: number; chain: string }[];
    const ranges: [string, number, number][] = [];
    for (const { chain, firstSeq } of this.sets.chains()) {
      let inside = this.sets.first(chain).has(idx);
      let start = firstSeq;
      for (const c of changes) {
        if (c.chain !== chain) continue;
        if (inside) ranges.push([chain, start, c.seq]);
        else start = c.seq;
        inside = !inside;
      }
      if (inside) ranges.push([chain, start, Number.MAX_SAFE_INTEGER]);
    }
    return ranges;
  }

  /**
   * A receipt for one person (receipts/receipt.ts): every release held in full that contained them, proven against
   * a checkpoint, bound to them by a salted commitment; undefined for a subject never released. The checkpoint is
   * one signed now, or `checkpoint`: a note of this log (e.g. cosigned by witnesses) whose root the log still gives;
   * releases after it are skipped. Refuses when a stored set no longer gives the receipts root its entry signed.
   * @example const issued = ledger.receipt("HB0000000042", { origin: state.origin, signer: state.noteSigner() });
   */
  receipt(
    subjectKey: string,
    options: { origin: string; signer: NoteSigner; checkpoint?: string | undefined },
  ): IssuedReceipt | undefined {
    const run = this.deps.db.transaction((): IssuedReceipt | undefined => {
      const idx = this.indexOf(subjectKey);
      if (idx === undefined) return undefined;
      const checkpoint = options.checkpoint ?? this.checkpointNote(options.origin, options.signer);
      const size = options.checkpoint === undefined ? this.size() : this.checkpointSize(options.checkpoint);
      // a pruned entry keeps no agreement: only a chain's pruned base can open a run, and it is listed as skipped
      const select = this.deps.db
        .prepare(
          "SELECT seq FROM ledger_entries WHERE kind = 'release' AND seq >= ? AND seq < ? AND (agreement_id = ? OR (pruned_at IS NOT NULL AND seq = ?)) ORDER BY seq",
        )
        .pluck();
      const seqs: { seq: number; chain: string }[] = [];
      for (const [chain, from, to] of this.memberRanges(idx))
        for (const seq of select.iterate(from, to, chain, from) as Iterable<number>)
          seqs.push({ seq, chain });
      if (seqs.length === 0) return undefined;
      seqs.sort((a, b) => a.seq - b.seq);
      const issued = issueReceipt({
        db: this.deps.db,
        subjectKey,
        index: idx,
        releases: seqs.filter((s) => s.seq < size),
        checkpoint,
        size,
        origin: options.origin,
        signer: options.signer,
        receiptKey: (seq) => this.deps.hasher.receiptKey(seq),
        inclusionProof: (seq) => this.tree.inclusionProof(seq, size),
      });
      for (const { seq } of seqs.filter((s) => s.seq >= size))
        issued.skipped.push({ seq, reason: t("ledger.receipt.after_checkpoint", { size }) });
      return issued;
    });
    return run();
  }

  /** The size of a checkpoint note of this log, refused unless the stored log gives its root at that size. */
  private checkpointSize(note: string): number {
    this.assertIntact();
    let body: ReturnType<typeof parseCheckpoint>;
    try {
      body = parseCheckpoint(note.slice(0, note.lastIndexOf("\n\n") + 1));
    } catch (cause) {
      throw new JikimiError("bad_checkpoint", t("ledger.errors.not_a_checkpoint_note"), { cause });
    }
    if (body.size > this.size() || !hashEquals(this.tree.rootAt(body.size), body.root))
      throw new JikimiError("bad_checkpoint", t("ledger.errors.checkpoint_not_of_log", { size: body.size }));
    return body.size;
  }

  /**
   * Every release that contained the subject, oldest first; [] for a subject never released.
   * @example ledger.subjectHistory("HB0000000042").map((r) => `${r.released_at} ${r.recipient}`)
   */
  subjectHistory(subjectKey: string): SubjectRelease[] {
    const idx = this.indexOf(subjectKey);
    if (idx === undefined) return [];
    const db = this.deps.db;
    const ranges = this.memberRanges(idx);
    const select = db.prepare(
      "SELECT seq, released_at, recorded_at, summary_id FROM ledger_entries WHERE kind = 'release' AND agreement_id = ? AND seq >= ? AND seq < ? AND pruned_at IS NULL ORDER BY seq",
    );
    const summaryById = db.prepare("SELECT summary FROM ledger_summaries WHERE id = ?");
    const summaries = new Map<number, Summary>();
    const out: SubjectRelease[] = [];
    for (const [chain, from, to] of ranges)
      for (const row of select.iterate(chain, from, to) as Iterable<{
        seq: number;
        released_at: string;
        recorded_at: string;
        summary_id: number;
      }>) {
        let summary = summaries.get(row.summary_id);
        if (!summary) {
          const found = summaryById.get(row.summary_id) as { summary: string } | undefined;
          if (!found)
            throw new JikimiError("ledger_corrupt", t("ledger.errors.no_summary", { seq: row.seq }), {
              hint: t("ledger.hint.verify"),
            });
          summary = JSON.parse(found.summary) as Summary;
          summaries.set(row.summary_id, summary);
        }
        out.push({ seq: row.seq, released_at: row.released_at, recorded_at: row.recorded_at, ...summary });
      }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /**
   * Refuses to answer from stored leaf hashes that no longer give the last signed root: a checkpoint or a proof
   * is only ever made over what a signed tree head already covers.
   */
  private assertIntact(): void {
    this.tree.sync();
    const last = this.deps.db
      .prepare("SELECT size, root FROM ledger_heads ORDER BY size DESC LIMIT 1")
      .get() as { size: number; root: Buffer } | undefined;
    if ((last?.size ?? 0) !== this.tree.size || (last && !hashEquals(this.tree.root(), last.root)))
      throw new JikimiError("ledger_corrupt", t("ledger.errors.leaves_not_head"), {
        exitCode: ExitCode.findings,
        hint: t("ledger.hint.verify"),
      });
  }

  /** A signed checkpoint of the whole log now. */
  checkpoint(now: Date = new Date()): Checkpoint {
    const signer = this.deps.signer;
    if (!signer)
      throw new JikimiError("ledger_no_signer", t("ledger.errors.no_signer_checkpoint"), {
        hint: t("ledger.hint.keys_init"),
      });
    this.assertIntact();
    return signCheckpoint(signer, this.deps.log, this.size(), this.root(), now.toISOString());
  }

  /**
   * A checkpoint of the whole log as a signed note (c2sp.org/tlog-checkpoint): origin, size, base64 root.
   * @example ledger.checkpointNote("ledger.hanbitpay.example/nsf", logNoteSigner(key, origin))
   */
  checkpointNote(origin: string, signer: NoteSigner): string {
    this.assertIntact();
    const size = this.size();
    return signNote(checkpointText({ origin, size, root: this.tree.rootAt(size), extensions: [] }), [signer]);
  }

  /** Inclusion proof of entry `seq` in the tree of `size` entries (default: all), hex hashes. */
  inclusionProof(
    seq: number,
    size?: number,
  ): { seq: number; size: number; leaf: string; root: string; proof: string[] } {
    this.assertIntact();
    const n = size ?? this.size();
    if (!(seq >= 0 && seq < n))
      throw new JikimiError("no_such_entry", t("ledger.errors.no_such_entry", { seq, count: n }));
    const row = this.deps.db.prepare("SELECT leaf_hash FROM ledger_entries WHERE seq = ?").get(seq) as {
      leaf_hash: Buffer;
    };
    return {
      seq,
      size: n,
      leaf: toHex(row.leaf_hash),
      root: this.root(n),
      proof: this.tree.inclusionProof(seq, n).map(toHex),
    };
  }

  /** Consistency proof from `size1` entries to `size2` (default: all). */
  consistencyProof(
    size1: number,
    size2?: number,
  ): { size1: number; size2: number; root1: string; root2: string; proof: string[] } {
    this.assertIntact();
    const n = size2 ?? this.size();
    if (!(size1 >= 0 && size1 <= n))
      throw new JikimiError("bad_size", t("ledger.errors.bad_size", { size: size1, count: n }));
    return {
      size1,
      size2: n,
      root1: this.root(size1),
      root2: this.root(n),
      proof: this.tree.consistencyProof(size1, n).map(toHex),
    };
  }
}

function storedEntry(row: {
  seq: number;
  kind: "release" | "prune";
  body: string;
  pruned_at: string | null;
}): StoredEntry {
  const body = parseBody(row.body);
  return {
    seq: row.seq,
    kind: row.kind,
    ...(body ? { body } : {}),
    ...(row.pruned_at ? { prunedAt: row.pruned_at } : {}),
  };
}
