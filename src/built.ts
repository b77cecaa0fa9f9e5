// the package's own built files (worker entry points, the dashboard, the examples) by their place in the package,
// found from the package root: the same call works from tsc's output (dist/...), from the bundled CLI
// (dist/bin/...), and from sources under vitest (src/..., where no .js worker exists and callers run inline).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SELF = fileURLToPath(import.meta.url);

function packageRoot(): string {
  let dir = dirname(SELF);
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) return dirname(dirname(SELF));
    dir = up;
  }
  return dir;
}

/** The installed package's folder (holding package.json, dist/ and examples/). */
export const PACKAGE_ROOT = packageRoot();

/** true when running from the TypeScript sources (vitest), where the built workers are not beside the code. */
export const FROM_SOURCES = SELF.endsWith(".ts");

/**
 * A file of the build by its path under dist/ (under src/ when running from sources, where it may not exist).
 * @example new Worker(builtFile("engine/release/worker.js"))
 */
export function builtFile(path: string): URL {
  return pathToFileURL(join(PACKAGE_ROOT, FROM_SOURCES ? "src" : "dist", path));
}

/**
 * A worker thread's entry point by its path under dist/: the build's bundle of it (dist/workers/<path>: one file to
 * compile instead of dozens of modules, so a share's worker starts ~0.25 s sooner; scripts/bundle.mjs says which
 * workers have one) when there is one, else the file itself (tsc's output; under vitest, the sources, where callers
 * run inline).
 * @example new Worker(workerFile("engine/release/worker.js"))
 */
export function workerFile(path: string): URL {
  const bundled = join(PACKAGE_ROOT, "dist", "workers", path);
  return !FROM_SOURCES && existsSync(bundled) ? pathToFileURL(bundled) : builtFile(path);
}
