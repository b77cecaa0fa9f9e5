// jikimi verify log --tiles DIR|URL --vkey VKEY: verify a published log (c2sp.org/tlog-tiles) with the log's
// verifier key only: no keyring, no database, no workspace.
import type { Command } from "commander";
import { ExitCode, JikimiError } from "../../../errors.js";
import { openTiles, verifyTiles } from "../../../ledger/tiles/index.js";
import { printProblems } from "../../options.js";
import { readPublicFile } from "./checkpoint.js";

export function registerVerifyLog(verify: Command): void {
  verify
    .command("log")
    .requiredOption(
      "--tiles <dir|url>",
      "the published log: the folder `jikimi ledger publish` wrote, or its URL",
    )
    .requiredOption("--vkey <vkey...>", "the log's verifier key(s), as `jikimi ledger vkey` printed them")
    .option("--against <file>", "a checkpoint note kept earlier: prove the log only grew since")
    .option("--timeout <seconds>", "per request, for a URL", "30")
    .option("--json", "print JSON")
    .description("verify a published log: signature, every tile, every entry, and that it only grew")
    .action(
      async (opts: { tiles: string; vkey: string[]; against?: string; timeout: string; json?: boolean }) => {
        const against = opts.against === undefined ? undefined : readPublicFile(opts.against, "checkpoint");
        const timeout = Number(opts.timeout);
        if (!(timeout > 0 && timeout <= 3600))
          throw new JikimiError(
            "usage",
            `--timeout ${opts.timeout}: give the seconds to wait per request, e.g. 30`,
          );
        const started = performance.now();
        const report = await verifyTiles(openTiles(opts.tiles, { timeoutMs: timeout * 1000 }), opts.vkey, {
          against,
        });
        const seconds = (performance.now() - started) / 1000;
        if (opts.json) process.stdout.write(`${JSON.stringify({ ...report, seconds }, null, 2)}\n`);
        else if (report.ok) {
          process.stdout.write(
            `ok: ${report.origin}, ${report.size} ${report.size === 1 ? "entry" : "entries"}, root ${report.root}${report.against ? `; consistent with the checkpoint of size ${report.against.size}` : ""} (${report.files} files, ${seconds.toFixed(2)} s)\n`,
          );
          if (report.retained > 0)
            process.stdout.write(
              `note: ${report.retained} ${report.retained === 1 ? "entry" : "entries"} listed by prune events ${report.retained === 1 ? "is" : "are"} still served with ${report.retained === 1 ? "its body" : "their bodies"} (a mirror or cache may keep them; \`jikimi ledger publish\` replaces them with markers)\n`,
            );
        } else {
          printProblems(report.problems);
        }
        process.exitCode = report.ok ? ExitCode.ok : ExitCode.findings;
      },
    );
}
