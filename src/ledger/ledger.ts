// the transfer ledger: appends releases (and signed prune events) as Merkle leaves with a signed tree head
// each, keeps their subject sets, and answers per-subject history, proofs and checkpoints. One append is one
// transaction. Two times: `released_at` (the operator's as-of time) and `recorded_at` (the clock at append,
// monotonic, the signed head's time); back-dating beyond the window needs a recorded override.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { z } from "zod";
import type { Signer } from "../crypto/signing.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { EntryKind, EntryView, LedgerReads, LedgerStore, LedgerWrites } from "../ports/ledger.js";
import { type Checkpoint, headBytes, signCheckpoint } from "./checkpoint.js";
import {
  type DictionaryCommitment,
  ENTRY_FORMAT,
  type EntryBody,
  encodeEntry,
  type Hold,
  type HoldBody,
  HoldSchema,
  MAX_ENTRY_BYTES,
  type PruneBody,
  type Release,
  type ReleaseBody,
  type ReleaseInput,
  ReleaseSchema,
  releaseBody,
  toRanges,
} from "./entry.js";
import { ReleaseIndex } from "./history-index.js";
import { describeHold, releaseTimeHolds, type TimeHold } from "./holds.js";
import { computeRoot, HashList, hashEquals, leafHash, MerkleTree, toHex } from "./merkle/index.js";
import { checkpointText, parseCheckpoint } from "./note/checkpoint.js";
import { type NoteSigner, signNote } from "./note/signed-note.js";
import { type IssuedReceipt, issueReceipt } from "./receipts/issue.js";
import { receiptsRoot } from "./receipts/parallel.js";
import { RECEIPT_CHUNK } from "./receipts/tree.js";
import { NOT_FOUND, type SharedDictionary, type SubjectDictionary } from "./subjects/dictionary.js";
import { RoaringBitmap32 } from "./subjects/roaring.js";
import { canonicalSetBytes, digestOf, SubjectSets, setOfIndexes } from "./subjects/sets.js";
import type { SortedHashes } from "./subjects/staged.js";
import type { SubjectHasher } from "./subjects/subject-hasher.js";

const BATCH = 1 << 20;
const LEAF_BATCH = 65_536;
const DAY_MS = 86_400_000;
export const MIN_RETENTION_DAYS = 3 * 365;
export const DEFAULT_BACKDATE_DAYS = 7;
export const ZERO_HEAD = "0".repeat(64);
/** How many of an agreement's newest entries a release id is looked for in: a retried release is the newest. */
const RELEASE_ID_WINDOW = 16;

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

/** A subject's releases under one set of terms (agreement version, recipient, basis, purposes, fields), counted. */
export type SubjectReleaseGroup = Omit<SubjectRelease, "seq" | "released_at" | "recorded_at"> & {
  count: number;
  first_seq: number;
  last_seq: number;
  /** the earliest and latest release date among them */
  first_released_at: string;
  last_released_at: string;
};

/** A subject's history at a glance: every release counted by terms, and one page of them newest first. */
export interface SubjectOverview {
  /** releases held in full that contained the subject */
  count: number;
  /** by first seq */
  groups: SubjectReleaseGroup[];
  /** newest first, below the page's `before`; each names its terms by their place in `groups` */
  releases: { seq: number; released_at: string; recorded_at: string; group: number }[];
  /** `before` for the next (older) page; null on the last */
  next_before: number | null;
}

/** An entry as stored: its body, or only the fact that it was pruned (by a later signed prune event). */
export interface StoredEntry {
  seq: number;
  kind: EntryKind;
  /** absent when pruned */
  body?: EntryBody;
  prunedAt?: string;
}

export interface LedgerDeps {
  store: LedgerStore;
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
  return dictionaryDigest(previous).update(added).digest("hex");
}

/** The running digest of the next dictionary head after `previous`: feed it the added hashes in index order. */
function dictionaryDigest(previous: string) {
  return createHash("sha256").update(Buffer.from(previous, "hex"));
}

/** `bad_release`, naming every path the schema refused. */
function badRelease(error: z.ZodError): JikimiError {
  const where = error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  return new JikimiError("bad_release", t("ledger.errors.bad_release", { where }));
}

/** Parses a stored body; a pruned entry's empty body gives undefined. */
function parseBody(text: string): EntryBody | undefined {
  return text === "" ? undefined : (JSON.parse(text) as EntryBody);
}

/**
 * The ledger over a store's ledger port. Appends go through `store.write`, the one sequencer: the Merkle tree and
 * the dictionary are brought up to what other processes or hosts appended before each use.
 * @example const ledger = new Ledger({ store: state.ledger, subjects, hasher, signer, log: "Hanbit Pay" });
 * await ledger.append(release, ["HB0000000001", "HB0000000002"]);
 */
