// byte chunks in, whole-line UTF-8 blocks out: a block ends at a LF byte (never inside a character), is
// validated strictly, and decoded once; the lines holding invalid UTF-8 are listed so readers can flag them. A line
// longer than `maxLineBytes` (32 MiB) is refused once that many bytes wait for their LF, before more are buffered.
import { Buffer, isUtf8 } from "node:buffer";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { bomLength, LF } from "./csv-syntax.js";

const BINARY_PROBE = 8192;

/** The longest physical line a reader accepts unless configured: 32 MiB. */
export const MAX_LINE_BYTES = 32 << 20;

/** Options of `LineBlocks`. */
export interface LineBlockOptions {
  /** longest physical line accepted, in bytes; default 32 MiB */
  maxLineBytes?: number;
  /** the error for a line over the cap (a reader names its line number); default names the byte offset */
  tooLong?: (max: number) => JikimiError;
}

/** A cap in words: "32 MiB" or "100 bytes". */
export const capText = (n: number) =>
  n >= 1 << 20 ? t("io.cap_mib", { size: +(n / (1 << 20)).toFixed(1) }) : t("io.cap_bytes", { size: n });

/** A decoded block: its text, and the 0-based indexes (within the block) of lines with invalid UTF-8. */
export interface DecodedBlock {
  text: string;
  badLines: number[];
}

/**
 * Accumulates chunks and hands out blocks of whole lines. The first block loses its UTF-8 BOM; a NUL byte in
 * the first 8 KB throws `binary_file` (binary, compressed or UTF-16 input).
 */
export class LineBlocks {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private seen = 0;
  private first = true;
  private readonly max: number;

  constructor(
    private readonly what: string,
    private readonly options: LineBlockOptions = {},
  ) {
    this.max = options.maxLineBytes ?? MAX_LINE_BYTES;
  }

  private tooLong(): JikimiError {
    return (
      this.options.tooLong?.(this.max) ??
      new JikimiError(
        "line_too_long",
        t("io.line_too_long", {
          input: this.what,
          offset: this.seen - this.pendingBytes,
          cap: capText(this.max),
        }),
        { hint: t("io.line_too_long_hint") },
      )
    );
  }

  /**
   * Adds a chunk; returns the bytes up to and including its last LF (with earlier pending bytes), if any. Throws
   * `line_too_long` (from `tooLong`) once the line waiting for its LF passes the cap; call it before the reader
   * parses the returned block, so the reader's position is the long line's.
   */
  push(chunk: Uint8Array): Uint8Array | undefined {
    refuseBinary(chunk, this.seen, this.what);
    // a line left pending by the last chunk is checked now, after the reader took the lines before it
    if (this.pendingBytes > this.max) throw this.tooLong();
    const lf = chunk.lastIndexOf(LF);
    if (lf < 0) {
      if (chunk.length > 0) {
        this.pending.push(chunk.slice());
        this.pendingBytes += chunk.length;
      }
      this.seen += chunk.length;
      if (this.pendingBytes > this.max) throw this.tooLong();
      return undefined;
    }
    if (this.pendingBytes > 0 && this.pendingBytes + chunk.indexOf(LF) > this.max) throw this.tooLong();
    this.seen += chunk.length;
    let block: Uint8Array = chunk.subarray(0, lf + 1);
    if (this.pending.length > 0) {
      this.pending.push(block);
      block = Buffer.concat(this.pending);
    }
    this.pending = lf + 1 < chunk.length ? [chunk.slice(lf + 1)] : [];
    this.pendingBytes = chunk.length - lf - 1;
    return this.strip(block);
  }

  /** The bytes after the last LF, if any. */
  end(): Uint8Array | undefined {
    if (this.pending.length === 0) return undefined;
    if (this.pendingBytes > this.max) throw this.tooLong();
    const block = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    return this.strip(block);
  }

  private strip(block: Uint8Array): Uint8Array {
    if (!this.first) return block;
    this.first = false;
    return block.subarray(bomLength(block));
  }
}

/**
 * Throws `binary_file` when a NUL byte falls in the first 8 KB of the input; `seen` is the bytes before `chunk`.
 * @example refuseBinary(chunk, 0, "customers.csv")
 */
export function refuseBinary(chunk: Uint8Array, seen: number, what: string): void {
  if (seen < BINARY_PROBE && chunk.subarray(0, BINARY_PROBE - seen).indexOf(0) >= 0)
    throw new JikimiError("binary_file", t("io.binary", { input: what, bytes: BINARY_PROBE }), {
      hint: t("io.binary_hint"),
    });
}

/** Decodes a block as UTF-8 (invalid sequences become U+FFFD) and lists the lines that held them. */
export function decodeBlock(block: Uint8Array): DecodedBlock {
  const buf = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const text = buf.toString("utf8");
  if (isUtf8(buf)) return { text, badLines: [] };
  const badLines: number[] = [];
  let start = 0;
  for (let line = 0; start < buf.length; line++) {
    let end = buf.indexOf(LF, start);
    if (end < 0) end = buf.length;
    if (!isUtf8(buf.subarray(start, end))) badLines.push(line);
    start = end + 1;
  }
  return { text, badLines };
}
