// full verification of the ledger: recompute every leaf, running root and signed tree head; check every stored
// column against the signed body it duplicates; accept an empty body only where a signed prune event, past
// retention, lists it; rebuild the subject sets, chains, change index, summaries and dictionary that per-subject
// answers are read from; given the receipts key, recompute every release's receipts root from its set (what a
// person's receipt proves against); and prove the log only grew since a regulator's checkpoint. The first entry
// that was changed, removed, reordered or inserted is named, and every problem names its table and column. An
// incremental verify (`since`, a state an earlier verify established) reads the sets, change rows and dictionary
// records of the entries appended since; everything else as in full.

import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { t } from "../i18n/index.js";
import type { EntryRow, HeadRow, LedgerReads, LedgerStore } from "../ports/ledger.js";
import type { StoreLocator } from "../ports/state-store.js";
import { type Checkpoint, checkpointSignatureValid, headBytes } from "./checkpoint.js";
import {
  ENTRY_FORMAT,
  type EntryBody,
  type PruneBody,
  type ReleaseBody,
  rangeMembers,
  scopeDigest,
} from "./entry.js";
import { HashList, hashEquals, leafHash, MerkleTree, toHex } from "./merkle/index.js";
import { checkStoredCheckpoints } from "./verify/checkpoints.js";
import type { DictionaryStep } from "./verify/dictionary.js";
import { type Problem, Problems } from "./verify/problems.js";
import { type SideResult, startSideChecks } from "./verify/side.js";
import { type ReceiptsCount, verifySubjects } from "./verify/subjects.js";

export type { Problem, ProblemKind } from "./verify/problems.js";

export interface VerifyReport {
  ok: boolean;
  size: number;
  root: string;
  problems: Problem[];
  against?: { size: number; root: string; consistent: boolean };
  /** releases whose receipts roots were recomputed, and those left unchecked for want of the receipts key */
  receipts?: ReceiptsCount;
  /**
   * an incremental verify (`since`): the first entry whose sets, change rows and dictionary records were read
   * (0 when a prune event since the verified state made it verify in full); every entry, leaf and head is
   * still checked
   */
  from?: number;
}

/**
 * What a passing verify established, kept by the verifier where the ledger's operators cannot write (as a
 * regulator keeps a checkpoint): the log's size and root then. The next verify starts from it.
 */
export interface VerifiedState {
  size: number;
  /** hex */
  root: string;
}

/** Extra checks a caller can plug in (the consent registry's, which lives above the ledger). */
export interface VerifyOptions {
  against?: Checkpoint | undefined;
  /** a size and hex root from a checkpoint whose signature the caller verified (a signed note and its vkey) */
  anchor?: { size: number; root: string; label: string } | undefined;
  /**
   * an incremental verify: the state an earlier passing verify established (its size and root). The log must
   * extend it; the entries, leaves, signed heads, columns and checkpoints are checked from the first entry (they
   * are small), the subject sets, change rows and dictionary records only from `since.size` on, each chain
   * starting from its set before that (checked against its signed digest). What was stored for entries before
   * it is left to a full verify. A prune event since then rewrote older rows: the verify is then in full.
   */
  since?: (VerifiedState & { label: string }) | undefined;
  /**
   * checks each release's consent commitment and the registry's own chain; returns problems. It runs once the
   * ledger's read has ended, so it may open its own read of the same database. An incremental verify passes only
   * the releases from its first replayed entry on.
   */
  consent?: (releases: ReadonlyMap<number, ReleaseBody>) => Problem[] | Promise<Problem[]>;
  /**
   * each entry's receipts key (the ledger-subjects key's SubjectHasher.receiptKey): every receipts root is then
   * recomputed from its stored set; without it they are counted as unchecked
   */
  receiptKey?: ((seq: number) => Uint8Array) | undefined;
  /**
   * which receipts roots to recompute given the key: the last release of each agreement (default; a root costs
   * about 46 ns per member), or every release
   */
  receipts?: "latest" | "all";
  /** the witnesses' cosigner vkeys: the cosignatures kept beside the log are verified under them */
  witnesses?: readonly string[];
  /**
   * where the store is (StateStore.locator): the change rows and the dictionary are then checked on a worker
   * thread with its own read-only connection, beside the set replay; without it they are checked in line
   */
  locator?: StoreLocator | undefined;
}

