// a digest over every declaration file of a workspace, so a record can say exactly what was checked.
import { createHash } from "node:crypto";
import type { WorkspaceReader } from "../io/workspace-reader.js";
import { CONFIG_FILE, FOLDERS } from "./load.js";

/** SHA-256 over the sorted (path, content) pairs of the workspace's YAML files. */
export function workspaceDigest(reader: WorkspaceReader): string {
  const hash = createHash("sha256");
  const files = [CONFIG_FILE];
  for (const folder of Object.values(FOLDERS))
    for (const name of reader.list(folder)) if (/\.ya?ml$/.test(name)) files.push(`${folder}/${name}`);
  for (const file of files.sort()) {
    if (!reader.exists(file)) continue;
    hash.update(`${file}\0${reader.read(file)}\0`);
  }
  return hash.digest("hex");
}
