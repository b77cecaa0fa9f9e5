// record sources of the share gateway: a file, or a stream the caller owns (the CLI passes stdin). Each names
// itself for messages and opens its bytes (CSV blocks) or its record batches (JSON Lines, Parquet) once.
import { statSync } from "node:fs";
import type { RecordSource } from "../engine/share/ports.js";
import { fileReader } from "./records/csv-blocks.js";
import { fileChunks, formatOf, openReader, type RecordFormat } from "./records/index.js";

/**
 * A file on disk; its format is `format` or its extension's.
 * @example share({ ...req, source: fileSource("customers.csv") })
 */
export function fileSource(path: string, format?: RecordFormat): RecordSource {
  return {
    describe: () => path,
    format: () => formatOf(path, format),
    bytes: () => fileChunks(path),
    reader: () => fileReader(path),
    batches: () => openReader(path, formatOf(path, format)),
    size: () => fileSize(path),
  };
}

/** The size of a regular file, or undefined (a pipe, a missing file: reading it names the problem). */
export function fileSize(path: string): number | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A stream of bytes read once (stdin): CSV or JSON Lines, which needs `format` (Parquet needs a file).
 * @example streamSource(process.stdin, "csv")
 */
export function streamSource(
  stream: AsyncIterable<Uint8Array>,
  format?: RecordFormat,
  name = "stdin",
): RecordSource {
  return {
    describe: () => name,
    // "-" has no extension: without a format this throws unknown_format naming stdin
    format: () => formatOf("-", format),
    bytes: () => stream,
    batches: () => openReader("-", formatOf("-", format), { stdin: stream }),
  };
}