/** The ledger_entries columns that duplicate a body field, by the name problems give them. */
const FIELD = {
  kind: "kind",
  released_at: "releasedAt",
  recorded_at: "recordedAt",
  agreement_id: "agreementId",
  recipient_id: "recipientId",
  subject_count: "subjectCount",
  chain_ord: "chainOrd",
  summary_id: "summaryId",
} as const satisfies Record<string, keyof EntryRow>;
type Column = keyof typeof FIELD;
type Columns = Partial<Record<Column, string | number | null>>;

/** Each stored column that differs from what `want` says it must hold. */
function differing(row: EntryRow, want: Columns): Column[] {
  return (Object.keys(want) as Column[]).filter((c) => row[FIELD[c]] !== want[c]);
}

/** Public keys by key id: the ledger-signing keys the verifier trusts. */
export type TrustedKeys = ReadonlyMap<string, string>;

const DAY_MS = 86_400_000;
const TREE_KINDS = new Set([
  "changed",
  "removed",
  "inserted",
  "reordered",
  "truncated",
  "unsigned",
  "bad_signature",
]);

function classify(f: number, leaves: Uint8Array[], heads: HeadRow[]): Problem {
  const at = (i: number) => heads[i]?.leafHash;
  const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
    a !== undefined && b !== undefined && hashEquals(a, b);
  const nowIsNext = same(leaves[f], at(f + 1));
  const nextIsNow = same(leaves[f + 1], at(f));
  const place = "ledger_entries.body";
  if (nowIsNext && nextIsNow)
    return {
      kind: "reordered",
      seq: f,
      place,
      message: t("ledger.verify.reordered", { seq: f, next: f + 1 }),
    };
  if (nowIsNext)
    return {
      kind: "removed",
      seq: f,
      place,
      message: t("ledger.verify.removed", { seq: f, next: f + 1 }),
    };
  if (nextIsNow)
    return {
      kind: "inserted",
      seq: f,
      place,
      message: t("ledger.verify.inserted", { seq: f, next: f + 1 }),
    };
  return { kind: "changed", seq: f, place, message: t("ledger.verify.changed", { seq: f }) };
}

/** The columns that duplicate a body field, and what the body says they must hold. */
function expectedColumns(body: EntryBody): Columns {
  if (body.kind === "prune")
    return {
      kind: "prune",
      released_at: body.recorded_at,
      recorded_at: body.recorded_at,
      agreement_id: "",
      recipient_id: "",
      subject_count: 0,
      chain_ord: 0,
      summary_id: null,
    };
  if (body.kind === "hold")
    return {
      kind: "hold",
      released_at: body.released_at,
      recorded_at: body.recorded_at,
      agreement_id: body.agreement.id,
      recipient_id: body.recipient.id,
      subject_count: body.subjects,
      chain_ord: 0,
      summary_id: null,
    };
  return {
    kind: "release",
    released_at: body.released_at,
    recorded_at: body.recorded_at,
    agreement_id: body.agreement.id,
    recipient_id: body.recipient.id,
    subject_count: body.subjects.count,
  };
}

/**
 * Verifies the whole log in one read of `store`; `keys` holds the trusted public keys.
 * @example const report = await verifyLedger(state.ledger, trusted, { against: checkpoint, locator: state.locator });
 * if (!report.ok) console.log(report.problems[0]);
 */
