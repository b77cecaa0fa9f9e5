// the stream sink of the share gateway: a run's files are drafted as private temporaries in the workspace's
// `.jikimi/tmp`, as the folder sink's are; only after the ledger append is the released file streamed to a Writable
// (stdout, an HTTP download) and its temporary removed. What cannot go down the stream (the signed manifest, the
// quarantine report) is placed in `.jikimi/streamed` (0700, files 0600). A stream that fails or is stopped keeps
// the whole released file there under its final name, so it can be delivered again; `confirm` then says so.
import { createReadStream, rmSync } from "node:fs";
import { join } from "node:path";
import type { Writable } from "node:stream";
import type { PendingOutput, ReleaseSink, SinkRun } from "../engine/share/ports.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import {
  DEFAULT_OUTPUT_MODE,
  makePrivate,
  manifestPath,
  occupied,
  occupiedError,
  outputError,
  placeFile,
  privateTmp,
  removeTemps,
  TempOutput,
  tempFolders,
  writeManifest,
} from "./release-files.js";

/** The workspace folder of streamed releases: their manifests, quarantine reports and undelivered files. */
export const streamedFolder = (root: string) => join(root, ".jikimi", "streamed");

export interface StreamSinkOptions {
  /** the stream as messages name it (default "stream") */
  name?: string;
  /** stops a delivery that does not advance (a reader that never reads): the file is kept, as for a failed stream */
  signal?: AbortSignal;
}

/**
 * Releases down `out` for the workspace at `root`; the stream is left open (its owner ends it). The files are the
 * workspace's own, not a recipient's: always 0600, whatever the configured output mode.
 * @example share({ ...req, sink: streamSink(process.stdout, workspace.root, { name: "stdout" }) })
 */
export function streamSink(out: Writable, root: string, options: StreamSinkOptions = {}): ReleaseSink {
  const name = options.name ?? "stream";
  const keep = streamedFolder(root);
  return {
    describe: () => name,
    manifestOf: manifestPath,
    begin(agreement, runId, dryRun): SinkRun {
      // the caller holds the agreement's lock, so any other temporary of it belongs to a dead run
      removeTemps(tempFolders(root), agreement);
      const tmpDir = dryRun ? "" : privateTmp(root);
      if (!dryRun)
        for (const dir of [tmpDir, keep])
          try {
            makePrivate(dir);
          } catch (e) {
            throw e instanceof JikimiError ? e : outputError(dir, e);
          }
      const tmpOf = (kind: string) => join(tmpDir, `${agreement}.${runId}.${kind}.tmp`);
      let released: PendingOutput | undefined;
      /** set when the released file did not reach the stream: where it is kept, and why */
      let lost: { path: string; code: string } | undefined;
      let recorded: { seq: number; manifest: string } | undefined;
      return {
        outDir: keep,
        tmpDir,
        stream: name,
        draft(kind, what) {
          let draft: PendingOutput;
          try {
            draft = new TempOutput(tmpOf(kind), what, DEFAULT_OUTPUT_MODE);
          } catch (e) {
            throw outputError(tmpDir, e);
          }
          if (kind === "csv") released = draft;
          return draft;
        },
        finalPath: (file) => join(keep, file),
        ensureVacant(paths, after) {
          for (const f of paths) if (occupied(f)) throw occupiedError(f, after);
        },
        async place(draft, final, after) {
          if (draft !== released) {
            placeFile(draft.path, final, after);
            return final;
          }
          const failed = await deliver(draft.path, out, options.signal);
          if (failed === undefined) {
            rmSync(draft.path, { force: true });
            return name;
          }
          placeFile(draft.path, final, after);
          lost = { path: final, code: failed };
          return final;
        },
        manifest(m, _mode, after) {
          const path = writeManifest(m, { outDir: keep, tmpDir, mode: DEFAULT_OUTPUT_MODE, after });
          recorded = { seq: m.seq, manifest: path };
          return path;
        },
        confirm() {
          if (!lost) return;
          const seq = recorded?.seq ?? -1;
          throw new JikimiError(
            "release_undelivered",
            t("io.stream.undelivered", { seq, id: agreement, stream: name, code: lost.code }),
            {
              hint: t("io.stream.undelivered_hint", { path: lost.path }),
              details: { seq, kept: lost.path, ...(recorded ? { manifest: recorded.manifest } : {}) },
            },
          );
        },
      };
    },
  };
}

/** Streams the file at `path` to `out`, each chunk handed on before the next; the error's code when it fails. */
async function deliver(
  path: string,
  out: Writable,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  let gone: NodeJS.ErrnoException | undefined;
  const onError = (e: NodeJS.ErrnoException) => {
    gone ??= e;
  };
  out.on("error", onError);
  const input = createReadStream(path);
  try {
    for await (const chunk of input) {
      // a stream already failed or closed takes nothing more (another listener may have silenced its write)
      if (gone || out.destroyed || out.writableEnded) return gone?.code ?? "EPIPE";
      await send(out, chunk as Buffer, signal);
    }
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? "error";
  } finally {
    input.destroy();
    out.off("error", onError);
  }
}

/** Writes one chunk; resolves once the stream has taken it, rejects on its error or when `signal` stops the run. */
function send(out: Writable, chunk: Buffer, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => reject(Object.assign(new Error("delivery stopped"), { code: "interrupted" }));
    if (signal?.aborted) return stop();
    signal?.addEventListener("abort", stop, { once: true });
    out.write(chunk, (e) => {
      signal?.removeEventListener("abort", stop);
      if (e) reject(e);
      else resolve();
    });
  });
}
