// consent files in: CSV (header subject,purpose,action,at,source[,evidence]; RFC 4180; UTF-8, BOM and
// CRLF allowed) or JSONL (one object per line), streamed, every row validated, all recorded or none.
import { createReadStream } from "node:fs";
import { extname } from "node:path";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { EventBatch } from "./batch.js";
import { CsvParser } from "./csv.js";
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
  problems: ProblemList,
): ConsentField[] | undefined {
  const before = problems.total;
  const header: ConsentField[] = [];
  const help = t("consent.import.header_help");
  const add = (field: string, message: string) =>
    problems.add({ row: 0, field, code: "bad_header", message: t("consent.import.header", { message }) });
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

/** Decodes UTF-8 chunks strictly (a BOM is dropped); calls `onText`, stops when it returns false. */
async function readText(path: string, onText: (text: string) => boolean): Promise<"ok" | "bad_encoding"> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      let text: string;
      try {
        text = decoder.decode(chunk as Buffer, { stream: true });
      } catch {
        return "bad_encoding";
      }
      if (!onText(text)) return "ok";
    }
    try {
      onText(decoder.decode());
    } catch {
      return "bad_encoding";
    }
  } catch (cause) {
    if (cause instanceof JikimiError) throw cause;
    throw new JikimiError("file_unreadable", t("consent.import.unreadable", { path }), {
      hint: t("consent.import.unreadable_hint"),
      cause,
    });
  }
  return "ok";
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
  let onText: (text: string) => boolean;
  let finish: () => void;
  if (format === "csv") {
    let header: ConsentField[] | undefined;
    let stop = false;
    const parser = new CsvParser((fields, badQuoting) => {
      if (stop) return;
      if (header === undefined) {
        header = readHeader(fields, badQuoting, problems);
        stop = header === undefined;
        return;
      }
      const row = ++rows;
      if (badQuoting)
        problems.add({
          row,
          field: "*",
          code: "bad_quoting",
          message: t("consent.import.row_quote", { place: place("row", row) }),
        });
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
      if (badQuoting) return;
      const raw: Record<string, string> = {};
      header.forEach((field, k) => {
        const value = fields[k] ?? "";
        if (!(field === "evidence" && value === "")) raw[field] = value;
      });
      take(raw, row);
    });
    onText = (text) => {
      parser.push(text);
      return !stop;
    };
    finish = () => {
      parser.end();
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
    onText = (text) => {
      const lines = (rest + text).split("\n");
      rest = lines.pop() ?? "";
      for (const l of lines) onLine(l);
      return true;
    };
    finish = () => {
      if (rest !== "") onLine(rest);
    };
  }
  const read = await readText(path, onText);
  if (read === "bad_encoding")
    problems.add({
      row: rows + 1,
      field: "*",
      code: "bad_encoding",
      message: t("consent.import.bad_encoding", { place: place(label, rows + 1) }),
    });
  else finish();
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
  const result = registry.recordBatch(batch, now);
  return { ...result, format, rows, seconds: (performance.now() - started) / 1000 };
}