export async function verifyLedger(
  store: LedgerStore,
  keys: TrustedKeys,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const problems = new Problems();
  const held = await store.read((tx) => verifyHeld(tx, keys, options, problems));
  const { leaves, tree, first, receipts, from } = held;
  // after the ledger's read: the consent check reads the same database in a read of its own
  if (options.consent) {
    const releases = new Map([...held.releases].filter(([seq]) => seq >= from));
    for (const p of await options.consent(releases)) problems.add(p);
  }
  const root = toHex(tree.root());
  let checked: VerifyReport["against"];
  const against = options.against;
  // a JSON checkpoint is verified here; a signed-note checkpoint was opened by the caller with its vkey
  let anchor = options.anchor;
  if (against) {
    const key = keys.get(against.key_id);
    if (!key || !checkpointSignatureValid(against, key))
      problems.add({
        kind: "checkpoint_forged",
        message: t("ledger.verify.checkpoint_forged"),
      });
    else
      anchor = {
        size: against.size,
        root: against.root,
        label: t("ledger.verify.checkpoint_of", { time: against.time }),
      };
  }
  // the log must extend the regulator's checkpoint and the verified state an incremental verify starts from
  for (const a of [anchor, options.since]) {
    if (!a) continue;
    const consistent = a.size <= leaves && toHex(tree.rootAt(a.size)) === a.root;
    // the report's `against` is the checkpoint's when there is one
    if (a === anchor || !anchor) checked = { size: a.size, root: a.root, consistent };
    if (a.size > leaves)
      problems.add({
        kind: "truncated",
        seq: leaves,
        message: t("ledger.verify.anchor_truncated", { label: a.label, count: a.size, size: leaves }),
      });
    else if (!consistent)
      problems.add({
        kind: "checkpoint_mismatch",
        ...(first === undefined ? {} : { seq: first }),
        message:
          first === undefined
            ? t("ledger.verify.anchor_mismatch", { count: a.size, label: a.label })
            : t("ledger.verify.anchor_mismatch_from", { count: a.size, label: a.label, first }),
      });
  }
  // first by entry; at one entry, what the signed tree says (changed, removed, ...) before what follows from it
  const rank = (p: Problem) => (TREE_KINDS.has(p.kind) ? 0 : 1);
  const sorted = [...problems.list].sort(
    (a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER) || rank(a) - rank(b),
  );
  return {
    ok: problems.size === 0,
    size: leaves,
    root,
    problems: sorted,
    ...(checked ? { against: checked } : {}),
    ...(receipts.checked + receipts.unchecked > 0 ? { receipts } : {}),
    ...(options.since ? { from } : {}),
  };
}

/** What one read of the store establishes: the tree over every leaf, the held releases, the first divergence. */
interface Held {
  leaves: number;
  tree: MerkleTree;
  releases: Map<number, ReleaseBody>;
  first: number | undefined;
  receipts: ReceiptsCount;
  /** the first entry whose sets, change rows and dictionary records were read */
  from: number;
}

/** Every check that reads the ledger's tables, inside one read. */
async function verifyHeld(
  tx: LedgerReads,
  keys: TrustedKeys,
  options: VerifyOptions,
  problems: Problems,
): Promise<Held> {
  const leaves: Uint8Array[] = [];
  const releases = new Map<number, ReleaseBody>();
  const storedOrd = new Map<number, number>();
  const prunes: PruneBody[] = [];
  const emptied: EntryRow[] = [];
  const commitments: DictionaryStep[] = [];
  let expected = 0;
  for await (const row of tx.allEntries()) {
    if (row.seq !== expected && !problems.has("removed"))
      problems.add({
        kind: "removed",
        seq: expected,
        place: "ledger_entries.seq",
        message: t("ledger.verify.missing", { seq: expected }),
      });
    expected = row.seq + 1;
    if (row.body === "") {
      // no body left to hash: the stored leaf stands in, bound by its signed head; a prune event must list it
      leaves.push(new Uint8Array(row.leafHash));
      emptied.push(row);
      continue;
    }
    const leaf = leafHash(Buffer.from(row.body, "utf8"));
    leaves.push(leaf);
    if (!hashEquals(leaf, row.leafHash))
      problems.add({
        kind: "column_changed",
        seq: row.seq,
        place: "ledger_entries.leaf_hash",
        message: t("ledger.verify.leaf_hash", { seq: row.seq }),
      });
    let body: EntryBody;
    try {
      body = JSON.parse(row.body) as EntryBody;
    } catch {
      continue; // the leaf check below names it
    }
    if (body.format !== ENTRY_FORMAT || body.seq !== row.seq) {
      problems.add({
        kind: "unsupported_format",
        seq: row.seq,
        place: "ledger_entries.body",
        message: t("ledger.verify.unsupported_format", { seq: row.seq, format: ENTRY_FORMAT }),
      });
      continue;
    }
    if (body.kind === "release") {
      releases.set(row.seq, body);
      storedOrd.set(row.seq, row.chainOrd);
      if (body.scope && scopeDigest(body.scope) !== body.scope.digest)
        problems.add({
          kind: "scope_changed",
          seq: row.seq,
          place: "ledger_entries.body",
          message: t("ledger.verify.scope_changed", { seq: row.seq }),
        });
    } else if (body.kind === "prune") prunes.push(body);
    commitments.push({ seq: row.seq, size: body.dictionary.size, head: body.dictionary.head });
    // a prune event's summary_id is checked with the summaries
    for (const column of differing(row, expectedColumns(body)).filter((c) => c !== "summary_id"))
      problems.add({
        kind: "column_changed",
        seq: row.seq,
        place: `ledger_entries.${column}`,
        message: t("ledger.verify.column_changed", { column, seq: row.seq }),
      });
    if (row.prunedAt !== null)
      problems.add({
        kind: "column_changed",
        seq: row.seq,
        place: "ledger_entries.pruned_at",
        message: t("ledger.verify.marked_pruned", { seq: row.seq }),
      });
  }
  const positions = chainPositions(releases, storedOrd, prunes, problems);

  const heads: HeadRow[] = [];
  for await (const head of tx.heads()) heads.push(head);
  // pruned entries' commitments survive as the steps their prune events list
  for (const p of prunes) for (const [seq, size] of p.dictionary_steps ?? []) commitments.push({ seq, size });
  commitments.sort((a, b) => a.seq - b.seq);
  // an incremental verify replays from the verified state, unless a prune event since rewrote older rows
  let from = Math.min(options.since?.size ?? 0, leaves.length);
  if (prunes.some((p) => p.seq >= from)) from = 0;
  // the change rows and the dictionary are checked beside the tree and the set replay (a worker thread)
  const side = await startSideChecks(tx, commitments, options.locator, from);
  const first = checkTree(leaves, heads, keys, releases, prunes, problems);
  checkPruned(emptied, prunes, heads, problems);
  let sideDone: Promise<SideResult> | undefined;
  const waitSide = (): Promise<SideResult> => {
    sideDone ??= side().then((result) => {
      for (const p of result.problems) problems.add(p);
      return result;
    });
    return sideDone;
  };
  const latest = new Map<string, number>();
  for (const [seq, body] of releases)
    latest.set(body.agreement.id, Math.max(seq, latest.get(body.agreement.id) ?? -1));
  const sampled = new Set(latest.values());
  const receipts = await verifySubjects(
    tx,
    {
      releases,
      prunes,
      ...positions,
      changes: async () => (await waitSide()).changes,
      receiptKey: options.receiptKey,
      ...(options.receipts === "all" ? {} : { receiptsOf: (seq: number) => sampled.has(seq) }),
      from,
    },
    problems,
  );
  await waitSide();

  const tree = new MerkleTree(HashList.of(leaves));
  tree.sync();
  await checkStoredCheckpoints(
    tx,
    leaves.length,
    (size) => tree.rootAt(size),
    [...keys.values()],
    options.witnesses ?? [],
    problems,
  );
  return { leaves: leaves.length, tree, releases, first, receipts, from };
}

