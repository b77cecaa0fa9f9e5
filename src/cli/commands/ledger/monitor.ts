// jikimi ledger monitor: watch a published log (tiles in a folder or at a URL) with public keys only; keep the last
// clean checkpoint in a state file and report a fork, a rollback or growth without the witness quorum.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { ExitCode } from "../../../errors.js";
import { monitorLog } from "../../../ledger/monitor.js";
import { openTiles } from "../../../ledger/tiles/http.js";
import { printJson } from "./open.js";

interface MonitorOpts {
  tiles: string;
  vkey: string[];
  witness?: string[];
  quorum?: string;
  state?: string;
  json?: boolean;
}

/** Where the monitor keeps the last clean checkpoint of a log location, unless --state says. */
function statePath(location: string): string {
  const id = createHash("sha256").update(location).digest("hex").slice(0, 16);
  return join(homedir(), ".local", "state", "jikimi", "monitor", `${id}.checkpoint`);
}

export function registerMonitor(ledger: Command): void {
  ledger
    .command("monitor")
    .description(
      "watch a published log with public keys only: report a fork, a rollback or growth without the witness quorum",
    )
    .requiredOption("--tiles <dir-or-url>", "the folder or http(s) URL where the log is published")
    .requiredOption("--vkey <vkey...>", "the log's verifier key(s) (`jikimi ledger vkey`)")
    .option("--witness <vkey...>", "witnesses' cosigner keys: growth must carry their quorum")
    .option("--quorum <n>", "how many of the witnesses must cosign (default: all)")
    .option(
      "--state <file>",
      "where to keep the last clean checkpoint (default: under ~/.local/state/jikimi)",
    )
    .option("--json", "print JSON")
    .action(async (opts: MonitorOpts) => {
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
      if (opts.json) printJson({ ...r, keep: undefined, state: file });
      else {
        for (const e of r.events) process.stdout.write(`${r.ok ? "ok" : "ALERT"}: ${e.kind}: ${e.message}\n`);
        for (const p of r.problems.slice(0, 20))
          process.stdout.write(
            `  ${p.kind}${p.seq === undefined ? "" : ` at entry ${p.seq}`}${p.place ? ` [${p.place}]` : ""}: ${p.message}\n`,
          );
        if (r.witnesses)
          process.stdout.write(
            `  witnesses: ${r.witnesses.cosigned.length} of ${r.witnesses.quorum} (${r.witnesses.cosigned.join(", ") || "none"})\n`,
          );
      }
      process.exitCode = r.ok ? ExitCode.ok : ExitCode.findings;
    });
}
