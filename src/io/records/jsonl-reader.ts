// JSON Lines -> RecordBatch: one object per line; the first object's keys are the columns; values become
// strings (numbers via String, booleans "true"/"false", null ""). Bad lines are row errors, never values.
import { JikimiError } from "../../errors.js";
import { type MessageKey, t } from "../../i18n/index.js";
import { capText, decodeBlock, LineBlocks } from "./blocks.js";
import { BatchBuilder, type RecordBatch, type RecordError } from "./types.js";

/** Options of a JSON Lines reader. */
export interface JsonlReaderOptions {
  /** records per batch (good and bad); default 2,048 */
  batchRows?: number;
  /** how messages name the input, e.g. its path; default "input" */
  name?: string;
  /** longest line, in bytes; default 32 MiB */
  maxLineBytes?: number;
}

/**
 * A push parser: `push` byte chunks, then `end`; each returns the batches completed so far. Blank lines are
 * skipped; a row is a non-blank line. Throws `JikimiError` (exit 2) for an empty or binary file.
 * Numbers go through `JSON.parse`, so integers beyond 2^53 lose precision: quote them in the file. Columns follow
 * `Object.keys` of the first object, which lists integer-like keys ("0", "12") before the others.
 * @example const r = new JsonlReader(); const batches = [...r.push(bytes), ...r.end()];
 */
export class JsonlReader {
  private readonly blocks: LineBlocks;
  private readonly name: string;
  private readonly out: BatchBuilder;
  private columns: string[] | undefined;
  private known = new Set<string>();
  private line = 1;
  private row = 0;

  constructor(options: JsonlReaderOptions = {}) {
    this.name = options.name ?? "input";
    this.blocks = new LineBlocks(this.name, {
      ...(options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes }),
      tooLong: (max) =>
        new JikimiError(
          "line_too_long",
          t("io.jsonl.too_long", { input: this.name, line: this.line, cap: capText(max) }),
          { hint: t("io.jsonl.too_long_hint") },
        ),
    });
    this.out = new BatchBuilder([], options.batchRows ?? 2048);
  }

  /** Feeds a chunk of the file. */
  push(chunk: Uint8Array): RecordBatch[] {
    const block = this.blocks.push(chunk);
    if (block !== undefined) this.feed(block);
    return this.out.take();
  }

  /** Ends the file and returns the last batches. */
  end(): RecordBatch[] {
    const block = this.blocks.end();
    if (block !== undefined) this.feed(block);
    if (this.row === 0) {
      throw new JikimiError("empty_file", t("io.jsonl.empty", { input: this.name }), {
        hint: t("io.jsonl.empty_hint"),
      });
    }
    this.out.flush();
    return this.out.take();
  }

  private feed(bytes: Uint8Array): void {
    const { text, badLines } = decodeBlock(bytes);
    const bad = new Set(badLines.map((l) => this.line + l));
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      const line = this.line++;
      const body = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
      start = end + 1;
      if (body.trim() === "") continue;
      this.record(body, line, bad.has(line));
    }
  }

  private record(body: string, line: number, badEncoding: boolean): void {
    const row = ++this.row;
    const out = this.out;
    const fail = (code: RecordError["code"], what: MessageKey, column?: string) => {
      out.bad.push({
        code,
        row,
        line,
        ...(column === undefined ? {} : { column }),
        message: t("io.jsonl.record", {
          row,
          line,
          key: column === undefined ? "" : t("io.in_key", { column }),
          what: t(what),
        }),
      });
      out.badRows.push([body]);
      out.check();
    };
    if (badEncoding) {
      fail("bad_encoding", "io.jsonl.bad_encoding");
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      fail("bad_json", "io.jsonl.bad_json");
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      fail("not_object", "io.jsonl.not_object");
      return;
    }
    const obj = value as Record<string, unknown>;
    if (this.columns === undefined) {
      this.columns = Object.keys(obj);
      this.known = new Set(this.columns);
      out.columns = this.columns;
    }
    const columns = this.columns;
    const fields: string[] = new Array(columns.length);
    for (let j = 0; j < columns.length; j++) {
      const column = columns[j] as string;
      if (!Object.hasOwn(obj, column)) {
        fail("missing_key", "io.jsonl.missing_key", column);
        return;
      }
      const v = obj[column];
      if (typeof v === "string") fields[j] = v;
      else if (v === null) fields[j] = "";
      else if (typeof v === "number" || typeof v === "boolean") fields[j] = String(v);
      else {
        fail("nested_value", "io.jsonl.nested", column);
        return;
      }
    }
    const keys = Object.keys(obj);
    if (keys.length !== columns.length) {
      const extra = keys.find((k) => !this.known.has(k));
      fail("unknown_key", "io.jsonl.unknown_key", extra);
      return;
    }
    out.rows.push(fields);
    out.check();
  }
}

/** Parses a whole JSON Lines file held in memory. */
export function parseJsonl(bytes: Uint8Array, options: JsonlReaderOptions = {}): RecordBatch[] {
  const reader = new JsonlReader(options);
  return [...reader.push(bytes), ...reader.end()];
}

/** Reads JSON Lines from a stream of byte chunks. */
export async function* readJsonl(
  source: AsyncIterable<Uint8Array>,
  options: JsonlReaderOptions = {},
): AsyncGenerator<RecordBatch> {
  const reader = new JsonlReader(options);
  for await (const chunk of source) yield* reader.push(chunk);
  yield* reader.end();
}
