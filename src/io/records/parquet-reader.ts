// Parquet -> RecordBatch with hyparquet: the footer is read once, then one row group at a time through
// positioned reads on a file handle, so memory is bounded by a row group (as written: DuckDB writes ~122,880
// rows, Spark ~128 MB, pyarrow up to 1 Mi rows), never by the file. Columns are the schema's top-level fields.
//
// Values become strings the way the other readers' values do:
//   null (or a missing optional value)   ""
//   string (STRING, UTF8, ENUM, JSON)    as is (a JSON column gives its JSON text); a BYTE_ARRAY without a type
//                                        is read as UTF-8 text too; invalid UTF-8 is a bad row (bad_encoding)
//   UUID                                 8-4-4-4-12 lowercase hex
//   boolean                              "true" / "false"
//   INT32, INT64, unsigned               decimal digits (INT64 exactly, via bigint)
//   DOUBLE, FLOAT16                      String(n), integers without exponent ("1e21" -> "1000000000000000000000")
//   FLOAT                                the shortest decimal that reads back as the same 32-bit float ("0.1")
//   DECIMAL(p, s)                        exact, with s fraction digits ("19.90", "-0.05"), at any precision
//   DATE                                 YYYY-MM-DD (proleptic Gregorian; years past 9999 as +YYYYYY)
//   TIMESTAMP, INT96                     ISO 8601 in UTC ending in Z, with 3, 6 or 9 fraction digits for
//                                        millisecond, microsecond or nanosecond columns; a TIMESTAMP written
//                                        without isAdjustedToUTC (a local wall-clock time) is shown as if UTC
//   TIME                                 HH:MM:SS with 3, 6 or 9 fraction digits
//   LIST, MAP, struct, VARIANT, BSON     a bad row (nested_value) naming the column: flatten it into columns
//   binary (FIXED_LEN_BYTE_ARRAY without a type, INTERVAL, GEOMETRY, GEOGRAPHY)
//                                        a bad row (nested_value) naming the column: write it as text (hex,
//                                        base64, WKT) if it is to be shared
// A bad row keeps the fields that could be read and, in `badRows` only, a JSON or base64 rendering of the one
// that could not; its message names the row and column, never a value. Parquet has no lines: `line` repeats
// `row`. Compression: none, Snappy, GZIP and Brotli (and ZSTD where node:zlib has it); anything else, an
// encrypted file, stdin (Parquet needs random access), or a missing, foreign, truncated or damaged file throws
// a JikimiError (exit 2) that names the path and the fix.
import { type FileHandle, open } from "node:fs/promises";
import * as zlib from "node:zlib";
import type {
  AsyncBuffer,
  ColumnData,
  CompressionCodec,
  Compressors,
  FileMetaData,
  ParquetParsers,
  SchemaElement,
  SchemaTree,
} from "hyparquet";
import { JikimiError } from "../../errors.js";
import { type MessageKey, t } from "../../i18n/index.js";
import { directoryError, openError } from "./open-error.js";
import { BatchBuilder, type RecordBatch, type RecordError } from "./types.js";

/** Options of a Parquet reader. */
export interface ParquetReaderOptions {
  /** records per batch (good and bad); default 2,048 */
  batchRows?: number;
  /** how messages name the input; default the path */
  name?: string;
  /** largest row group decoded (uncompressed bytes, as the footer states); default 1 GiB */
  maxRowGroupBytes?: number;
  /**
   * only row groups [from, to) (0-based), rows numbered from 1 at the first of them: one partition of a distributed
   * release (the release numbers rows over the whole file)
   */
  rowGroups?: { from: number; to: number };
}

/** One row group as the footer states it: its rows and its compressed bytes. */
export interface RowGroupSize {
  rows: number;
  bytes: number;
}

/**
 * The row groups of a Parquet file from its footer (checked as a read checks it), for cutting it into partitions.
 * @example const groups = await parquetRowGroups("transactions.parquet"); // [{ rows: 122880, bytes: 5120311 }, ...]
 */
