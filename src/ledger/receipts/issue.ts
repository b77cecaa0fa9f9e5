// issuing a receipt: for each release that contained the person, rebuild its stored set, recompute the whole
// receipts tree under the release's key and refuse unless it gives the root the entry signed; then take the
// person's chunk and path, the entry's inclusion proof to the checkpoint, and sign the binding with the log key.
// Releases from before receipts existed, and pruned ones, are skipped with the reason.
import { randomBytes } from "node:crypto";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import type { LedgerReads } from "../../ports/ledger.js";
import type { EntryBody, ReleaseBody } from "../entry.js";
import { toHex } from "../merkle/hash.js";
import { type NoteSigner, signNote } from "../note/signed-note.js";
import { RoaringBitmap32 } from "../subjects/roaring.js";
import { readSet } from "../subjects/sets.js";
import { receiptsLeaves, setSource } from "./parallel.js";
import {
  bindingText,
  RECEIPT_FORMAT,
  type Receipt,
  type ReceiptRelease,
  type ReleaseSummary,
  SALT_BYTES,
  serializeReceipt,
  subjectCommitment,
  summaryOfRelease,
} from "./receipt.js";
import { chunkCount, forEachPiece, M_BYTES, RECEIPT_CHUNK, ReceiptsTree } from "./tree.js";

export interface IssueInput {
  tx: LedgerReads;
  subjectKey: string;
  /** the subject's dictionary index */
  index: number;
  /** the releases whose stored sets contain the subject, oldest first, below the checkpoint's size */
  releases: { seq: number; chain: string }[];
  /** the signed checkpoint note the proofs lead to, and its size */
  checkpoint: string;
  size: number;
  origin: string;
  signer: NoteSigner;
  receiptKey(seq: number): Uint8Array;
  /** inclusion proof of entry `seq` in the tree of `size` entries */
  inclusionProof(seq: number): Uint8Array[];
}

export interface IssuedReceipt {
  /** absent when every release was skipped */
  receipt?: Receipt;
  /** the receipt's bytes (serializeReceipt) */
  text?: string;
  releases: ReleaseSummary[];
  skipped: { seq: number; reason: string }[];
}

/** Rebuilds releases' full sets from snapshots and XOR deltas, walking each chain forward from the last one read. */
class SetReader {
  private readonly last = new Map<string, { seq: number; set: RoaringBitmap32 }>();
  constructor(private readonly tx: LedgerReads) {}

  async at(chain: string, seq: number): Promise<RoaringBitmap32 | undefined> {
    const known = this.last.get(chain);
    // from the last snapshot at or before seq, or from the set read before when no snapshot lies between
    const snapshot = await this.tx.lastSnapshotSeq(chain, seq);
    if (snapshot === undefined) return undefined;
    const from = known && known.seq >= snapshot && known.seq <= seq ? known.seq + 1 : snapshot;
    let set = known && from === known.seq + 1 ? known.set : undefined;
    let reached = known && from === known.seq + 1 ? known.seq : -1;
    for (const row of await this.tx.setsOfChain(chain, from, seq)) {
      const stored = readSet(row.data);
      if (row.kind === "snapshot") set = stored;
      else if (row.kind === "delta" && set) set = RoaringBitmap32.xor(set, stored);
      else return undefined;
      reached = row.seq;
    }
    if (!set || reached !== seq) return undefined;
    this.last.set(chain, { seq, set });
    return set;
  }
}

function corrupt(seq: number, what: string): JikimiError {
  return new JikimiError("receipt_refused", t("ledger.receipt.refused", { what, seq }), {
    hint: t("ledger.receipt.refused_hint"),
  });
}

/** One release's receipt part, or the reason it is skipped. */
async function proveRelease(
  input: IssueInput,
  sets: SetReader,
  seq: number,
  chain: string,
): Promise<{ release: ReceiptRelease; body: ReleaseBody } | { skipped: string }> {
  const row = await input.tx.entry(seq);
  if (!row || row.body === "") return { skipped: t("ledger.receipt.skipped_pruned") };
  const body = JSON.parse(row.body) as EntryBody;
  if (body.kind !== "release") throw corrupt(seq, t("ledger.receipt.not_release"));
  if (!body.receipts) return { skipped: t("ledger.receipt.skipped_before") };
  if (body.receipts.chunk !== RECEIPT_CHUNK)
    return { skipped: t("ledger.receipt.skipped_chunk", { chunk: body.receipts.chunk }) };
  const set = await sets.at(chain, seq);
  if (!set || set.size !== body.subjects.count || !set.has(input.index))
    throw corrupt(seq, t("ledger.receipt.set_differs"));
  const key = input.receiptKey(seq);
  const tree = new ReceiptsTree(receiptsLeaves(key, set));
  if (tree.size !== chunkCount(set.size) || toHex(tree.root()) !== body.receipts.root)
    throw corrupt(seq, t("ledger.receipt.root_differs"));
  const rank = set.rank(input.index) - 1;
  const chunk = Math.floor(rank / RECEIPT_CHUNK);
  let bytes = Buffer.alloc(0);
  const first = chunk * RECEIPT_CHUNK;
  forEachPiece(key, setSource(set), first, Math.min(set.size, first + RECEIPT_CHUNK), (m) => {
    bytes = Buffer.from(m);
  });
  const at = (rank - first) * M_BYTES;
  return {
    body,
    release: {
      seq,
      entry: row.body,
      inclusion: input.inclusionProof(seq).map(toHex),
      member: {
        m: bytes.subarray(at, at + M_BYTES).toString("hex"),
        chunk,
        bytes: bytes.toString("hex"),
        path: tree.path(chunk).map(toHex),
      },
    },
  };
}

/**
 * Builds a person's receipt from the ledger's stored sets (Ledger.receipt gathers the input).
 * @example const { text } = await issueReceipt(input); if (text) writeFileSync(file, text, { mode: 0o600 });
 */
export async function issueReceipt(input: IssueInput): Promise<IssuedReceipt> {
  const sets = new SetReader(input.tx);
  const proven: ReceiptRelease[] = [];
  const releases: ReleaseSummary[] = [];
  const skipped: { seq: number; reason: string }[] = [];
  for (const { seq, chain } of input.releases) {
    const part = await proveRelease(input, sets, seq, chain);
    if ("skipped" in part) skipped.push({ seq, reason: part.skipped });
    else {
      proven.push(part.release);
      releases.push(summaryOfRelease(part.body));
    }
  }
  if (proven.length === 0) return { releases, skipped };
  const salt = randomBytes(SALT_BYTES);
  const commitment = subjectCommitment(salt, input.subjectKey);
  const binding = signNote(
    bindingText(
      input.origin,
      commitment,
      proven.map((r) => ({ seq: r.seq, m: r.member.m })),
    ),
    [input.signer],
  );
  const receipt: Receipt = {
    format: RECEIPT_FORMAT,
    origin: input.origin,
    checkpoint: input.checkpoint,
    salt: salt.toString("hex"),
    releases: proven,
    binding,
  };
  return { receipt, text: serializeReceipt(receipt), releases, skipped };
}
