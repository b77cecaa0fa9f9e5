// jikimi release status [ID]: where a distributed release stands in the queue: its state, partitions done, rows
// read, the input rate and the time left; without an id, every release the queue holds (newest first).
import type { Command } from "commander";
import { JikimiError, t } from "../../public/base.js";
import {
  connectionOf,
  type ReleaseStatus,
  reachRedis,
  redisLocation,
  releaseStatus,
  releaseStatuses,
} from "../../worker/index.js";
import { formatOption } from "../convention.js";
import { n } from "../options.js";
import { report } from "../output.js";
import { redisUrl } from "./worker.js";

function line(s: ReleaseStatus): string {
  const head = t("distributed.cli.release.status_line", {
    id: s.id,
    state: s.state,
    done: s.done,
    partitions: s.partitions,
    rows: n(s.rows),
  });
  const rate =
    s.rate === undefined || s.state === "completed"
      ? ""
      : `\n  ${t("distributed.cli.release.rate_line", { rate: n(Math.round(s.rate / (1 << 20))), eta: Math.round(s.eta ?? 0) })}`;
  const why = s.reason ? `\n  ${t("distributed.cli.release.reason", { reason: s.reason })}` : "";
  return `${head}${rate}${why}\n`;
}

export function registerRelease(program: Command): void {
  const release = program.command("release").description(t("distributed.cli.release.description"));
  formatOption(release.command("status"))
    .argument("[id]", t("distributed.cli.release.id"))
    .description(t("distributed.cli.release.status_description"))
    .option("--redis <url>", t("distributed.cli.worker.redis"))
    .option("--queue <prefix>", t("distributed.cli.worker.queue"), "jikimi")
    .action(async (id: string | undefined, opts: { redis?: string; queue: string }) => {
      const url = redisUrl(opts.redis);
      const connection = connectionOf(url);
      await reachRedis(connection, redisLocation(url));
      if (id === undefined) {
        const all = await releaseStatuses(connection, opts.queue);
        report(
          () => ({ releases: all }),
          () => (all.length === 0 ? `${t("distributed.cli.release.none")}\n` : all.map(line).join("")),
        );
        return;
      }
      const s = await releaseStatus(connection, opts.queue, id);
      if (!s)
        throw new JikimiError("unknown_release", t("distributed.cli.release.unknown", { id }), {
          hint: t("distributed.cli.release.unknown_hint"),
        });
      report(
        () => s,
        () => line(s),
      );
    });
}
