// reads workspace files from disk; the loader sees only this interface.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export interface WorkspaceReader {
  /** root folder, for messages */
  root: string;
  exists(rel: string): boolean;
  /** file names (not paths) in a folder, sorted; [] when the folder is absent */
  list(relDir: string): string[];
  read(rel: string): string;
  /** the file as bytes (a digest over them must not depend on decoding); absent: `read`'s text as UTF-8 */
  readBytes?(rel: string): Uint8Array;
}

/** A reader over a folder on disk. @example loadWorkspace(diskReader("./ws")) */
export function diskReader(root: string): WorkspaceReader {
  return {
    root,
    exists: (rel) => existsSync(join(root, rel)),
    list: (relDir) => {
      const dir = join(root, relDir);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
      return readdirSync(dir).sort();
    },
    read: (rel) => readFileSync(join(root, rel), "utf8"),
    readBytes: (rel) => readFileSync(join(root, rel)),
  };
}

/** What a reader was asked for: the files read and the folders listed or probed, relative to its root. */
export interface ReadPaths {
  readonly paths: ReadonlySet<string>;
}

/**
 * A disk reader that notes every path it is asked about, for `stampOf` to tell later whether any has changed.
 * @example const r = recordingReader("./ws"); loadWorkspace(r); stampOf("./ws", r.paths)
 */
export function recordingReader(root: string): WorkspaceReader & ReadPaths {
  const disk = diskReader(root);
  const paths = new Set<string>();
  const noted =
    <A extends unknown[], R>(f: (rel: string, ...rest: A) => R) =>
    (rel: string, ...rest: A): R => {
      paths.add(rel);
      return f(rel, ...rest);
    };
  return {
    root,
    paths,
    exists: noted(disk.exists),
    list: noted(disk.list),
    read: noted(disk.read),
    readBytes: noted((rel: string) => readFileSync(join(root, rel))),
  };
}

/**
 * The state of `paths` under `root` as one string (each one's inode, size and modification time in nanoseconds, or
 * its absence) and the newest modification time among them, in milliseconds.
 */
export function stampOf(root: string, paths: Iterable<string>): { stamp: string; newest: number } {
  let stamp = "";
  let newest = 0;
  for (const rel of [...paths].sort()) {
    const st = statSync(join(root, rel), { bigint: true, throwIfNoEntry: false });
    stamp += st === undefined ? `${rel}\0-\n` : `${rel}\0${st.ino}:${st.size}:${st.mtimeNs}\n`;
    if (st !== undefined) newest = Math.max(newest, Number(st.mtimeMs));
  }
  return { stamp, newest };
}

/** A reader over files held in memory, for tests and tools. */
export function memoryReader(files: Record<string, string>, root = "<memory>"): WorkspaceReader {
  return {
    root,
    exists: (rel) => Object.hasOwn(files, rel) || Object.keys(files).some((f) => f.startsWith(`${rel}/`)),
    list: (relDir) =>
      Object.keys(files)
        .filter((f) => f.startsWith(`${relDir}/`) && !f.slice(relDir.length + 1).includes("/"))
        .map((f) => f.slice(relDir.length + 1))
        .sort(),
    read: (rel) => {
      const text = Object.hasOwn(files, rel) ? files[rel] : undefined;
      if (text === undefined) throw new Error(`no file ${rel}`);
      return text;
    },
  };
}
