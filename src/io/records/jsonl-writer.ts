// RecordBatch -> JSON Lines: one object per row, keys in column order, every value a JSON string.
import type { Writable } from "node:stream";
import type { Rows } from "./csv-writer.js";
import { endStream, writeText } from "./sink.js";

/** Formats rows as JSON Lines, each line ending in `\n`. */
export function formatJsonl(batch: Rows): string {
  const keys = batch.columns.map((c, j) => `${j === 0 ? "{" : ","}${JSON.stringify(c)}:`);
  let text = "";
  for (const row of batch.rows) {
    let line = "";
    for (let j = 0; j < keys.length; j++) line += keys[j] + JSON.stringify(row[j] ?? "");
    text += keys.length === 0 ? "{}\n" : `${line}}\n`;
  }
  return text;
}

/**
 * Writes batches as JSON Lines.
 * @example const w = new JsonlWriter(process.stdout); await w.write(batch); await w.end();
 */
export class JsonlWriter {
  constructor(private readonly out: Writable) {}

  /** Writes a batch's rows; resolves when the stream can take more. */
  async write(batch: Rows): Promise<void> {
    await writeText(this.out, formatJsonl(batch));
  }

  /** Ends the output and waits for it to flush. */
  async end(): Promise<void> {
    await endStream(this.out);
  }
}
