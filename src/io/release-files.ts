// a release's files on disk (the folder and stream sinks' primitives): written to a private temporary folder (never
// beside the outputs, where a sync could pick them up), hashed as written, fsynced, then linked into place under
// their final names at the configured mode (0600 by default). Placing never follows or replaces a symlink or any
// file already at a final name.
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import {
  closeSync,
  constants,
  copyFileSync,
  createWriteStream,
  fchmodSync,
  fdatasync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  unlinkSync,
  type WriteStream,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import canonicalize from "canonicalize";
import type { Signer } from "../crypto/signing.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";

/** Mode of released files, quarantine reports and manifests unless configured. */
export const DEFAULT_OUTPUT_MODE = 0o600;

/** The workspace's private temporary folder. */
export const privateTmp = (root: string) => join(root, ".jikimi", "tmp");

/** The hidden folder of the output folder used when the workspace is on another file system. */
export const OUT_TMP = ".jikimi-tmp";

/** Creates `dir` (0700) or makes an existing one private; `tmp_unusable` when it is a symlink or a file. */
export function makePrivate(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory())
    throw new JikimiError("tmp_unusable", t("engine.output.tmp_unusable", { dir }), {
      hint: t("engine.output.tmp_unusable_hint"),
    });
  if ((st.mode & 0o077) !== 0) {
    const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
    try {
      fchmodSync(fd, 0o700);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Where a release's temporary files go: `<workspace>/.jikimi/tmp` (0700) when it is on the output folder's file
 * system (a link into place needs one), else a hidden 0700 folder of the output folder.
 */
export function tempFolder(root: string, outDir: string): string {
  const own = privateTmp(root);
  try {
    makePrivate(own);
    if (statSync(own).dev === statSync(outDir).dev) return own;
  } catch (e) {
    if (e instanceof JikimiError) throw e;
    // an unwritable workspace: the output folder's own hidden folder below
  }
  const beside = join(outDir, OUT_TMP);
  try {
    makePrivate(beside);
  } catch (e) {
    if (e instanceof JikimiError) throw e;
    throw outputError(outDir, e);
  }
  return beside;
}

/** The folders a run of `root` may have left temporaries in (those that exist). */
export function tempFolders(root: string, outDir?: string): string[] {
  const all = [privateTmp(root), ...(outDir ? [join(outDir, OUT_TMP)] : [])];
  return all.filter((d) => {
    try {
      return lstatSync(d).isDirectory();
    } catch {
      return false;
    }
  });
}

/** An open-for-writing error of the output folder, as a clear message. */
export function outputError(dir: string, e: unknown): JikimiError {
  const code = (e as NodeJS.ErrnoException).code;
  return new JikimiError("output_unwritable", t("engine.output.unwritable", { dir, code: code ?? "error" }), {
    hint: t("engine.output.unwritable_hint"),
    cause: e,
  });
}

/** A write error as a clear message: a full disk, or anything else. */
export function writeError(what: string, e: NodeJS.ErrnoException): JikimiError {
  const full = e.code === "ENOSPC" || e.code === "EFBIG" || e.code === "EDQUOT";
  return full
    ? new JikimiError("disk_full", t("engine.output.disk_full", { what, code: e.code ?? "" }), {
        hint: t("engine.output.disk_full_hint"),
        cause: e,
      })
    : new JikimiError("write_failed", t("engine.output.write_failed", { what, code: e.code ?? e.name }), {
        hint: t("engine.output.write_failed_hint"),
        cause: e,
      });
}

/**
 * Bytes a file takes between the flushes `TempOutput` starts while it writes: what is left for the fsync at its close
 * (a 230 MB release waited ~0.1 s there, the cores idle, all of it still in the page cache).
 */
const SYNC_EVERY = 32 << 20;

/** A file while it is written: a private temporary at `mode`, hashed as written; errors surface on the next write. */
export class TempOutput {
  readonly digest = createHash("sha256");
  bytes = 0;
  private readonly stream: WriteStream;
  private readonly fd: number;
  private error: NodeJS.ErrnoException | undefined;
  private hex: string | undefined;
  /** bytes written since the last flush began, and the flush under way */
  private unsynced = 0;
  private syncing: Promise<void> | undefined;

  constructor(
    readonly path: string,
    private readonly what: string,
    mode: number = DEFAULT_OUTPUT_MODE,
  ) {
    const fd = openSync(path, "wx", mode);
    try {
      fchmodSync(fd, mode); // the umask may have narrowed or (for a configured mode) the caller widened it
    } catch (e) {
      closeSync(fd);
      rmSync(path, { force: true });
      throw e;
    }
    this.fd = fd;
    this.stream = createWriteStream(path, { fd, flush: true });
    this.stream.on("error", (e: NodeJS.ErrnoException) => {
      this.error ??= e;
    });
  }

  /** the sha256 of what was written, hex (once the file is closed) */
  sha256(): string {
    this.hex ??= this.digest.digest("hex");
    return this.hex;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.error) throw writeError(this.what, this.error);
    this.digest.update(chunk);
    this.bytes += chunk.length;
    this.unsynced += chunk.length;
    // what has reached the file so far goes to the disk in the background, one flush at a time
    if (this.unsynced >= SYNC_EVERY && this.syncing === undefined) {
      this.unsynced = 0;
      this.syncing = new Promise((done) =>
        fdatasync(this.fd, (e) => {
          if (e) this.error ??= e;
          this.syncing = undefined;
          done();
        }),
      );
    }
    if (!this.stream.write(chunk)) {
      try {
        await once(this.stream, "drain");
      } catch (e) {
        throw writeError(this.what, e as NodeJS.ErrnoException);
      }
    }
  }

  /** Ends the file; it is fsynced when `placeFile` puts it in place. */
  async close(): Promise<void> {
    // the descriptor is closed with the stream: no flush may still be using it
    await this.syncing;
    if (this.error) throw writeError(this.what, this.error);
    this.stream.end();
    try {
      await once(this.stream, "close");
    } catch (e) {
      throw writeError(this.what, e as NodeJS.ErrnoException);
    }
    if (this.error) throw writeError(this.what, this.error);
  }

  discard(): void {
    // a flush under way fails on the closed descriptor at worst, and that error is not read again
    this.stream.destroy();
    rmSync(this.path, { force: true });
  }
}

function fsyncPath(path: string, flags: number = constants.O_RDONLY): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsyncs a folder where the platform allows it (the link is atomic either way). */
export function syncFolder(dir: string): void {
  try {
    fsyncPath(dir);
  } catch {
    // not every platform can fsync a folder
  }
}

/** Whether anything (a file, a folder, a symlink, even a dangling one) is at `path`. */
export function occupied(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The error for something already at a final name. */
export function occupiedError(path: string, after = ""): JikimiError {
  return new JikimiError("output_exists", t("engine.output.exists", { path }), {
    hint: t("engine.output.exists_hint", { after }),
  });
}

/** A final name that cannot be written (permissions, a read-only or full file system), as a clear error. */
function placeError(final: string, e: unknown, after: string): JikimiError {
  const code = (e as NodeJS.ErrnoException).code ?? "error";
  const full = code === "ENOSPC" || code === "EDQUOT" || code === "EFBIG";
  const then = after || t("engine.output.run_again");
  return new JikimiError(
    full ? "disk_full" : "output_unwritable",
    t("engine.output.place_failed", { path: final, code }),
    {
      hint: full
        ? t("engine.output.place_full", { after: then })
        : t("engine.output.place_unwritable", { after: then }),
      cause: e,
    },
  );
}

/**
 * Moves a finished temporary to its final name: fsync, hard link (which fails instead of following or replacing
 * anything at the name), unlink the temporary. On a file system without hard links the copy is exclusive too.
 * `after` is appended to the error when the name is taken (e.g. how to finish the release).
 */
export function placeFile(tmp: string, final: string, after = ""): void {
  fsyncPath(tmp);
  try {
    linkSync(tmp, final);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw occupiedError(final, after);
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EOPNOTSUPP")
      throw placeError(final, e, after);
    // no hard links here: an exclusive create (O_EXCL fails on a symlink too) and a copy
    try {
      copyFileSync(tmp, final, constants.COPYFILE_EXCL);
    } catch (c) {
      if ((c as NodeJS.ErrnoException).code === "EEXIST") throw occupiedError(final, after);
      throw placeError(final, c, after);
    }
    fsyncPath(final);
  }
  unlinkSync(tmp);
  syncFolder(join(final, ".."));
}

/** Writes `text` to a new temporary file of `dir` at `mode`, fsynced; returns its path. */
export function writeTemp(
  dir: string,
  name: string,
  text: string,
  mode: number = DEFAULT_OUTPUT_MODE,
): string {
  const path = join(dir, name);
  const fd = openSync(path, "wx", mode);
  try {
    fchmodSync(fd, mode);
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(path, { force: true });
    throw e;
  }
  closeSync(fd);
  return path;
}

/** What a release's manifest states; re-creatable from its ledger entry. */
export interface ManifestInput {
  /** the ledger entry's seq and the tree root after it */
  seq: number;
  root: string;
  /** the released file as the entry names it */
  file: { name: string; bytes: number; sha256: string };
  /** a distributed release's parts, in order: the file is their concatenation (each part is in the folder) */
  parts?: { name: string; bytes: number; sha256: string }[];
  agreement: string;
  /** the release time (ISO 8601) */
  time: string;
  subjects: number;
  records: number;
  signer: Signer;
}

/** The manifest's path for a released file. */
export const manifestPath = (final: string) => `${final}.manifest.json`;

/** The signed manifest's text. */
export function manifestText(m: ManifestInput): string {
  const manifest = {
    format: m.parts ? "jikimi-release/2" : "jikimi-release/1",
    entry: m.seq,
    root: m.root,
    file: m.file,
    ...(m.parts ? { parts: m.parts } : {}),
    agreement: m.agreement,
    time: m.time,
    subjects: m.subjects,
    records: m.records,
    key_id: m.signer.keyId,
  };
  const signature = m.signer.sign(Buffer.from(canonicalize(manifest) ?? ""));
  return `${JSON.stringify({ ...manifest, signature }, null, 2)}\n`;
}

/**
 * Writes the signed manifest beside the released file `<outDir>/<file.name>` atomically (temporary in `tmpDir`,
 * fsync, link), at `mode`; refuses a symlink or a file at its name. Returns its path.
 * @example writeManifest({ seq: entry.seq, root: entry.root, file, agreement: a.id, time, subjects, records, signer }, { outDir, tmpDir })
 */
export function writeManifest(
  m: ManifestInput,
  where: { outDir: string; tmpDir: string; mode?: number; after?: string },
): string {
  const final = manifestPath(join(where.outDir, m.file.name));
  if (occupied(final)) throw occupiedError(final, where.after ?? "");
  mkdirSync(where.tmpDir, { recursive: true, mode: 0o700 });
  const tmp = writeTemp(
    where.tmpDir,
    `${m.agreement}.${m.seq}-${randomBytes(4).toString("hex")}-${Date.now()}.manifest.tmp`,
    manifestText(m),
    where.mode ?? DEFAULT_OUTPUT_MODE,
  );
  try {
    placeFile(tmp, final, where.after ?? "");
  } finally {
    rmSync(tmp, { force: true });
  }
  return final;
}

/** Removes the temporaries an earlier run of `agreement` left in `dirs` (call under the agreement's lock). */
export function removeTemps(dirs: string[], agreement: string): number {
  let removed = 0;
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    // ids have no dot, so `<id>.` never matches another agreement's files
    for (const name of names)
      if (name.startsWith(`${agreement}.`) && name.endsWith(".tmp")) {
        rmSync(join(dir, name), { force: true });
        removed++;
      }
  }
  return removed;
}
