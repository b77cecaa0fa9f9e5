// the CLI's door to the services: opens the workspace named by -w (or the current folder) with the process's
// environment, runs a command against it and closes it, whatever happens.
import { openWorkspace, type WorkspaceSession } from "../public/workspace.js";
import { workspaceDir } from "./options.js";

/**
 * @example await withWorkspace(opts, async (ws) => report(await ws.ledger().entries({ limit: 5 })));
 */
export async function withWorkspace<T>(
  opts: { workspace?: string },
  fn: (ws: WorkspaceSession) => T | Promise<T>,
  options: { migrate?: boolean; requireConfig?: boolean } = {},
): Promise<T> {
  const ws = await openWorkspace({ root: workspaceDir(opts), env: process.env, ...options });
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}

/**
 * The workspace of -w, which must hold jikimi.yaml (workspace_not_found naming the folder otherwise): for verbs
 * that write into the workspace's state or report on it, never on a folder that is not a workspace.
 * @example const { token } = await inWorkspace(opts, (ws) => issueToken(ws.store.tokens, request));
 */
export function inWorkspace<T>(
  opts: { workspace?: string },
  fn: (ws: WorkspaceSession) => T | Promise<T>,
): Promise<T> {
  return withWorkspace(opts, fn, { requireConfig: true });
}
