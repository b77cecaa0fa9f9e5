// a block of records as one byte buffer plus field offsets: what the release processor and the risk scan work
// on, whatever the input format. No field becomes a string until a reader asks for it (`fieldText`).
import { Buffer } from "node:buffer";
import { COMMA, LF } from "./csv-syntax.js";
import type { RecordError } from "./types.js";

/** A record left out of the table: where (block-local, 0-based) and why, never its values. */
export interface BadRecord {
  /** 0-based record index within the block (good and bad records counted) */
  record: number;
  /** 0-based physical line within the block, when known */
  line: number;
  code: RecordError["code"];
  column?: string;
  /** fields found, for a record with the wrong field count */
  fields?: number;
}

/**
 * The good records of a block. Field f of good record r ends at bytes[sep[r*width+f]] (the separator after it)
 * and starts at rowStart[r] for f = 0, else one past the previous field's end: `fieldStart`/`fieldEnd`.
 * `record[r]` is its 0-based record index within the block (bad records count too). `verbatim` is true when
 * every field's bytes are exactly what a CSV writer would emit for it (no quoting needed).
 */
export interface FieldTable {
  bytes: Uint8Array;
  sep: Int32Array;
  rowStart: Int32Array;
  width: number;
  rows: number;
  record: Int32Array;
  verbatim: boolean;
  bad: BadRecord[];
  /** records in the block, good and bad */
  records: number;
  /** physical lines in the block */
  lines: number;
}

/** A block-local problem that stops the run (an unterminated quote at the end of the file). */
export class BlockError extends Error {
  constructor(
    readonly code: string,
    readonly record: number,
    readonly line: number,
    readonly column: string | undefined,
  ) {
    super(code);
  }
}

/** Where field f of good record r starts. */
export function fieldStart(t: FieldTable, r: number, f: number): number {
  return f === 0 ? (t.rowStart[r] as number) : (t.sep[r * t.width + f - 1] as number) + 1;
}

/** Where field f of good record r ends (exclusive). */
export function fieldEnd(t: FieldTable, r: number, f: number): number {
  return t.sep[r * t.width + f] as number;
}

const encoder = new TextEncoder();

/** Packs strings as UTF-8 into a growing buffer (ASCII by a JS loop, the rest natively); a buffer it outgrows is wiped. */
class Packer {
  bytes = new Uint8Array(1 << 16);
  length = 0;

  private reserve(more: number): void {
    const need = this.length + more;
    if (need <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    // the old buffer held record values
    this.bytes.fill(0);
    this.bytes = next;
  }

  add(s: string): void {
    this.reserve(s.length * 3);
    const b = this.bytes;
    let p = this.length;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        p += encoder.encodeInto(s.slice(i), b.subarray(p)).written;
        break;
      }
      b[p++] = c;
    }
    this.length = p;
  }

  byte(c: number): void {
    this.reserve(1);
    this.bytes[this.length++] = c;
  }
}

/**
 * Packs string rows (with their block-local record indexes) into a table; fields are written UTF-8 (lone
 * surrogates as U+FFFD, like TextEncoder).
 * @example tableFromRows([["1", "홍길동"]], (i) => i, 2, { bad: [], records: 1, lines: 1 })
 */
export function tableFromRows(
  rows: readonly (readonly string[])[],
  recordOf: (i: number) => number,
  width: number,
  extra: { bad: BadRecord[]; records: number; lines: number },
): FieldTable {
  const sink = new Packer();
  const sep = new Int32Array(Math.max(1, rows.length * width));
  const rowStart = new Int32Array(Math.max(1, rows.length));
  const record = new Int32Array(Math.max(1, rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly string[];
    rowStart[r] = sink.length;
    for (let f = 0; f < width; f++) {
      sink.add(row[f] ?? "");
      sep[r * width + f] = sink.length;
      // a delimiter byte after each field keeps "start = previous end + 1"; nothing reads it
      sink.byte(f === width - 1 ? LF : COMMA);
    }
    record[r] = recordOf(r);
  }
  return {
    bytes: sink.bytes.subarray(0, sink.length),
    sep,
    rowStart,
    width,
    rows: rows.length,
    record,
    verbatim: false,
    ...extra,
  };
}

const utf8Slice = (
  Buffer.prototype as unknown as { utf8Slice: (this: Uint8Array, s: number, e: number) => string }
).utf8Slice;

/** Short ASCII values (booleans, codes, small numbers) are interned: no string is built for them per row. */
const interned = new Map<number, string>();

/** Field f of row r as a string (UTF-8). */
export function fieldText(t: FieldTable, r: number, f: number): string {
  const s = fieldStart(t, r, f);
  const e = fieldEnd(t, r, f);
  const b = t.bytes;
  if (e - s <= 6) {
    // up to 6 ASCII bytes and the length fit in a double exactly
    let key = e - s;
    let ascii = true;
    for (let i = s; i < e; i++) {
      const c = b[i] as number;
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      key = key * 128 + c;
    }
    if (ascii) {
      const hit = interned.get(key);
      if (hit !== undefined) return hit;
      const text = utf8Slice.call(b, s, e);
      if (interned.size < 65_536) interned.set(key, text);
      return text;
    }
  }
  return utf8Slice.call(b, s, e);
}
