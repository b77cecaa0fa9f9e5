// consent files in: CSV (header subject,purpose,action,at,source[,evidence]; RFC 4180; UTF-8, BOM and
// CRLF allowed) or JSONL (one object per line), streamed, every row validated, all recorded or none.
import { createReadStream, existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { workerFile } from "../built.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { onThreads } from "../io/records/block-threads.js";
import { type CsvRecordSink, CsvTokenizer } from "../io/records/csv-tokenizer.js";
import type { EventBatch } from "./batch.js";
import { CONSENT_FIELDS, type ConsentField, place, REQUIRED_FIELDS, validateEvent } from "./event.js";
import type { ImportReply, ImportWorkerInit } from "./import-worker.js";
import { ConsentInputError, ProblemList } from "./problems.js";
import type { ConsentRegistry, RecordResult } from "./registry.js";

export type ConsentFileFormat = "csv" | "jsonl";

export interface ImportOptions {
  /** default: from the extension (.csv; .jsonl or .ndjson) */
  format?: ConsentFileFormat | undefined;
  /** the recording time, and the limit for event times (default: now) */
  now?: Date | undefined;
  /**
   * threads reading a CSV file of PARALLEL_FROM bytes or more, in record-aligned blocks taken in file order: the same
   * batch as one thread; default one per core
   */
  threads?: number | undefined;
  /** for tests: the block size and the file size from which blocks go to worker threads */
  internals?: { blockBytes?: number; parallelFrom?: number } | undefined;
}

/** A CSV consent file this large (bytes) is read on worker threads: below it, starting them costs more than it saves. */
export const PARALLEL_FROM = 16 << 20;
/** Bytes of whole records per block sent to a worker. */
const BLOCK_BYTES = 4 << 20;
const WORKER = workerFile("consent/import-worker.js");

/** Threads for reading: 1 unless the CSV file is large enough and the built worker is there. */
function threadsFor(path: string, options: ImportOptions): number {
  const wanted = options.threads ?? availableParallelism();
  if (wanted <= 1 || !existsSync(fileURLToPath(WORKER))) return 1;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return 1; // the one-pass read names the problem
  }
  return size >= (options.internals?.parallelFrom ?? PARALLEL_FROM) ? wanted : 1;
}

/**
 * Reads a CSV consent file on `threads` workers: each parses and validates its blocks with consentCsvParser and
 * answers with the block's events in columns, appended to `batch` in file order (their subjects hashed here, with
 * the registry's key, which never leaves this thread). Returns the rows read; undefined when a block had a problem
 * or anything failed: `batch` is then empty again and the one-pass read names the problems by row, as it always has.
 */
async function readOnThreads(
  path: string,
  batch: EventBatch,
  nowMs: number,
  threads: number,
  options: ImportOptions,
): Promise<number | undefined> {
  let rows = 0;
  try {
    await onThreads<ImportReply>({
      source: createReadStream(path, { highWaterMark: 1 << 20 }),
      name: path,
      worker: WORKER,
      threads,
      blockBytes: options.internals?.blockBytes ?? BLOCK_BYTES,
      init: (header) => ({ header, name: path, nowMs }) satisfies ImportWorkerInit,
      onReply: (reply) => {
        if (reply.block === undefined) throw new Error("a block has problems");
        batch.append(reply.block);
        rows += reply.rows;
      },
    });
    if (rows > 0) return rows;
  } catch {
    // see above: read again in one pass
  }
  batch.clear();
  return undefined;
}

export interface ImportResult extends RecordResult {
  format: ConsentFileFormat;
  /** data rows (CSV) or non-blank lines (JSONL) read */
  rows: number;
  seconds: number;
}

/**
 * The format of a consent file: `format` when given, else its extension.
 * @example consentFileFormat("consents.jsonl") // "jsonl"
 */
