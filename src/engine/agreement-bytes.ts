// the bytes of an agreement's file as the workspace reader gives them: their digest goes into the ledger entry.
import { diskReader, type WorkspaceReader } from "../io/workspace-reader.js";
import type { Workspace } from "../model/workspace.js";

/** The file `rel` of the workspace, as bytes, through `reader` (default: the workspace's folder on disk). */
export function agreementBytes(workspace: Workspace, rel: string, reader?: WorkspaceReader): Uint8Array {
  const r = reader ?? diskReader(workspace.root);
  return r.readBytes?.(rel) ?? Buffer.from(r.read(rel), "utf8");
}
