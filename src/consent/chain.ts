// the hash chain over consent events, folded per recording (batch), in id order:
//   head(b) = SHA-256(head(b-1) || u64 batch id || str recorded_at || E(first) || ... || E(last)), head(0) = 32 zero bytes
//   E = u64 id || i64 at (ms) || u64 subject index || u8 granted || str purpose name || str source name || opt evidence
//   str s = u32 UTF-8 length || UTF-8 bytes; opt = u8 0 (none) | u8 1 || str; integers big-endian.
// So every event's id, names, time, subject, action and evidence, and its batch's id and recording time, are
// covered, and the head after any whole number of batches is reproducible from the events alone. The chain is
// unkeyed: it makes edits evident against a head committed elsewhere (the ledger's entries), not on its own.
import { createHash, type Hash } from "node:crypto";
import type Database from "better-sqlite3";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { hasConsentChain } from "./migration.js";
import { integerColumn, pageRow } from "./statements.js";

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

export interface BatchRow {
  id: number;
  recordedAt: string;
  events: number;
  firstId: number | null;
  lastId: number | null;
  head: Buffer | null;
}

export type ChainEventRow = [
  id: number,
  purpose: number,
  at: number,
  subject: number,
  granted: number,
  source: number,
  evidence: string | null,
  batch: number,
];

const BATCH_COLUMNS =
  "id, recorded_at AS recordedAt, events, first_id AS firstId, last_id AS lastId, head FROM consent_batches";

/** Every batch in id order. */
export function allBatches(db: Database.Database): BatchRow[] {
  return db.prepare(`SELECT ${BATCH_COLUMNS} ORDER BY id`).all() as BatchRow[];
}

/** Events with id in [from, to], in id order. */
export function eventsInIds(
  db: Database.Database,
  from: number,
  to: number,
): IterableIterator<ChainEventRow> {
  return db
    .prepare(
      "SELECT id, purpose, at, subject, granted, source, evidence, batch FROM consent_events WHERE id >= ? AND id <= ? ORDER BY id",
    )
    .raw(true)
    .iterate(from, to) as IterableIterator<ChainEventRow>;
}

/**
 * A page of events in id order, by column, as the rows hold them (numbers for intact rows; a value of another
 * type stays what better-sqlite3 returns for it, so it hashes as row by row).
 */
export interface ChainEventPage {
  count: number;
  id: number[];
  purpose: number[];
  at: number[];
  subject: number[];
  granted: number[];
  source: number[];
  batch: number[];
  /** each event's evidence length in UTF-8 bytes, null when it has none */
  evidenceLength: (number | null)[];
  /** the page's evidence bytes, concatenated in id order */
  evidence: Uint8Array;
}

const MAX_ROWID = 9223372036854775807n;
const MIN_ROWID = -9223372036854775808n;
const NO_BYTES = new Uint8Array(0);

/**
 * Every event in id order, `pageSize` at a time. Each page is one row of SQLite aggregates (JSON arrays of the
 * integer columns and the evidence concatenated as bytes), far cheaper than a row each; a page holding anything
 * but integers in those columns is read again row by row.
 * @example for (const page of eventPages(db)) for (let i = 0; i < page.count; i++) page.id[i]
 */