export class Ledger {
  readonly sets = new SubjectSets();
  private readonly released = new ReleaseIndex();
  private leaves = new HashList();
  private tree = new MerkleTree(this.leaves);
  constructor(private readonly deps: LedgerDeps) {}

  private treeSyncing: Promise<unknown> = Promise.resolve();

  /**
   * Reads the leaf hashes appended since the last sync (by this process or any other) into the tree. Syncs run one
   * at a time: reads on PostgreSQL run side by side, and two syncs at once would push the same leaves twice.
   */
  private syncTree(tx: LedgerReads): Promise<void> {
    const run = this.treeSyncing.then(() => this.syncTreeNow(tx));
    this.treeSyncing = run.catch(() => undefined);
    return run;
  }

  private async syncTreeNow(tx: LedgerReads): Promise<void> {
    const count = await tx.entryCount();
    if (count < this.leaves.size()) this.resetTree();
    for (let from = this.leaves.size(); from < count; from = this.leaves.size()) {
      const end = Math.min(count, from + LEAF_BATCH);
      const rows = await tx.leafRows(from, end);
      for (const [i, row] of rows.entries()) {
        if (row.seq !== from + i || row.leafHash.length !== 32)
          throw new JikimiError("ledger_corrupt", t("ledger.errors.head_mismatch"), {
            hint: t("ledger.hint.verify"),
          });
        this.leaves.push(row.leafHash);
      }
      if (rows.length !== end - from)
        throw new JikimiError("ledger_corrupt", t("ledger.errors.head_mismatch"), {
          hint: t("ledger.hint.verify"),
        });
    }
    this.tree.sync();
  }

  private resetTree(): void {
    // a rolled-back append leaves the in-memory tree ahead of the store: rebuild it from the store
    this.leaves = new HashList();
    this.tree = new MerkleTree(this.leaves);
  }

  /** Number of entries. */
  async size(): Promise<number> {
    return this.deps.store.read(async (tx) => {
      await this.syncTree(tx);
      return this.tree.size;
    });
  }

  /** Root of the first `size` entries (default: all), hex. */
  async root(size?: number): Promise<string> {
    return this.deps.store.read(async (tx) => {
      await this.syncTree(tx);
      return toHex(size === undefined ? this.tree.root() : this.tree.rootAt(size));
    });
  }

  /**
   * Records one release and its subjects atomically; validation errors name the field.
   * @example await ledger.append({ released_at: "2024-05-31T02:00:00Z", agreement: {...}, ... }, subjectKeys)
   */
  async append(
    input: ReleaseInput,
    subjectKeys: Iterable<string>,
    now: Date = new Date(),
  ): Promise<AppendResult> {
    const release = this.validate(input);
    const { hashes, count } = hashAll(this.deps.hasher, subjectKeys);
    return this.appendHashes(release, hashes, count, now);
  }

  /**
   * Records a release whose subjects were already hashed with this ledger's hasher (16 bytes each). With `consume`
   * the caller gives `hashes` up (their bytes are not to be read after): an empty dictionary numbers them in place
   * (SubjectHashSet.take() gives such a buffer), so a first release of millions of subjects holds them once.
   */
  async appendHashes(
    input: ReleaseInput,
    hashes: Uint8Array,
    count: number,
    now: Date = new Date(),
    options: { consume?: boolean } = {},
  ): Promise<AppendResult> {
    const release = this.validate(input);
    return this.commit(release, now, async (tx) => {
      const { indexes, added } = await this.deps.subjects.assign(tx, hashes, count, true, options.consume);
      return { set: setOfIndexes(indexes), added };
    });
  }

  /**
   * Records a release whose distinct subjects were staged on disk, sorted (`SubjectHashSet.sorted()`): a first
   * release numbers them from disk (`SubjectDictionary.numberSorted`, memory flat whatever their number); into a
   * dictionary that holds subjects they are looked up a piece at a time in the loaded table (`assignSorted`). The
   * entry is the one `appendHashes` records for the same subjects.
   */
  async appendSorted(
    input: ReleaseInput,
    sorted: SortedHashes,
    now: Date = new Date(),
  ): Promise<AppendResult> {
    const release = this.validate(input);
    return this.commit(release, now, async (tx) => {
      const first = await this.deps.subjects.numberSorted(tx, sorted);
      if (first !== undefined) {
        const set = new RoaringBitmap32();
        set.addRange(0, first);
        return { set, added: first };
      }
      const { indexes, added } = await this.deps.subjects.assignSorted(tx, sorted);
      return { set: setOfIndexes(indexes), added };
    });
  }

