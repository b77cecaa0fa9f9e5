// the transfer ledger: appends releases as Merkle leaves with a signed tree head each, keeps their
// subject sets, and answers per-subject history, proofs and checkpoints. One append is one transaction.
import type Database from "better-sqlite3";
import canonicalize from "canonicalize";
import type { Signer } from "../crypto/signing.js";
import { JikimiError } from "../errors.js";
import { type Checkpoint, headBytes, signCheckpoint } from "./checkpoint.js";
import {
  type EntryBody,
  encodeEntry,
  entryBody,
  type Release,
  type ReleaseInput,
  ReleaseSchema,
} from "./entry.js";
import { sqliteLeafSource } from "./leaf-store.js";
import { leafHash, MerkleTree, toHex } from "./merkle/index.js";
import { NOT_FOUND, type SubjectDictionary } from "./subjects/dictionary.js";
import { RoaringBitmap32 } from "./subjects/roaring.js";
import { canonicalSetBytes, digestOf, SubjectSets } from "./subjects/sets.js";
import type { SubjectHasher } from "./subjects/subject-hasher.js";

const BATCH = 1 << 20;

export interface AppendResult {
  seq: number;
  size: number;
  root: string;
  leafHash: string;
  subjects: number;
  newSubjects: number;
}

export interface SubjectRelease {
  seq: number;
  time: string;
  agreement: string;
  version: number;
  recipient: string;
  country: string;
  legal_basis: string;
  purposes: string[];
  fields: string[];
}

