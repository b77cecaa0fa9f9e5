// consent files in: CSV (header subject,purpose,action,at,source[,evidence]; RFC 4180; UTF-8, BOM and
// CRLF allowed) or JSONL (one object per line), streamed, every row validated, all recorded or none.
import { createReadStream } from "node:fs";
import { extname } from "node:path";
import { JikimiError } from "../errors.js";
import type { EventBatch } from "./batch.js";
import { CsvParser } from "./csv.js";
import { CONSENT_FIELDS, type ConsentField, REQUIRED_FIELDS, validateEvent } from "./event.js";
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

const HEADER_HELP = "the first line must be the header subject,purpose,action,at,source[,evidence]";

/**
 * The format of a consent file: `format` when given, else its extension.
 * @example consentFileFormat("consents.jsonl") // "jsonl"
 */
export function consentFileFormat(path: string, format?: string): ConsentFileFormat {
  const f = format ?? { ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl" }[extname(path).toLowerCase()];
  if (f === "csv" || f === "jsonl") return f;
  throw new JikimiError(
    "unknown_format",
    format === undefined
      ? `cannot tell the format of ${path} from its extension: name it .csv or .jsonl, or pass --format csv|jsonl`
      : "the consent file format must be csv or jsonl",
  );
}

/** Checks a CSV header; returns the field of each column, or undefined after adding problems. */
function readHeader(
  fields: string[],
  badQuoting: boolean,
  problems: ProblemList,
): ConsentField[] | undefined {
  const before = problems.total;
  const header: ConsentField[] = [];
  const add = (field: string, message: string) =>
    problems.add({ row: 0, field, code: "bad_header", message: `header: ${message}` });
  if (badQuoting) add("*", `has a misplaced quote: ${HEADER_HELP}`);
  fields.forEach((raw, k) => {
    const name = raw.trim().toLowerCase();
    if (!(CONSENT_FIELDS as readonly string[]).includes(name))
      add(`column ${k + 1}`, `column ${k + 1} is not one of ${CONSENT_FIELDS.join(", ")}: ${HEADER_HELP}`);
    else if (header.includes(name as ConsentField)) add(name, `column ${k + 1} repeats ${name}: keep one`);
    else header.push(name as ConsentField);
  });
  for (const field of REQUIRED_FIELDS)
    if (!header.includes(field)) add(field, `the column ${field} is missing: ${HEADER_HELP}`);
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
    throw new JikimiError("file_unreadable", `cannot read the consent file ${path}: check that it exists`, {
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
          message: `row ${row}: has a misplaced quote: enclose a field holding quotes, commas or line breaks in quotes and double its quotes ("say ""yes""")`,
        });
      if (fields.length !== header.length) {
        const missing = header.slice(fields.length);
        problems.add({
          row,
          field: missing[0] ?? "*",
          code: "wrong_column_count",
          message:
            `row ${row}: has ${fields.length} column${fields.length === 1 ? "" : "s"}, the header ${header.length}` +
            (missing.length > 0
              ? `; ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing: give every column (an empty evidence is fine)`
              : `: enclose fields that contain commas in quotes ("a,b")`),
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
          message: `header: the file is empty: ${HEADER_HELP}`,
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
          message: `line ${line}: is not valid JSON: write one object per line, e.g. {"subject": "...", "purpose": "nsf-provision", "action": "grant", "at": "2024-03-01T09:30:00+09:00", "source": "app-signup-v3"}`,
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
      message: `${label} ${rows + 1} (or the end of the row before it) is not valid UTF-8: save the file as UTF-8`,
    });
  else finish();
  if (problems.total === 0 && rows === 0)
    problems.add({
      row: 0,
      field: "*",
      code: "no_rows",
      message: "the file has no consent rows: nothing to record",
    });
  if (problems.total > 0) throw new ConsentInputError(`the consent file ${path}`, problems);
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
