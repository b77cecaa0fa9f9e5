// column byte plumbing shared by the keyed transforms: strings into one UTF-8 buffer with offsets, and
// fixed- or variable-size binary results back to per-row hex/base64url strings with one native encode per
// batch. Contract: `utf8Into` writes exactly what TextEncoder would (lone surrogates become U+FFFD);
// `EncodedColumn.row(i)` equals Buffer.from(row i).toString(encoding) with base64url unpadded.

/** A growable byte buffer for packing a batch; `bytes` may be replaced when it grows. */
export class ByteSink {
  bytes: Uint8Array;
  length = 0;
  private dataView: DataView | undefined;
  /** the bytes `dataView` is over (comparing them is a field read; a DataView's buffer is a getter call) */
  private viewed: Uint8Array | undefined;

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Makes room for `more` bytes past `length`. */
  reserve(more: number): void {
    const need = this.length + more;
    if (need <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes.fill(0);
    this.bytes = next;
  }

  /** A DataView over `bytes` (made again once `reserve` has replaced them), for `copyBytes`. */
  get view(): DataView {
    const b = this.bytes;
    if (this.viewed !== b || this.dataView === undefined) {
      this.dataView = new DataView(b.buffer, b.byteOffset, b.byteLength);
      this.viewed = b;
    }
    return this.dataView;
  }

  /** Zeroes what was written (the buffers hold personal data between batches) and empties the sink. */
  wipe(): void {
    this.bytes.fill(0, 0, this.length);
    this.length = 0;
  }
}

/** A DataView over the bytes of a typed array. */
export const viewOf = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

/**
 * Copies bytes [s, e) of `from` to `to` at `p`, four at a time (a DataView reads and writes at any offset), and
 * returns the end. A byte loop was half of a release block's own time; `set` of a `subarray` allocates a view a
 * copy, and most copies here are 7 to 60 bytes (docs/benchmarks.md, "Share gateway").
 */
export function copyBytes(to: DataView, p: number, from: DataView, s: number, e: number): number {
  let i = s;
  let o = p;
  for (; i + 4 <= e; i += 4, o += 4) to.setUint32(o, from.getUint32(i, true), true);
  for (; i < e; i++, o++) to.setUint8(o, from.getUint8(i));
  return o;
}

/**
 * Appends the UTF-8 encoding of `s` to `sink` (ASCII one byte per unit in a JS loop; no native call).
 * @example utf8Into(sink, "홍길동")
 */
export function utf8Into(sink: ByteSink, s: string): void {
  sink.reserve(s.length * 3);
  const b = sink.bytes;
  let p = sink.length;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      b[p++] = c;
    } else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          b[p++] = 0xf0 | (c >> 18);
          b[p++] = 0x80 | ((c >> 12) & 0x3f);
          b[p++] = 0x80 | ((c >> 6) & 0x3f);
          b[p++] = 0x80 | (c & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      b[p++] = 0xe0 | (c >> 12);
      b[p++] = 0x80 | ((c >> 6) & 0x3f);
      b[p++] = 0x80 | (c & 0x3f);
    }
  }
  sink.length = p;
}

/** Per-row binary results encoded as text: `row(i)` is a slice of one encoded string. */
export interface EncodedColumn {
  row(i: number): string;
}

/** The slot a `size`-byte result takes so that base64 of the packed batch splits on row boundaries. */
export function base64Slot(size: number): number {
  return Math.ceil(size / 3) * 3;
}

/**
 * Encodes results packed at byte positions `at[i]` (each a multiple of 3 for base64url, the zero-filled
 * slot rounded up to a multiple of 3), `size(i)` bytes each, with one native encode for the whole batch.
 * Unpadded base64 fills with zero bits, so the first ceil(4 size / 3) characters of a row's slot are its
 * unpadded base64url. The rows are slices of one string, which they keep alive.
 */
export function encodeColumn(
  packed: Uint8Array,
  end: number,
  encoding: "hex" | "base64url",
  at: Uint32Array,
  size: (i: number) => number,
): EncodedColumn {
  const text = Buffer.from(packed.buffer, packed.byteOffset, end).toString(encoding);
  if (encoding === "hex")
    return { row: (i) => text.slice(2 * (at[i] as number), 2 * (at[i] as number) + 2 * size(i)) };
  return {
    row: (i) => {
      const from = ((at[i] as number) / 3) * 4;
      return text.slice(from, from + Math.ceil((size(i) * 4) / 3));
    },
  };
}
