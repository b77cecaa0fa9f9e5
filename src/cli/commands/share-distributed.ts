// jikimi share --distributed: plans the release here (the agreement checked, time guards, the input cut into
// partitions, its id), enqueues it as one BullMQ flow on --redis, and waits for the workers to finish it; prints
// what `share` prints. Enqueuing the same release again (same agreement, time and input) waits for the first; the
// service (app/distributed.ts) cleans up a release that failed before its append.
import { resolve } from "node:path";
import { JikimiError, t } from "../../public/base.js";
import { releaseDistributed } from "../../public/distributed.js";
import type { Declarations } from "../../public/workspace.js";
import { openWorkspace } from "../../public/workspace.js";
import { bullQueue, connectionOf, reachRedis, redisLocation } from "../../worker/index.js";
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
    const call = {
      agreement,
      input: resolve(opts.input),
      ...(opts.inputFormat === undefined ? {} : { inputFormat: opts.inputFormat }),
      outDir: resolve(opts.outDir),
      at,
      operator: opts.operator ?? process.env.USER ?? "unknown",
      ...(opts.override === undefined ? {} : { override: opts.override }),
      ...(partitionBytes === undefined ? {} : { partitionBytes }),
      declarations,
    };
    const r = await releaseDistributed(state, call, bullQueue(connection, opts.queue), {
      enqueued: (plan) => {
        if (!opts.quiet)
          note(
            t("distributed.cli.share.enqueued", {
              id: plan.releaseId,
              partitions: plan.partitions.length,
              redis: redisLocation(url),
            }),
          );
      },
    });
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
