// jikimi share: stream a dataset through an agreement; exit 0 released, 1 agreement refused, 2 bad input,
// 3 held by a guard (nothing written, nothing recorded).
import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import cliProgress from "cli-progress";
import { type Command, Option } from "commander";
import { ConsentRegistry } from "../../consent/index.js";
import { share } from "../../engine/share.js";
import { ExitCode, JikimiError } from "../../errors.js";
import { diskReader } from "../../io/workspace-reader.js";
import { loadWorkspace } from "../../model/load.js";
import { workspaceDir, workspaceOption } from "../options.js";
import { openWorkspaceState } from "../state.js";

interface ShareOptions {
  workspace?: string;
  input: string;
  format?: "csv" | "jsonl";
  out: string;
  at?: string;
  dryRun?: boolean;
  override?: string;
  operator?: string;
  json?: boolean;
  quiet?: boolean;
}

export function registerShare(program: Command): void {
  workspaceOption(program.command("share"))
    .argument("<agreement>", "the agreement id")
    .description("release a dataset through an agreement: scope, consent, keyed pseudonyms, guards, ledger")
    .requiredOption("-i, --input <path>", "the dataset file, or - for stdin")
    .addOption(
      new Option("--format <format>", "input format (default: from the extension)").choices(["csv", "jsonl"]),
    )
    .requiredOption("-o, --out <dir>", "folder for the released file and its signed manifest")
    .option("--at <time>", "the release time, ISO 8601 (default: now)")
    .option("--dry-run", "count and sample; write and record nothing")
    .option("--override <reason>", "release despite a hold; the reason goes into the ledger entry")
    .option("--operator <name>", "who runs the release (default: $USER)")
    .option("--json", "print JSON")
    .option("-q, --quiet", "print nothing but errors")
    .action(async (agreement: string, opts: ShareOptions) => {
      const dir = workspaceDir(opts);
      const loaded = loadWorkspace(diskReader(dir));
      if (!loaded.ok)
        throw new JikimiError(
          "workspace_invalid",
          `the workspace has ${loaded.issues.length} problems: run \`jikimi check -w ${dir}\``,
        );
      const at = opts.at === undefined ? new Date() : new Date(opts.at);
      if (Number.isNaN(at.getTime()))
        throw new JikimiError("bad_time", "--at takes an ISO 8601 time, e.g. 2024-05-31T02:00:00Z");
      const outDir = resolve(opts.out);
      if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
      const state = openWorkspaceState(dir);
      // SIGINT/SIGTERM abandon the release before the ledger append: no output, no entry
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      const tty = process.stderr.isTTY === true && !opts.quiet && !opts.json;
      const bar = tty
        ? new cliProgress.SingleBar(
            { format: "sharing {value} rows | {rate} rows/s | {duration_formatted}", hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      const started = performance.now();
      bar?.start(0, 0, { rate: 0 });
      try {
        const r = await share({
          workspace: loaded.workspace,
          agreement,
          input: opts.input,
          format: opts.format,
          outDir,
          at,
          operator: opts.operator ?? process.env.USER ?? "unknown",
          dryRun: opts.dryRun,
          override: opts.override,
          keyring: state.keyring,
          ledger: state.ledger(),
          consent: new ConsentRegistry(state.store.db, state.subjects, state.hasher),
          subjects: state.subjects,
          hasher: state.hasher,
          signal: controller.signal,
          onProgress: (rows) =>
            bar?.update(rows, {
              rate: Math.round(rows / Math.max(0.001, (performance.now() - started) / 1000)),
            }),
        });
        bar?.stop();
        const heldNow = r.held.length > 0 && opts.override === undefined;
        if (opts.json)
          process.stdout.write(
            `${JSON.stringify({ ...r, sample: opts.dryRun ? r.sample : undefined }, null, 2)}\n`,
          );
        else {
          const c = r.counts;
          process.stdout.write(
            `read ${c.read}  bad ${c.bad}  out of scope ${c.outOfScope}  no consent ${c.noConsent}  released ${c.released} rows (${c.subjects} subjects)${r.previous === undefined ? "" : `; previous release ${r.previous} subjects`}\n`,
          );
          if (opts.dryRun) for (const row of r.sample) process.stdout.write(`  ${row.join(",")}\n`);
          for (const h of r.held) process.stdout.write(`${heldNow ? "HELD" : "overridden"}: ${h}\n`);
          if (r.output)
            process.stdout.write(`wrote ${r.output}; ledger entry ${r.entry?.seq}, root ${r.entry?.root}\n`);
        }
        process.exitCode = heldNow ? ExitCode.held : ExitCode.ok;
      } finally {
        bar?.stop();
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        state.close();
      }
    });
}
