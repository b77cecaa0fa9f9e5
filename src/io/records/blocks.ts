// byte chunks in, whole-line UTF-8 blocks out: a block ends at a LF byte (never inside a character), is
// validated strictly, and decoded once; the lines holding invalid UTF-8 are listed so readers can flag them.
import { Buffer, isUtf8 } from "node:buffer";
import { JikimiError } from "../../errors.js";

const LF = 10;
const BINARY_PROBE = 8192;

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
  private seen = 0;
  private first = true;

  constructor(private readonly what: string) {}

  /** Adds a chunk; returns the bytes up to and including its last LF (with earlier pending bytes), if any. */
  push(chunk: Uint8Array): Uint8Array | undefined {
    refuseBinary(chunk, this.seen, this.what);
    this.seen += chunk.length;
    const lf = chunk.lastIndexOf(LF);
    if (lf < 0) {
      if (chunk.length > 0) this.pending.push(chunk.slice());
      return undefined;
    }
    let block: Uint8Array = chunk.subarray(0, lf + 1);
    if (this.pending.length > 0) {
      this.pending.push(block);
      block = Buffer.concat(this.pending);
    }
    this.pending = lf + 1 < chunk.length ? [chunk.slice(lf + 1)] : [];
    return this.strip(block);
  }

  /** The bytes after the last LF, if any. */
  end(): Uint8Array | undefined {
    if (this.pending.length === 0) return undefined;
    const block = Buffer.concat(this.pending);
    this.pending = [];
    return this.strip(block);
  }

  private strip(block: Uint8Array): Uint8Array {
    if (!this.first) return block;
    this.first = false;
    return block[0] === 0xef && block[1] === 0xbb && block[2] === 0xbf ? block.subarray(3) : block;
  }
}

/**
 * Throws `binary_file` when a NUL byte falls in the first 8 KB of the input; `seen` is the bytes before `chunk`.
 * @example refuseBinary(chunk, 0, "customers.csv")
 */
export function refuseBinary(chunk: Uint8Array, seen: number, what: string): void {
  if (seen < BINARY_PROBE && chunk.subarray(0, BINARY_PROBE - seen).indexOf(0) >= 0)
    throw new JikimiError(
      "binary_file",
      `${what}: a NUL byte in the first ${BINARY_PROBE} bytes: this is a binary, compressed or UTF-16 file; export it as UTF-8 text`,
    );
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
