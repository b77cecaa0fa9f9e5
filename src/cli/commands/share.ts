// jikimi share: stream a dataset through an agreement; exit 0 released, 1 agreement refused, 2 bad input,
// 3 held by a guard (nothing written, nothing recorded).
import { existsSync, mkdirSync, statSync } from "node:fs";
import { resolve } from "node:path";
import cliProgress from "cli-progress";
import { type Command, Option } from "commander";
import { ConsentRegistry } from "../../consent/index.js";
import { describeRecovery } from "../../engine/release/journal.js";
import { type ShareResult, share } from "../../engine/share.js";
import { ExitCode, JikimiError } from "../../errors.js";
import { diskReader } from "../../io/workspace-reader.js";
import { loadWorkspace } from "../../model/load.js";
import { workspaceDir, workspaceOption } from "../options.js";
import { ledgerSettings, openWorkspaceState } from "../state.js";
import { shareWitnessing } from "./ledger/witness.js";

interface ShareOptions {
  workspace?: string;
  input: string;
  format?: "csv" | "jsonl" | "parquet";
  out: string;
  at?: string;
  dryRun?: boolean;
  override?: string;
  operator?: string;
  json?: boolean;
  quiet?: boolean;
  threads?: string;
}

const n = (v: number) => v.toLocaleString("en-US");

/** The human summary: one aligned line per count, then where the release went. */
function summary(r: ShareResult, seconds: number, dryRun: boolean, heldNow: boolean): string {
  const c = r.counts;
  const rate = seconds > 0 ? Math.round(c.read / seconds) : 0;
  const rows: [string, string][] = [
    ["read", `${n(c.read)} rows in ${seconds.toFixed(1)} s (${n(rate)} rows/s)`],
    ["bad", `${n(c.bad)}${c.bad > 0 && r.quarantine ? ` (quarantined: ${r.quarantine})` : ""}`],
    ["out of scope", n(c.outOfScope)],
    ["no consent", n(c.noConsent)],
    [
      dryRun ? "would release" : heldNow ? "held" : "released",
      `${n(c.released)} rows, ${n(c.subjects)} subjects${r.previous === undefined ? "" : ` (previous release: ${n(r.previous)} subjects)`}`,
    ],
  ];
  if (r.risk)
    rows.push([
      "risk",
      `k ${n(r.risk.k)}, ${(r.risk.uniqueShare * 100).toFixed(2)}% of released records unique on the quasi-identifiers`,
    ]);
  if (r.output) rows.push(["output", r.output]);
  if (r.manifest) rows.push(["manifest", r.manifest]);
  if (r.entry) rows.push(["recorded", `ledger entry ${r.entry.seq}, root ${r.entry.root}`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}\n`).join("");
}

export function registerShare(program: Command): void {
  workspaceOption(program.command("share"))
    .argument("<agreement>", "the agreement id")
    .description("release a dataset through an agreement: scope, consent, keyed pseudonyms, guards, ledger")
    .requiredOption("-i, --input <path>", "the dataset file, or - for stdin")
    .addOption(
      new Option("--format <format>", "input format (default: from the extension)").choices([
        "csv",
        "jsonl",
        "parquet",
      ]),
    )
    .requiredOption("-o, --out <dir>", "folder for the released file and its signed manifest")
    .option("--at <time>", "the release time, ISO 8601 (default: now)")
    .option("--dry-run", "count and sample; write and record nothing")
    .option("--override <reason>", "release despite a hold; the reason goes into the ledger entry")
    .option("--operator <name>", "who runs the release (default: $USER)")
    .option("--threads <n>", "worker threads (default: one per core; 0 runs on the main thread)")
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
      try {
        if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
        if (!statSync(outDir).isDirectory())
          throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
      } catch (e) {
        throw new JikimiError(
          "output_unwritable",
          `the output folder ${outDir} cannot be created (${(e as NodeJS.ErrnoException).code ?? "error"}): pass --out a folder you can write to`,
          { cause: e },
        );
      }
      const threads = opts.threads === undefined ? undefined : Number(opts.threads);
      if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0 && threads <= 64))
        throw new JikimiError("bad_threads", "--threads takes a whole number from 0 to 64");
      const size = opts.input === "-" ? 0 : fileSize(opts.input);
      const state = openWorkspaceState(dir);
      // SIGINT/SIGTERM abandon the release before the ledger append: no output, no entry
      const controller = new AbortController();
      // every SIGINT/SIGTERM during the run aborts it (a second one too: the handler stays until cleanup)
      const stop = () => {
        controller.abort();
        if (opts.input === "-") process.stdin.destroy();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
      const tty = process.stderr.isTTY === true && !opts.quiet && !opts.json;
      // with a known input size the bar runs over bytes and shows an ETA; from stdin it counts rows
      const bar = tty
        ? new cliProgress.SingleBar(
            {
              format:
                size > 0
                  ? "sharing {bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}"
                  : "sharing {rows} rows | {rate} rows/s | {duration_formatted}",
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      const started = performance.now();
      bar?.start(size, 0, { rows: 0, rate: 0 });
      try {
        const r = await share({
          workspace: loaded.workspace,
          agreement,
          input: opts.input,
          format: opts.format,
          outDir,
          at,
          operator: opts.operator ?? process.env.USER ?? "unknown",
          outputMode: ledgerSettings(dir).outputMode,
          dryRun: opts.dryRun,
          override: opts.override,
          keyring: state.keyring,
          signer: state.logKeys.signer(),
          witness: shareWitnessing(state),
          ledger: state.ledger(),
          consent: new ConsentRegistry(state.store.db, state.subjects, state.hasher),
          subjects: state.subjects,
          hasher: state.hasher,
          signal: controller.signal,
          ...(threads === undefined ? {} : { threads }),
          onProgress: (rows, bytes) =>
            bar?.update(size > 0 ? bytes : rows, {
              rows: n(rows),
              rate: n(Math.round(rows / Math.max(0.001, (performance.now() - started) / 1000))),
            }),
        });
        // the last block's progress may land before its bytes are counted: a finished run shows 100%
        if (bar && size > 0) bar.update(size, { rows: n(r.counts.read) });
        bar?.stop();
        const heldNow = r.held.length > 0 && opts.override === undefined;
        if (opts.json)
          process.stdout.write(
            `${JSON.stringify({ ...r, sample: opts.dryRun ? r.sample : undefined }, null, 2)}\n`,
          );
        else if (!opts.quiet) {
          const seconds = (performance.now() - started) / 1000;
          const title = opts.dryRun ? "dry run of" : heldNow ? "held release of" : "release of";
          if (r.recovered) process.stdout.write(`${describeRecovery(r.recovered)}\n`);
          process.stdout.write(`${title} ${agreement} at ${at.toISOString()}\n`);
          process.stdout.write(summary(r, seconds, opts.dryRun === true, heldNow));
          if (opts.dryRun && r.sample.length > 0) {
            process.stdout.write("first rows as they would leave:\n");
            for (const row of r.sample) process.stdout.write(`  ${row.join(",")}\n`);
          }
          for (const h of r.held) process.stdout.write(`${heldNow ? "HELD" : "overridden"}: ${h}\n`);
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

/** The input's size in bytes for the progress bar, or 0 when it cannot be known (the run reports a missing file). */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
