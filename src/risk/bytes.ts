// a growable byte writer and a bounds-checked reader of unsigned LEB128 varints and length-prefixed byte strings,
// with CRC-32 (IEEE 802.3, as zlib and gzip): the binary layout of a RiskAccumulator's state (accumulator.ts).

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 of bytes[start..end), as an unsigned 32-bit number (crc32("123456789") = 0xcbf43926). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = -1;
  for (let i = start; i < end; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Appends bytes, varints and length-prefixed strings to a buffer that doubles as it fills. */
export class ByteWriter {
  private buffer: Uint8Array;
  private length = 0;

  constructor(capacity = 1024) {
    this.buffer = new Uint8Array(Math.max(16, capacity));
  }

  private ensure(more: number): void {
    if (this.length + more <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + more));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  u8(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value & 0xff;
  }

  /** An unsigned 32-bit number, little-endian. */
  u32(value: number): void {
    this.ensure(4);
    for (let i = 0; i < 4; i++) this.buffer[this.length++] = (value >>> (8 * i)) & 0xff;
  }

  /** A non-negative integer up to 2^53 - 1 as an unsigned LEB128 varint (1 byte below 128, 8 at most). */
  varint(value: number): void {
    this.ensure(8);
    const buffer = this.buffer;
    let v = value;
    if (v < 0x80000000) {
      while (v >= 0x80) {
        buffer[this.length++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
    } else {
      while (v >= 0x80) {
        buffer[this.length++] = (v % 0x80) | 0x80;
        v = Math.floor(v / 0x80);
      }
    }
    buffer[this.length++] = v;
  }

  /** bytes[start..end), after its length as a varint. */
  bytes(bytes: Uint8Array, start = 0, end = bytes.length): void {
    this.varint(end - start);
    this.ensure(end - start);
    this.buffer.set(bytes.subarray(start, end), this.length);
    this.length += end - start;
  }

  /** The bytes written so far, followed by their CRC-32 (a copy trimmed to size). */
  finishWithCrc(): Uint8Array {
    this.u32(crc32(this.buffer, 0, this.length));
    return this.buffer.slice(0, this.length);
  }
}

/** Why a state was refused, and where: thrown by ByteReader, turned into a JikimiError by its caller. */
export class ByteFormatError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} at byte ${offset}`);
  }
}

/** Reads what ByteWriter wrote from bytes[0..end), refusing reads past `end` and overlong varints. */
export class ByteReader {
  pos = 0;

  constructor(
    readonly data: Uint8Array,
    readonly end: number,
  ) {}

  fail(reason: string, at = this.pos): never {
    throw new ByteFormatError(reason, at);
  }

  /** Bytes left to read. */
  get left(): number {
    return this.end - this.pos;
  }

  u8(): number {
    if (this.pos >= this.end) this.fail("truncated");
    return this.data[this.pos++] as number;
  }

  /** A varint up to 2^53 - 1 (at most 8 bytes, no redundant trailing zero byte). */
  varint(): number {
    const at = this.pos;
    if (at < this.end) {
      const b = this.data[at] as number;
      if (b < 0x80) {
        this.pos = at + 1;
        return b;
      }
    }
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      value += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (b === 0 && i > 0) this.fail("overlong_varint", at);
        if (value > Number.MAX_SAFE_INTEGER) this.fail("varint_too_large", at);
        return value;
      }
      scale *= 0x80;
    }
    return this.fail("varint_too_large", at);
  }

  /** A varint that must be below `limit` (an id, or a count of items each taking at least a byte). */
  below(limit: number, reason: string): number {
    const at = this.pos;
    const v = this.varint();
    if (v >= limit) this.fail(reason, at);
    return v;
  }

  /** A length-prefixed byte string: its [start, end) in `data`. */
  span(): [number, number] {
    const at = this.pos;
    const length = this.varint();
    if (length > this.left) this.fail("truncated", at);
    const start = this.pos;
    this.pos += length;
    return [start, this.pos];
  }
}
