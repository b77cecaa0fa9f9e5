// jikimi ledger monitor: watch a published log (tiles in a folder or at a URL) with public keys only; keep the last
// clean checkpoint in a state file and report a fork, a rollback or growth without the witness quorum.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { t } from "../../../public/base.js";
import { monitorLog, openTiles } from "../../../public/verify.js";
import { formatOption } from "../../convention.js";
import { ExitCode } from "../../exit-codes.js";
import { problemLine } from "../../options.js";
import { report } from "../../output.js";

interface MonitorOpts {
  tiles: string;
  vkey: string[];
  witness?: string[];
  quorum?: string;
  state?: string;
}

/** Where the monitor keeps the last clean checkpoint of a log location, unless --state says. */
function statePath(location: string): string {
  const id = createHash("sha256").update(location).digest("hex").slice(0, 16);
  return join(homedir(), ".local", "state", "jikimi", "monitor", `${id}.checkpoint`);
}

export function registerMonitor(ledger: Command): void {
  formatOption(
    ledger
      .command("monitor")
      .description(t("cli.ledger.monitor.description"))
      .requiredOption("--tiles <dir-or-url>", t("cli.ledger.monitor.tiles"))
      .requiredOption("--vkey <vkey...>", t("cli.options.vkey"))
      .option("--witness <vkey...>", t("cli.ledger.monitor.witness"))
      .option("--quorum <n>", t("cli.ledger.monitor.quorum"))
      .option("--state <file>", t("cli.ledger.monitor.state")),
  ).action(async (opts: MonitorOpts) => {
    const file = opts.state ?? statePath(opts.tiles);
    const previous = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    const r = await monitorLog(openTiles(opts.tiles), opts.vkey, {
      previous,
      ...(opts.witness ? { witnesses: opts.witness } : {}),
      ...(opts.quorum === undefined ? {} : { quorum: Number(opts.quorum) }),
    });
    if (r.ok && r.keep !== undefined && r.keep !== previous) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(`${file}.tmp`, r.keep, { mode: 0o644 });
      renameSync(`${file}.tmp`, file);
    }
    report(
      () => ({ ...r, keep: undefined, state: file }),
      () => {
        const lines = r.events.map(
          (e) =>
            `${t(r.ok ? "cli.ledger.monitor.ok" : "cli.ledger.monitor.alert")}: ${e.kind}: ${e.message}\n`,
        );
        lines.push(...r.problems.slice(0, 20).map(problemLine));
        if (r.witnesses)
          lines.push(
            `  ${t("cli.ledger.monitor.witnesses", {
              cosigned: r.witnesses.cosigned.length,
              quorum: r.witnesses.quorum,
              names: r.witnesses.cosigned.join(", ") || t("cli.ledger.none"),
            })}\n`,
          );
        return lines.join("");
      },
    );
    process.exitCode = r.ok ? ExitCode.ok : ExitCode.findings;
  });
}