export function* eventPages(db: Database.Database, pageSize = 1 << 16): Generator<ChainEventPage> {
  const fast = db
    .prepare(
      `SELECT CAST(max(id) AS TEXT), json_group_array(id), json_group_array(purpose), json_group_array(at),
              json_group_array(subject), json_group_array(granted), json_group_array(source), json_group_array(batch),
              json_group_array(octet_length(evidence)), CAST(group_concat(evidence, '') AS BLOB)
       FROM (SELECT id, purpose, at, subject, granted, source, evidence, batch FROM consent_events
             WHERE id >= ? ORDER BY id LIMIT ?)`,
    )
    .raw(true);
  const slow = db
    .prepare(
      "SELECT id, purpose, at, subject, granted, source, evidence, batch, CAST(id AS TEXT) FROM consent_events WHERE id >= ? ORDER BY id LIMIT ?",
    )
    .raw(true);
  for (let from = MIN_ROWID; ; ) {
    const row = pageRow(fast, from, pageSize);
    const rows = row === undefined ? (slow.all(from, pageSize) as SlowRow[]) : undefined;
    const last = row === undefined ? rows?.at(-1)?.[8] : row[0];
    if (typeof last !== "string") return;
    const page = (row && columnsPage(row)) ?? rowsPage(rows ?? (slow.all(from, pageSize) as SlowRow[]));
    yield page;
    const next = BigInt(last);
    if (page.count < pageSize || next >= MAX_ROWID) return;
    from = next + 1n;
  }
}

/** The fast page, or undefined when a column holds anything but integers or the ids do not ascend. */
function columnsPage(row: readonly unknown[]): ChainEventPage | undefined {
  const cols: number[][] = [];
  for (let c = 1; c <= 7; c++) {
    const col = integerColumn(row[c]);
    if (col === undefined) return undefined;
    cols.push(col);
  }
  const [id, purpose, at, subject, granted, source, batch] = cols as [
    number[],
    number[],
    number[],
    number[],
    number[],
    number[],
    number[],
  ];
  for (let i = 1; i < id.length; i++) if ((id[i] as number) <= (id[i - 1] as number)) return undefined;
  const lengths = row[8];
  const bytes = row[9];
  if (typeof lengths !== "string" || (bytes !== null && !(bytes instanceof Uint8Array))) return undefined;
  const evidenceLength = JSON.parse(lengths) as (number | null)[];
  return {
    count: id.length,
    id,
    purpose,
    at,
    subject,
    granted,
    source,
    batch,
    evidenceLength,
    evidence: bytes ?? NO_BYTES,
  };
}

/** A row of the slow page statement: the event, then its id as text (exact). */
type SlowRow = [...ChainEventRow, idText: string];

function rowsPage(rows: readonly SlowRow[]): ChainEventPage {
  const page: ChainEventPage = {
    count: rows.length,
    id: [],
    purpose: [],
    at: [],
    subject: [],
    granted: [],
    source: [],
    batch: [],
    evidenceLength: [],
    evidence: NO_BYTES,
  };
  const parts: Buffer[] = [];
  for (const [id, purpose, at, subject, granted, source, evidence, batch] of rows) {
    page.id.push(id);
    page.purpose.push(purpose);
    page.at.push(at);
    page.subject.push(subject);
    page.granted.push(granted);
    page.source.push(source);
    page.batch.push(batch);
    if (evidence === null) page.evidenceLength.push(null);
    else {
      const bytes = Buffer.from(String(evidence), "utf8");
      page.evidenceLength.push(bytes.length);
      parts.push(bytes);
    }
  }
  page.evidence = Buffer.concat(parts);
  return page;
}

/** Names by id of consent_purposes or consent_sources. */
export function namesOf(
  db: Database.Database,
  table: "consent_purposes" | "consent_sources",
): Map<number, string> {
  const out = new Map<number, string>();
  for (const [id, name] of db.prepare(`SELECT id, name FROM ${table}`).raw(true).all() as [number, string][])
    out.set(id, name);
  return out;
}

export function requireChain(db: Database.Database): void {
  if (!hasConsentChain(db))
    throw new JikimiError("store_outdated", t("consent.chain.outdated"), {
      hint: t("consent.chain.outdated_hint"),
    });
}

/**
 * Chains the batches recorded before the chain existed (NULL heads from the oldest batch on), in one
 * transaction; a NULL head after a chained batch is not repaired (currentHead refuses it, verifyConsent reports it).
 * @example chainUnchainedBatches(db) // 0 when every batch has its head
 */
