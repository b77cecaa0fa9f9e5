// consent files in: CSV (header subject,purpose,action,at,source[,evidence]; RFC 4180; UTF-8, BOM and
// CRLF allowed) or JSONL (one object per line), streamed, every row validated, all recorded or none.
import { createReadStream } from "node:fs";
import { extname } from "node:path";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { type CsvRecordSink, CsvTokenizer } from "../io/records/csv-tokenizer.js";
import type { EventBatch } from "./batch.js";
import { CONSENT_FIELDS, type ConsentField, place, REQUIRED_FIELDS, validateEvent } from "./event.js";
import { ConsentInputError, ProblemList } from "./problems.js";
import type { ConsentRegistry, RecordResult } from "./registry.js";

export type ConsentFileFormat = "csv" | "jsonl";

export interface ImportOptions {
  /** default: from the extension (.csv; .jsonl or .ndjson) */
  format?: ConsentFileFormat | undefined;
  /** the recording time, and the limit for event times (default: now) */
  now?: Date | undefined;
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
 * ConsentInputError listing the problems, by row and field, when any row is bad.
 * @example const batch = registry.newBatch(); const rows = await readConsentFile("consents.csv", batch);
 */
export async function readConsentFile(
  path: string,
  batch: EventBatch,
  options: ImportOptions = {},
): Promise<{ format: ConsentFileFormat; rows: number }> {
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
    // the records layer's tokeniser (quotes, CRLF, BOM, binary and line caps); the header and rows mean consent fields
    let header: ConsentField[] | undefined;
    let stop = false;
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
        take(raw, row);
      },
      openQuote() {
        if (stop) return;
        if (header === undefined) {
          readHeader([], true, false, problems);
          stop = true;
        } else quoteProblem(++rows);
      },
    };
    const tokens = new CsvTokenizer(sink, { name: path });
    onChunk = (bytes) => {
      tokens.push(bytes);
      return !stop;
    };
    finish = () => {
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
  return { format, rows };
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