export interface LedgerDeps {
  db: Database.Database;
  subjects: SubjectDictionary;
  hasher: SubjectHasher;
  /** needed to append and to sign checkpoints */
  signer?: Signer;
  /** the controller's name, written into checkpoints */
  log: string;
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

type Summary = Omit<SubjectRelease, "seq" | "time">;

/** What a subject's history shows of an entry, as canonical JSON. */
export function summaryOf(b: EntryBody): string {
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
   * @example ledger.append({ time: "2024-05-31T02:00:00Z", agreement: {...}, ... }, subjectKeys)
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
      return { set: new RoaringBitmap32(indexes), added };
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
        throw new JikimiError(
          "unknown_subject_index",
          `the set names subject indexes the dictionary (${known} subjects) does not hold`,
        );
      return { set, added: 0 };
    });
  }

  private validate(input: ReleaseInput): Release {
    if (!this.deps.signer)
      throw new JikimiError(
        "ledger_no_signer",
        "appending needs the ledger signing key: run `jikimi keys init`",
      );
    const parsed = ReleaseSchema.safeParse(input);
    if (!parsed.success) {
      const where = parsed.error.issues
        .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
        .join("; ");
      throw new JikimiError("bad_release", `the release is invalid and was not recorded: ${where}`);
    }
    return parsed.data;
  }

  /** The append transaction: subjects, entry, leaf, signed head; all or nothing. */
  private commit(
    release: Release,
    now: Date,
    subjectsOf: () => { set: RoaringBitmap32; added: number },
  ): AppendResult {
    const signer = this.deps.signer as Signer;
    const db = this.deps.db;
    const run = db.transaction((): AppendResult => {
      const { set, added } = subjectsOf();
      this.tree.sync();
      const seq = this.tree.size;
      const chain = release.agreement.id;
      const previous = this.sets.head(chain);
      const canonical = canonicalSetBytes(set);
      const body: EntryBody = entryBody(seq, release, {
        count: set.size,
        digest: digestOf(canonical),
        key_id: this.deps.hasher.keyId,
      });
      const bytes = encodeEntry(body);
      const leaf = leafHash(bytes);
      const { ord } = this.sets.store(seq, chain, set, previous, canonical);
      const summary = summaryOf(body);
      db.prepare("INSERT OR IGNORE INTO ledger_summaries (summary) VALUES (?)").run(summary);
      const { id: summaryId } = db
        .prepare("SELECT id FROM ledger_summaries WHERE summary = ?")
        .get(summary) as { id: number };
      db.prepare(
        `INSERT INTO ledger_entries (seq, body, leaf_hash, time, agreement_id, recipient_id, subject_count, chain_ord, summary_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        seq,
        bytes.toString("utf8"),
        leaf,
        release.time,
        chain,
        release.recipient.id,
        set.size,
        ord,
        summaryId,
      );
      this.tree.append(leaf);
      const root = this.tree.root();
      const time = now.toISOString();
      const signature = signer.sign(headBytes(seq + 1, root, leaf, time, signer.keyId));
      db.prepare(
        "INSERT INTO ledger_heads (size, root, leaf_hash, time, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(seq + 1, root, leaf, time, signer.keyId, signature);
      return {
        seq,
        size: seq + 1,
        root: toHex(root),
        leafHash: toHex(leaf),
        subjects: set.size,
        newSubjects: added,
      };
    });
    try {
      return run.immediate();
    } catch (error) {
      this.resetTree();
      if (error instanceof Error && "code" in error && String(error.code).startsWith("SQLITE_BUSY"))
        throw new JikimiError(
          "ledger_busy",
          "another jikimi process held the ledger for 30 s; nothing was recorded: try again",
          {
            cause: error,
          },
        );
      throw error;
    }
  }

  private resetTree(): void {
    // a rolled-back append leaves the in-memory tree ahead of the database: rebuild it lazily
    this.tree = new MerkleTree(sqliteLeafSource(this.deps.db));
  }

  /** One entry's body, or undefined. */
  entry(seq: number): EntryBody | undefined {
    const row = this.deps.db.prepare("SELECT body FROM ledger_entries WHERE seq = ?").get(seq) as
      | { body: string }
      | undefined;
    return row ? (JSON.parse(row.body) as EntryBody) : undefined;
  }

  /** Entries, newest first, optionally for one agreement. */
  entries(options: { agreement?: string; limit?: number; before?: number } = {}): EntryBody[] {
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
    const sql = `SELECT body FROM ledger_entries ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ?`;
    args.push(options.limit ?? 100);
    return (this.deps.db.prepare(sql).all(...args) as { body: string }[]).map(
      (r) => JSON.parse(r.body) as EntryBody,
    );
  }

  /**
   * Every release that contained the subject, oldest first; [] for a subject never released.
   * @example ledger.subjectHistory("HB0000000042").map((r) => `${r.time} ${r.recipient}`)
   */
  subjectHistory(subjectKey: string): SubjectRelease[] {
    const hash = this.deps.hasher.hashMany([subjectKey]);
    const idx = this.deps.subjects.lookup(hash);
    if (idx === undefined || idx === NOT_FOUND) return [];
    const db = this.deps.db;
    const changes = db
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
    const select = db.prepare(
      "SELECT seq, time, summary_id FROM ledger_entries WHERE agreement_id = ? AND seq >= ? AND seq < ? AND pruned_at IS NULL ORDER BY seq",
    );
    const summaryById = db.prepare("SELECT summary FROM ledger_summaries WHERE id = ?");
    const summaries = new Map<number, Summary>();
    const out: SubjectRelease[] = [];
    for (const [chain, from, to] of ranges)
      for (const row of select.iterate(chain, from, to) as Iterable<{
        seq: number;
        time: string;
        summary_id: number;
      }>) {
        let summary = summaries.get(row.summary_id);
        if (!summary) {
          const found = summaryById.get(row.summary_id) as { summary: string } | undefined;
          if (!found)
            throw new JikimiError(
              "ledger_corrupt",
              `entry ${row.seq} has no summary: run \`jikimi ledger verify\``,
            );
          summary = JSON.parse(found.summary) as Summary;
          summaries.set(row.summary_id, summary);
        }
        out.push({ seq: row.seq, time: row.time, ...summary });
      }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** A signed checkpoint of the whole log now. */
  checkpoint(now: Date = new Date()): Checkpoint {
    const signer = this.deps.signer;
    if (!signer)
      throw new JikimiError(
        "ledger_no_signer",
        "a checkpoint needs the ledger signing key: run `jikimi keys init`",
      );
    return signCheckpoint(signer, this.deps.log, this.size(), this.root(), now.toISOString());
  }

  /** Inclusion proof of entry `seq` in the tree of `size` entries (default: all), hex hashes. */
  inclusionProof(
    seq: number,
    size?: number,
  ): { seq: number; size: number; leaf: string; root: string; proof: string[] } {
    const n = size ?? this.size();
    if (!(seq >= 0 && seq < n))
      throw new JikimiError("no_such_entry", `entry ${seq} is not in a log of ${n} entries`);
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
    const n = size2 ?? this.size();
    if (!(size1 >= 0 && size1 <= n))
      throw new JikimiError("bad_size", `size ${size1} is not within a log of ${n} entries`);
    return {
      size1,
      size2: n,
      root1: this.root(size1),
      root2: this.root(n),
      proof: this.tree.consistencyProof(size1, n).map(toHex),
    };
  }
}
