// jikimi worker: runs a workspace's distributed release jobs (partitions and releases) from Redis until SIGINT or
// SIGTERM; any number of these, on any host that reaches the workspace folder, its state store and the output
// folder under the same paths. Keys come from this host's keyring, never from the queue. One JSON line per job on
// stderr: the job's id, whether it finished, its error code and time (no values).
import type { Command } from "commander";
import { pino } from "pino";
import { JikimiError, t } from "../../public/base.js";
import { openWorkspace } from "../../public/workspace.js";
import { connectionOf, reachRedis, redisLocation, startWorker } from "../../worker/index.js";
import { formatOption } from "../convention.js";
import { workspaceDir, workspaceOption } from "../options.js";
import { jsonOutput, note } from "../output.js";

interface WorkerCliOptions {
  workspace?: string;
  redis?: string;
  queue: string;
  concurrency: string;
  threads?: string;
  lockSeconds: string;
  quiet?: boolean;
}

/** A whole number option in [min, max], or `bad_option` naming it. */
export function wholeOption(value: string, name: string, min: number, max: number): number {
  const v = Number(value);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new JikimiError("bad_option", t("distributed.cli.worker.bad_number", { name, min, max }), {
      hint: t("distributed.cli.worker.bad_number_hint", { name }),
    });
  return v;
}

/** The Redis URL of --redis or JIKIMI_REDIS_URL, or `bad_option`. */
export function redisUrl(given: string | undefined): string {
  const url = given ?? process.env.JIKIMI_REDIS_URL;
  if (url === undefined || url === "")
    throw new JikimiError("bad_option", t("distributed.cli.worker.no_redis"), {
      hint: t("distributed.cli.worker.no_redis_hint"),
    });
  return url;
}

export function registerWorker(program: Command): void {
  formatOption(workspaceOption(program.command("worker")))
    .description(t("distributed.cli.worker.description"))
    .option("--redis <url>", t("distributed.cli.worker.redis"))
    .option("--queue <prefix>", t("distributed.cli.worker.queue"), "jikimi")
    .option("--concurrency <n>", t("distributed.cli.worker.concurrency"), "1")
    .option("--threads <n>", t("distributed.cli.worker.threads"))
    .option("--lock-seconds <s>", t("distributed.cli.worker.lock_seconds"), "30")
    .option("--quiet", t("distributed.cli.worker.quiet"))
    .action(async (opts: WorkerCliOptions) => {
      const url = redisUrl(opts.redis);
      const connection = connectionOf(url);
      const concurrency = wholeOption(opts.concurrency, "--concurrency", 1, 64);
      // 0 by default: a partition runs on the worker's own thread. A pool of block threads starts for each job
      // (about 0.6 s: threads, the plan's dictionary and bitset copied to them), more than a 64 MiB partition takes
      // on one core; one worker process per core scales instead (docs/benchmarks.md, "Scale-out")
      const threads = opts.threads === undefined ? 0 : wholeOption(opts.threads, "--threads", 0, 64);
      const lockMs = wholeOption(opts.lockSeconds, "--lock-seconds", 2, 3600) * 1000;
      await reachRedis(connection, redisLocation(url));
      const session = await openWorkspace({
        root: workspaceDir(opts),
        env: process.env,
        requireConfig: true,
      });
      const log = opts.quiet ? undefined : pino({ base: { pid: process.pid } }, pino.destination(2));
      // listened for before anything starts: a signal that comes early still stops the worker cleanly
      const stopped = new Promise<string>((resolve) => {
        process.once("SIGINT", () => resolve("SIGINT"));
        process.once("SIGTERM", () => resolve("SIGTERM"));
      });
      const running = startWorker({
        connection,
        prefix: opts.queue,
        session,
        concurrency,
        lockMs,
        threads,
        onJob: (e) => log?.info(e, e.ok ? "job done" : "job failed"),
      });
      await running.ready();
      note(
        t("distributed.cli.worker.started", {
          dir: session.root,
          redis: redisLocation(url),
          queue: opts.queue,
        }),
      );
      // with --format json, one ready line on stdout (as `serve` prints where it listens)
      if (jsonOutput())
        process.stdout.write(
          `${JSON.stringify({ worker: session.root, redis: redisLocation(url), queue: opts.queue })}\n`,
        );
      const signal = await stopped;
      note(t("distributed.cli.worker.stopping", { signal }));
      // a connection BullMQ already lost on the way down is not a failure of the stop
      await running.close().catch(() => {});
      await session.close();
    });
}
