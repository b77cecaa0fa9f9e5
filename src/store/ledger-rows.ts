// the ledger tables' rows as both drivers return them (snake_case columns, blobs as Buffers), and their mapping
// onto the port's row types: one place, so the SQLite and PostgreSQL stores cannot drift apart.
import type {
  ChainRow,
  EntryFacts,
  EntryKind,
  EntryRow,
  EntryView,
  HeadRow,
  MemberChanges,
} from "../ports/ledger.js";

export interface RawEntry {
  seq: number;
  body: string;
  leaf_hash: Buffer;
  released_at: string;
  recorded_at: string;
  kind: EntryKind;
  agreement_id: string;
  recipient_id: string;
  subject_count: number;
  chain_ord: number;
  summary_id: number | null;
  pruned_at: string | null;
}
export interface RawHead {
  size: number;
  root: Buffer;
  leaf_hash: Buffer;
  time: string;
  key_id: string;
  signature: string;
}
export interface RawChain {
  chain: string;
  first_seq: number;
  last_seq: number;
  releases: number;
  head: Buffer;
}
export type RawView = { seq: number; kind: EntryKind; body: string; pruned_at: string | null };

export const ENTRY_COLUMNS =
  "seq, body, leaf_hash, released_at, recorded_at, kind, agreement_id, recipient_id, subject_count, chain_ord, summary_id, pruned_at";

export const entryRow = (r: RawEntry): EntryRow => ({
  seq: r.seq,
  body: r.body,
  leafHash: r.leaf_hash,
  releasedAt: r.released_at,
  recordedAt: r.recorded_at,
  kind: r.kind,
  agreementId: r.agreement_id,
  recipientId: r.recipient_id,
  subjectCount: r.subject_count,
  chainOrd: r.chain_ord,
  summaryId: r.summary_id,
  prunedAt: r.pruned_at,
});
export const headRow = (r: RawHead): HeadRow => ({
  size: r.size,
  root: r.root,
  leafHash: r.leaf_hash,
  time: r.time,
  keyId: r.key_id,
  signature: r.signature,
});
export const chainRow = (r: RawChain): ChainRow => ({
  chain: r.chain,
  firstSeq: r.first_seq,
  lastSeq: r.last_seq,
  releases: r.releases,
  head: r.head,
});
export const view = (r: RawView): EntryView => ({
  seq: r.seq,
  kind: r.kind,
  body: r.body,
  prunedAt: r.pruned_at,
});

/** An entry's facts as both dialects read them (seq, kind, agreement_id, released_at, recorded_at, summary_id, pruned). */
export interface RawFacts {
  seq: number | string;
  kind: EntryKind;
  agreement_id: string | null;
  released_at: string;
  recorded_at: string;
  summary_id: number | string | null;
  pruned: number | boolean;
}

export const FACTS_COLUMNS =
  "seq, kind, agreement_id, released_at, recorded_at, summary_id, pruned_at IS NOT NULL AS pruned";

/** The port's facts of one entry row. */
export const factsOf = (r: RawFacts): EntryFacts => ({
  seq: Number(r.seq),
  kind: r.kind,
  chain: r.kind === "release" ? (r.agreement_id ?? "") : "",
  releasedAt: r.released_at,
  recordedAt: r.recorded_at,
  summaryId: r.summary_id === null ? null : Number(r.summary_id),
  held: r.kind === "release" && !r.pruned,
});

/** A subject's member changes from one result: chain starts (`change` false) and change rows, each by seq. */
export function memberChangesOf(raw: { chain: string; seq: number; change: boolean }[]): MemberChanges {
  const out: MemberChanges = { chains: [], changes: [] };
  for (const r of raw)
    if (r.change) out.changes.push({ seq: r.seq, chain: r.chain });
    else out.chains.push({ chain: r.chain, firstSeq: r.seq });
  return out;
}

/** The index a dictionary record holds after its `hashBytes`-byte hash (u32, little-endian). */
export function recordIndex(record: Uint8Array, hashBytes: number): number {
  return Buffer.from(record.buffer, record.byteOffset, record.byteLength).readUInt32LE(hashBytes);
}
