// pseudonym: HMAC-SHA256 under a key derived per agreement and recipient (never a bare hash); normalise, HMAC the
// whole column in one hmacBatch per chunk, truncate, encode.
// Contract: row i becomes encode(HMAC-SHA256(key, utf8(normalise(value)))[0..bytes)), equal byte for byte to
// node:crypto's createHmac; "" stays "" (an empty value is a missing one, and a pseudonym of nothing would
// join every missing row); a value that normalises to nothing becomes "" with problem "normalised_empty".
import { z } from "zod";
import { hmacBatch, hmacKey } from "../crypto/sha256/index.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import {
  type ApplyContext,
  type CellTransform,
  type ColumnTransform,
  reporter,
  requireKey,
} from "./apply-context.js";
import { ByteSink, base64Slot, encodeColumn, utf8Into } from "./column-codec.js";
import { LinkKey } from "./link-key.js";
import type { Transform } from "./transform.js";

export const Normalisation = z.enum(["none", "phone_kr", "email", "lowercase", "digits"]);

const options = z.strictObject({
  transform: z.literal("pseudonym"),
  normalize: Normalisation.default("none").describe("normalise before keying, e.g. phone formats"),
  link_key: LinkKey.optional().describe(
    "name of a key shared with other agreements to the same recipient; omit for a key of this agreement only",
  ),
  encoding: z.enum(["hex", "base64url"]).default("base64url"),
  bytes: z.number().int().min(16).max(32).default(32),
});

export type PseudonymOptions = z.output<typeof options>;
export type NormalisationKind = z.output<typeof Normalisation>;

/** Rows per hmacBatch call: bounds the staging buffers (about 4.5 MB at most) whatever the batch size. */
const CHUNK = 1 << 16;

/**
 * The reference normalisations (the column path writes the same bytes without building strings):
 * none; phone_kr: ASCII digits only, a leading country code 82 becomes 0 (8210... -> 010...; 82010...
 * -> 010..., for numbers written with both); email: trim + lowercase; lowercase; digits: ASCII digits only.
 * @example normalise("phone_kr", "+82 10-1234-5678") // "01012345678"
 */
export function normalise(kind: NormalisationKind, value: string): string {
  switch (kind) {
    case "none":
      return value;
    case "email":
      return value.trim().toLowerCase();
    case "lowercase":
      return value.toLowerCase();
    case "digits":
      return value.replace(/[^0-9]/g, "");
    case "phone_kr": {
      const d = value.replace(/[^0-9]/g, "");
      if (!d.startsWith("82")) return d;
      return d.startsWith("820") ? d.slice(2) : `0${d.slice(2)}`;
    }
  }
}

/** Appends the ASCII digits of `s` to the sink; phone_kr then rewrites a leading 82 as above. */
function digitsInto(sink: ByteSink, s: string, phone: boolean): void {
  sink.reserve(s.length);
  const b = sink.bytes;
  const start = sink.length;
  let p = start;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) b[p++] = c;
  }
  sink.length = p;
  if (phone) rewriteCountryCode(sink, start);
}

/** phone_kr: the digits written from `start` that begin with the country code 82 begin with 0 instead. */
function rewriteCountryCode(sink: ByteSink, start: number): void {
  const b = sink.bytes;
  let p = sink.length;
  if (p - start >= 2 && b[start] === 0x38 && b[start + 1] === 0x32) {
    if (p - start >= 3 && b[start + 2] === 0x30) {
      b.copyWithin(start, start + 2, p);
      p -= 2;
    } else {
      b[start + 1] = 0x30;
      b.copyWithin(start, start + 1, p);
      p -= 1;
    }
  }
  sink.length = p;
}

function normaliseInto(sink: ByteSink, kind: NormalisationKind, s: string): void {
  if (kind === "phone_kr" || kind === "digits") digitsInto(sink, s, kind === "phone_kr");
  else utf8Into(sink, kind === "none" ? s : normalise(kind, s));
}

