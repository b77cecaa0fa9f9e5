// jikimi share: stream a dataset through an agreement; exit 0 released, 1 agreement refused, 2 bad input,
// 3 held by a guard (nothing written; the hold recorded as a signed hold entry). With `--out-dir -` the released file goes to stdout and
// everything the command prints (summary, JSON, errors) to stderr.
import { type Command, Option } from "commander";
import { JikimiError, padEnd, t, widest } from "../../public/base.js";
import type { RecordFormat } from "../../public/records.js";
import { describeRecovery } from "../../public/release.js";
import { fileSource, type RecordSource, type ShareResult, streamSource } from "../../public/share.js";
import { loadDeclarations, openWorkspace } from "../../public/workspace.js";
import { releaseSink, STDOUT } from "../adapters/release-sink.js";
import { formatOption, oldFlag, requireOption } from "../convention.js";
import { ExitCode } from "../exit-codes.js";
import { n, workspaceDir, workspaceOption } from "../options.js";
import { jsonOutput, report, resultsToStderr } from "../output.js";
import { warnWitnessShort } from "./ledger/witness.js";
import { shareProgress } from "./share-progress.js";

interface ShareOptions {
  workspace?: string;
  input: string;
  inputFormat?: "csv" | "jsonl" | "parquet";
  outDir: string;
  at?: string;
  dryRun?: boolean;
  override?: string;
  operator?: string;
  quiet?: boolean;
  threads?: string;
  distributed?: boolean;
  redis?: string;
  partitionSize?: string;
  queue: string;
}

/** The human summary: one aligned line per count (Hangul labels count two cells), then where the release went. */
function summary(r: ShareResult, seconds: number, dryRun: boolean, heldNow: boolean): string {
  const c = r.counts;
  const rate = seconds > 0 ? Math.round(c.read / seconds) : 0;
  const rows: [string, string][] = [
    [
      t("cli.share.read"),
      t("cli.share.read_value", {
        rows: t("cli.share.rows", { count: c.read, n: n(c.read) }),
        seconds: seconds.toFixed(1),
        rate: n(rate),
      }),
    ],
    [
      t("cli.share.bad"),
      `${n(c.bad)}${c.bad > 0 && r.quarantine ? t("cli.share.quarantined", { file: r.quarantine }) : ""}`,
    ],
    [t("cli.share.out_of_scope"), n(c.outOfScope)],
    [t("cli.share.no_consent"), n(c.noConsent)],
    [
      t(dryRun ? "cli.share.would_release" : heldNow ? "cli.share.held" : "cli.share.released"),
      `${t("cli.share.rows", { count: c.released, n: n(c.released) })}, ${t("cli.share.subjects", { count: c.subjects, n: n(c.subjects) })}${
        r.previous === undefined
          ? ""
          : t("cli.share.previous", {
              subjects: t("cli.share.subjects", { count: r.previous, n: n(r.previous) }),
            })
      }`,
    ],
  ];
  if (r.risk)
    rows.push([
      t("cli.share.risk"),
      t("cli.share.risk_value", { k: n(r.risk.k), share: (r.risk.uniqueShare * 100).toFixed(2) }),
    ]);
  if (r.output) rows.push([t("cli.share.output"), r.output]);
  if (r.manifest) rows.push([t("cli.share.manifest"), r.manifest]);
  if (r.entry)
    rows.push([
      t("cli.share.recorded"),
      t("cli.share.recorded_value", { seq: r.entry.seq, root: r.entry.root }),
    ]);
  const width = widest(rows.map(([k]) => k));
  return rows.map(([k, v]) => `  ${padEnd(k, width)}  ${v}\n`).join("");
}

export function text(
  r: ShareResult,
  agreement: string,
  at: Date,
  seconds: number,
  dryRun: boolean,
  heldNow: boolean,
) {
  const title = dryRun ? "cli.share.title_dry_run" : heldNow ? "cli.share.title_held" : "cli.share.title";
  const lines: string[] = [];
  if (r.recovered) lines.push(`${describeRecovery(r.recovered)}\n`);
  lines.push(`${t(title, { agreement, at: at.toISOString() })}\n`);
  lines.push(summary(r, seconds, dryRun, heldNow));
  if (dryRun && r.sample.length > 0) {
    lines.push(`${t("cli.share.sample")}\n`);
    for (const row of r.sample) lines.push(`  ${row.join(",")}\n`);
  }
  for (const h of r.held)
    lines.push(`${t(heldNow ? "cli.share.held_reason" : "cli.share.overridden", { reason: h })}\n`);
  if (r.hold) lines.push(`${t("cli.share.hold_recorded", { seq: r.hold.seq })}\n`);
  return lines.join("");
}