export function chainUnchainedBatches(db: Database.Database): number {
  requireChain(db);
  const first = db.prepare("SELECT head FROM consent_batches ORDER BY id LIMIT 1").get() as
    | { head: Buffer | null }
    | undefined;
  if (first === undefined || first.head !== null) return 0;
  const run = db.transaction((): number => {
    const batches = allBatches(db);
    let end = batches.findIndex((b) => b.head !== null);
    if (end < 0) end = batches.length;
    const purposes = namesOf(db, "consent_purposes");
    const sources = namesOf(db, "consent_sources");
    const update = db.prepare("UPDATE consent_batches SET first_id = ?, last_id = ?, head = ? WHERE id = ?");
    const writer = new ChainWriter();
    let k = -1; // the batch being chained
    let firstId = 1;
    let lastId = 0;
    // written after the scan: a connection runs no statement while it iterates
    const heads: [number, number, Buffer, number][] = [];
    const close = () => {
      const b = batches[k];
      if (b !== undefined) heads.push([firstId, lastId, writer.end(), b.id]);
      firstId = lastId + 1;
    };
    // events in id order belong to the prefix's batches in batch order
    for (const [id, purpose, at, subject, granted, source, evidence, batch] of eventsInIds(
      db,
      1,
      Number.MAX_SAFE_INTEGER,
    )) {
      if (batch !== batches[k]?.id) {
        let next = k + 1;
        while (next < end && batches[next]?.id !== batch) next++;
        if (next >= end) {
          if (batches.slice(0, k).some((b) => b.id === batch))
            throw new JikimiError("consent_chain_broken", t("consent.chain.out_of_order", { id }), {
              hint: t("consent.chain.out_of_order_hint"),
            });
          break; // the first event of a chained batch
        }
        for (; k < next; ) {
          if (k >= 0) close();
          k++;
          writer.begin(batches[k]?.id ?? 0, batches[k]?.recordedAt ?? "");
        }
        firstId = id;
      }
      writer.event(
        id,
        at,
        subject,
        granted,
        purposes.get(purpose) ?? "",
        sources.get(source) ?? "",
        evidence,
      );
      lastId = id;
    }
    if (k >= 0) close();
    // batches of the prefix without events
    for (k++; k < end; k++) {
      writer.begin(batches[k]?.id ?? 0, batches[k]?.recordedAt ?? "");
      close();
    }
    for (const row of heads) update.run(...row);
    return end;
  });
  return db.inTransaction ? run() : run.immediate();
}

/** The chain state now: the last batch's last event id and head (ZERO_HEAD before any event). */
export function currentHead(db: Database.Database): ConsentHead {
  requireChain(db);
  const row = db
    .prepare("SELECT id, last_id AS lastId, head FROM consent_batches ORDER BY id DESC LIMIT 1")
    .get() as { id: number; lastId: number | null; head: Buffer | null } | undefined;
  if (row === undefined) return { events: 0, head: ZERO_HEAD.toString("hex") };
  if (row.head === null || row.lastId === null)
    throw new JikimiError("consent_chain_broken", t("consent.chain.unchained_batch", { id: row.id }), {
      hint: t("consent.chain.unchained_batch_hint"),
    });
  return { events: row.lastId, head: row.head.toString("hex") };
}

/**
 * The stored head after exactly `events` events (a batch ending there), or undefined when no batch ends there.
 * @example consentHeadAt(db, 2448950) // "9f2c..." (what a ledger entry that committed to 2,448,950 events should hold)
 */
export function consentHeadAt(db: Database.Database, events: number): string | undefined {
  requireChain(db);
  if (events === 0) return ZERO_HEAD.toString("hex");
  const row = db
    .prepare("SELECT head FROM consent_batches WHERE last_id = ? ORDER BY id LIMIT 1")
    .get(events) as { head: Buffer | null } | undefined;
  return row?.head?.toString("hex");
}