/**
 * One chunk's normalised values, staged back to back, and their MACs packed a slot a row (hex: the whole 32-byte
 * MAC, cut when encoded; base64url: the truncated MAC in a slot of a multiple of 3 bytes, so each row's characters
 * stand alone). The buffers grow to the largest chunk seen (at most CHUNK rows); `wipe` after each chunk.
 */
class MacStage {
  readonly values = new ByteSink();
  readonly slot: number;
  offsets = new Uint32Array(1);
  macs = new Uint8Array(0);
  packed = this.macs;
  private capacity = 0;

  /** `pack`: the MACs are also packed a slot each (the column path; the cell path encodes from `macs`) */
  constructor(
    private readonly key: ReturnType<typeof hmacKey>,
    private readonly encoding: PseudonymOptions["encoding"],
    private readonly bytes: number,
    private readonly pack = true,
  ) {
    this.slot = encoding === "hex" ? 32 : base64Slot(bytes);
  }

  /** Room for a chunk of n rows. */
  grow(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.offsets = new Uint32Array(n + 1);
    this.macs = new Uint8Array(n * 32);
    this.packed = this.encoding === "hex" || !this.pack ? this.macs : new Uint8Array(n * this.slot);
  }

  /** The MACs of the first m values staged (offsets[1..m] their ends), 32 bytes each in `macs`. */
  mac(m: number): void {
    hmacBatch(this.key, this.values.bytes, this.offsets.subarray(0, m + 1), this.macs);
  }

  /** `mac`, then the MACs packed a slot each (the column path encodes the packed bytes in one call). */
  seal(m: number): void {
    this.mac(m);
    if (this.packed !== this.macs)
      for (let j = 0; j < m; j++)
        this.packed.set(this.macs.subarray(32 * j, 32 * j + this.bytes), j * this.slot);
  }

  /** Zeroes what a chunk of m MACs staged. */
  wipe(m: number): void {
    this.values.wipe();
    this.macs.fill(0, 0, m * 32);
    if (this.packed !== this.macs) this.packed.fill(0, 0, m * this.slot);
  }
}

/** A pseudonym key is 32 bytes. */
function checkKey(key: Uint8Array): void {
  if (key.length !== 32)
    throw new JikimiError(
      "transform_key_length",
      t("engine.transform.pseudonym_key", { length: key.length }),
      { hint: t("engine.transform.pseudonym_key_hint") },
    );
}

/**
 * Compiles a pseudonym column transform under a 32-byte key (the key bytes are not retained, only the
 * HMAC states). Output: `bytes` bytes of the MAC as lowercase hex (2 x bytes chars) or unpadded
 * base64url (ceil(4 x bytes / 3) chars). The returned function reuses its buffers: call it from one thread.
 * @example compilePseudonym({ transform: "pseudonym", normalize: "phone_kr", encoding: "hex", bytes: 16 }, key, {})
 */
export function compilePseudonym(
  options: PseudonymOptions,
  key: Uint8Array,
  context: ApplyContext,
): ColumnTransform {
  checkKey(key);
  const report = reporter(context);
  const { normalize: kind, encoding, bytes } = options;
  const stage = new MacStage(hmacKey(key), encoding, bytes);
  const { slot, values: sink } = stage;
  const size = (): number => bytes;
  let capacity = 0;
  let rows = new Int32Array(0);
  let at = new Uint32Array(0);

  return (values, out) => {
    for (let from = 0; from < values.length; from += CHUNK) {
      const to = Math.min(values.length, from + CHUNK);
      stage.grow(to - from);
      if (to - from > capacity) {
        capacity = to - from;
        rows = new Int32Array(capacity);
        at = Uint32Array.from({ length: capacity }, (_, j) => j * slot);
      }
      let m = 0;
      try {
        for (let i = from; i < to; i++) {
          const v = values[i] ?? "";
          if (v === "") {
            out[i] = "";
            continue;
          }
          const before = sink.length;
          normaliseInto(sink, kind, v);
          if (sink.length === before) {
            out[i] = "";
            report(i, "normalised_empty");
            continue;
          }
          rows[m++] = i;
          stage.offsets[m] = sink.length;
        }
        if (m === 0) continue;
        stage.seal(m);
        const column = encodeColumn(stage.packed, m * slot, encoding, at, size);
        for (let j = 0; j < m; j++) out[rows[j] as number] = column.row(j);
      } finally {
        stage.wipe(m);
      }
    }
  };
}

