// what the share pipeline asks of the world, as small interfaces: where records come from, where a release goes,
// and the lock that makes runs of one agreement exclusive. Files, stdin/stdout, pids and signals live in adapters.
import type { Signer } from "../../crypto/signing.js";
import type { ByteReader } from "../../io/records/csv-blocks.js";
import type { RecordBatch, RecordFormat } from "../../io/records/index.js";

/**
 * Where a release reads its records: a file, stdin, later object storage.
 * @example share({ ...req, source: fileSource("customers.csv") })
 */
export interface RecordSource {
  /** the input as messages name it: a path, or "stdin" */
  describe(): string;
  /** the records' format (asked for, or named by the extension); throws `unknown_format` */
  format(): RecordFormat;
  /** the raw bytes in chunks: CSV is cut into record-aligned blocks from them */
  bytes(): AsyncIterable<Uint8Array>;
  /** the raw bytes read into the caller's buffers (a file): used instead of `bytes` when there */
  reader?(): ByteReader;
  /** the records as batches (JSON Lines, Parquet) */
  batches(): AsyncIterable<RecordBatch>;
  /** the input's size in bytes when known before reading (a file, a byte range), for the thread count */
  size?(): number | undefined;
}

/** One output while it is written: private until placed, hashed as written. */
export interface PendingOutput {
  /** where it is written, for the journal */
  readonly path: string;
  readonly bytes: number;
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** the sha256 of what was written (hex) */
  sha256(): string;
  /** drops the temporary */
  discard(): void;
}

/** Where the temporaries and final names of one run are: what the journal records to finish a killed run. */
export interface SinkPlaces {
  outDir: string;
  tmpDir: string;
  /** set when the released file goes down a stream (stdout, a download), not to its final path: names the stream.
   * Its final path is then where the file is kept when the stream cannot take it. */
  stream?: string;
}

/** What a release's signed manifest states. */
export interface SinkManifest {
  seq: number;
  root: string;
  file: { name: string; bytes: number; sha256: string };
  agreement: string;
  time: string;
  subjects: number;
  records: number;
  signer: Signer;
}

/** One run's use of a sink, from its first temporary to its placement. */
export interface SinkRun extends SinkPlaces {
  /** a temporary for the output `kind` of this run at `mode`; `what` names it in write errors */
  draft(kind: "csv" | "quarantine", what: string, mode: number): PendingOutput;
  /** the final path of an output name */
  finalPath(name: string): string;
  /** throws `output_exists` when anything sits at one of the final paths */
  ensureVacant(paths: string[], after: string): void;
  /**
   * puts a finished temporary at its final path, never replacing anything there, or (a stream sink's released file)
   * sends it down the stream, keeping it at its final path when the stream fails; returns where it went
   */
  place(draft: PendingOutput, final: string, after: string): Promise<string>;
  /** writes the signed manifest beside the released file; returns its path */
  manifest(m: SinkManifest, mode: number, after: string): string;
  /**
   * called once the release is recorded and complete: throws `release_undelivered` when the released file did not
   * reach the stream (it is kept at its final path); a folder's files always have
   */
  confirm(): void;
}

/**
 * Where a release goes: a folder (temporaries, then hard links into place) or a stream (stdout, an HTTP download:
 * temporaries, then streamed after the append); object storage later.
 * @example share({ ...req, sink: folderSink(outDir, workspace.root) })
 */
export interface ReleaseSink {
  /** where the outputs go, for messages */
  describe(): string;
  /** the manifest's path of a released file's final path */
  manifestOf(final: string): string;
  /** starts a run of `agreement` (under its lock): clears a dead run's temporaries; `dryRun` writes nothing */
  begin(agreement: string, runId: string, dryRun: boolean): SinkRun;
}

/** A held lock; `release` is idempotent. */
export interface HeldLock {
  release(): void;
}

/** Runs of one agreement are exclusive: `busy` when another run holds it, naming the holder when known. */
export interface RunLocks {
  take(agreement: string): HeldLock | { busy: true; owner?: string };
}