export async function parquetRowGroups(path: string, name: string = path): Promise<RowGroupSize[]> {
  const { file, handle, metadata, hp } = await openParquet(path, name);
  try {
    checkFooter(hp, metadata, file.byteLength, name);
    return metadata.row_groups.map((g) => ({
      rows: Number(g.num_rows),
      bytes: g.columns.reduce((n, c) => n + Number(c.meta_data?.total_compressed_size ?? 0), 0),
    }));
  } finally {
    await handle.close();
  }
}

/** A row group is decoded whole: one larger than this (uncompressed) is refused before it is read. */
export const MAX_ROW_GROUP_BYTES = 1 << 30;

/** "PAR1", little-endian */
const MAGIC = 0x31524150;
/** "PARE": a file with an encrypted footer */
const MAGIC_ENCRYPTED = 0x45524150;

/** Why a value cannot become a field: a RecordError code and the fix (no value). */
interface Failure {
  code: RecordError["code"];
  /** the catalogue key of the reason and its fix, rendered when the record is reported */
  what: MessageKey;
}

const NESTED: Failure = { code: "nested_value", what: "io.parquet.nested" };
const BINARY: Failure = { code: "nested_value", what: "io.parquet.binary" };
const BAD_UTF8: Failure = { code: "bad_encoding", what: "io.parquet.bad_utf8" };

type Convert = (v: unknown) => string | Failure;

