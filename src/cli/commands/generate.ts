// `jikimi generate customers|payments`: deterministic synthetic data to a file or stdout, with progress on a TTY.
import cliProgress from "cli-progress";
import type { Command } from "commander";
import {
  type GenerateResult,
  generate,
  parseGenerateArgs,
  type RawGenerateArgs,
} from "../../generate/index.js";

interface GenerateFlags {
  rows: string;
  out: string;
  seed?: string;
  format?: string;
  customers?: string;
  threads?: string;
  quiet?: boolean;
}

/** "549k rows/s", "1.21M rows/s". */
export function formatRate(rowsPerSecond: number): string {
  if (rowsPerSecond >= 1e6) return `${(rowsPerSecond / 1e6).toFixed(2)}M rows/s`;
  if (rowsPerSecond >= 1e3) return `${Math.round(rowsPerSecond / 1e3)}k rows/s`;
  return `${Math.round(rowsPerSecond)} rows/s`;
}

async function runGenerate(kind: string, flags: GenerateFlags): Promise<void> {
  const raw: RawGenerateArgs = { kind, ...flags };
  const args = parseGenerateArgs(raw);
  const showBar = process.stderr.isTTY === true && flags.quiet !== true;
  const bar = new cliProgress.SingleBar(
    {
      format: `${args.kind} {bar} {percentage}% | {value}/{total} rows | {rate} | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 20,
      formatValue: (value, _options, type) =>
        type === "value" || type === "total" ? value.toLocaleString("en-US") : String(value),
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
  const where = result.target === "-" ? "stdout" : result.target;
  process.stderr.write(
    `wrote ${result.rows.toLocaleString("en-US")} ${result.kind} to ${where} in ${result.seconds.toFixed(1)} s ` +
      `(${formatRate(result.rows / result.seconds)})\n`,
  );
}

/** Registers `jikimi generate`. */
export function registerGenerate(program: Command): void {
  program
    .command("generate")
    .description(
      "write deterministic synthetic customers or payments for a Korean payment app (CSV or JSONL)",
    )
    .argument("<kind>", "customers or payments")
    .requiredOption("--rows <n>", "number of rows, e.g. 1000000")
    .requiredOption("--out <file>", "output file (.csv or .jsonl), or - for stdout")
    .option("--seed <n>", "whole number; the same seed and rows give the same bytes (default 1)")
    .option("--format <format>", "csv or jsonl (default: from the --out extension)")
    .option("--customers <n>", "payments: customer ids are drawn from 1..n (default 1,000,000)")
    .option("--threads <n>", "worker threads; 0 or 1 renders in-process (default: number of CPUs)")
    .option("--quiet", "no progress bar")
    .action(runGenerate);
}