export function consentFileFormat(path: string, format?: string): ConsentFileFormat {
  const f = format ?? { ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl" }[extname(path).toLowerCase()];
  if (f === "csv" || f === "jsonl") return f;
  if (format !== undefined) throw new JikimiError("unknown_format", t("consent.import.bad_format"));
  throw new JikimiError("unknown_format", t("consent.import.unknown_format", { path }), {
    hint: t("consent.import.unknown_format_hint"),
  });
}

/** Checks a CSV header; returns the field of each column, or undefined after adding problems. */
function readHeader(
  fields: string[],
  badQuoting: boolean,
  badEncoding: boolean,
  problems: ProblemList,
): ConsentField[] | undefined {
  const before = problems.total;
  const header: ConsentField[] = [];
  const help = t("consent.import.header_help");
  const add = (field: string, message: string) =>
    problems.add({ row: 0, field, code: "bad_header", message: t("consent.import.header", { message }) });
  if (badEncoding) {
    add("*", `${t("io.csv.header_encoding")}: ${t("io.csv.header_encoding_hint")}`);
    return undefined;
  }
  if (badQuoting) add("*", t("consent.import.header_quote", { help }));
  fields.forEach((raw, k) => {
    const name = raw.trim().toLowerCase();
    const column = k + 1;
    if (!(CONSENT_FIELDS as readonly string[]).includes(name))
      add(
        `column ${column}`,
        t("consent.import.header_unknown", { column, fields: CONSENT_FIELDS.join(", "), help }),
      );
    else if (header.includes(name as ConsentField))
      add(name, t("consent.import.header_repeat", { column, field: name }));
    else header.push(name as ConsentField);
  });
  for (const field of REQUIRED_FIELDS)
    if (!header.includes(field)) add(field, t("consent.import.header_missing", { field, help }));
  return problems.total === before ? header : undefined;
}

/** A consent CSV parser: bytes in, each valid-looking row (as field -> text) out, problems of shape listed. */
export interface ConsentCsvParser {
  /** false once the header was refused: the rest is not read */
  push(bytes: Uint8Array): boolean;
  end(): void;
  /** data rows read */
  rows(): number;
}

/**
 * Parses consent CSV with the records layer's tokeniser (quotes, CRLF, BOM, binary and line caps): the first record
 * is the header, each later row with the header's column count and clean quoting and encoding goes to `onRow` (its
 * 1-based row number); the others, and a bad header, are added to `problems`. The same parser reads a file in one
 * pass and a block on a worker thread (import-worker.ts).
 * @example const p = consentCsvParser("c.csv", problems, (raw, row) => ...); p.push(bytes); p.end();
 */
export function consentCsvParser(
  name: string,
  problems: ProblemList,
  onRow: (raw: Record<string, string>, row: number) => void,
): ConsentCsvParser {
  let header: ConsentField[] | undefined;
  let stop = false;
  let rows = 0;
  const quoteProblem = (row: number) =>
    problems.add({
      row,
      field: "*",
      code: "bad_quoting",
      message: t("consent.import.row_quote", { place: place("row", row) }),
    });
  const sink: CsvRecordSink = {
    record(fields, _line, badQuote, badEncoding) {
      if (stop) return;
      const badQuoting = badQuote >= 0;
      if (header === undefined) {
        header = readHeader(fields, badQuoting, badEncoding, problems);
        stop = header === undefined;
        return;
      }
      const row = ++rows;
      if (badQuoting) quoteProblem(row);
      if (fields.length !== header.length) {
        const missing = header.slice(fields.length);
        problems.add({
          row,
          field: missing[0] ?? "*",
          code: "wrong_column_count",
          message:
            t("consent.import.columns", {
              place: place("row", row),
              count: fields.length,
              header: header.length,
            }) +
            (missing.length > 0
              ? t("consent.import.columns_missing", { count: missing.length, fields: missing.join(", ") })
              : t("consent.import.columns_extra")),
        });
        return;
      }
      if (badEncoding) {
        // invalid bytes read as U+FFFD: name the first column holding one
        const at = fields.findIndex((f) => f.includes("\uFFFD"));
        problems.add({
          row,
          field: header[at] ?? "*",
          code: "bad_encoding",
          message: t("consent.import.bad_encoding", { place: place("row", row) }),
        });
      }
      if (badQuoting || badEncoding) return;
      const raw: Record<string, string> = {};
      header.forEach((field, k) => {
        const value = fields[k] ?? "";
        if (!(field === "evidence" && value === "")) raw[field] = value;
      });
      onRow(raw, row);
    },
    openQuote() {
      if (stop) return;
      if (header === undefined) {
        readHeader([], true, false, problems);
        stop = true;
      } else quoteProblem(++rows);
    },
  };
  const tokens = new CsvTokenizer(sink, { name });
  return {
    push(bytes) {
      tokens.push(bytes);
      return !stop;
    },
    end() {
      if (stop) return;
      tokens.end();
      if (header === undefined && !stop)
        problems.add({
          row: 0,
          field: "*",
          code: "bad_header",
          message: t("consent.import.header", {
            message: t("consent.import.header_empty", { help: t("consent.import.header_help") }),
          }),
        });
    },
    rows: () => rows,
  };
}

/** Reads a file's bytes chunk by chunk; calls `onChunk`, stops when it returns false. */
async function readChunks(path: string, onChunk: (bytes: Uint8Array) => boolean): Promise<void> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
      if (!onChunk(chunk as Buffer)) return;
  } catch (cause) {
    if (cause instanceof JikimiError) throw cause;
    throw new JikimiError("file_unreadable", t("consent.import.unreadable", { path }), {
      hint: t("consent.import.unreadable_hint"),
      cause,
    });
  }
}