/** Text that failed UTF-8 validation; the bytes are kept for the quarantine copy only. */
class BadText {
  constructor(readonly bytes: Uint8Array) {}
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lossy = new TextDecoder();

function decodeText(bytes: Uint8Array | undefined): string | BadText | undefined {
  if (bytes === undefined) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return new BadText(bytes);
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** A day count since 1970-01-01 as YYYY-MM-DD (H. Hinnant's civil_from_days). */
export function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const year =
    y >= 0 && y <= 9999
      ? String(y).padStart(4, "0")
      : `${y < 0 ? "-" : "+"}${String(Math.abs(y)).padStart(6, "0")}`;
  return `${year}-${pad2(m)}-${pad2(d)}`;
}

function clock(secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  return `${pad2(h)}:${pad2(m)}:${pad2(secondOfDay % 60)}`;
}

/** `v` units since the epoch (`perSecond` units a second) as ISO 8601 UTC with `digits` fraction digits. */
export function isoTimestamp(v: bigint | number, perSecond: bigint, digits: number): string {
  const units = typeof v === "bigint" ? v : BigInt(v);
  let secs = units / perSecond;
  let frac = units - secs * perSecond;
  if (frac < 0n) {
    frac += perSecond;
    secs -= 1n;
  }
  let days = secs / 86_400n;
  let sod = secs - days * 86_400n;
  if (sod < 0n) {
    sod += 86_400n;
    days -= 1n;
  }
  return `${civilDate(Number(days))}T${clock(Number(sod))}.${String(frac).padStart(digits, "0")}Z`;
}

/** `v` units since midnight as HH:MM:SS.fraction. */
function timeOfDay(v: bigint | number, perSecond: bigint, digits: number): string {
  const units = typeof v === "bigint" ? v : BigInt(v);
  const secs = units / perSecond;
  return `${clock(Number(secs))}.${String(units - secs * perSecond).padStart(digits, "0")}`;
}

/** A number as text: String(n), but integers never in exponent form. */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return BigInt(n).toString();
  return String(n);
}

/** A 32-bit float as the shortest decimal that reads back as the same float. */
export function float32Text(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return numberText(v);
  for (let p = 1; p < 9; p++) {
    const shorter = Number(v.toPrecision(p));
    if (Math.fround(shorter) === v) return String(shorter);
  }
  return String(v);
}

/** An unscaled DECIMAL (int32, int64 or big-endian two's complement bytes) as exact text with `scale` digits. */
export function decimalText(unscaled: number | bigint | Uint8Array, scale: number): string {
  let value: bigint | number = unscaled as number | bigint;
  if (unscaled instanceof Uint8Array) {
    let big = 0n;
    for (const byte of unscaled) big = (big << 8n) | BigInt(byte);
    if (unscaled.length > 0 && (unscaled[0] as number) >= 128) big -= 1n << BigInt(unscaled.length * 8);
    value = big;
  }
  let digits = value.toString();
  const negative = digits.startsWith("-");
  if (negative) digits = digits.slice(1);
  if (scale > 0) {
    digits = digits.padStart(scale + 1, "0");
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** Any decoded value that has no column-specific rule. */
function plain(v: unknown): string | Failure {
  if (typeof v === "string") return v;
  if (typeof v === "number") return numberText(v);
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === null || v === undefined) return "";
  if (v instanceof BadText) return BAD_UTF8;
  if (v instanceof Uint8Array) return BINARY;
  if (v instanceof Date) return v.toISOString();
  return NESTED;
}

/** What a value that failed looks like in the quarantine copy (`badRows`): never in a message. */
function quarantineText(v: unknown, failure: Failure): string {
  if (v instanceof BadText || (failure === BAD_UTF8 && v instanceof Uint8Array))
    return lossy.decode(v instanceof BadText ? v.bytes : v);
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
  try {
    return (
      JSON.stringify(v, (_key, x: unknown) => {
        if (typeof x === "bigint") return x.toString();
        if (x instanceof Uint8Array)
          return Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString("base64");
        if (x instanceof BadText) return lossy.decode(x.bytes);
        return x;
      }) ?? ""
    );
  } catch {
    return "";
  }
}

const PER_SECOND = { MILLIS: [1000n, 3], MICROS: [1_000_000n, 6], NANOS: [1_000_000_000n, 9] } as const;

/** hyparquet's hooks for logical types: text straight to the strings above, geometry left as bytes. */
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (v) => isoTimestamp(v, 1000n, 3),
  timestampFromMicroseconds: (v) => isoTimestamp(v, 1_000_000n, 6),
  timestampFromNanoseconds: (v) => isoTimestamp(v, 1_000_000_000n, 9),
  dateFromDays: (days) => civilDate(days),
  stringFromBytes: decodeText,
  jsonFromBytes: decodeText,
  geometryFromBytes: (bytes) => bytes,
  geographyFromBytes: (bytes) => bytes,
};

const COMPRESSORS: Compressors = {
  GZIP: (input) => zlib.gunzipSync(input),
  BROTLI: (input) => zlib.brotliDecompressSync(input),
};
{
  // node:zlib has zstd from Node 22.15 / 23.8
  const zstd = (zlib as unknown as { zstdDecompressSync?: (input: Uint8Array) => Uint8Array })
    .zstdDecompressSync;
  if (zstd !== undefined) COMPRESSORS.ZSTD = (input) => zstd(input);
}
const READABLE_CODECS = new Set<CompressionCodec>([
  "UNCOMPRESSED",
  "SNAPPY",
  ...(Object.keys(COMPRESSORS) as CompressionCodec[]),
]);

/** The rule that turns one column's values into fields, chosen from its schema element. */
function converterFor(node: SchemaTree): Convert {
  const e = node.element;
  if (node.children.length > 0 || e.repetition_type === "REPEATED") return (v) => (v == null ? "" : NESTED);
  const logical = e.logical_type;
  const ctype = e.converted_type;
  if (ctype === "DECIMAL" || logical?.type === "DECIMAL") {
    const scale = e.scale ?? (logical?.type === "DECIMAL" ? logical.scale : 0) ?? 0;
    return (v) => {
      if (v == null) return "";
      if (typeof v === "number" || typeof v === "bigint" || v instanceof Uint8Array)
        return decimalText(v, scale);
      return plain(v);
    };
  }
  if (
    ctype === "BSON" ||
    logical?.type === "BSON" ||
    logical?.type === "VARIANT" ||
    ctype === "MAP" ||
    ctype === "LIST"
  ) {
    return (v) => (v == null ? "" : NESTED);
  }
  if (
    ctype === "INTERVAL" ||
    logical?.type === "INTERVAL" ||
    logical?.type === "GEOMETRY" ||
    logical?.type === "GEOGRAPHY" ||
    (e.type === "FIXED_LEN_BYTE_ARRAY" && ctype === undefined && logical === undefined)
  ) {
    return (v) => (v == null ? "" : BINARY);
  }
  if (ctype === "TIME_MILLIS" || ctype === "TIME_MICROS" || logical?.type === "TIME") {
    const unit = logical?.type === "TIME" ? logical.unit : ctype === "TIME_MILLIS" ? "MILLIS" : "MICROS";
    const [perSecond, digits] = PER_SECOND[unit];
    return (v) =>
      typeof v === "number" || typeof v === "bigint" ? timeOfDay(v, perSecond, digits) : plain(v);
  }
  if (logical?.type === "DATE" || ctype === "DATE") {
    // hyparquet converts DATE only by its converted type; a logical-type-only DATE arrives as a day count
    return (v) => (typeof v === "number" ? civilDate(v) : plain(v));
  }
  if (e.type === "BYTE_ARRAY") {
    // read with utf8: false, so only a BYTE_ARRAY without a string type (or ENUM) arrives as bytes
    return (v) => {
      if (v instanceof Uint8Array) {
        const text = decodeText(v);
        return typeof text === "string" ? text : BAD_UTF8;
      }
      return plain(v);
    };
  }
  if (e.type === "FLOAT") return (v) => (typeof v === "number" ? float32Text(v) : plain(v));
  return plain;
}

/** The element with the annotations hyparquet would decode lossily or refuse taken off: we decode those. */
function rawElement(e: SchemaElement): SchemaElement {
  const ctype = e.converted_type;
  const ltype = e.logical_type?.type;
  const raw =
    ctype === "DECIMAL" ||
    ltype === "DECIMAL" ||
    ctype === "BSON" ||
    ltype === "BSON" ||
    ctype === "INTERVAL" ||
    ltype === "INTERVAL";
  if (!raw) return e;
  const { converted_type: _c, logical_type: _l, ...rest } = e;
  return rest;
}

/** An AsyncBuffer over a file handle: each slice is one positioned read. */
class FileBuffer implements AsyncBuffer {
  constructor(
    private readonly handle: FileHandle,
    readonly byteLength: number,
    private readonly name: string,
  ) {}