  /**
   * Records a release whose subjects are given as dictionary indexes (bulk import of history, benchmarks);
   * every index must already be in the dictionary.
   */
  async appendIndexed(
    input: ReleaseInput,
    set: RoaringBitmap32,
    now: Date = new Date(),
  ): Promise<AppendResult> {
    const release = this.validate(input);
    return this.commit(release, now, async (tx) => {
      const known = await this.deps.subjects.size(tx);
      if (!set.isEmpty && (set.maximum() ?? 0) >= known)
        throw new JikimiError("unknown_subject_index", t("ledger.errors.unknown_subject_index", { known }));
      return { set, added: 0 };
    });
  }

  /** The time an append at `now` records: the clock, never before the last signed head (head times are monotonic). */
  async recordedAt(now: Date, tx?: LedgerReads): Promise<string> {
    const last = tx ? await tx.lastHead() : await this.deps.store.read((r) => r.lastHead());
    const at = now.toISOString();
    return last && last.time > at ? last.time : at;
  }

  /** Reasons a release of `agreement` at `releasedAt` would be refused without an override (see releaseTimeHolds). */
  async timeHolds(agreement: string, releasedAt: string, now: Date, tx?: LedgerReads): Promise<TimeHold[]> {
    const holds = async (r: LedgerReads) => {
      const [previous] = await r.releaseBodies({ agreement, limit: 1 });
      return releaseTimeHolds(
        releasedAt,
        await this.recordedAt(now, r),
        previous === undefined ? undefined : (JSON.parse(previous) as ReleaseBody).released_at,
        this.deps.backdateDays ?? DEFAULT_BACKDATE_DAYS,
      );
    };
    return tx ? holds(tx) : this.deps.store.read(holds);
  }

  private validate(input: ReleaseInput): Release {
    if (!this.deps.signer)
      throw new JikimiError("ledger_no_signer", t("ledger.errors.no_signer_append"), {
        hint: t("ledger.hint.keys_init"),
      });
    const parsed = ReleaseSchema.safeParse(input);
    if (!parsed.success) {
      throw badRelease(parsed.error);
    }
    return parsed.data;
  }

  /** The dictionary commitment after the subjects added since the last entry. */
  private async dictionaryNow(tx: LedgerReads): Promise<DictionaryCommitment> {
    const last: DictionaryCommitment = {
      size: Number((await tx.meta("dict_size")) ?? 0),
      head: (await tx.meta("dict_head")) ?? ZERO_HEAD,
    };
    const size = await this.deps.subjects.size(tx);
    if (size === last.size) return last;
    // the added hashes digested a piece at a time (a first release of millions is not copied out whole)
    const digest = dictionaryDigest(last.head);
    await this.deps.subjects.eachHashes(tx, last.size, size, (piece) => digest.update(piece));
    return { size, head: digest.digest("hex") };
  }

  /**
   * Appends one entry inside the current transaction: leaf, signed head, dictionary commitment. Refuses when the
   * stored leaves no longer give the last signed root (an edited leaf hash must not be laundered into a new head).
   */
  private async appendBody(
    tx: LedgerWrites,
    build: (seq: number, recordedAt: string, dictionary: DictionaryCommitment) => EntryBody,
    now: Date,
  ) {
    const signer = this.deps.signer as Signer;
    await this.syncTree(tx);
    const seq = this.tree.size;
    const last = await tx.lastHead();
    if ((last?.size ?? 0) !== seq || (last && !hashEquals(this.tree.root(), last.root)))
      throw new JikimiError("ledger_corrupt", t("ledger.errors.head_mismatch"), {
        hint: t("ledger.hint.verify"),
      });
    const recordedAt = await this.recordedAt(now, tx);
    const dictionary = await this.dictionaryNow(tx);
    const body = build(seq, recordedAt, dictionary);
    const bytes = encodeEntry(body);
    if (bytes.length > MAX_ENTRY_BYTES)
      throw new JikimiError(
        "entry_too_large",
        t("ledger.errors.entry_too_large", { bytes: bytes.length, max: MAX_ENTRY_BYTES }),
        { hint: t("ledger.errors.entry_too_large_hint") },
      );
    const leaf = leafHash(bytes);
    this.leaves.push(leaf);
    this.tree.sync();
    const root = this.tree.root();
    const signature = signer.sign(headBytes(seq + 1, root, leaf, recordedAt, signer.keyId));
    await tx.insertHead({
      size: seq + 1,
      root,
      leafHash: leaf,
      time: recordedAt,
      keyId: signer.keyId,
      signature,
    });
    await tx.setMeta({ dict_size: String(dictionary.size), dict_head: dictionary.head });
    return { seq, bytes, leaf, root, recordedAt };
  }

