// where `jikimi share` releases: the folder named by --out-dir (created when missing).
import { existsSync, mkdirSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { JikimiError, t } from "../../public/base.js";
import { folderSink, type ReleaseSink } from "../../public/share.js";

/**
 * The sink of `--out-dir <dir>` for the workspace at `root`.
 * @example share({ ...req, sink: releaseSink(opts.outDir, workspace.root) })
 */
export function releaseSink(outDir: string, root: string): ReleaseSink {
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
