// the folder sink of the share gateway: a run's files are written as private temporaries (the workspace's
// `.jikimi/tmp`, or a hidden folder of the output folder on another file system), then hard-linked into the output
// folder under their final names; a dead run's temporaries of the agreement are removed when the next one begins.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { ReleaseSink, SinkRun } from "../engine/share/ports.js";
import {
  manifestPath,
  occupied,
  occupiedError,
  outputError,
  placeFile,
  removeTemps,
  TempOutput,
  tempFolder,
  tempFolders,
  writeManifest,
} from "./release-files.js";

/**
 * Releases into `outDir` (an existing folder) of the workspace at `root`.
 * @example share({ ...req, sink: folderSink("/srv/out", workspace.root) })
 */
export function folderSink(outDir: string, root: string): ReleaseSink {
  return {
    describe: () => outDir,
    manifestOf: manifestPath,
    begin(agreement, runId, dryRun): SinkRun {
      // the caller holds the agreement's lock, so any other temporary of it belongs to a dead run
      removeTemps(tempFolders(root, outDir), agreement);
      removeLegacyTemps(outDir, agreement);
      const tmpDir = dryRun ? "" : tempFolder(root, outDir);
      const tmpOf = (kind: string) => join(tmpDir, `${agreement}.${runId}.${kind}.tmp`);
      return {
        outDir,
        tmpDir,
        draft(kind, what, mode) {
          if (kind === "quarantine") return new TempOutput(tmpOf(kind), what, mode);
          try {
            return new TempOutput(tmpOf(kind), what, mode);
          } catch (e) {
            throw outputError(tmpDir, e);
          }
        },
        finalPath: (name) => join(outDir, name),
        ensureVacant(paths, after) {
          for (const f of paths) if (occupied(f)) throw occupiedError(f, after);
        },
        place: async (draft, final, after) => {
          placeFile(draft.path, final, after);
          return final;
        },
        manifest: (m, mode, after) => writeManifest(m, { outDir, tmpDir, mode, after }),
        confirm: () => {},
      };
    },
  };
}

/** Hidden temporaries an older jikimi left beside the outputs (`.<id>-<day>-<pid>-<ms>.csv.tmp`). */
function removeLegacyTemps(dir: string, agreement: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const prefix = `.${agreement}-`;
  const shape = /^\d{4}-\d{2}-\d{2}-\d+-\d+\.(csv|quarantine)\.tmp$/;
  for (const name of names)
    if (name.startsWith(prefix) && shape.test(name.slice(prefix.length)))
      rmSync(join(dir, name), { force: true });
}