const utf8Slice = (
  Buffer.prototype as unknown as { utf8Slice: (this: Uint8Array, s: number, e: number) => string }
).utf8Slice;

/**
 * normaliseInto for a field's UTF-8 bytes, without a string where the bytes allow: digits and phone_kr keep the
 * ASCII digit bytes (no byte of a multi-byte character is one), none copies them, email and lowercase work on ASCII
 * bytes (JavaScript's trim and toLowerCase do the same there) and go through the string for anything else.
 */
function normaliseBytesInto(
  sink: ByteSink,
  kind: NormalisationKind,
  src: Uint8Array,
  s: number,
  e: number,
): void {
  if (kind === "phone_kr" || kind === "digits") {
    sink.reserve(e - s);
    const b = sink.bytes;
    const start = sink.length;
    let p = start;
    for (let i = s; i < e; i++) {
      const c = src[i] as number;
      if (c >= 0x30 && c <= 0x39) b[p++] = c;
    }
    sink.length = p;
    if (kind === "phone_kr") rewriteCountryCode(sink, start);
    return;
  }
  let from = s;
  let to = e;
  if (kind === "none") {
    // kept as they are, whatever the bytes
    sink.reserve(to - from);
    const b = sink.bytes;
    let p = sink.length;
    for (let i = from; i < to; i++) b[p++] = src[i] as number;
    sink.length = p;
    return;
  }
  if (kind === "email") {
    // JavaScript's trim on ASCII: tab, LF, VT, FF, CR and space
    const space = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
    while (from < to && space(src[from] as number)) from++;
    while (to > from && space(src[to - 1] as number)) to--;
  }
  // lower-cased as copied; a byte of a multi-byte character takes the value through the string instead
  sink.reserve(to - from);
  const b = sink.bytes;
  const start = sink.length;
  let p = start;
  for (let i = from; i < to; i++) {
    const c = src[i] as number;
    if (c >= 0x80) {
      sink.length = start;
      utf8Into(sink, normalise(kind, utf8Slice.call(src, s, e)));
      return;
    }
    b[p++] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  }
  sink.length = p;
}

/**
 * The pseudonym as a CellTransform: the same bytes as the column transform written as CSV (hex and base64url need no
 * quoting), with no string made a row; each MAC is encoded straight into its cell.
 * @example compilePseudonymCells(options, key, {})(src, starts, ends, n, sink, at)
 */
export function compilePseudonymCells(
  options: PseudonymOptions,
  key: Uint8Array,
  context: ApplyContext,
): CellTransform {
  checkKey(key);
  const report = reporter(context);
  const { normalize: kind, encoding, bytes } = options;
  const stage = new MacStage(hmacKey(key), encoding, bytes, false);
  const staging = stage.values;
  /** characters of a row's cell */
  const chars = encoding === "hex" ? 2 * bytes : Math.ceil((4 * bytes) / 3);
  const hex = encoding === "hex";
  /** each row's MAC number in the chunk, or -1 for an empty cell */
  let mac = new Int32Array(0);
  return (src, starts, ends, n, out, at) => {
    out.length = 0;
    at[0] = 0;
    for (let from = 0; from < n; from += CHUNK) {
      const to = Math.min(n, from + CHUNK);
      stage.grow(to - from);
      if (mac.length < to - from) mac = new Int32Array(to - from);
      let m = 0;
      try {
        for (let i = from; i < to; i++) {
          const s = starts[i] as number;
          const e = ends[i] as number;
          mac[i - from] = -1;
          if (s === e) continue;
          const before = staging.length;
          normaliseBytesInto(staging, kind, src, s, e);
          if (staging.length === before) {
            report(i, "normalised_empty");
            continue;
          }
          mac[i - from] = m++;
          stage.offsets[m] = staging.length;
        }
        if (m > 0) stage.mac(m);
        // each MAC encoded straight into its cell (a string of the chunk's text, its copy and a copy a cell cost
        // more than the HMAC: docs/benchmarks.md, "Share gateway")
        out.reserve((to - from) * chars);
        const ob = out.view;
        const macs = stage.macs;
        let p = out.length;
        for (let i = from; i < to; i++) {
          const j = mac[i - from] as number;
          if (j >= 0)
            p = hex ? hexInto(macs, 32 * j, bytes, ob, p) : base64urlInto(macs, 32 * j, bytes, ob, p);
          at[i + 1] = p;
        }
        out.length = p;
      } finally {
        stage.wipe(m);
      }
    }
  };
}

