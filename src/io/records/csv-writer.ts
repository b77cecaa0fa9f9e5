// RecordBatch -> RFC 4180 CSV: a header line, `\n` line endings, a field quoted only when it holds , " CR or LF.
import type { Writable } from "node:stream";
import { needsQuotes } from "./csv-syntax.js";
import { endStream, writeText } from "./sink.js";
import type { RecordBatch } from "./types.js";

/** The rows a writer takes: a batch or anything shaped like one. */
export type Rows = Pick<RecordBatch, "columns" | "rows">;

/** One CSV field: as is, or quoted with its quotes doubled. */
export function csvField(f: string): string {
  return needsQuotes(f) ? `"${f.replaceAll('"', '""')}"` : f;
}

/** Formats rows (and the header line when `header`) as CSV text, each line ending in `\n`. */
export function formatCsv(batch: Rows, header: boolean): string {
  let text = header ? `${batch.columns.map(csvField).join(",")}\n` : "";
  for (const row of batch.rows) {
    let line = csvField(row[0] ?? "");
    for (let j = 1; j < row.length; j++) line += `,${csvField(row[j] ?? "")}`;
    text += `${line}\n`;
  }
  return text;
}

/**
 * Writes batches as CSV: the header of the first batch, then one string per batch.
 * @example const w = new CsvWriter(createWriteStream("out.csv")); await w.write(batch); await w.end();
 */
export class CsvWriter {
  private started = false;

  constructor(private readonly out: Writable) {}

  /** Writes a batch's rows (and, first time, its header); resolves when the stream can take more. */
  async write(batch: Rows): Promise<void> {
    const text = formatCsv(batch, !this.started);
    this.started = true;
    await writeText(this.out, text);
  }

  /** Ends the output and waits for it to flush. */
  async end(): Promise<void> {
    await endStream(this.out);
  }
}