/**
 * Positions in their chains: a chain's held releases count on from the releases its latest pruned base had;
 * the base itself sits at one less. Checks each held release's chain_ord column (`storedOrd`).
 */
function chainPositions(
  releases: Map<number, ReleaseBody>,
  storedOrd: ReadonlyMap<number, number>,
  prunes: PruneBody[],
  problems: Problems,
): { ordOf: Map<number, number>; total: Map<string, number> } {
  const ordOf = new Map<number, number>();
  const total = new Map<string, number>();
  for (const p of prunes)
    for (const b of p.bases) {
      total.set(b.chain, b.releases);
      ordOf.set(b.seq, b.releases - 1);
    }
  for (const [seq, body] of [...releases].sort((a, b) => a[0] - b[0])) {
    const chain = body.agreement.id;
    const ord = total.get(chain) ?? 0;
    total.set(chain, ord + 1);
    ordOf.set(seq, ord);
    if (storedOrd.get(seq) !== ord)
      problems.add({
        kind: "column_changed",
        seq,
        place: "ledger_entries.chain_ord",
        message: t("ledger.verify.chain_ord", { seq }),
      });
  }
  return { ordOf, total };
}

/** Leaves against the signed heads: signature, leaf, root, time = recorded_at, monotonic time. Returns the first divergence. */
function checkTree(
  leaves: Uint8Array[],
  heads: HeadRow[],
  keys: TrustedKeys,
  releases: Map<number, ReleaseBody>,
  prunes: PruneBody[],
  problems: Problems,
): number | undefined {
  const list = new HashList(leaves.length);
  const tree = new MerkleTree(list);
  const recorded = new Map<number, string>();
  for (const [seq, b] of releases) recorded.set(seq, b.recorded_at);
  for (const p of prunes) recorded.set(p.seq, p.recorded_at);
  let first: Problem | undefined;
  let lastTime = "";
  // one public key object per key id, not one per head
  const objects = new Map<string, KeyObject | undefined>();
  const keyObject = (id: string): KeyObject | undefined => {
    if (!objects.has(id)) {
      const spki = keys.get(id);
      let k: KeyObject | undefined;
      try {
        k = spki
          ? createPublicKey({ key: Buffer.from(spki, "base64"), format: "der", type: "spki" })
          : undefined;
      } catch {
        k = undefined;
      }
      objects.set(id, k);
    }
    return objects.get(id);
  };
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i] as Uint8Array;
    list.push(leaf);
    tree.append(leaf);
    if (first) continue;
    const head = heads[i];
    const place = "ledger_heads";
    if (!head || head.size !== i + 1) {
      first = {
        kind: "unsigned",
        seq: i,
        place,
        message: t("ledger.verify.unsigned", { seq: i }),
      };
      continue;
    }
    const key = keyObject(head.keyId);
    const signed = headBytes(head.size, head.root, head.leafHash, head.time, head.keyId);
    if (!key || !verify(null, signed, key, Buffer.from(head.signature, "base64"))) {
      first = {
        kind: "bad_signature",
        seq: i,
        place,
        message: t("ledger.verify.bad_signature", { seq: i }),
      };
      continue;
    }
    if (!hashEquals(leaf, head.leafHash) || !hashEquals(tree.root(), head.root)) {
      first = classify(i, leaves, heads);
      continue;
    }
    const time = recorded.get(i);
    if ((time !== undefined && time !== head.time) || head.time < lastTime)
      first = {
        kind: "head_changed",
        seq: i,
        place: "ledger_heads.time",
        message: t("ledger.verify.head_changed", { seq: i }),
      };
    lastTime = head.time;
  }
  if (!first && heads.length > leaves.length)
    first = {
      kind: "truncated",
      seq: leaves.length,
      // entries were removed from the end (or heads signed for entries that never were)
      place: "ledger_entries, ledger_heads",
      message: t("ledger.verify.heads_truncated", { count: leaves.length, heads: heads.length }),
    };
  if (first) problems.add(first);
  return first?.seq;
}

