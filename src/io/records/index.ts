// the record layer: open a CSV, JSON Lines (file or stdin) or Parquet file (a file only) as RecordBatches, write
// them back as CSV or JSON Lines; CSV blocks as field tables for the release engine and the risk scan.
import { createReadStream } from "node:fs";
import { extname } from "node:path";
import type { Writable } from "node:stream";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { readCsv } from "./csv-reader.js";
import { CsvWriter, type Rows } from "./csv-writer.js";
import { readJsonl } from "./jsonl-reader.js";
import { JsonlWriter } from "./jsonl-writer.js";
import { openError } from "./open-error.js";
import { readParquet, stdinParquetError } from "./parquet-reader.js";
import type { RecordBatch, RecordFormat } from "./types.js";

export { CsvReader, parseCsv, readCsv } from "./csv-reader.js";
export { bomLength, needsQuotes } from "./csv-syntax.js";
export { scanPlainCsv, tableFromCsvBlock, tableOfCsvBlock } from "./csv-table.js";
export {
  type CsvRecordSink,
  CsvTokenizer,
  type CsvTokenizerOptions,
  recordProblem,
} from "./csv-tokenizer.js";
export { CsvWriter, csvField, formatCsv, type Rows } from "./csv-writer.js";
export {
  type BadRecord,
  BlockError,
  type FieldTable,
  fieldEnd,
  fieldStart,
  fieldText,
  tableFromRows,
} from "./field-table.js";
export { JsonlReader, parseJsonl, readJsonl } from "./jsonl-reader.js";
export { formatJsonl, JsonlWriter } from "./jsonl-writer.js";
export {
  type ParquetReaderOptions,
  parquetRowGroups,
  type RowGroupSize,
  readParquet,
} from "./parquet-reader.js";
export { type RecordBatch, type RecordError, type RecordFormat, rowNumber } from "./types.js";

/** Options of `openReader`. */
export interface ReaderOptions {
  /** records per batch; default 2,048 */
  batchRows?: number;
  /** where "-" reads from, passed by the adapter (CSV and JSON Lines only: Parquet needs a file) */
  stdin?: AsyncIterable<Uint8Array>;
  /** longest CSV or JSON Lines line (and CSV record) accepted, in bytes; default 32 MiB */
  maxLineBytes?: number;
  /** Parquet only: row groups [from, to), rows numbered from the first (see ParquetReaderOptions) */
  rowGroups?: { from: number; to: number };
}

/** The stdin an adapter passed, or an error naming the missing input ("-" read without one). */
export function stdinOf(stdin: AsyncIterable<Uint8Array> | undefined): AsyncIterable<Uint8Array> {
  if (stdin === undefined) throw new JikimiError("usage", t("io.no_stdin"));
  return stdin;
}

/** A sink for batches. */
export interface RecordWriter {
  write(batch: Rows): Promise<void>;
  end(): Promise<void>;
}

const EXTENSIONS: Record<string, RecordFormat> = {
  ".csv": "csv",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".parquet": "parquet",
};

/** The format named by a path's extension; throws `unknown_format` if there is none ("-" needs a format). */
export function formatOf(path: string, format?: RecordFormat): RecordFormat {
  if (format !== undefined) return format;
  const found = EXTENSIONS[extname(path).toLowerCase()];
  if (found === undefined) {
    throw new JikimiError(
      "unknown_format",
      t("io.unknown_format", { input: path === "-" ? "stdin" : path }),
      {
        hint: t("io.unknown_format_hint"),
      },
    );
  }
  return found;
}

/**
 * Streams a file (or stdin for "-") as RecordBatches. Parquet is read from a file only, one row group at a time;
 * "-" with Parquet throws at once.
 * @example for await (const batch of openReader("customers.csv")) handle(batch);
 */
export function openReader(
  path: string,
  format?: RecordFormat,
  options: ReaderOptions = {},
): AsyncIterable<RecordBatch> {
  const kind = formatOf(path, format);
  const name = path === "-" ? "stdin" : path;
  const opts = {
    name,
    ...(options.batchRows === undefined ? {} : { batchRows: options.batchRows }),
    ...(options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes }),
  };
  if (kind === "parquet") {
    if (path === "-") throw stdinParquetError();
    return readParquet(path, options.rowGroups ? { ...opts, rowGroups: options.rowGroups } : opts);
  }
  const source = path === "-" ? stdinOf(options.stdin) : fileChunks(path);
  return kind === "csv" ? readCsv(source, opts) : readJsonl(source, opts);
}

/** A file's bytes in 1 MB chunks; opened on first read, a missing or unreadable file becomes a JikimiError. */
export async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  try {
    yield* createReadStream(path, { highWaterMark: 1 << 20 });
  } catch (e) {
    throw openError(path, e);
  }
}

/** A writer of `format` onto `output` (a file stream or process.stdout). */
export function createWriter(format: RecordFormat, output: Writable): RecordWriter {
  if (format === "csv") return new CsvWriter(output);
  if (format === "jsonl") return new JsonlWriter(output);
  throw new JikimiError("unsupported_format", t("io.parquet_output"), { hint: t("io.parquet_output_hint") });
}
