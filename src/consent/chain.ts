// the hash chain over consent events, folded per recording (batch), in id order:
//   head(b) = SHA-256(head(b-1) || u64 batch id || str recorded_at || E(first) || ... || E(last)), head(0) = 32 zero bytes
//   E = u64 id || i64 at (ms) || u64 subject index || u8 granted || str purpose name || str source name || opt evidence
//   str s = u32 UTF-8 length || UTF-8 bytes; opt = u8 0 (none) | u8 1 || str; integers big-endian.
// So every event's id, names, time, subject, action and evidence, and its batch's id and recording time, are
// covered, and the head after any whole number of batches is reproducible from the events alone. The chain is
// unkeyed: it makes edits evident against a head committed elsewhere (the ledger's entries), not on its own.
import { createHash, type Hash } from "node:crypto";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { ConsentReads, ConsentWrites } from "../ports/consent.js";

export const HEAD_BYTES = 32;
/** The chain state before any event. */
export const ZERO_HEAD: Buffer = Buffer.alloc(HEAD_BYTES);

/** The chain state after a whole number of batches: `events` is the last event id (= events recorded). */
export interface ConsentHead {
  events: number;
  /** hex, 64 characters */
  head: string;
}

const TWO_32 = 2 ** 32;
const FLUSH_AT = 1 << 16;
/** u64 id, i64 at, u64 subject, u8 granted */
const FIXED_BYTES = 25;

/**
 * Folds batches of events into chain heads; names are encoded once and cached.
 * @example const w = new ChainWriter(prev); w.begin(7, "2025-01-01T00:00:00.000Z"); w.event(...); const head = w.end();
 */
export class ChainWriter {
  private hash: Hash | undefined;
  private readonly buf = Buffer.allocUnsafe(FLUSH_AT + 1024);
  private pos = 0;
  private readonly names = new Map<string, Buffer>();

  constructor(private previous: Uint8Array = ZERO_HEAD) {}

  /** The head after the last ended batch. */
  get head(): Uint8Array {
    return this.previous;
  }

  /** Starts a batch chained from `previous` (default: the head after the last ended batch). */
  begin(batchId: number, recordedAt: string, previous: Uint8Array = this.previous): void {
    this.hash = createHash("sha256").update(previous);
    this.pos = 0;
    this.u64(batchId);
    this.str(recordedAt);
  }

  event(
    id: number,
    at: number,
    subject: number,
    granted: number,
    purpose: string,
    source: string,
    evidence: string | null,
  ): void {
    if (this.pos >= FLUSH_AT) this.flush();
    this.fixed(id, at, subject, granted);
    this.name(purpose);
    this.name(source);
    if (evidence === null) this.buf[this.pos++] = 0;
    else {
      this.buf[this.pos++] = 1;
      this.str(evidence);
    }
  }

