// `jikimi generate customers|payments`: deterministic synthetic data to a file or stdout, with progress on a TTY.
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { t } from "../../public/base.js";
import {
  type GenerateResult,
  generate,
  parseGenerateArgs,
  type RawGenerateArgs,
} from "../../public/generate.js";
import { formatOption, oldFlag, requireOption } from "../convention.js";
import { n } from "../options.js";
import { jsonOutput, jsonText, note } from "../output.js";

interface GenerateFlags {
  rows: string;
  output: string;
  seed?: string;
  outputFormat?: string;
  customers?: string;
  threads?: string;
  quiet?: boolean;
}

/** "549k rows/s", "1.21M rows/s"; in Korean "초당 549k행". */
export function formatRate(rowsPerSecond: number): string {
  if (rowsPerSecond >= 1e6) return t("cli.generate.rate_m", { value: (rowsPerSecond / 1e6).toFixed(2) });
  if (rowsPerSecond >= 1e3) return t("cli.generate.rate_k", { value: Math.round(rowsPerSecond / 1e3) });
  return t("cli.generate.rate", { value: Math.round(rowsPerSecond) });
}

async function runGenerate(kind: string, flags: GenerateFlags): Promise<void> {
  const raw: RawGenerateArgs = {
    kind,
    rows: flags.rows,
    out: flags.output,
    seed: flags.seed,
    format: flags.outputFormat,
    customers: flags.customers,
    threads: flags.threads,
  };
  const args = parseGenerateArgs(raw);
  const showBar = process.stderr.isTTY === true && flags.quiet !== true;
  const bar = new cliProgress.SingleBar(
    {
      format: `${args.kind} {bar} {percentage}% | ${t("cli.generate.progress")}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 20,
      formatValue: (value, _options, type) =>
        type === "value" || type === "total" ? n(value) : String(value),
    },
    cliProgress.Presets.shades_classic,
  );
  if (showBar) bar.start(args.rows, 0, { rate: formatRate(0) });
  const started = performance.now();
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let result: GenerateResult;
  try {
    result = await generate({
      ...args,
      signal: interrupt.signal,
      out: args.out === "-" ? process.stdout : args.out,
      onProgress: showBar
        ? (done) => bar.update(done, { rate: formatRate(done / ((performance.now() - started) / 1000)) })
        : undefined,
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    if (showBar) bar.stop();
  }
  const toStdout = result.target === "-";
  const where = toStdout ? "stdout" : result.target;
  const rate = result.rows / result.seconds;
  const summary = {
    kind: result.kind,
    rows: result.rows,
    bytes: result.bytes,
    output: result.target,
    format: args.format,
    seconds: result.seconds,
    threads: result.threads,
    rows_per_second: Math.round(rate),
  };
  // the data may be on stdout: the report then goes to stderr, in either format
  if (jsonOutput()) (toStdout ? process.stderr : process.stdout).write(jsonText(summary));
  else
    note(
      t("cli.generate.wrote", {
        what: t(result.kind === "customers" ? "cli.generate.n_customers" : "cli.generate.n_payments", {
          count: result.rows,
          n: n(result.rows),
        }),
        where,
        seconds: result.seconds.toFixed(1),
        rate: formatRate(rate),
      }),
    );
}

/** Registers `jikimi generate`. */
export function registerGenerate(program: Command): void {
  const command = program
    .command("generate")
    .description(t("cli.generate.description"))
    .argument("<kind>", t("cli.generate.kind"))
    .requiredOption("--rows <n>", t("cli.generate.rows"))
    .option("-o, --output <file>", t("cli.generate.output"))
    .option("--output-format <format>", t("cli.generate.output_format"))
    .option("--seed <n>", t("cli.generate.seed"))
    .option("--customers <n>", t("cli.generate.customers"))
    .option("--threads <n>", t("cli.generate.threads"))
    .option("--quiet", t("cli.generate.quiet"));
  oldFlag(command, "--out <file>", "output", "--output");
  requireOption(command, "output", "-o, --output <file>");
  formatOption(command, {
    legacy: {
      values: ["csv", "jsonl"],
      attribute: "outputFormat",
      replacement: (value) => `--output-format ${value}`,
    },
  }).action(runGenerate);
}
