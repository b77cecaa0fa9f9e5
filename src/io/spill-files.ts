// the staging port over the file system: each staged file is created 0600 in a private (0700) folder and unlinked
// as soon as it is open where the platform allows it, so a run that is killed leaves nothing behind; reads and
// writes are synchronous (a release's main thread is otherwise idle while it stages, and between rooms after).
import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { JikimiError } from "../errors.js";
import type { SpillFile, SpillPlace } from "../ports/spill.js";
import { makePrivate, writeError } from "./release-files.js";

let serial = 0;

/**
 * Staged files in `dir` (made private when needed).
 * @example const place = spillFolder(run.tmpDir); const f = place.create("the release's subjects"); f.append(bytes);
 */
export function spillFolder(dir: string): SpillPlace {
  return {
    create(what: string): SpillFile {
      const path = join(dir, `staged.${randomBytes(6).toString("hex")}.${serial++}.tmp`);
      let fd: number;
      try {
        makePrivate(dir);
        fd = openSync(path, "wx+", 0o600);
      } catch (e) {
        if (e instanceof JikimiError) throw e;
        throw writeError(`${what} (${dir})`, e as NodeJS.ErrnoException);
      }
      let linked = true;
      try {
        unlinkSync(path);
        linked = false;
      } catch {
        // a platform that cannot remove an open file: removed by dispose
      }
      let size = 0;
      let open = true;
      return {
        append(bytes: Uint8Array): void {
          try {
            for (let at = 0; at < bytes.length; )
              at += writeSync(fd, bytes, at, bytes.length - at, size + at);
          } catch (e) {
            throw writeError(`${what} (${dir})`, e as NodeJS.ErrnoException);
          }
          size += bytes.length;
        },
        readAt: (position: number, into: Uint8Array): number => readAt(fd, size, position, into),
        get bytes() {
          return size;
        },
        dispose(): void {
          if (!open) return;
          open = false;
          closeSync(fd);
          if (linked) unlinkSync(path);
        },
      };
    },
  };
}

/** Reads up to `into.length` bytes of a file of `size` bytes from `position`; returns how many. */
function readAt(fd: number, size: number, position: number, into: Uint8Array): number {
  let got = 0;
  while (got < into.length && position + got < size) {
    const n = readSync(fd, into, got, Math.min(into.length - got, size - position - got), position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/**
 * An existing file (a partition's subject run on shared storage) as a read-only staged file: `append` refuses,
 * `dispose` closes it and leaves it in place.
 * @example const run = existingFile("p-00000.subjects"); run.readAt(0, buffer); run.dispose();
 */
export function existingFile(path: string): SpillFile {
  const fd = openSync(path, "r");
  const size = fstatSync(fd).size;
  let open = true;
  return {
    bytes: size,
    append: () => {
      throw new Error(`${path} is read only`);
    },
    readAt: (position: number, into: Uint8Array): number => readAt(fd, size, position, into),
    dispose(): void {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
