// generate(): chunks rendered in-process or on workers, written in order; the same bytes for any thread count.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { workerFile } from "../built.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { CHUNK_ROWS, type ChunkTask, type Format, headerOf, type Kind } from "./chunk.js";
import { type ChunkSource, inProcessSource, WorkerPoolSource } from "./chunk-source.js";
import { type OutputTarget, openFileTarget, streamTarget } from "./chunk-writer.js";
import { checkKind, checkWhole, DEFAULT_CUSTOMERS, MAX_ROWS, resolveFormat } from "./options.js";
import { splitSeed } from "./prng.js";

/** What to generate and where. */
export interface GenerateOptions {
  kind: Kind;
  rows: number;
  /** Non-negative safe integer; the same seed and rows give the same bytes. Default 1. */
  seed?: number;
  format: Format;
  /** Customer ids that payments reference are drawn from 1..customers. Default 1,000,000. */
  customers?: number;
  /** A file path (written via temp file + rename), or a stream the caller owns (e.g. process.stdout). */
  out: string | Writable;
  /** Worker threads; 0 or 1 renders in-process. Default: the number of CPUs. */
  threads?: number;
  /** Called after each chunk is written. */
  onProgress?: (rowsWritten: number, rowsTotal: number) => void;
  /** Stops the run between chunks (e.g. on Ctrl-C); the temp file is removed and the target left untouched. */
  signal?: AbortSignal;
}

/** What a finished run wrote. */
export interface GenerateResult {
  kind: Kind;
  rows: number;
  bytes: number;
  seconds: number;
  /** Threads that rendered chunks (1 = in-process). */
  threads: number;
  /** The output path, or "-" for a stream. */
  target: string;
}

const WORKER_URL = workerFile("generate/worker.js");

function threadsFor(requested: number | undefined, chunks: number): number {
  const wanted = requested ?? availableParallelism();
  // from the TypeScript sources (vitest) there is no compiled worker: render in-process, same bytes
  if (wanted <= 1 || chunks <= 1 || !existsSync(fileURLToPath(WORKER_URL))) return 1;
  return Math.min(wanted, chunks);
}

/** Generates rows and writes them; throws JikimiError (exit code 2) for bad options or an unwritable output. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const kind = checkKind(options.kind);
  const rows = checkWhole("--rows", options.rows, 1, MAX_ROWS[kind], "100000");
  const seed = splitSeed(checkWhole("--seed", options.seed ?? 1, 0, Number.MAX_SAFE_INTEGER, "42"));
  const customers = checkWhole(
    "--customers",
    options.customers ?? DEFAULT_CUSTOMERS,
    1,
    MAX_ROWS.customers,
    "1000000",
  );
  const format = resolveFormat("-", options.format);
  const chunks = Math.ceil(rows / CHUNK_ROWS);
  const threads = threadsFor(options.threads, chunks);
  const taskOf = (chunkIndex: number): ChunkTask => ({
    kind,
    seed,
    chunkIndex,
    count: Math.min(CHUNK_ROWS, rows - chunkIndex * CHUNK_ROWS),
    format,
    customers,
  });

  const target: OutputTarget =
    typeof options.out === "string" ? await openFileTarget(options.out) : streamTarget(options.out);
  let source: ChunkSource | undefined;
  let bytes = 0;
  try {
    source =
      threads > 1 ? new WorkerPoolSource(taskOf, chunks, threads, WORKER_URL) : inProcessSource(taskOf);
    const header = Buffer.from(headerOf(kind, format), "utf8");
    if (header.length > 0) await target.write(header);
    bytes += header.length;
    for (let chunkIndex = 0; chunkIndex < chunks; chunkIndex++) {
      if (options.signal?.aborted) {
        const message =
          target.label === "-"
            ? t("generate.interrupted_stream")
            : t("generate.interrupted_file", { file: target.label });
        throw new JikimiError("interrupted", message);
      }
      const chunk = await source.get(chunkIndex);
      await target.write(chunk);
      bytes += chunk.length;
      options.onProgress?.(Math.min(rows, (chunkIndex + 1) * CHUNK_ROWS), rows);
    }
    await target.commit();
  } catch (error) {
    await target.abort();
    throw error;
  } finally {
    await source?.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { kind, rows, bytes, seconds, threads, target: target.label };
}

export { CHUNK_ROWS, columnsOf, type Format, KINDS, type Kind, renderChunk } from "./chunk.js";
export { type ParsedGenerateArgs, parseGenerateArgs, type RawGenerateArgs } from "./options.js";
