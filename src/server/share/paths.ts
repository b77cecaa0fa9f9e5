// server-side input paths: a request may name a file only under the roots jikimi.yaml `server.input_roots` lists.
// The path is checked as written first (so a path outside never tells whether a file exists there), then again
// after resolving every symbolic link, so a link inside a root that leads out of it is refused too. A distributed
// release may name a folder of part files: each entry is checked the same way.
import { readdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { JikimiError, t } from "../../public/base.js";
import { apiError } from "../errors.js";

/**
 * The real path of `path` (absolute, or relative to the first root) when it is a file under one of `roots` (or, with
 * `folder`, a folder whose entries all are).
 * @example allowedInput("in/customers.csv", ["/srv/jikimi/inbox"]) // "/srv/jikimi/inbox/in/customers.csv"
 */
export function allowedInput(
  path: string,
  roots: readonly string[],
  options: { folder?: boolean } = {},
): string {
  const first = roots[0];
  if (first === undefined)
    throw new JikimiError("path_not_allowed", t("server.share.no_input_roots"), {
      hint: t("server.share.no_input_roots_hint"),
    });
  const lexical = isAbsolute(path) ? resolve(path) : resolve(first, path);
  const realRoots = roots.flatMap((r) => {
    try {
      return [realpathSync(r)];
    } catch {
      return [];
    }
  });
  const given = [...roots.map((r) => resolve(r)), ...realRoots];
  if (!given.some((r) => inside(r, lexical))) throw apiError("path_not_allowed");
  let real: string;
  try {
    real = realpathSync(lexical);
  } catch {
    throw missing();
  }
  if (!realRoots.some((r) => inside(r, real))) throw apiError("path_not_allowed");
  const stat = statSync(real);
  if (options.folder && stat.isDirectory()) {
    // a folder of part files (a distributed release): every entry, resolved, stays under the roots too
    for (const name of readdirSync(real)) {
      let entry: string;
      try {
        entry = realpathSync(join(real, name));
      } catch {
        throw missing();
      }
      if (!realRoots.some((r) => inside(r, entry))) throw apiError("path_not_allowed");
    }
    return real;
  }
  if (!stat.isFile()) throw missing();
  return real;
}

/** Whether `p` lies strictly below `root` (both absolute and normalised). */
function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

const missing = () =>
  new JikimiError("file_not_found", t("server.share.file_missing"), {
    hint: t("server.share.file_missing_hint"),
  });