/**
 * Reads and validates a consent file into `batch` (its subjects hashed as they come); throws a
 * ConsentInputError listing the problems, by row and field, when any row is bad. `threads` says how it was read.
 * @example const batch = registry.newBatch(); const rows = await readConsentFile("consents.csv", batch);
 */
export async function readConsentFile(
  path: string,
  batch: EventBatch,
  options: ImportOptions = {},
): Promise<{ format: ConsentFileFormat; rows: number; threads: number }> {
  const format = consentFileFormat(path, options.format);
  const nowMs = (options.now ?? new Date()).getTime();
  const problems = new ProblemList();
  const label = format === "csv" ? "row" : "line";
  let rows = 0;
  const take = (raw: unknown, row: number) => {
    const event = validateEvent(raw, row, label, nowMs, problems);
    // once a row is bad nothing will be recorded: keep validating, stop hashing
    if (event && problems.total === 0) batch.add(event);
  };
  let onChunk: (bytes: Uint8Array) => boolean;
  let finish: () => void;
  if (format === "csv") {
    const threads = threadsFor(path, options);
    if (threads > 1) {
      const read = await readOnThreads(path, batch, nowMs, threads, options);
      if (read !== undefined) return { format, rows: read, threads };
    }
    const parser = consentCsvParser(path, problems, take);
    onChunk = (bytes) => parser.push(bytes);
    finish = () => {
      parser.end();
      rows = parser.rows();
    };
  } else {
    let rest = "";
    let line = 0;
    const onLine = (text: string) => {
      line++;
      const body = text.endsWith("\r") ? text.slice(0, -1) : text;
      if (body.trim() === "") return;
      rows++;
      let raw: unknown;
      try {
        raw = JSON.parse(body);
      } catch {
        problems.add({
          row: line,
          field: "*",
          code: "bad_json",
          message: t("consent.import.bad_json", { place: place("line", line) }),
        });
        return;
      }
      take(raw, line);
    };
    // strict UTF-8 (a BOM is dropped): the first invalid byte stops the read
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let badEncoding = false;
    const onText = (decode: () => string): boolean => {
      let text: string;
      try {
        text = decode();
      } catch {
        badEncoding = true;
        problems.add({
          row: rows + 1,
          field: "*",
          code: "bad_encoding",
          message: t("consent.import.bad_encoding", { place: place(label, rows + 1) }),
        });
        return false;
      }
      const lines = (rest + text).split("\n");
      rest = lines.pop() ?? "";
      for (const l of lines) onLine(l);
      return true;
    };
    onChunk = (bytes) => onText(() => decoder.decode(bytes, { stream: true }));
    finish = () => {
      if (badEncoding || !onText(() => decoder.decode())) return;
      if (rest !== "") onLine(rest);
    };
  }
  await readChunks(path, onChunk);
  finish();
  if (problems.total === 0 && rows === 0)
    problems.add({
      row: 0,
      field: "*",
      code: "no_rows",
      message: t("consent.import.no_rows"),
    });
  if (problems.total > 0) throw new ConsentInputError(t("consent.input.file", { path }), problems);
  return { format, rows, threads: 1 };
}

/**
 * Imports a consent file: validates every row, then records all of them in one transaction, or none.
 * @example const r = await importConsentFile(registry, "consents.csv"); r.recorded
 */
export async function importConsentFile(
  registry: ConsentRegistry,
  path: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const batch = registry.newBatch();
  const { format, rows } = await readConsentFile(path, batch, { ...options, now });
  const result = await registry.recordBatch(batch, now);
  return { ...result, format, rows, seconds: (performance.now() - started) / 1000 };
}
