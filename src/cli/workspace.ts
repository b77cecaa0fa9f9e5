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
