// a server-side path named in a request: allowed only inside one of the folders jikimi.yaml `server.input_roots`
// lists (none by default). The path is checked as written first (so a path outside every root is refused without
// touching the disk: no probing of what exists elsewhere), then as the disk resolves it (realpath), so a symlink
// inside a root that points out of it is refused too.
import { realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { WorkspaceSession } from "../../public/workspace.js";
import { apiError } from "../errors.js";

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

const realOr = (path: string): string | undefined => {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
};

/**
 * The real path of the file `given` (relative paths are read from the workspace folder) when it lies inside an
 * allowed input root; `path_not_allowed` otherwise, `file_not_found` for a missing file inside a root.
 * @example const file = allowedInput(session, "/srv/exports/settlement.csv", "left_path");
 */
export function allowedInput(session: WorkspaceSession, given: string, field: string): string {
  const roots = session.settings.server?.inputRoots ?? [];
  const wanted = resolve(session.root, given);
  const refused = () => apiError("path_not_allowed", { field });
  if (given.includes("\0") || !roots.some((r) => inside(resolve(r), wanted))) throw refused();
  const real = realOr(wanted);
  if (real === undefined) throw apiError("file_not_found", { field });
  const realRoots = roots.map(realOr).filter((r): r is string => r !== undefined);
  if (!realRoots.some((r) => inside(r, real))) throw refused();
  if (!statSync(real).isFile()) throw apiError("file_not_found", { field });
  return real;
}