const HEX_DIGITS = Buffer.from("0123456789abcdef", "latin1");
const BASE64URL = Buffer.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", "latin1");
// two characters at once, as a little-endian 16-bit word: a byte's two hex digits, or the two base64url
// characters of 12 bits (a 4,096-entry table), so three bytes go out as one 32-bit write
const HEX_PAIRS = Uint16Array.from(
  { length: 256 },
  (_, v) => (HEX_DIGITS[v >>> 4] as number) | ((HEX_DIGITS[v & 15] as number) << 8),
);
const BASE64URL_PAIRS = Uint16Array.from(
  { length: 4096 },
  (_, v) => (BASE64URL[v >>> 6] as number) | ((BASE64URL[v & 63] as number) << 8),
);

/** Writes `src[at .. at+bytes)` as lowercase hex at `p` of `out` (through its view); returns the end. */
function hexInto(src: Uint8Array, at: number, bytes: number, out: DataView, p: number): number {
  for (let k = at; k < at + bytes; k++, p += 2) out.setUint16(p, HEX_PAIRS[src[k] as number] as number, true);
  return p;
}

/** Writes `src[at .. at+bytes)` as unpadded base64url at `p` of `out` (Buffer's "base64url"); returns the end. */
function base64urlInto(src: Uint8Array, at: number, bytes: number, out: DataView, p: number): number {
  const end = at + bytes;
  let k = at;
  for (; k + 3 <= end; k += 3, p += 4) {
    const v = ((src[k] as number) << 16) | ((src[k + 1] as number) << 8) | (src[k + 2] as number);
    out.setUint32(
      p,
      (BASE64URL_PAIRS[v >>> 12] as number) | ((BASE64URL_PAIRS[v & 4095] as number) << 16),
      true,
    );
  }
  if (end - k === 1) {
    const v = src[k] as number;
    out.setUint16(p, BASE64URL_PAIRS[v << 4] as number, true);
    p += 2;
  } else if (end - k === 2) {
    const v = ((src[k] as number) << 8) | (src[k + 1] as number);
    out.setUint16(p, BASE64URL_PAIRS[v >>> 4] as number, true);
    out.setUint8(p + 2, BASE64URL[(v & 15) << 2] as number);
    p += 3;
  }
  return p;
}

/** Replaces the value with a keyed HMAC-SHA256 pseudonym the recipient cannot reverse. */
export const pseudonym: Transform<typeof options> = {
  name: "pseudonym",
  summary: "replace the value with a keyed HMAC-SHA256 pseudonym the recipient cannot reverse",
  accepts: ["string", "integer", "date"],
  options,
  key: { use: "pseudonym", length: 32 },
  exposure: "keyed",
  joinScope: "key",
  reversibleByController: false,
  compile: (o, { key, context }) => compilePseudonym(o, requireKey(key, "pseudonym", context), context),
  compileCells: (o, { key, context }) =>
    compilePseudonymCells(o, requireKey(key, "pseudonym", context), context),
};
