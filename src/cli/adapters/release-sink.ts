// where `jikimi share` releases: the folder named by --out-dir (created when missing), or stdout for `--out-dir -`.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { JikimiError, t } from "../../public/base.js";
import { folderSink, type ReleaseSink, streamSink } from "../../public/share.js";
import { STDOUT } from "./stdout-release.js";

export { STDOUT } from "./stdout-release.js";

/**
 * The sink of `--out-dir <dir>` for the workspace at `root`; `-` streams the released file to stdout once it is
 * recorded, and `signal` stops a delivery stdout no longer takes (the file is then kept in the workspace).
 * @example share({ ...req, sink: releaseSink(opts.outDir, workspace.root) })
 */
export function releaseSink(outDir: string, root: string, signal?: AbortSignal): ReleaseSink {
  if (outDir === STDOUT) {
    // released records are personal data: they go to a pipe or a file, never onto a screen
    if (process.stdout.isTTY)
      throw new JikimiError("release_to_terminal", t("cli.share.stdout_terminal"), {
        hint: t("cli.share.stdout_terminal_hint"),
      });
    return streamSink(process.stdout, root, { name: "stdout", signal });
  }
  return folderSink(outputFolder(outDir), root);
}

/** The output folder, created when missing; an error naming it when it cannot be. */
function outputFolder(dir: string): string {
  const outDir = resolve(dir);
  try {
    if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
    if (!statSync(outDir).isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
  } catch (e) {
    throw new JikimiError(
      "output_unwritable",
      t("cli.share.out_dir_unwritable", { dir: outDir, code: (e as NodeJS.ErrnoException).code ?? "error" }),
      { hint: t("cli.share.out_dir_unwritable_hint"), cause: e },
    );
  }
  return outDir;
}