/** The records to release: a file, or stdin for "-". */
function recordSource(input: string, format: RecordFormat | undefined): RecordSource {
  return input === "-" ? streamSource(process.stdin, format) : fileSource(input, format);
}

export function registerShare(program: Command): void {
  const command = workspaceOption(program.command("share"))
    .argument("<agreement>", t("cli.options.agreement"))
    .description(t("cli.share.description"))
    .requiredOption("-i, --input <path>", t("cli.share.input"))
    .addOption(
      new Option("--input-format <format>", t("cli.options.input_format")).choices([
        "csv",
        "jsonl",
        "parquet",
      ]),
    )
    .option("--out-dir <dir>", t("cli.share.out_dir"))
    .option("--at <time>", t("cli.options.release_time"))
    .option("--dry-run", t("cli.share.dry_run"))
    .option("--override <reason>", t("cli.share.override"))
    .option("--operator <name>", t("cli.share.operator"))
    .option("--threads <n>", t("cli.share.threads"))
    .option("--distributed", t("distributed.cli.share.distributed"))
    .option("--redis <url>", t("distributed.cli.share.redis"))
    .option("--partition-size <bytes>", t("distributed.cli.share.partition_size"))
    .option("--queue <prefix>", t("distributed.cli.share.queue"), "jikimi")
    .option("-q, --quiet", t("cli.share.quiet"));
  // for one release `--format csv|jsonl|parquet` is still the input's format and `-o` still the folder
  formatOption(command, {
    legacy: {
      values: ["csv", "jsonl", "parquet"],
      attribute: "inputFormat",
      replacement: (value) => `--input-format ${value}`,
    },
  });
  oldFlag(command, "-o, --out <dir>", "outDir", "--out-dir");
  requireOption(command, "outDir", "--out-dir <dir>");
  command.action(async (typed: string, opts: ShareOptions) => {
    // declarations are NFC: a Hangul id typed in NFD (macOS) must still find its agreement
    const agreement = typed.normalize("NFC");
    // stdout carries the released file: nothing else may reach it, not even an error's JSON document
    if (opts.outDir === STDOUT) resultsToStderr();
    const dir = workspaceDir(opts);
    // refused before the state store opens: a release runs only against declarations `jikimi check` can load
    const declarations = loadDeclarations(dir);
    const at = opts.at === undefined ? new Date() : new Date(opts.at);
    if (Number.isNaN(at.getTime()))
      throw new JikimiError("bad_time", t("cli.errors.bad_time"), { hint: t("cli.errors.bad_time_hint") });
    // SIGINT/SIGTERM abandon the release before the ledger append (no output, no entry), or stop its streaming
    const controller = new AbortController();
    const sink = releaseSink(opts.outDir, declarations.workspace.root, controller.signal);
    const threads = opts.threads === undefined ? undefined : Number(opts.threads);
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0 && threads <= 64))
      throw new JikimiError("bad_threads", t("cli.share.bad_threads"), {
        hint: t("cli.share.bad_threads_hint"),
      });
    if (opts.distributed) {
      // BullMQ and its Redis client (some 230 module files) load only for a distributed release
      const { shareDistributed } = await import("./share-distributed.js");
      await shareDistributed(opts, agreement, at, dir, declarations);
      return;
    }
    const state = await openWorkspace({ root: dir, env: process.env });
    // every SIGINT/SIGTERM during the run aborts it (a second one too: the handler stays until cleanup)
    const stop = () => {
      controller.abort();
      if (opts.input === "-") process.stdin.destroy();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    const progress = shareProgress(opts.input, process.stderr.isTTY === true && !opts.quiet && !jsonOutput());
    const started = performance.now();
    try {
      const r = await state.share({
        declarations,
        agreement,
        source: recordSource(opts.input, opts.inputFormat),
        sink,
        at,
        operator: opts.operator ?? process.env.USER ?? "unknown",
        dryRun: opts.dryRun,
        override: opts.override,
        onWitnessShort: warnWitnessShort(state),
        signal: controller.signal,
        ...(threads === undefined ? {} : { threads }),
        onProgress: progress.update,
      });
      progress.finish(r.counts.read);
      const heldNow = r.held.length > 0 && opts.override === undefined;
      if (!opts.quiet || jsonOutput())
        report(
          () => ({ ...r, sample: opts.dryRun ? r.sample : undefined }),
          () => text(r, agreement, at, (performance.now() - started) / 1000, opts.dryRun === true, heldNow),
        );
      process.exitCode = heldNow ? ExitCode.held : ExitCode.ok;
    } finally {
      progress.stop();
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      await state.close();
    }
  });
}