  async slice(start: number, end: number = this.byteLength): Promise<ArrayBuffer> {
    if (start < 0 || end > this.byteLength || end < start) throw truncated(this.name);
    const bytes = new Uint8Array(end - start);
    for (let at = 0; at < bytes.length; ) {
      const { bytesRead } = await this.handle.read(bytes, at, bytes.length - at, start + at);
      if (bytesRead === 0) throw truncated(this.name);
      at += bytesRead;
    }
    return bytes.buffer;
  }
}

/** Parquet is read from its end (the footer), which a pipe cannot give. */
export function stdinParquetError(): JikimiError {
  return new JikimiError("stdin_parquet", t("io.parquet.stdin"), { hint: t("io.parquet.stdin_hint") });
}

function truncated(name: string): JikimiError {
  return new JikimiError("truncated_file", t("io.parquet.truncated", { input: name }), {
    hint: t("io.parquet.truncated_hint"),
  });
}

function damaged(name: string, where: string, cause: unknown): JikimiError {
  return new JikimiError("damaged_file", t("io.parquet.damaged", { input: name, where }), {
    hint: t("io.parquet.damaged_hint"),
    cause,
  });
}

/** hyparquet, imported when a Parquet file is first opened: a command that reads none never loads it. */
type Hyparquet = typeof import("hyparquet");

/** Opens `path` and reads its footer, turning every failure into a JikimiError that names the path. */
async function openParquet(
  path: string,
  name: string,
): Promise<{ file: FileBuffer; handle: FileHandle; metadata: FileMetaData; hp: Hyparquet }> {
  if (path === "-") throw stdinParquetError();
  const hp = await import("hyparquet");
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    throw openError(name, e);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw directoryError(name);
    if (stat.size === 0)
      throw new JikimiError("empty_file", t("io.parquet.empty", { input: name }), {
        hint: t("io.parquet.empty_hint"),
      });
    const file = new FileBuffer(handle, stat.size, name);
    const head = new DataView(await file.slice(0, Math.min(4, stat.size)));
    const headMagic = head.byteLength === 4 ? head.getUint32(0, true) : 0;
    if (headMagic === MAGIC_ENCRYPTED)
      throw new JikimiError("unsupported_parquet", t("io.parquet.encrypted", { input: name }), {
        hint: t("io.parquet.encrypted_hint"),
      });
    if (headMagic !== MAGIC)
      throw new JikimiError("not_parquet", t("io.parquet.not_parquet", { input: name }), {
        hint: t("io.parquet.not_parquet_hint"),
      });
    if (stat.size < 12) throw truncated(name);
    const tail = new DataView(await file.slice(stat.size - 8, stat.size));
    if (tail.getUint32(4, true) !== MAGIC || tail.getUint32(0, true) > stat.size - 12) throw truncated(name);
    let metadata: FileMetaData;
    try {
      metadata = await hp.parquetMetadataAsync(file);
    } catch (e) {
      if (e instanceof JikimiError) throw e;
      throw damaged(name, t("io.parquet.footer"), e);
    }
    return { file, handle, metadata, hp };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** Checks what can be checked from the footer alone, so a read does not fail halfway through. */
function checkFooter(hp: Hyparquet, metadata: FileMetaData, byteLength: number, name: string): SchemaTree[] {
  let schema: SchemaTree;
  try {
    schema = hp.parquetSchema(metadata);
  } catch (e) {
    throw damaged(name, t("io.parquet.schema"), e);
  }
  const seen = new Set<string>();
  for (const [k, child] of schema.children.entries()) {
    const column = child.element.name;
    if (column === "")
      throw new JikimiError("bad_header", t("io.parquet.unnamed", { input: name, column: k + 1 }), {
        hint: t("io.parquet.unnamed_hint"),
      });
    if (seen.has(column))
      throw new JikimiError("bad_header", t("io.parquet.twice", { input: name, column }), {
        hint: t("io.parquet.twice_hint"),
      });
    seen.add(column);
  }
  for (const [g, group] of metadata.row_groups.entries()) {
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (chunk.file_path !== undefined || meta === undefined)
        throw new JikimiError(
          "unsupported_parquet",
          t("io.parquet.external", { input: name, group: g + 1 }),
          {
            hint: t("io.parquet.external_hint"),
          },
        );
      if (!READABLE_CODECS.has(meta.codec))
        throw new JikimiError(
          "unsupported_parquet",
          t("io.parquet.codec", { input: name, column: meta.path_in_schema.join("."), codec: meta.codec }),
          { hint: t("io.parquet.codec_hint") },
        );
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      if (start < 4 || start + Number(meta.total_compressed_size) > byteLength) throw truncated(name);
    }
  }
  return schema.children;
}

/**
 * Reads a Parquet file as RecordBatches of `batchRows` records, decoding one row group at a time. Throws
 * `JikimiError` (exit 2) for stdin ("-"), a missing, foreign, truncated, encrypted or damaged file, or an
 * unsupported compression; values that cannot be fields are bad rows (see the file header).
 * @example for await (const batch of readParquet("customers.parquet")) handle(batch);
 */
export async function* readParquet(
  path: string,
  options: ParquetReaderOptions = {},
): AsyncGenerator<RecordBatch> {
  const name = options.name ?? path;
  const batchRows = options.batchRows ?? 2048;
  const opened = await openParquet(path, name);
  const { file, handle, hp } = opened;
  try {
    const top = checkFooter(hp, opened.metadata, file.byteLength, name);
    const columns = top.map((f) => f.element.name);
    const converters = top.map(converterFor);
    const index = new Map(columns.map((c, j) => [c, j]));
    const metadata: FileMetaData = { ...opened.metadata, schema: opened.metadata.schema.map(rawElement) };
    const out = new BatchBuilder(columns, batchRows);
    const only = options.rowGroups;
    let groupStart = 0;
    // rows are numbered from the first group read
    let base = 0;
    for (const [g, group] of metadata.row_groups.entries()) {
      const start = groupStart;
      const end = groupStart + Number(group.num_rows);
      groupStart = end;
      if (only && g < only.from) base = end;
      if (only && (g < only.from || g >= only.to)) continue;
      if (end === start) continue;
      const max = options.maxRowGroupBytes ?? MAX_ROW_GROUP_BYTES;
      if (Number(group.total_byte_size) > max)
        throw new JikimiError(
          "row_group_too_large",
          t("io.parquet.group_too_large", {
            input: name,
            group: g + 1,
            from: start + 1,
            to: end,
            size: Math.ceil(Number(group.total_byte_size) / (1 << 20)),
            max: Math.round(max / (1 << 20)),
          }),
          { hint: t("io.parquet.group_too_large_hint") },
        );
      // one row group at a time: its pages are the smallest unit hyparquet decodes, and a writer may put a
      // whole row group in one page (DuckDB does), so reading a slice of a group would decode it again
      const chunks: ColumnData[][] = columns.map(() => []);
      try {
        await hp.parquetRead({
          file,
          metadata,
          rowStart: start,
          rowEnd: end,
          utf8: false,
          parsers: PARSERS,
          compressors: COMPRESSORS,
          onChunk: (chunk) => {
            chunks[index.get(chunk.columnName) ?? -1]?.push(chunk);
          },
        });
      } catch (e) {
        if (e instanceof JikimiError) throw e;
        throw damaged(name, t("io.parquet.row_group", { group: g + 1, from: start + 1, to: end }), e);
      }
      // fields are made a batch at a time, so they die young
      for (let from = start; from < end; from += batchRows) {
        const to = Math.min(end, from + batchRows);
        const cells = convert(chunks, converters, from, to);
        if (cells === undefined)
          throw damaged(
            name,
            t("io.parquet.row_group", { group: g + 1, from: start + 1, to: end }),
            undefined,
          );
        for (let r = 0; r < cells.rows.length; r++) {
          const fields = cells.rows[r] as string[];
          const failed = cells.failures?.get(r);
          if (failed === undefined) out.rows.push(fields);
          else {
            const row = from + r + 1 - base;
            const column = columns[failed.column] as string;
            out.bad.push({
              code: failed.failure.code,
              row,
              line: row,
              column,
              message: t("io.parquet.cell", { row, column, what: t(failed.failure.what) }),
            });
            out.badRows.push(fields);
          }
          out.check();
        }
        yield* out.take();
      }
    }
    out.flush();
    yield* out.take();
  } finally {
    await handle.close();
  }
}

/**
 * Rows `from` .. `to` (0-based, end exclusive) as fields, with the first failing column of each bad row; undefined
 * if a column does not cover the range (a damaged file).
 */
function convert(
  chunks: ColumnData[][],
  converters: Convert[],
  from: number,
  to: number,
): { rows: string[][]; failures: Map<number, { column: number; failure: Failure }> | undefined } | undefined {
  const n = to - from;
  const width = converters.length;
  const rows: string[][] = new Array(n);
  for (let r = 0; r < n; r++) rows[r] = new Array<string>(width);
  let failures: Map<number, { column: number; failure: Failure }> | undefined;
  for (let j = 0; j < width; j++) {
    const conv = converters[j] as Convert;
    let covered = 0;
    for (const chunk of chunks[j] as ColumnData[]) {
      const data = chunk.columnData as ArrayLike<unknown>;
      const offset = chunk.rowStart - from;
      const lo = Math.max(0, offset);
      const hi = Math.min(n, offset + data.length);
      for (let r = lo; r < hi; r++) {
        const v = data[r - offset];
        const text = conv(v);
        const row = rows[r] as string[];
        if (typeof text === "string") row[j] = text;
        else {
          row[j] = quarantineText(v, text);
          failures ??= new Map();
          if (!failures.has(r)) failures.set(r, { column: j, failure: text });
        }
      }
      if (hi > lo) covered += hi - lo;
    }
    if (covered !== n) return undefined;
  }
  return { rows, failures };
}