  /**
   * `event` with the names already encoded (`encodeStr`) and the evidence as its UTF-8 bytes
   * `evidence[from, from + length)`, or none when `length` is null: the same bytes, without re-encoding text.
   */
  encodedEvent(
    id: number,
    at: number,
    subject: number,
    granted: number,
    purpose: Uint8Array,
    source: Uint8Array,
    evidence: Uint8Array,
    from: number,
    length: number | null,
  ): void {
    const n = FIXED_BYTES + purpose.length + source.length + 5 + (length ?? 0);
    if (this.pos + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) {
        this.fixed(id, at, subject, granted);
        this.bytes(purpose);
        this.bytes(source);
        this.optBytes(evidence, from, length);
        return;
      }
    }
    this.fixed(id, at, subject, granted);
    const buf = this.buf;
    buf.set(purpose, this.pos);
    this.pos += purpose.length;
    buf.set(source, this.pos);
    this.pos += source.length;
    this.optBytes(evidence, from, length);
  }

  /** Ends the batch: returns its head, which the next batch chains from. */
  end(): Buffer {
    if (this.hash === undefined) throw new Error("ChainWriter.end without begin");
    this.flush();
    const head = this.hash.digest();
    this.hash = undefined;
    this.previous = head;
    return head;
  }

  private flush(): void {
    if (this.pos > 0) this.hash?.update(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  /**
   * u64 id || i64 at || u64 subject || u8 granted, big-endian, in place (the caller leaves room). Byte for byte
   * what Buffer.writeUInt32BE / writeInt32BE of the two halves give, also for values that are not integers.
   */
  private fixed(id: number, at: number, subject: number, granted: number): void {
    const b = this.buf;
    let p = this.pos;
    putU64(b, p, id);
    putU64(b, p + 8, at);
    putU64(b, p + 16, subject);
    b[p + 24] = granted === 1 ? 1 : 0;
    p += FIXED_BYTES;
    this.pos = p;
  }

  /** opt evidence from its UTF-8 bytes: u8 0, or u8 1 || u32 length || bytes. */
  private optBytes(evidence: Uint8Array, from: number, length: number | null): void {
    if (this.pos + 5 > this.buf.length) this.flush();
    const b = this.buf;
    if (length === null) {
      b[this.pos++] = 0;
      return;
    }
    const p = this.pos;
    b[p] = 1;
    b[p + 1] = length >>> 24;
    b[p + 2] = length >>> 16;
    b[p + 3] = length >>> 8;
    b[p + 4] = length;
    this.pos = p + 5;
    if (length <= 32 && this.pos + length <= b.length) {
      let q = this.pos;
      for (let i = from; i < from + length; i++) b[q++] = evidence[i] as number;
      this.pos = q;
    } else this.bytes(evidence.subarray(from, from + length));
  }

  private u64(n: number): void {
    const hi = Math.floor(n / TWO_32);
    this.pos = this.buf.writeUInt32BE(hi, this.pos);
    this.pos = this.buf.writeUInt32BE(n - hi * TWO_32, this.pos);
  }

  private name(s: string): void {
    let bytes = this.names.get(s);
    if (bytes === undefined) {
      bytes = encodeStr(s);
      if (this.names.size < 100_000) this.names.set(s, bytes);
    }
    this.bytes(bytes);
  }

  private str(s: string): void {
    // short strings (all ASCII at most 3 bytes a character) are written in place
    if (s.length <= 4096) {
      if (this.pos + 4 + s.length * 3 > this.buf.length) this.flush();
      const n = this.buf.write(s, this.pos + 4, "utf8");
      this.buf.writeUInt32BE(n, this.pos);
      this.pos += 4 + n;
    } else this.bytes(encodeStr(s));
  }

  private bytes(b: Uint8Array): void {
    if (b.length > FLUSH_AT) {
      this.flush();
      this.hash?.update(b);
      return;
    }
    if (this.pos + b.length > this.buf.length) this.flush();
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
}

/** A chain `str`: u32 UTF-8 length || UTF-8 bytes. */
/** Two big-endian 32-bit halves of `n` at `p` (the high half may be negative: an i64 time before 1970). */
function putU64(b: Buffer, p: number, n: number): void {
  const hi = Math.floor(n / TWO_32);
  const lo = n - hi * TWO_32;
  b[p] = hi >>> 24;
  b[p + 1] = hi >>> 16;
  b[p + 2] = hi >>> 8;
  b[p + 3] = hi;
  b[p + 4] = lo >>> 24;
  b[p + 5] = lo >>> 16;
  b[p + 6] = lo >>> 8;
  b[p + 7] = lo;
}

export function encodeStr(s: string): Buffer {
  const utf8 = Buffer.from(s, "utf8");
  const out = Buffer.allocUnsafe(4 + utf8.length);
  out.writeUInt32BE(utf8.length, 0);
  utf8.copy(out, 4);
  return out;
}

export const EMPTY_NAME = encodeStr("");

/** Names by id, encoded as the chain's `str`. */
export async function encodedNames(
  tx: ConsentReads,
  table: "purpose" | "source",
): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>();
  for (const [id, name] of await tx.names(table)) out.set(id, encodeStr(name));
  return out;
}

/** Refuses a database without the chain's columns (store migration 8). */
export async function requireChain(tx: ConsentReads): Promise<void> {
  if (!(await tx.hasChain()))
    throw new JikimiError("store_outdated", t("consent.chain.outdated"), {
      hint: t("consent.chain.outdated_hint"),
    });
}

/** Whether the oldest batch has no head: batches recorded before the chain existed wait to be chained. */
export async function needsChaining(tx: ConsentReads): Promise<boolean> {
  await requireChain(tx);
  const first = await tx.firstBatch();
  return first !== undefined && first.head === null;
}

/**
 * Chains the batches recorded before the chain existed (NULL heads from the oldest batch on), inside the write
 * transaction `tx`; a NULL head after a chained batch is not repaired (currentHead refuses it, verifyConsent
 * reports it).
 * @example await store.write((tx) => chainUnchainedBatches(tx)) // 0 when every batch has its head
 */
export async function chainUnchainedBatches(tx: ConsentWrites): Promise<number> {
  if (!(await needsChaining(tx))) return 0;
  const batches = await tx.batches();
  let end = batches.findIndex((b) => b.head !== null);
  if (end < 0) end = batches.length;
  const purposes = await encodedNames(tx, "purpose");
  const sources = await encodedNames(tx, "source");
  const writer = new ChainWriter();
  let k = -1; // the batch being chained
  let firstId = 1;
  let lastId = 0;
  const heads: { id: number; firstId: number; lastId: number; head: Uint8Array }[] = [];
  const close = () => {
    const b = batches[k];
    if (b !== undefined) heads.push({ firstId, lastId, head: writer.end(), id: b.id });
    firstId = lastId + 1;
  };
  // events in id order belong to the prefix's batches in batch order
  scan: for await (const page of tx.eventPages()) {
    let from = 0;
    for (let i = 0; i < page.count; i++) {
      const length = page.evidenceLength[i] ?? null;
      const evidenceFrom = from;
      if (length !== null) from += length;
      const id = page.id[i] as number;
      if (id < 1) continue;
      const batch = page.batch[i] as number;
      if (batch !== batches[k]?.id) {
        let next = k + 1;
        while (next < end && batches[next]?.id !== batch) next++;
        if (next >= end) {
          if (batches.slice(0, k).some((b) => b.id === batch))
            throw new JikimiError("consent_chain_broken", t("consent.chain.out_of_order", { id }), {
              hint: t("consent.chain.out_of_order_hint"),
            });
          break scan; // the first event of a chained batch
        }
        for (; k < next; ) {
          if (k >= 0) close();
          k++;
          writer.begin(batches[k]?.id ?? 0, batches[k]?.recordedAt ?? "");
        }
        firstId = id;
      }
      writer.encodedEvent(
        id,
        page.at[i] as number,
        page.subject[i] as number,
        page.granted[i] as number,
        purposes.get(page.purpose[i] as number) ?? EMPTY_NAME,
        sources.get(page.source[i] as number) ?? EMPTY_NAME,
        page.evidence,
        evidenceFrom,
        length,
      );
      lastId = id;
    }
  }
  if (k >= 0) close();
  // batches of the prefix without events
  for (k++; k < end; k++) {
    writer.begin(batches[k]?.id ?? 0, batches[k]?.recordedAt ?? "");
    close();
  }
  await tx.setBatchHeads(heads);
  return end;
}

/** The chain state now: the last batch's last event id and head (ZERO_HEAD before any event). */
export async function currentHead(tx: ConsentReads): Promise<ConsentHead> {
  await requireChain(tx);
  const row = await tx.lastBatch();
  if (row === undefined) return { events: 0, head: ZERO_HEAD.toString("hex") };
  if (row.head === null || row.lastId === null)
    throw new JikimiError("consent_chain_broken", t("consent.chain.unchained_batch", { id: row.id }), {
      hint: t("consent.chain.unchained_batch_hint"),
    });
  return { events: row.lastId, head: Buffer.from(row.head).toString("hex") };
}

/**
 * The stored head after exactly `events` events (a batch ending there), or undefined when no batch ends there.
 * @example await consentHeadAt(tx, 2448950) // "9f2c..." (what a ledger entry that committed to 2,448,950 events should hold)
 */
export async function consentHeadAt(tx: ConsentReads, events: number): Promise<string | undefined> {
  await requireChain(tx);
  if (events === 0) return ZERO_HEAD.toString("hex");
  const head = await tx.headEndingAt(events);
  return head ? Buffer.from(head).toString("hex") : undefined;
}
