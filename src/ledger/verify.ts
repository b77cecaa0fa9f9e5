// full verification of the ledger: recompute every leaf, every running root and every subject set,
// check every signed tree head, and prove the log only grew since a regulator's checkpoint. The first
// entry that was changed, removed, reordered or inserted is named.
import type Database from "better-sqlite3";
import { verifySignature } from "../crypto/signing.js";
import { type Checkpoint, checkpointSignatureValid, headBytes } from "./checkpoint.js";
import type { EntryBody } from "./entry.js";
import { summaryOf } from "./ledger.js";
import { HashList, hashEquals, leafHash, MerkleTree, toHex } from "./merkle/index.js";
import { SubjectSets, setDigest } from "./subjects/sets.js";

export type ProblemKind =
  | "changed"
  | "summary_changed"
  | "removed"
  | "inserted"
  | "reordered"
  | "truncated"
  | "unsigned"
  | "bad_signature"
  | "subjects_changed"
  | "checkpoint_forged"
  | "checkpoint_mismatch";

export interface Problem {
  kind: ProblemKind;
  seq?: number;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  size: number;
  root: string;
  problems: Problem[];
  against?: { size: number; root: string; consistent: boolean };
}

interface Head {
  size: number;
  root: Buffer;
  leaf_hash: Buffer;
  time: string;
  key_id: string;
  signature: string;
}

/** Public keys by key id: the ledger-signing keys the verifier trusts. */
export type TrustedKeys = ReadonlyMap<string, string>;

function classify(f: number, leaves: Uint8Array[], heads: Head[]): Problem {
  const at = (i: number) => heads[i]?.leaf_hash;
  const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
    a !== undefined && b !== undefined && hashEquals(a, b);
  const nowIsNext = same(leaves[f], at(f + 1));
  const nextIsNow = same(leaves[f + 1], at(f));
  if (nowIsNext && nextIsNow)
    return {
      kind: "reordered",
      seq: f,
      message: `entries ${f} and ${f + 1} were swapped: each sits where the other was signed`,
    };
  if (nowIsNext)
    return {
      kind: "removed",
      seq: f,
      message: `entry ${f} was removed: the entry now at ${f} was signed as entry ${f + 1}`,
    };
  if (nextIsNow)
    return {
      kind: "inserted",
      seq: f,
      message: `an entry was inserted at ${f}: the entry signed as ${f} now sits at ${f + 1}`,
    };
  return { kind: "changed", seq: f, message: `entry ${f} was changed after it was signed` };
}

/**
 * Verifies the whole log; `keys` holds the trusted public keys, `against` a regulator's checkpoint.
 * @example const report = verifyLedger(db, trusted, checkpoint); if (!report.ok) console.log(report.problems[0]);
 */