/** An empty body is accepted only where a later signed prune event lists it, past that entry's retention. */
function checkPruned(emptied: EntryRow[], prunes: PruneBody[], heads: HeadRow[], problems: Problems): void {
  const listedBy = new Map<number, PruneBody>();
  for (const p of prunes)
    for (const s of rangeMembers(p.pruned)) if (s < p.seq && !listedBy.has(s)) listedBy.set(s, p);
  for (const row of emptied) {
    const p = listedBy.get(row.seq);
    const place = "ledger_entries.pruned_at";
    if (!p || row.prunedAt === null) {
      problems.add({
        kind: "pruned_unlisted",
        seq: row.seq,
        place,
        message: t("ledger.verify.pruned_unlisted", { seq: row.seq }),
      });
      continue;
    }
    const recordedAt = heads[row.seq]?.time;
    const due =
      recordedAt === undefined
        ? Number.POSITIVE_INFINITY
        : Date.parse(recordedAt) + p.retention.days * DAY_MS;
    if (Date.parse(p.recorded_at) < due || p.retention.days < 3 * 365)
      problems.add({
        kind: "pruned_early",
        seq: row.seq,
        place,
        message: t("ledger.verify.pruned_early", { seq: row.seq, by: p.seq, rule: p.retention.rule }),
      });
    const blank: Columns = {
      kind: "release",
      released_at: "",
      recorded_at: "",
      agreement_id: "",
      recipient_id: "",
      subject_count: 0,
      chain_ord: 0,
      summary_id: null,
    };
    for (const column of differing(row, blank))
      problems.add({
        kind: "column_changed",
        seq: row.seq,
        place: `ledger_entries.${column}`,
        message: t("ledger.verify.pruned_column", { column, seq: row.seq }),
      });
    if (row.prunedAt !== p.recorded_at)
      problems.add({
        kind: "column_changed",
        seq: row.seq,
        place,
        message: t("ledger.verify.pruned_at", { seq: row.seq }),
      });
  }
  for (const p of prunes)
    for (const s of rangeMembers(p.pruned))
      if (!emptied.some((e) => e.seq === s)) {
        problems.add({
          kind: "column_changed",
          seq: s,
          place: "ledger_entries.body",
          message: t("ledger.verify.pruned_with_body", { seq: s, by: p.seq }),
        });
        break;
      }
}
