// CSV bytes -> the header line and record-aligned blocks, so blocks can be parsed on different threads.
// A block ends at a LF outside quotes (quote parity from the block's start is even there: RFC 4180 doubles
// the quotes inside a quoted field), so a quoted line break never splits a record. Only bytes are looked at
// (indexOf/lastIndexOf, native): no decoding, no per-record work on the reading thread.
// Blocks are read into buffers of their own (a file straight into them; a stream's chunks copied in), which a
// consumer may transfer to a worker and give back for the next blocks (`BlockBuffers`).
// A record longer than `maxLineBytes` (32 MiB) is refused once that many bytes are pending, the buffer doubling
// (and scanned again) as it grows, so a huge line costs about twice its capped size in copying.
// Limitation: a file whose records end in a lone CR (no LF) is one block.
import { Buffer } from "node:buffer";
import { type FileHandle, open } from "node:fs/promises";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { capText, refuseBinary } from "./blocks.js";
import { CsvReader } from "./csv-reader.js";
import { bomLength, LF, QUOTE } from "./csv-syntax.js";
import { openError } from "./open-error.js";

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

/** Reads up to `length` bytes into `into` at `at`; resolves how many (0 at the end). */
export interface ByteReader {
  read(into: Uint8Array, at: number, length: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * A file read straight into the caller's buffers (no chunk to copy from). Errors opening or reading it are the
 * same as `fileChunks`'s (`openError`).
 * @example for await (const b of csvBlocks(fileReader("customers.csv"), { name, onHeader })) ...
 */
export function fileReader(path: string): ByteReader {
  let handle: FileHandle | undefined;
  return {
    async read(into, at, length) {
      try {
        handle ??= await open(path, "r");
        return (await handle.read(into, at, length, null)).bytesRead;
      } catch (e) {
        throw openError(path, e);
      }
    },
    async close() {
      const h = handle;
      handle = undefined;
      await h?.close();
    },
  };
}

/** A stream of chunks as a ByteReader: each chunk's bytes copied out as asked for. */
function chunkReader(source: AsyncIterable<Uint8Array>): ByteReader {
  const it = source[Symbol.asyncIterator]();
  let chunk: Uint8Array = new Uint8Array(0);
  let off = 0;
  return {
    async read(into, at, length) {
      while (off >= chunk.length) {
        const next = await it.next();
        if (next.done) return 0;
        chunk = next.value;
        off = 0;
      }
      const n = Math.min(length, chunk.length - off);
      into.set(chunk.subarray(off, off + n), at);
      off += n;
      return n;
    },
    async close() {
      await it.return?.();
    },
  };
}

/** A copy of bytes [from, to) (a Buffer's own `slice` is a view: the block's buffer may be transferred). */
const copy = (b: Uint8Array, from: number, to: number): Uint8Array =>
  Uint8Array.prototype.slice.call(b, from, to);

/** A reader, not a stream (a Node stream has a `read` of its own: what tells them apart is the iterator). */
const isReader = (s: AsyncIterable<Uint8Array> | ByteReader): s is ByteReader => !(Symbol.asyncIterator in s);

/**
 * Buffers for blocks, given back by the consumer once done with a block (a worker thread hands its block's buffer
 * back with the result), so a release reads its file into the same few buffers instead of allocating two a block:
 * those allocations were most of the reading thread's garbage collection (docs/benchmarks.md, "Share gateway").
 * @example const buffers = new BlockBuffers(6, 2 << 20); csvBlocks(reader, { ..., buffers }); ... buffers.give(r.input)
 */
export class BlockBuffers {
  private free: ArrayBuffer[] = [];

  /**
   * `keep`: how many free buffers are kept at most (the blocks in flight, and one being filled); `least`: the
   * smallest kept (a block cloned, not transferred, to a worker comes back as a buffer of its own size).
   */
  constructor(
    private readonly keep: number,
    private readonly least: number,
  ) {}

  /** A buffer of at least `bytes`: a free one, or a new one. */
  take(bytes: number): Buffer {
    const i = this.free.findIndex((b) => b.byteLength >= bytes);
    if (i < 0) return Buffer.alloc(bytes);
    const [buffer] = this.free.splice(i, 1);
    return Buffer.from(buffer as ArrayBuffer);
  }

  /** Gives a block's buffer back (a detached or surplus one is let go). */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength >= this.least && this.free.length < this.keep) this.free.push(buffer);
  }