export function verifyLedger(db: Database.Database, keys: TrustedKeys, against?: Checkpoint): VerifyReport {
  const problems: Problem[] = [];
  const leaves: Uint8Array[] = [];
  const bodies: (EntryBody | undefined)[] = [];
  let pruned = 0;
  let expected = 0;
  for (const row of db
    .prepare("SELECT seq, body, leaf_hash, pruned_at FROM ledger_entries ORDER BY seq")
    .iterate() as Iterable<{
    seq: number;
    body: string;
    leaf_hash: Buffer;
    pruned_at: string | null;
  }>) {
    if (row.seq !== expected && problems.length === 0)
      problems.push({ kind: "removed", seq: expected, message: `entry ${expected} is missing from the log` });
    expected = row.seq + 1;
    if (row.pruned_at) pruned++;
    // a pruned entry has no body left to hash: its stored leaf stands in, and its signed head still binds it
    leaves.push(row.pruned_at ? new Uint8Array(row.leaf_hash) : leafHash(Buffer.from(row.body, "utf8")));
    bodies[row.seq] = row.pruned_at ? undefined : (JSON.parse(row.body) as EntryBody);
  }
  const heads = db
    .prepare("SELECT size, root, leaf_hash, time, key_id, signature FROM ledger_heads ORDER BY size")
    .all() as Head[];
  const list = new HashList(leaves.length);
  const tree = new MerkleTree(list);
  let first: Problem | undefined;
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i] as Uint8Array;
    list.push(leaf);
    tree.append(leaf);
    if (first) continue;
    const head = heads[i];
    if (!head || head.size !== i + 1) {
      first = {
        kind: "unsigned",
        seq: i,
        message: `entry ${i} has no signed tree head: it was added outside the ledger`,
      };
      continue;
    }
    const key = keys.get(head.key_id);
    if (
      !key ||
      !verifySignature(
        key,
        headBytes(head.size, head.root, head.leaf_hash, head.time, head.key_id),
        head.signature,
      )
    ) {
      first = {
        kind: "bad_signature",
        seq: i,
        message: `the tree head after entry ${i} is not signed by a trusted key`,
      };
      continue;
    }
    if (!hashEquals(leaf, head.leaf_hash) || !hashEquals(tree.root(), head.root))
      first = classify(i, leaves, heads);
  }
  if (!first && heads.length > leaves.length)
    first = {
      kind: "truncated",
      seq: leaves.length,
      message: `the log ends at ${leaves.length} entries but heads were signed up to ${heads.length}: entries from ${leaves.length} were removed`,
    };
  if (first && problems.length === 0) problems.push(first);

  // the summaries a subject's history shows must say what the signed bodies say
  const summaryRows = db
    .prepare(
      "SELECT e.seq AS seq, s.summary AS summary FROM ledger_entries e LEFT JOIN ledger_summaries s ON s.id = e.summary_id WHERE e.pruned_at IS NULL ORDER BY e.seq",
    )
    .all() as { seq: number; summary: string | null }[];
  for (const { seq, summary } of summaryRows) {
    const body = bodies[seq];
    if (body && summary !== summaryOf(body)) {
      problems.push({
        kind: "summary_changed",
        seq,
        message: `the history summary of entry ${seq} differs from its signed body`,
      });
      break;
    }
  }
  const sets = new SubjectSets(db);
  let setCount = 0;
  for (const { seq, set } of sets.replay()) {
    if (bodies[seq]) setCount++;
    const body = bodies[seq];
    if (body && (body.subjects.digest !== setDigest(set) || body.subjects.count !== set.size))
      problems.push({
        kind: "subjects_changed",
        seq,
        message: `the subject set of entry ${seq} differs from the one recorded`,
      });
  }
  if (setCount < bodies.length - pruned && problems.length === 0)
    problems.push({
      kind: "subjects_changed",
      message: `${bodies.length} entries but ${setCount} subject sets`,
    });

  const root = toHex(tree.root());
  let checked: VerifyReport["against"];
  if (against) {
    const key = keys.get(against.key_id);
    if (!key || !checkpointSignatureValid(against, key))
      problems.push({
        kind: "checkpoint_forged",
        message:
          "the checkpoint's signature does not hold under the trusted ledger key: it is forged or altered",
      });
    else if (against.size > leaves.length) {
      problems.push({
        kind: "truncated",
        seq: leaves.length,
        message: `the checkpoint covers ${against.size} entries but the log has ${leaves.length}: entries from ${leaves.length} were removed`,
      });
      checked = { size: against.size, root: against.root, consistent: false };
    } else {
      const consistent = toHex(tree.rootAt(against.size)) === against.root;
      checked = { size: against.size, root: against.root, consistent };
      if (!consistent)
        problems.push({
          kind: "checkpoint_mismatch",
          seq: first?.seq,
          message: `the first ${against.size} entries no longer match the checkpoint of ${against.time}: the log was rewritten${first?.seq !== undefined ? ` from entry ${first.seq}` : ""}`,
        });
    }
  }
  return { ok: problems.length === 0, size: leaves.length, root, problems, against: checked };
}