  /** The append transaction: subjects, entry, leaf, signed head; all or nothing. */
  private async commit(
    release: Release,
    now: Date,
    subjectsOf: (tx: LedgerWrites) => Promise<{ set: RoaringBitmap32; added: number }>,
  ): Promise<AppendResult> {
    return this.sequenced(async (tx): Promise<AppendResult> => {
      const recorded = await this.recordedRelease(tx, release.agreement.id, release.release_id, "release");
      if (recorded !== undefined) return recorded;
      const timeHeld = await this.timeHolds(release.agreement.id, release.released_at, now, tx);
      if (timeHeld.length > 0 && release.override === undefined)
        throw new JikimiError("release_time_refused", t("ledger.errors.nothing_recorded"), {
          hint: timeHeld.map(describeHold).join("; "),
        });
      const { set, added } = await subjectsOf(tx);
      const chain = release.agreement.id;
      const previous = await this.sets.head(tx, chain);
      const canonical = canonicalSetBytes(set);
      let body: ReleaseBody | undefined;
      const { seq, bytes, leaf, root, recordedAt } = await this.appendBody(
        tx,
        (seq, recordedAt, dictionary) => {
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
        },
        now,
      );
      const { ord } = await this.sets.store(tx, seq, chain, set, previous, canonical);
      await tx.insertEntry({
        seq,
        body: bytes.toString("utf8"),
        leafHash: leaf,
        releasedAt: release.released_at,
        recordedAt,
        kind: "release",
        agreementId: chain,
        recipientId: release.recipient.id,
        subjectCount: set.size,
        chainOrd: ord,
        summary: summaryOf(body as ReleaseBody),
      });
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
  }

  /**
   * The entry recorded under `releaseId` among the newest of `agreement`: its append result when it is of `kind`
   * (a retried release: nothing more is recorded), `release_id_recorded` when it is of another kind, undefined
   * when there is none (or no id). The entry's body must still give its leaf, and the leaves the last signed head.
   */
  private async recordedRelease(
    tx: LedgerReads,
    agreement: string,
    releaseId: string | undefined,
    kind: "release" | "hold",
  ): Promise<AppendResult | undefined> {
    if (releaseId === undefined) return undefined;
    for (const row of await tx.entries({ agreement, limit: RELEASE_ID_WINDOW })) {
      const body = parseBody(row.body);
      if (body === undefined || body.kind === "prune" || body.release_id !== releaseId) continue;
      if (body.kind !== kind)
        throw new JikimiError(
          "release_id_recorded",
          t("ledger.errors.release_id_recorded", { seq: row.seq, kind: body.kind }),
          { details: { seq: row.seq, kind: body.kind } },
        );
      await this.assertIntact(tx);
      const leaf = row.seq < this.tree.size ? this.leaves.get(row.seq) : undefined;
      if (leaf === undefined || !hashEquals(leafHash(Buffer.from(row.body, "utf8")), leaf))
        throw new JikimiError("ledger_corrupt", t("ledger.errors.body_not_leaf", { seq: row.seq }), {
          hint: t("ledger.hint.verify"),
        });
      return {
        seq: row.seq,
        size: row.seq + 1,
        root: toHex(this.tree.rootAt(row.seq + 1)),
        leafHash: toHex(leaf),
        subjects: body.kind === "release" ? body.subjects.count : 0,
        newSubjects: 0,
        recordedAt: body.recorded_at,
      };
    }
    return undefined;
  }

  /** Runs a write transaction on the store's sequencer; a rolled-back append leaves the tree to be rebuilt. */
  private async sequenced<T>(work: (tx: LedgerWrites) => Promise<T>): Promise<T> {
    try {
      return await this.deps.store.write(work);
    } catch (error) {
      this.resetTree();
      if (error instanceof JikimiError && error.code === "store_busy")
        throw new JikimiError("ledger_busy", t("ledger.errors.busy"), {
          cause: error,
          hint: t("ledger.errors.busy_hint"),
        });
      throw error;
    }
  }

  /**
   * Prunes the releases recorded before `before` (an ISO time), past a retention of at least 3 years, by
   * appending a signed prune event that lists them; their bodies, sets and change rows go, their leaves stay.
   * @example await ledger.prune("2019-01-01T00:00:00Z", { rule: "5y", days: 1826 }, new Date(), "dpo")
   */
  async prune(
    before: string,
    retention: { rule: string; days: number },
    now: Date,
    operator: string,
  ): Promise<{
    pruned: number;
    seq?: number;
  }> {
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
    return this.sequenced(async (tx) => {
      // recorded_at is monotonic in seq, so the victims are a prefix of the log and of every chain
      const victims = await tx.pruneCandidates(before);
      if (victims.length === 0) return { pruned: 0 };
      const lastOf = new Map<string, number>();
      for (const v of victims) lastOf.set(v.chain, v.seq);
      const steps = await this.dictionarySteps(tx, new Set(victims.map((v) => v.seq)));
      const bases = new Map<number, Buffer>();
      const wanted = new Set(lastOf.values());
      for await (const r of this.sets.replay(tx))
        if (wanted.has(r.seq)) bases.set(r.seq, canonicalSetBytes(r.set));
      const ords = new Map<number, number>();
      for (const s of lastOf.values()) ords.set(s, (await tx.chainOrd(s)) ?? 0);
      const { seq, bytes, leaf, recordedAt } = await this.appendBody(
        tx,
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
            releases: (ords.get(s) ?? 0) + 1,
          })),
          dictionary_steps: steps,
          operator,
          dictionary,
        }),
        now,
      );
      await tx.insertEntry({
        seq,
        body: bytes.toString("utf8"),
        leafHash: leaf,
        releasedAt: recordedAt,
        recordedAt,
        kind: "prune",
        agreementId: "",
        recipientId: "",
        subjectCount: 0,
        chainOrd: 0,
      });
      for (const v of victims) await tx.pruneEntry(v.seq, recordedAt, bases.get(v.seq));
      for (const [chain, s] of lastOf) await tx.rebaseChain(chain, s);
      await tx.dropUnusedSummaries();
      return { pruned: victims.length, seq };
    });
  }

  /**
   * Records a held release as a signed hold entry: what it would have been, why it was held and what the run had
   * counted. No subject set, no file and no receipt go with it; the guards (growth, per day, time) read releases
   * only, so a hold never counts as the previous release.
   * @example await ledger.recordHold({ ...declared, holds: [{ code: "max_subjects", measured: 1200, limit: 1000 }], subjects: 1200, rows, operator: "ops", channel: "gateway" }, new Date())
   */
  async recordHold(input: Hold, now: Date): Promise<Omit<AppendResult, "subjects" | "newSubjects">> {
    if (!this.deps.signer)
      throw new JikimiError("ledger_no_signer", t("ledger.errors.no_signer_append"), {
        hint: t("ledger.hint.keys_init"),
      });
    const parsed = HoldSchema.safeParse(input);
    if (!parsed.success) {
      throw badRelease(parsed.error);
    }
    const hold = parsed.data;
    return this.sequenced(async (tx) => {
      const recorded = await this.recordedRelease(tx, hold.agreement.id, hold.release_id, "hold");
      if (recorded !== undefined)
        return {
          seq: recorded.seq,
          size: recorded.size,
          root: recorded.root,
          leafHash: recorded.leafHash,
          recordedAt: recorded.recordedAt,
        };
      const { seq, bytes, leaf, root, recordedAt } = await this.appendBody(
        tx,
        (seq, recordedAt, dictionary): HoldBody => ({
          format: ENTRY_FORMAT,
          kind: "hold",
          seq,
          ...hold,
          recorded_at: recordedAt,
          dictionary,
        }),
        now,
      );
      await tx.insertEntry({
        seq,
        body: bytes.toString("utf8"),
        leafHash: leaf,
        releasedAt: hold.released_at,
        recordedAt,
        kind: "hold",
        agreementId: hold.agreement.id,
        recipientId: hold.recipient.id,
        subjectCount: hold.subjects,
        chainOrd: 0,
      });
      return { seq, size: seq + 1, root: toHex(root), leafHash: toHex(leaf), recordedAt };
    });
  }

  /** [seq, size] of the entries about to be pruned whose dictionary commitment grew (verify chains through them). */
  private async dictionarySteps(tx: LedgerReads, victims: ReadonlySet<number>): Promise<[number, number][]> {
    const steps: [number, number][] = [];
    let size = 0;
    for await (const row of tx.bodiesThrough(Math.max(-1, ...victims))) {
      const d = (JSON.parse(row.body) as EntryBody).dictionary;
      if (victims.has(row.seq) && d.size > size) steps.push([row.seq, d.size]);
      size = Math.max(size, d.size);
    }
    return steps;
  }

  /** One entry as stored, or undefined when there is no such entry. */
  async entry(seq: number): Promise<StoredEntry | undefined> {
    const row = await this.deps.store.read((tx) => tx.entry(seq));
    return row ? storedEntry(row) : undefined;
  }

  /**
   * The entry (release or hold) of `agreement` recorded with `releaseId`, among its newest few (a distributed
   * release's id: see `release_id`), or undefined.
   */
  async entryOfRelease(agreement: string, releaseId: string): Promise<StoredEntry | undefined> {
    const rows = await this.deps.store.read((tx) => tx.entries({ agreement, limit: RELEASE_ID_WINDOW }));
    return rows
      .map(storedEntry)
      .find((e) => (e.body as { release_id?: string } | undefined)?.release_id === releaseId);
  }

  /** Entries (releases, prune events, pruned entries), newest first, optionally of one agreement. */
  async entries(
    options: { agreement?: string | undefined; limit?: number; before?: number } = {},
  ): Promise<StoredEntry[]> {
    const rows = await this.deps.store.read((tx) =>
      tx.entries({ agreement: options.agreement, before: options.before, limit: options.limit ?? 100 }),
    );
    return rows.map(storedEntry);
  }

  /**
   * The first `size` entries' bodies (undefined where pruned), each checked against its stored leaf hash, and the
   * tree root their leaves give: a caller that compares the root with a signed checkpoint's of the same size
   * knows every body is the one the log signed. A body whose hash is not its leaf's is `ledger_corrupt`.
   * @example const { bodies, root } = await ledger.provenBodies(2300); // compare root with the checkpoint's
   */
  async provenBodies(size: number): Promise<{ bodies: (EntryBody | undefined)[]; root: string }> {
    const rows = await this.deps.store.read((tx) => tx.bodyRows(0, size));
    if (rows.length !== size)
      throw new JikimiError("bad_size", t("ledger.errors.bad_size", { size, count: rows.length }));
    const bodies: (EntryBody | undefined)[] = [];
    const leaves: Uint8Array[] = [];
    for (const row of rows) {
      if (row.body !== "" && !hashEquals(leafHash(Buffer.from(row.body, "utf8")), row.leafHash))
        throw new JikimiError("ledger_corrupt", t("ledger.errors.body_not_leaf", { seq: row.seq }), {
          hint: t("ledger.hint.verify"),
        });
      bodies.push(parseBody(row.body));
      leaves.push(row.leafHash);
    }
    return { bodies, root: toHex(computeRoot(leaves)) };
  }

  /**
   * Release `seq`'s body, checked against its leaf in the tree the last signed head covers (`ledger_corrupt` when
   * the stored body or leaves were changed); undefined for a prune event or a pruned release.
   * @example const body = await ledger.provenRelease(41); // body.recipient.name
   */
  async provenRelease(seq: number): Promise<ReleaseBody | undefined> {
    return this.intact(async (tx) => {
      const row = await tx.entry(seq);
      if (row === undefined || row.body === "" || seq >= this.tree.size) return undefined;
      if (!hashEquals(leafHash(Buffer.from(row.body, "utf8")), this.leaves.get(seq)))
        throw new JikimiError("ledger_corrupt", t("ledger.errors.body_not_leaf", { seq }), {
          hint: t("ledger.hint.verify"),
        });
      const body = parseBody(row.body);
      return body?.kind === "release" ? body : undefined;
    });
  }

  /** The releases still held in full (not pruned), newest first, optionally of one agreement: what guards read. */
  async releases(options: { agreement?: string; limit?: number } = {}): Promise<ReleaseBody[]> {
    const bodies = await this.deps.store.read((tx) =>
      tx.releaseBodies({ agreement: options.agreement, limit: options.limit ?? 100 }),
    );
    return bodies.map((b) => JSON.parse(b) as ReleaseBody);
  }

  /** The subject dictionary's table as stored now, for lookups on worker threads (valid until the next append). */
  async sharedSubjects(): Promise<SharedDictionary> {
    return this.deps.store.read((tx) => this.deps.subjects.shared(tx));
  }

  /** The dictionary indexes of `count` 16-byte subject hashes (NOT_FOUND for a subject never recorded); adds none. */
  async indexesOf(hashes: Uint8Array, count: number): Promise<Uint32Array> {
    return (await this.deps.store.read((tx) => this.deps.subjects.assign(tx, hashes, count, false))).indexes;
  }

  /**
   * The subject's dictionary index and the runs of entries [from, to) of each chain whose sets contain it, or
   * undefined for a subject never recorded. A run opens at the chain's first stored set (its first release, or its
   * pruned base) when the subject is in it, and at each change row where the subject entered; it closes where the
   * subject left. The index, the chains' starts and the change rows come in one read (no chain heads: a head is a
   * chain's whole last set, hundreds of kilobytes for a large chain, and reading it was most of a history's time).
   */
  private async membership(
    tx: LedgerReads,
    subjectKey: string,
  ): Promise<{ idx: number; ranges: [string, number, number][] } | undefined> {
    const member = await this.deps.subjects.member(tx, this.deps.hasher.hashMany([subjectKey]));
    if (member === undefined || member.subject === NOT_FOUND) return undefined;
    const idx = member.subject;
    const ranges: [string, number, number][] = [];
    for (const { chain, firstSeq } of member.chains) {
      // a first set is immutable for its (chain, first seq): cached, and read again once a prune moves the start
      let inside = (await this.sets.first(tx, chain, firstSeq)).has(idx);
      let start = firstSeq;
      for (const c of member.changes) {
        if (c.chain !== chain) continue;
        if (inside) ranges.push([chain, start, c.seq]);
        else start = c.seq;
        inside = !inside;
      }
      if (inside) ranges.push([chain, start, Number.MAX_SAFE_INTEGER]);
    }
    return { idx, ranges };
  }

  /**
   * A receipt for one person (receipts/receipt.ts): every release held in full that contained them, proven against
   * a checkpoint, bound to them by a salted commitment; undefined for a subject never released. The checkpoint is
   * one signed now, or `checkpoint`: a note of this log (e.g. cosigned by witnesses) whose root the log still gives;
   * releases after it are skipped. Refuses when a stored set no longer gives the receipts root its entry signed.
   * @example const issued = await ledger.receipt("HB0000000042", { origin: state.origin, signer: state.noteSigner() });
   */
  async receipt(
    subjectKey: string,
    options: { origin: string; signer: NoteSigner; checkpoint?: string | undefined },
  ): Promise<IssuedReceipt | undefined> {
    return this.deps.store.read(async (tx): Promise<IssuedReceipt | undefined> => {
      const member = await this.membership(tx, subjectKey);
      if (member === undefined) return undefined;
      const idx = member.idx;
      await this.assertIntact(tx);
      const checkpoint = options.checkpoint ?? this.noteOfTree(options.origin, options.signer);
      const size =
        options.checkpoint === undefined ? this.tree.size : this.checkpointSize(options.checkpoint);
      // a pruned entry keeps no agreement: only a chain's pruned base can open a run, and it is listed as skipped
      const seqs: { seq: number; chain: string }[] = [];
      for (const [chain, from, to] of member.ranges)
        for (const seq of await tx.releaseSeqs(chain, from, to, from)) seqs.push({ seq, chain });
      if (seqs.length === 0) return undefined;
      seqs.sort((a, b) => a.seq - b.seq);
      const issued = await issueReceipt({
        tx,
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
  }

  /** The size of a checkpoint note of this log, refused unless the stored log gives its root at that size. */
  private checkpointSize(note: string): number {
    let body: ReturnType<typeof parseCheckpoint>;
    try {
      body = parseCheckpoint(note.slice(0, note.lastIndexOf("\n\n") + 1));
    } catch (cause) {
      throw new JikimiError("bad_checkpoint", t("ledger.errors.not_a_checkpoint_note"), { cause });
    }
    if (body.size > this.tree.size || !hashEquals(this.tree.rootAt(body.size), body.root))
      throw new JikimiError("bad_checkpoint", t("ledger.errors.checkpoint_not_of_log", { size: body.size }));
    return body.size;
  }

  /**
   * Every release that contained the subject, oldest first; [] for a subject never released.
   * @example (await ledger.subjectHistory("HB0000000042")).map((r) => `${r.released_at} ${r.recipient}`)
   */
  async subjectHistory(subjectKey: string): Promise<SubjectRelease[]> {
    return this.deps.store.read(async (tx) => {
      const member = await this.membership(tx, subjectKey);
      if (member === undefined || member.ranges.length === 0) return [];
      const size = await this.released.sync(tx);
      const items = this.released.all(member.ranges, size);
      const terms = await this.termsOf(tx, items);
      return items.map((r) => ({
        seq: r.seq,
        released_at: r.releasedAt,
        recorded_at: r.recordedAt,
        ...terms(r.summaryId, r.seq),
      }));
    });
  }

  /**
   * A subject's history as an answer to the person (Credit Information Act Art. 35, GDPR Art. 15): every release
   * counted per terms, and the newest `limit` releases below seq `before`; count 0 and no groups for a subject never
   * released or unknown. Read in one snapshot, and as quick for years of a daily feed as for one release.
   * @example const { groups, releases, next_before } = await ledger.subjectOverview("HB0000000042", { limit: 20 });
   */
  async subjectOverview(
    subjectKey: string,
    page: { before?: number | undefined; limit: number },
  ): Promise<SubjectOverview> {
    return this.deps.store.read(async (tx) => {
      const member = await this.membership(tx, subjectKey);
      if (member === undefined || member.ranges.length === 0)
        return { count: 0, groups: [], releases: [], next_before: null };
      const limit = Math.max(0, Math.floor(page.limit));
      const size = await this.released.sync(tx);
      const counts = this.released.counts(member.ranges, size);
      const items = this.released.newest(member.ranges, Math.min(page.before ?? size, size), limit);
      const terms = await this.termsOf(
        tx,
        counts.map((g) => ({ seq: g.firstSeq, summaryId: g.summaryId })),
      );
      const groups = counts.map((g) => ({
        ...terms(g.summaryId, g.firstSeq),
        count: g.count,
        first_seq: g.firstSeq,
        last_seq: g.lastSeq,
        first_released_at: g.firstReleasedAt,
        last_released_at: g.lastReleasedAt,
      }));
      const place = new Map(counts.map((g, i) => [g.summaryId, i]));
      const releases = items.map((r) => ({
        seq: r.seq,
        released_at: r.releasedAt,
        recorded_at: r.recordedAt,
        group: place.get(r.summaryId) as number,
      }));
      const oldest = releases.at(-1)?.seq;
      const more =
        oldest !== undefined && releases.length === limit && groups.some((g) => g.first_seq < oldest);
      return {
        count: groups.reduce((n, g) => n + g.count, 0),
        groups,
        releases,
        next_before: more ? oldest : null,
      };
    });
  }

  /** The parsed summaries the items name, as a lookup that refuses a summary the store does not hold. */
  private async termsOf(
    tx: LedgerReads,
    items: readonly { seq: number; summaryId: number }[],
  ): Promise<(summaryId: number, seq: number) => Summary> {
    const texts = await this.released.summaries(
      tx,
      items.map((i) => i.summaryId),
    );
    const parsed = new Map<number, Summary>();
    return (id, seq) => {
      let summary = parsed.get(id);
      if (summary === undefined) {
        const text = texts.get(id);
        if (text === undefined)
          throw new JikimiError("ledger_corrupt", t("ledger.errors.no_summary", { seq }), {
            hint: t("ledger.hint.verify"),
          });
        summary = JSON.parse(text) as Summary;
        parsed.set(id, summary);
      }
      return summary;
    };
  }

  /**
   * Refuses to answer from stored leaf hashes  /**
   * Refuses to answer from stored leaf hashes that no longer give the last signed root: a checkpoint or a proof
   * is only ever made over what a signed tree head already covers.
   */
  private async assertIntact(tx: LedgerReads): Promise<void> {
    await this.syncTree(tx);
    const last = await tx.lastHead();
    if ((last?.size ?? 0) !== this.tree.size || (last && !hashEquals(this.tree.root(), last.root)))
      throw new JikimiError("ledger_corrupt", t("ledger.errors.leaves_not_head"), {
        hint: t("ledger.hint.verify"),
      });
  }

  /** Runs `work` over the tree once the stored leaves are known to give the last signed head. */
  private intact<T>(work: (tx: LedgerReads) => T | Promise<T>): Promise<T> {
    return this.deps.store.read(async (tx) => {
      await this.assertIntact(tx);
      return work(tx);
    });
  }

  /** A signed checkpoint of the whole log now. */
  async checkpoint(now: Date = new Date()): Promise<Checkpoint> {
    const signer = this.deps.signer;
    if (!signer)
      throw new JikimiError("ledger_no_signer", t("ledger.errors.no_signer_checkpoint"), {
        hint: t("ledger.hint.keys_init"),
      });
    return this.intact(() =>
      signCheckpoint(signer, this.deps.log, this.tree.size, toHex(this.tree.root()), now.toISOString()),
    );
  }

  private noteOfTree(origin: string, signer: NoteSigner): string {
    const size = this.tree.size;
    return signNote(checkpointText({ origin, size, root: this.tree.rootAt(size), extensions: [] }), [signer]);
  }

  /**
   * A checkpoint of the whole log as a signed note (c2sp.org/tlog-checkpoint): origin, size, base64 root.
   * @example await ledger.checkpointNote("ledger.hanbitpay.example/nsf", logNoteSigner(key, origin))
   */
  async checkpointNote(origin: string, signer: NoteSigner): Promise<string> {
    return this.intact(() => this.noteOfTree(origin, signer));
  }

  /** Inclusion proof of entry `seq` in the tree of `size` entries (default: all), hex hashes. */
  async inclusionProof(
    seq: number,
    size?: number,
  ): Promise<{ seq: number; size: number; leaf: string; root: string; proof: string[] }> {
    return this.intact(() => {
      const n = size ?? this.tree.size;
      if (!(seq >= 0 && seq < n && n <= this.tree.size))
        throw new JikimiError("no_such_entry", t("ledger.errors.no_such_entry", { seq, count: n }));
      return {
        seq,
        size: n,
        leaf: toHex(this.leaves.get(seq)),
        root: toHex(this.tree.rootAt(n)),
        proof: this.tree.inclusionProof(seq, n).map(toHex),
      };
    });
  }

  /** Consistency proof from `size1` entries to `size2` (default: all). */
  async consistencyProof(
    size1: number,
    size2?: number,
  ): Promise<{ size1: number; size2: number; root1: string; root2: string; proof: string[] }> {
    return this.intact(() => {
      const n = size2 ?? this.tree.size;
      if (!(size1 >= 0 && size1 <= n && n <= this.tree.size))
        throw new JikimiError("bad_size", t("ledger.errors.bad_size", { size: size1, count: n }));
      return {
        size1,
        size2: n,
        root1: toHex(this.tree.rootAt(size1)),
        root2: toHex(this.tree.rootAt(n)),
        proof: this.tree.consistencyProof(size1, n).map(toHex),
      };
    });
  }
}

function storedEntry(row: EntryView): StoredEntry {
  const body = parseBody(row.body);
  return {
    seq: row.seq,
    kind: row.kind,
    ...(body ? { body } : {}),
    ...(row.prunedAt ? { prunedAt: row.prunedAt } : {}),
  };
}
