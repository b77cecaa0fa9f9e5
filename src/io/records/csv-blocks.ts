// CSV bytes -> the header line and record-aligned blocks, so blocks can be parsed on different threads.
// A block ends at a LF outside quotes (quote parity from the block's start is even there: RFC 4180 doubles
// the quotes inside a quoted field), so a quoted line break never splits a record. Only bytes are looked at
// (indexOf/lastIndexOf, native): no decoding, no per-record work on the reading thread.
// A record longer than `maxLineBytes` (32 MiB) is refused once that many bytes are pending, with the pending bytes
// scanned only as they double (not per chunk), so a huge line costs about twice its capped size in copying.
// Limitation: a file whose records end in a lone CR (no LF) is one block.
import { Buffer } from "node:buffer";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { capText, refuseBinary } from "./blocks.js";
import { CsvReader } from "./csv-reader.js";
import { bomLength, LF, QUOTE } from "./csv-syntax.js";

/** The longest record accepted unless configured: 32 MiB, like the scan's lines. */
export const MAX_RECORD_BYTES = 32 << 20;

/**
 * A record longer than the cap: `offset` is the byte (after the header) where it starts. Callers that count rows
 * turn it into a message naming the row and line with `at(row, line)`; the error itself names the byte.
 */
export class RecordTooLong extends JikimiError {
  constructor(
    readonly input: string,
    readonly offset: number,
    readonly max: number,
  ) {
    super("line_too_long", RecordTooLong.text(input, t("io.csv.record_after_byte", { offset }), max), {
      hint: t("io.csv.too_long_hint"),
    });
  }

  private static text(name: string, where: string, max: number): string {
    return t("io.csv.too_long", { input: name, where, cap: capText(max) });
  }

  /** The same error naming the record's row and line (1-based, the header is line 1). */
  at(row: number, line: number): JikimiError {
    return new JikimiError(
      "line_too_long",
      RecordTooLong.text(this.input, t("io.row_line", { row, line }), this.max),
      { hint: t("io.csv.too_long_hint"), cause: this },
    );
  }
}

/** A block of whole records: its bytes (ending in LF, or at the end of the file). */
export interface CsvBlock {
  bytes: Uint8Array;
}

/** The last LF of `b` outside quotes (parity counted from b[0]), or -1. */
export function lastRecordEnd(b: Uint8Array): number {
  if (b.indexOf(QUOTE) < 0) return b.lastIndexOf(LF);
  let cut = -1;
  let pos = 0;
  let open = false;
  for (;;) {
    const q = b.indexOf(QUOTE, pos);
    const end = q < 0 ? b.length : q;
    if (!open && end > pos) {
      const lf = b.lastIndexOf(LF, end - 1);
      if (lf >= pos) cut = lf;
    }
    if (q < 0) return cut;
    open = !open;
    pos = q + 1;
  }
}

/** The first LF of `b` outside quotes, or -1. */
function firstRecordEnd(b: Uint8Array): number {
  let pos = 0;
  for (;;) {
    const q = b.indexOf(QUOTE, pos);
    const lf = b.indexOf(LF, pos);
    if (lf < 0) return -1;
    if (q < 0 || lf < q) return lf;
    const close = b.indexOf(QUOTE, q + 1);
    if (close < 0) return -1;
    pos = close + 1;
  }
}

/**
 * Cuts a stream of chunks into the header bytes and blocks of about `target` bytes of whole records.
 * Throws `binary_file` for a NUL in the first 8 KB and `empty_file` when there is no header. A UTF-8 BOM
 * is dropped.
 * @example for await (const b of csvBlocks(createReadStream(path), { onHeader: (h) => ... })) send(b);
 */
export async function* csvBlocks(
  source: AsyncIterable<Uint8Array>,
  options: { name: string; target?: number; maxLineBytes?: number; onHeader: (header: Uint8Array) => void },
): AsyncGenerator<CsvBlock> {
  const target = options.target ?? 2 << 20;
  const max = options.maxLineBytes ?? MAX_RECORD_BYTES;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let seen = 0;
  /** bytes of data (after the header) handed out in blocks */
  let handed = 0;
  /** pending bytes that hold no record end: scan again only once this many more are pending */
  let scanAt = target;
  let header: Uint8Array | undefined;
  const tooLong = () => new RecordTooLong(options.name, handed, max);
  const take = (): Uint8Array => {
    const all = pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    return all;
  };
  const keep = (rest: Uint8Array): void => {
    if (rest.length === 0) return;
    pending = [rest];
    pendingBytes = rest.length;
  };
  for await (const raw of source) {
    let chunk = raw;
    refuseBinary(chunk, seen, options.name);
    if (seen === 0) chunk = chunk.subarray(bomLength(chunk));
    seen += raw.length;
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (header === undefined) {
      const all = take();
      const end = firstRecordEnd(all);
      if (end < 0) {
        if (all.length > max)
          throw new JikimiError(
            "line_too_long",
            t("io.csv.header_too_long", { input: options.name, cap: capText(max) }),
          );
        keep(all);
        continue;
      }
      header = all.slice(0, end + 1);
      options.onHeader(header);
      keep(all.subarray(end + 1));
    }
    if (pendingBytes < Math.max(target, Math.min(scanAt, max + 1))) continue;
    const all = take();
    const cut = lastRecordEnd(all);
    if (cut < 0) {
      if (all.length > max) throw tooLong();
      keep(all);
      // no record end yet: look again when the pending bytes have doubled (or pass the cap), not on every chunk
      scanAt = all.length * 2;
      continue;
    }
    // the rest is copied before the block is handed out: its consumer may transfer the block's buffer
    const rest = Uint8Array.prototype.slice.call(all, cut + 1);
    const block = { bytes: all.subarray(0, cut + 1) };
    keep(rest);
    scanAt = target;
    handed += block.bytes.length;
    yield block;
    // what follows the cut holds no record end: past the cap it can only be one record too long
    if (rest.length > max) throw tooLong();
  }
  const rest = take();
  if (header === undefined) {
    if (rest.length === 0)
      throw new JikimiError("empty_file", t("io.csv.empty", { input: options.name }), {
        hint: t("io.csv.empty_hint"),
      });
    header = rest;
    options.onHeader(header);
    return;
  }
  let last = rest;
  if (last.length > max) {
    const cut = lastRecordEnd(last);
    if (cut < 0) throw tooLong();
    const block = { bytes: last.subarray(0, cut + 1) };
    last = last.subarray(cut + 1);
    handed += block.bytes.length;
    yield block;
    if (last.length > max) throw tooLong();
  }
  if (last.length > 0) yield { bytes: last };
}

/**
 * The columns of a header line cut by `csvBlocks`, read by the RFC 4180 reader (its errors for a bad header).
 * @example headerColumns(Buffer.from("id,name\n"), "customers.csv") // ["id", "name"]
 */
export function headerColumns(header: Uint8Array, name: string): string[] {
  const reader = new CsvReader({ name });
  reader.push(header);
  reader.end();
  return reader.columns ?? [];
}
