// one release run as a job of the API: the records come from an upload or a server-side file, the output goes to
// `<server.output_dir>/<job id>/` (0700), the operator recorded is the token's name, and progress is the rows and
// bytes read so far. The job stops (nothing recorded) when its signal or the caller's given signal aborts.
import { mkdirSync, rmdirSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "hono";
import { JikimiError, t } from "../../public/base.js";
import { releaseDistributed } from "../../public/distributed.js";
import type { RecordFormat } from "../../public/records.js";
import type { Principal } from "../../public/server.js";
import { folderSink, type RecordSource } from "../../public/share.js";
import type { ServerEnv } from "../env.js";
import type { JobView } from "../jobs.js";
import { releaseView } from "./result.js";

/** What one release over the API is asked. */
export interface ReleaseCall {
  agreement: string;
  /** the records; an upload reports the bytes it has received so far through `received` */
  source: (received: (bytes: number) => void) => RecordSource;
  at: Date;
  dryRun: boolean;
  override: string | undefined;
  /** aborts the run besides the job's own signal (an upload's request: the client went away) */
  signal?: AbortSignal;
  /**
   * run on the workers' queue instead of this process: the file or folder at `input` (on storage every worker
   * reaches) is cut into partitions, and the job waits for the release; its output is the parts
   */
  distributed?: { input: string; format?: RecordFormat; partitionBytes?: number };
}

/** A started release: its job, and the error it failed with once settled (for an answer that waits for it). */
export interface StartedRelease {
  view: JobView;
  failure(): unknown;
}

/**
 * Starts `call` as a release job of the caller.
 * @example const { view } = startRelease(c, { agreement, source, at, dryRun: false, override: undefined });
 */
export function startRelease(c: Context<ServerEnv>, call: ReleaseCall): StartedRelease {
  const principal = c.get("principal");
  const session = c.get("session");
  if (call.override !== undefined && principal.role !== "controller")
    throw new JikimiError("forbidden_role", t("server.share.override_role"), {
      hint: t("server.share.override_role_hint"),
    });
  const queue = c.get("releaseQueue");
  if (call.distributed && queue === undefined)
    throw new JikimiError("distributed_unavailable", t("distributed.server.no_queue"), {
      hint: t("distributed.server.no_queue_hint"),
    });
  if (call.distributed && call.dryRun)
    throw new JikimiError("bad_option", t("distributed.server.dry_run"), {
      hint: t("distributed.server.dry_run_hint"),
    });
  const outputRoot = session.settings.server.outputDir;
  let failure: unknown;
  // the job's folder is named by its id, which start() returns only after it has called the work: the work waits
  // one microtask before it needs it
  const id: { value?: string } = {};
  const view = c.get("jobs").start("release", principal, async ({ progress, signal }) => {
    await Promise.resolve();
    const dir = join(outputRoot, id.value as string);
    // rows and bytes the gateway has taken (it reads blocks ahead), and the bytes an upload has received
    const seen = { rows_read: 0, bytes_read: 0 };
    let received: number | undefined;
    const report = () => progress(received === undefined ? seen : { ...seen, bytes_received: received });
    try {
      if (!call.dryRun) {
        mkdirSync(outputRoot, { recursive: true, mode: 0o700 });
        mkdirSync(dir, { mode: 0o700 });
      }
      report();
      if (call.distributed && queue) {
        const d = call.distributed;
        const r = await releaseDistributed(
          session,
          {
            agreement: call.agreement,
            input: d.input,
            ...(d.format === undefined ? {} : { inputFormat: d.format }),
            ...(d.partitionBytes === undefined ? {} : { partitionBytes: d.partitionBytes }),
            outDir: dir,
            at: call.at,
            operator: operatorOf(principal),
            ...(call.override === undefined ? {} : { override: call.override }),
          },
          queue,
          {
            progress: (p) =>
              progress({
                rows_read: p.rows,
                bytes_read: p.bytes,
                partitions: p.partitions,
                partitions_done: p.done,
              }),
          },
        );
        return releaseView(r, call);
      }
      const source = call.source((bytes) => {
        received = bytes;
        report();
      });
      const r = await session.share({
        agreement: call.agreement,
        source,
        sink: folderSink(dir, session.root),
        at: call.at,
        operator: operatorOf(principal),
        dryRun: call.dryRun,
        override: call.override,
        signal: call.signal ? AbortSignal.any([signal, call.signal]) : signal,
        onProgress: (rows, bytes) => {
          seen.rows_read = rows;
          seen.bytes_read = bytes;
          report();
        },
      });
      seen.rows_read = r.counts.read;
      report();
      return releaseView(r, call);
    } catch (e) {
      failure = e;
      throw e;
    } finally {
      removeIfEmpty(dir);
    }
  });
  id.value = view.id;
  return { view, failure: () => failure };
}

/** The operator a release records: the token's name, marked as coming through the API (never its secret). */
export function operatorOf(p: Principal): string {
  return p.kind === "token" ? `api:${p.name}` : "api:subject";
}

/** A held, dry or failed run leaves its job folder empty: remove it. */
function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty (the release is in it) or never made
  }
}
