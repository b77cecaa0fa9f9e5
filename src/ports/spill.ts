// the staging port: private temporary files a run writes what it cannot hold in memory to (a release's distinct
// subjects past a bound, sorted in runs; a first release's dictionary records grouped by partition), read back in
// pieces and removed. The files hold keyed subject hashes, never record values.

/** One private temporary file (0600): appended to, read back at any offset, removed by `dispose`. */
export interface SpillFile {
  /** Appends `bytes` at the end; throws a clear error (naming the folder) when the disk refuses. */
  append(bytes: Uint8Array): void;
  /** Reads up to `into.length` bytes from `position`; returns how many were read (0 at the end). */
  readAt(position: number, into: Uint8Array): number;
  /** Bytes appended so far. */
  readonly bytes: number;
  /** Closes and removes the file (idempotent). */
  dispose(): void;
}

/** Where a run's staged files are created. */
export interface SpillPlace {
  /** A new empty file; `what` names it in errors (no value of a record). */
  create(what: string): SpillFile;
}