  /** Wipes the free buffers (they held records) and lets them go. */
  clear(): void {
    for (const b of this.free) new Uint8Array(b).fill(0);
    this.free = [];
  }
}

/**
 * Cuts a stream of chunks, or a reader, into the header bytes and blocks of about `target` bytes of whole records.
 * Each block's bytes start a buffer of their own (from `buffers` when given), which the consumer may transfer.
 * Throws `binary_file` for a NUL in the first 8 KB and `empty_file` when there is no header. A UTF-8 BOM
 * is dropped.
 * @example for await (const b of csvBlocks(createReadStream(path), { onHeader: (h) => ... })) send(b);
 */
export async function* csvBlocks(
  source: AsyncIterable<Uint8Array> | ByteReader,
  options: {
    name: string;
    target?: number;
    maxLineBytes?: number;
    onHeader: (header: Uint8Array) => void;
    buffers?: BlockBuffers;
  },
): AsyncGenerator<CsvBlock> {
  const target = options.target ?? 2 << 20;
  const max = options.maxLineBytes ?? MAX_RECORD_BYTES;
  const reader = isReader(source) ? source : chunkReader(source);
  // Buffers, not plain Uint8Arrays: the cuts are found with Buffer's native indexOf and lastIndexOf (a
  // Uint8Array's are a loop in JavaScript, 25x slower over a block)
  const take = (bytes: number): Buffer => options.buffers?.take(bytes) ?? Buffer.alloc(bytes);
  let buf = take(target);
  /** bytes of `buf` holding data */
  let filled = 0;
  /** bytes read from the source */
  let seen = 0;
  let ended = false;
  /** bytes of data (after the header) handed out in blocks */
  let handed = 0;
  const tooLong = () => new RecordTooLong(options.name, handed, max);
  /** Reads until the buffer is full or the source ends. */
  const fill = async () => {
    while (filled < buf.length && !ended) {
      const n = await reader.read(buf, filled, buf.length - filled);
      if (n === 0) ended = true;
      refuseBinary(buf.subarray(filled, filled + n), seen, options.name);
      seen += n;
      filled += n;
    }
  };
  /** A larger buffer (twice, past the cap at most by one byte) holding the same bytes: a record longer than it. */
  const grow = () => {
    const next = take(Math.min(buf.length * 2, max + 1));
    next.set(buf.subarray(0, filled));
    options.buffers?.give(buf.buffer as ArrayBuffer);
    buf = next;
  };
  try {
    await fill();
    const bom = bomLength(buf.subarray(0, filled));
    buf.copyWithin(0, bom, filled);
    filled -= bom;
    for (;;) {
      const end = firstRecordEnd(buf.subarray(0, filled));
      if (end >= 0) {
        options.onHeader(copy(buf, 0, end + 1));
        buf.copyWithin(0, end + 1, filled);
        filled -= end + 1;
        break;
      }
      if (ended) {
        if (filled === 0)
          throw new JikimiError("empty_file", t("io.csv.empty", { input: options.name }), {
            hint: t("io.csv.empty_hint"),
          });
        options.onHeader(copy(buf, 0, filled));
        return;
      }
      if (filled > max)
        throw new JikimiError(
          "line_too_long",
          t("io.csv.header_too_long", { input: options.name, cap: capText(max) }),
        );
      grow();
      await fill();
    }
    for (;;) {
      await fill();
      if (ended) break;
      const cut = lastRecordEnd(buf.subarray(0, filled));
      if (cut < 0) {
        if (filled > max) throw tooLong();
        grow();
        continue;
      }
      // the rest is copied before the block is handed out: its consumer may transfer the block's buffer
      const rest = copy(buf, cut + 1, filled);
      const block = { bytes: buf.subarray(0, cut + 1) };
      handed += block.bytes.length;
      yield block;
      // what follows the cut holds no record end: past the cap it can only be one record too long
      if (rest.length > max) throw tooLong();
      buf = take(Math.max(target, rest.length * 2));
      buf.set(rest);
      filled = rest.length;
    }
    let last: Uint8Array = buf.subarray(0, filled);
    if (last.length > max) {
      const cut = lastRecordEnd(last);
      if (cut < 0) throw tooLong();
      const rest = copy(last, cut + 1, last.length);
      const block = { bytes: last.subarray(0, cut + 1) };
      handed += block.bytes.length;
      yield block;
      last = rest;
      if (last.length > max) throw tooLong();
    }
    if (last.length > 0) yield { bytes: last };
  } finally {
    await reader.close();
  }
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
