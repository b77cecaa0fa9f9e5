// a partition's released subjects as a run file of distinct 16-byte keyed hashes, sorted in the order the dictionary
// numbers new subjects (SubjectHashSet.sorted(): staged on disk past its bound), and the merge of the runs into the
// release's distinct subjects, staged on disk (subjects/staged.ts), which the ledger numbers from there
// (`appendSorted`): the release holds neither the runs nor their union in memory. Keyed hashes only: the values
// they were made from never leave the worker.
import { closeSync, fchmodSync, fsyncSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { existingFile } from "../../io/spill-files.js";
import { mergeRuns, type SortedHashes, sortedFile } from "../../ledger/subjects/staged.js";
import { SUBJECT_HASH_BYTES } from "../../ledger/subjects/subject-hasher.js";
import type { SubjectHashSet } from "../../ledger/subjects/subject-set.js";
import type { SpillFile, SpillPlace } from "../../ports/spill.js";

const W = SUBJECT_HASH_BYTES;

/** The private folder of a release's staging folder where its jobs stage subjects (files unlinked once open). */
export const stagedSubjects = (staging: string): string => join(staging, ".subjects-tmp");

/**
 * Writes `bytes` (or each piece of `pieces` in turn) to a new file at `path` (`mode`, fsynced); refuses an existing
 * name.
 * @example writePrivate("p-00000.json.tmp", Buffer.from("{}"), 0o600)
 */
export function writePrivate(path: string, pieces: Uint8Array | Iterable<Uint8Array>, mode: number): void {
  const fd = openSync(path, "wx", mode);
  try {
    fchmodSync(fd, mode);
    for (const bytes of pieces instanceof Uint8Array ? [pieces] : pieces) {
      let at = 0;
      while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a partition's distinct subjects to `path` as a sorted run: the set's merged file when it staged them, else
 * its hashes (`take()` packs them sorted). Returns how many.
 * @example writeRun(files.subjects, tally.subjects, 0o600)
 */
export function writeRun(path: string, set: SubjectHashSet, mode: number): number {
  const sorted = set.sorted();
  if (sorted) {
    writePrivate(path, sorted.pieces(), mode);
    return sorted.count;
  }
  const count = set.size;
  // take() gives them sorted
  writePrivate(path, set.take(), mode);
  return count;
}

/** A run file, read only; one whose size is not whole hashes is refused, naming it. */
function runFile(path: string): SpillFile {
  const file = existingFile(path);
  if (file.bytes % W === 0) return file;
  file.dispose();
  throw new Error(`${path}: a subject run whose size is not a multiple of ${W} bytes`);
}

/**
 * The distinct subjects of the sorted runs in `paths`, merged into one staged file of `place` (each run read through
 * a window), as the ledger's `appendSorted` takes them; dispose of the result when done.
 * @example const subjects = mergeRunFiles(["p-00000.subjects", "p-00001.subjects"], spillFolder(staging))
 */
export function mergeRunFiles(paths: readonly string[], place: SpillPlace): SortedHashes {
  const files: SpillFile[] = [];
  try {
    for (const path of paths) files.push(runFile(path));
    const out = place.create("the release's subjects, merged");
    try {
      const runs = files.map((file) => ({ file, start: 0, count: file.bytes / W }));
      return sortedFile(out, mergeRuns(runs, out), place);
    } catch (e) {
      out.dispose();
      throw e;
    }
  } finally {
    for (const f of files) f.dispose();
  }
}
