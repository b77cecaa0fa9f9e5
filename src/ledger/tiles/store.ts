// where tiles live: a reader (a folder, or a URL prefix: see http.ts) for verifiers, and a folder store for the
// publisher that writes every file atomically (a temporary file, fsync, rename) so a reader never sees half a
// tile, and syncs the folders it wrote into before the checkpoint that makes them reachable is written.
import { randomBytes } from "node:crypto";
import { type FileHandle, mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";

/** Read access to a published log: paths are the spec's (`checkpoint`, `tile/0/000`, ...). */
export interface TileReader {
  /** where a path lives, for messages: a file name or a URL */
  where(path: string): string;
  /** the bytes at `path`, or undefined when there is none; reads at most `limit + 1` bytes */
  read(path: string, limit: number): Promise<Uint8Array | undefined>;
}

/** A folder the publisher writes. */
export interface TileStore extends TileReader {
  /** replaces `path` atomically */
  write(path: string, bytes: Uint8Array): Promise<void>;
  /** removes a file or folder; false when there was none */
  remove(path: string): Promise<boolean>;
  /** makes the renames done so far durable (fsync of the folders written into) */
  flush(): Promise<void>;
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code ?? "error";

/**
 * A published log in a local folder, readable and writable.
 * @example const store = folderStore("/srv/www/ledger"); await store.write("checkpoint", bytes);
 */
export function folderStore(folder: string): TileStore {
  const root = resolve(folder);
  const file = (path: string) => {
    if (path.split("/").some((p) => p === "" || p === "." || p === ".."))
      throw new RangeError(`${path} is not a tile path`);
    return join(root, ...path.split("/"));
  };
  const touched = new Set<string>();
  return {
    where: file,
    async read(path, limit) {
      let handle: FileHandle | undefined;
      try {
        handle = await open(file(path), "r");
        // sized by the file (plus one byte to see it grow past the limit), not by the limit
        const { size } = await handle.stat();
        const buffer = Buffer.allocUnsafe(Math.min(size, limit) + 1);
        let got = 0;
        for (;;) {
          const { bytesRead } = await handle.read(buffer, got, buffer.length - got, null);
          got += bytesRead;
          if (bytesRead === 0 || got === buffer.length) break;
        }
        return new Uint8Array(buffer.buffer, buffer.byteOffset, got);
      } catch (e) {
        if (["ENOENT", "ENOTDIR", "EISDIR"].includes(errno(e))) return undefined;
        throw new JikimiError(
          "tiles_unreadable",
          t("ledger.tiles.unreadable", { file: file(path), code: errno(e) }),
          {
            cause: e,
          },
        );
      } finally {
        await handle?.close();
      }
    },
    async write(path, bytes) {
      const target = file(path);
      const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(8).toString("hex")}.tmp`);
      try {
        await mkdir(dirname(target), { recursive: true });
        const handle = await open(tmp, "wx", 0o644);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(tmp, target);
        touched.add(dirname(target));
      } catch (e) {
        await rm(tmp, { force: true });
        throw new JikimiError(
          "tiles_unwritable",
          t("ledger.tiles.unwritable", { file: target, code: errno(e) }),
          {
            cause: e,
            hint: t("ledger.tiles.unwritable_hint"),
          },
        );
      }
    },
    async remove(path) {
      try {
        await rm(file(path), { recursive: true });
        return true;
      } catch (e) {
        if (errno(e) === "ENOENT") return false;
        throw new JikimiError(
          "tiles_unwritable",
          t("ledger.tiles.unremovable", { file: file(path), code: errno(e) }),
          {
            cause: e,
          },
        );
      }
    },
    async flush() {
      // parents too: a new folder's entry in its parent must be durable as well
      const dirs = new Set<string>();
      for (const d of touched)
        for (let p = d; p.startsWith(root) && !dirs.has(p); p = dirname(p)) dirs.add(p);
      touched.clear();
      for (const d of dirs) {
        const handle = await open(d, "r").catch(() => undefined);
        await handle?.sync().catch(() => undefined); // not every file system syncs a folder
        await handle?.close();
      }
    },
  };
}
