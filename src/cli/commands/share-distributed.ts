// jikimi share --distributed: plans the release here (the agreement checked, time guards, the input cut into
// partitions, its id), enqueues it as one BullMQ flow on --redis, and waits for the workers to finish it; prints
// what `share` prints. Enqueuing the same release again (same agreement, time and input) waits for the first.
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { JikimiError, t } from "../../public/base.js";
import { planDistributed } from "../../public/distributed.js";
import type { ShareResult } from "../../public/share.js";
import type { Declarations } from "../../public/workspace.js";
import { openWorkspace } from "../../public/workspace.js";
import { awaitRelease, connectionOf, enqueueRelease, reachRedis, redisLocation } from "../../worker/index.js";
import { STDOUT } from "../adapters/release-sink.js";
import { ExitCode } from "../exit-codes.js";
import { jsonOutput, note, report } from "../output.js";
import { text } from "./share.js";
import { redisUrl, wholeOption } from "./worker.js";

interface DistributedOptions {
  input: string;
  inputFormat?: "csv" | "jsonl" | "parquet";
  outDir: string;
  dryRun?: boolean;
  override?: string;
  operator?: string;
  quiet?: boolean;
  redis?: string;
  partitionSize?: string;
  queue: string;
}

export async function shareDistributed(
  opts: DistributedOptions,
  agreement: string,
  at: Date,
  dir: string,
  declarations: Declarations,
): Promise<void> {
  if (opts.outDir === STDOUT)
    throw new JikimiError("bad_option", t("distributed.cli.share.distributed_stdout"), {
      hint: t("distributed.cli.share.distributed_stdout_hint"),
    });
  if (opts.dryRun)
    throw new JikimiError("bad_option", t("distributed.cli.share.distributed_dry_run"), {
      hint: t("distributed.cli.share.distributed_dry_run_hint"),
    });
  const url = redisUrl(opts.redis);
  const connection = connectionOf(url);
  await reachRedis(connection, redisLocation(url));
  const partitionBytes =
    opts.partitionSize === undefined
      ? undefined
      : wholeOption(opts.partitionSize, "--partition-size", 4096, Number.MAX_SAFE_INTEGER);
  const state = await openWorkspace({ root: dir, env: process.env });
  const started = performance.now();
  try {
    const plan = await planDistributed(state, {
      agreement,
      input: resolve(opts.input),
      ...(opts.inputFormat === undefined ? {} : { inputFormat: opts.inputFormat }),
      outDir: resolve(opts.outDir),
      at,
      operator: opts.operator ?? process.env.USER ?? "unknown",
      ...(opts.override === undefined ? {} : { override: opts.override }),
      ...(partitionBytes === undefined ? {} : { partitionBytes }),
      declarations,
    });
    let r: ShareResult & { releaseId?: string; parts?: string[] };
    if (plan.kind === "held") r = plan.result;
    else {
      await enqueueRelease(connection, plan, resolve(state.root), opts.queue);
      if (!opts.quiet)
        note(
          t("distributed.cli.share.enqueued", {
            id: plan.releaseId,
            partitions: plan.partitions.length,
            redis: redisLocation(url),
          }),
        );
      try {
        r = await awaitRelease(connection, opts.queue, plan.releaseId);
      } catch (e) {
        // a release that failed for good before its append leaves nothing: its staged parts go. One that failed
        // after it (its witnesses' quorum awaited, its folder unwritable) keeps them: running it again places them.
        // A lost one may still be running.
        if (e instanceof JikimiError && e.code === "release_failed") {
          if ((await state.ledger().entryOfRelease(agreement, plan.releaseId)) === undefined)
            rmSync(plan.release.staging, { recursive: true, force: true });
        }
        throw e;
      }
    }
    const heldNow = r.held.length > 0 && opts.override === undefined;
    if (!opts.quiet || jsonOutput())
      report(
        () => ({ ...r, sample: undefined }),
        () => text(r, agreement, at, (performance.now() - started) / 1000, false, heldNow),
      );
    process.exitCode = heldNow ? ExitCode.held : ExitCode.ok;
  } finally {
    await state.close();
  }
}
