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
