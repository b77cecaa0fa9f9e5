// a per-person receipt (jikimi-receipt/1): a JSON file that proves, with public keys only, that releases containing
// one person are in the log, without naming any other member. It holds a signed checkpoint; per release the
// entry's canonical bytes, an inclusion proof to the checkpoint and a membership proof (the person's keyed value m,
// its chunk and the chunk's path to the receipts root the entry signed); and a binding note signed by the log key
// that ties the (seq, m) pairs to a salted commitment to the person's subject key. One byte encoding per receipt:
// verify refuses any other spelling of the same content, so no byte of the file can change unnoticed.
import { createHash } from "node:crypto";
import { z } from "zod";
import { t } from "../../i18n/index.js";
import type { ReleaseBody } from "../entry.js";

export const RECEIPT_FORMAT = "jikimi-receipt/1";
const SUBJECT_LABEL = "jikimi-receipt-subject/1\n";
/** Bytes of the random salt of the subject commitment. */
export const SALT_BYTES = 16;

const hex = (bytes: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), {
    error: () => t("ledger.receipt.hex", { digits: bytes * 2 }),
  });
const Hash = hex(32);
const Seq = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const ReceiptReleaseSchema = z.strictObject({
  seq: Seq,
  /** the entry's canonical body (RFC 8785 JSON), whose UTF-8 bytes are the log leaf */
  entry: z.string().min(2).max(1_000_000),
  /** RFC 6962 inclusion proof of the entry in the checkpoint's tree, nearest sibling first */
  inclusion: z.array(Hash).max(64),
  member: z.strictObject({
    m: hex(16),
    /** the leaf of the receipts tree that holds m */
    chunk: Seq,
    /** the chunk: up to 64 consecutive 16-byte m values */
    bytes: z.string().regex(/^(?:[0-9a-f]{32}){1,64}$/, { error: () => t("ledger.receipt.chunk_hex") }),
    /** RFC 6962 inclusion proof of the chunk in the receipts tree */
    path: z.array(Hash).max(64),
  }),
});
export type ReceiptRelease = z.infer<typeof ReceiptReleaseSchema>;

export const ReceiptSchema = z.strictObject({
  format: z.literal(RECEIPT_FORMAT),
  origin: z.string().min(1).max(1000),
  /** a signed checkpoint note (c2sp.org/tlog-checkpoint) of the log */
  checkpoint: z.string().max(100_000),
  /** the salt of the subject commitment, hex */
  salt: hex(SALT_BYTES),
  releases: z.array(ReceiptReleaseSchema).min(1).max(1_000_000),
  /** a signed note by the log key: bindingText(origin, commitment, releases) */
  binding: z.string().max(100_000_000),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/**
 * The one byte encoding of a receipt: fixed key order, two-space indentation, a final newline.
 * @example writeFileSync(file, serializeReceipt(receipt), { mode: 0o600 })
 */
export function serializeReceipt(r: Receipt): string {
  const ordered: Receipt = {
    format: r.format,
    origin: r.origin,
    checkpoint: r.checkpoint,
    salt: r.salt,
    releases: r.releases.map((x) => ({
      seq: x.seq,
      entry: x.entry,
      inclusion: x.inclusion,
      member: { m: x.member.m, chunk: x.member.chunk, bytes: x.member.bytes, path: x.member.path },
    })),
    binding: r.binding,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * The commitment to a person: SHA-256("jikimi-receipt-subject/1\n" || salt || subject key), hex. Only someone who
 * knows the subject key (the person, with their customer number) can check it.
 * @example subjectCommitment(salt, "HB0000000042")
 */
export function subjectCommitment(salt: Uint8Array, subjectKey: string): string {
  return createHash("sha256")
    .update(SUBJECT_LABEL, "utf8")
    .update(salt)
    .update(subjectKey, "utf8")
    .digest("hex");
}

/** The text the log key signs to bind a receipt's (seq, m) pairs to one person's commitment. */
export function bindingText(origin: string, commitment: string, pairs: { seq: number; m: string }[]): string {
  return `${RECEIPT_FORMAT}\n${origin}\n${commitment}\n${pairs.map((p) => `${p.seq} ${p.m}\n`).join("")}`;
}

/** Parses a binding text (after its signature was verified); undefined when it is not one. */
export function parseBinding(
  text: string,
): { origin: string; commitment: string; pairs: { seq: number; m: string }[] } | undefined {
  const lines = text.split("\n");
  if (lines.pop() !== "" || lines.length < 3 || lines[0] !== RECEIPT_FORMAT) return undefined;
  const [, origin, commitment, ...rest] = lines as [string, string, string, ...string[]];
  if (!/^[0-9a-f]{64}$/.test(commitment)) return undefined;
  const pairs: { seq: number; m: string }[] = [];
  for (const line of rest) {
    const match = /^(0|[1-9][0-9]{0,15}) ([0-9a-f]{32})$/.exec(line);
    if (!match) return undefined;
    pairs.push({ seq: Number(match[1]), m: match[2] as string });
  }
  return { origin, commitment, pairs };
}

/** What a release shows a person: when, to whom, why, on what basis, which fields. */
export interface ReleaseSummary {
  seq: number;
  released_at: string;
  recipient: string;
  country: string;
  purposes: string[];
  legal_basis: string;
  fields: string[];
}

/** What a person is shown of a release body. */
export function summaryOfRelease(b: ReleaseBody): ReleaseSummary {
  return {
    seq: b.seq,
    released_at: b.released_at,
    recipient: b.recipient.name,
    country: b.recipient.country,
    purposes: b.purposes,
    legal_basis: b.legal_basis,
    fields: b.fields.map((f) => f.name),
  };
}

/**
 * One release as a person reads it, in the language in force (several aligned: describe.ts releaseLines).
 * @example describeRelease(r) // "2024-05-31  Orbit Payments Pte. Ltd. (SG)  purposes: nsf-scoring  basis: ..."
 */
export function describeRelease(r: ReleaseSummary): string {
  return t("ledger.release.line", {
    date: r.released_at.slice(0, 10),
    recipient: r.recipient,
    country: r.country,
    purposes: r.purposes.join(", "),
    basis: r.legal_basis,
    fields: r.fields.join(", "),
    seq: r.seq,
  });
}
