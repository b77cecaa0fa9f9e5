// bulk writes with COPY ... FROM STDIN (pg-copy-streams): rows stream in as text lines, inside the caller's
// transaction; a row the server rejects rejects the returned promise and aborts the transaction. Bulk reads with
// COPY ... TO STDOUT in the binary format: bytea comes as its bytes, not as hex text the driver decodes (a full
// verify reads the whole dictionary and every change row: 3-4x faster so, docs/benchmarks.md "State stores").
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { PostgresClient } from "./connect.js";

/**
 * Streams `chunks` (COPY text format: tab-separated fields, one row a line) into `statement`, a
 * `COPY table (columns) FROM STDIN`, and resolves with the rows written.
 * @example await copyRows(tx, "copy ledger_subject_changes (subject, seq) from stdin", lines);
 */
export async function copyRows(
  client: PostgresClient,
  statement: string,
  chunks: Iterable<string | Buffer> | AsyncIterable<string | Buffer>,
): Promise<number> {
  const sink = client.query(copyFrom(statement));
  await pipeline(Readable.from(chunks), sink);
  return sink.rowCount;
}

/** The binary COPY format's header: signature, flags, header extension length (PostgreSQL's COPY docs). */
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const HEADER = SIGNATURE.length + 8;

/** Throws unless `bytes` start with a binary COPY header without extension. */
function checkHeader(bytes: Buffer): void {
  if (!bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE) || bytes.readUInt32BE(SIGNATURE.length + 4) > 0)
    throw new Error("not a binary COPY stream");
}

/** Bytes arriving in chunks, taken off the front: a view when they lie in one chunk, else one copy. */
class ByteQueue {
  private chunks: Buffer[] = [];
  private offset = 0;
  length = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  take(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    let out: Buffer;
    if (first.length - this.offset >= n) out = first.subarray(this.offset, this.offset + n);
    else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const c = this.chunks[0] as Buffer;
        const part = Math.min(n - filled, c.length - this.offset);
        c.copy(out, filled, this.offset, this.offset + part);
        filled += part;
        this.offset += part;
        if (this.offset === c.length) {
          this.chunks.shift();
          this.offset = 0;
        }
      }
      this.length -= n;
      return out;
    }
    this.offset += n;
    this.length -= n;
    if (this.offset === first.length) {
      this.chunks.shift();
      this.offset = 0;
    }
    return out;
  }
}

/**
 * The rows of `statement`, a `COPY (SELECT ...) TO STDOUT (FORMAT binary)`, each as its fields' bytes in the
 * server's binary form (int4 and int8 big-endian, bytea as is, text as UTF-8; null for NULL). Breaking out of the
 * loop reads the rest of the copy, so the connection is free again for the next statement.
 * @example for await (const [chunk, data] of copyBinaryRows(tx, "COPY (SELECT chunk, data FROM t) TO STDOUT (FORMAT binary)")) ...
 */
export async function* copyBinaryRows(
  client: PostgresClient,
  statement: string,
): AsyncIterable<(Buffer | null)[]> {
  const queue = new ByteQueue();
  let header = false;
  let fields: (Buffer | null)[] | undefined;
  let left = 0;
  let size = -2; // the length of the field being read; -2: not read yet
  for await (const chunk of rawCopy(client, statement)) {
    queue.push(chunk);
    if (!header) {
      if (queue.length < HEADER) continue;
      checkHeader(queue.take(HEADER));
      header = true;
    }
    for (;;) {
      if (fields === undefined) {
        if (queue.length < 2) break;
        const count = queue.take(2).readInt16BE(0);
        // the trailer: the stream ends next
        if (count === -1) break;
        fields = [];
        left = count;
      }
      while (left > 0) {
        if (size === -2) {
          if (queue.length < 4) break;
          size = queue.take(4).readInt32BE(0);
        }
        if (size >= 0 && queue.length < size) break;
        fields.push(size === -1 ? null : queue.take(size));
        size = -2;
        left--;
      }
      if (left > 0) break;
      yield fields;
      fields = undefined;
    }
  }
  if (fields !== undefined) throw new Error("a binary COPY stream ended mid-row");
}

/** A non-negative or negative safe integer for a COPY statement, which takes no parameters. */
export function copyInteger(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error("a COPY bound is not an integer");
  return String(n);
}

/** An int4 or int8 field of a binary COPY row as a number (int8 values kept below 2^53). */
export function copyNumber(field: Buffer | null): number {
  if (field === null) throw new Error("a NULL where a number was expected");
  return field.length === 4 ? field.readInt32BE(0) : Number(field.readBigInt64BE(0));
}

/**
 * The rows of `statement`, a binary `COPY (SELECT ...) TO STDOUT` of `width` int8 columns without NULLs, in pages of
 * up to `page` rows, row after row (`values[row * width + column]`): read straight off the stream, no object a row.
 * @example for await (const p of copyInt8Rows(tx, "COPY (SELECT subject, seq FROM t) TO STDOUT (FORMAT binary)", 2)) ...
 */
export async function* copyInt8Rows(
  client: PostgresClient,
  statement: string,
  width: number,
  page = 65_536,
): AsyncIterable<{ count: number; values: Float64Array }> {
  const rowBytes = 2 + width * 12;
  let rest: Buffer = Buffer.alloc(0);
  let header = false;
  let values = new Float64Array(page * width);
  let count = 0;
  const bad = () => new Error("a binary COPY row is not of int8 columns without NULLs");
  for await (const rows of rawCopy(client, statement)) {
    const buf: Buffer = rest.length > 0 ? Buffer.concat([rest, rows]) : rows;
    let at = 0;
    if (!header) {
      if (buf.length < HEADER) {
        rest = buf;
        continue;
      }
      checkHeader(buf);
      header = true;
      at = HEADER;
    }
    while (buf.length - at >= 2) {
      const fields = buf.readInt16BE(at);
      if (fields === -1) {
        at += 2;
        break;
      }
      if (buf.length - at < rowBytes) break;
      if (fields !== width) throw bad();
      let p = at + 2;
      for (let c = 0; c < width; c++) {
        if (buf.readInt32BE(p) !== 8) throw bad();
        values[count * width + c] = buf.readUInt32BE(p + 4) * 2 ** 32 + buf.readUInt32BE(p + 8);
        p += 12;
      }
      at = p;
      if (++count === page) {
        yield { count, values };
        values = new Float64Array(page * width);
        count = 0;
      }
    }
    rest = buf.subarray(at);
  }
  if (count > 0) yield { count, values: values.subarray(0, count * width) };
}

/** The data of a COPY ... TO STDOUT as it arrives, read to its end whatever the caller does. */
async function* rawCopy(client: PostgresClient, statement: string): AsyncIterable<Buffer> {
  const chunks = (client.query(copyTo(statement)) as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let ended = false;
  try {
    for (;;) {
      const next = await chunks.next();
      if (next.done) {
        ended = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // never returned early: that would destroy the stream mid-copy and leave the connection detached
    if (!ended)
      try {
        while (!(await chunks.next()).done) {}
      } catch {
        // the copy failed: its error is the one already thrown
      }
  }
}
