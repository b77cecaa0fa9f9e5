// server-side input paths: a request may name a file only under the roots jikimi.yaml `server.input_roots` lists.
// The path is checked as written first (so a path outside never tells whether a file exists there), then again
// after resolving every symbolic link, so a link inside a root that leads out of it is refused too. A distributed
// release may name a folder of part files or a `.parts` manifest of them: each part is checked the same way.
import { readdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { JikimiError, t } from "../../public/base.js";
import { PARTS_SUFFIX, partsOf } from "../../public/distributed.js";
import { apiError } from "../errors.js";

/**
 * The real path of `path` (absolute, or relative to the first root) when it is a file under one of `roots` (or, with
 * `distributed`, a folder or `.parts` manifest whose parts all are).
 * @example allowedInput("in/customers.csv", ["/srv/jikimi/inbox"]) // "/srv/jikimi/inbox/in/customers.csv"
 */
export function allowedInput(
  path: string,
  roots: readonly string[],
  options: { distributed?: boolean } = {},
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
  // a distributed release's folder of part files, or its .parts manifest: every part, resolved, stays under the
  // roots too
  const parts = !options.distributed
    ? undefined
    : stat.isDirectory()
      ? readdirSync(real).map((name) => join(real, name))
      : real.endsWith(PARTS_SUFFIX)
        ? partsOf(real)
        : undefined;
  if (parts) {
    for (const part of parts) {
      let entry: string;
      try {
        entry = realpathSync(part);
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
