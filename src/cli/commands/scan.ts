// jikimi scan FILE: find personal data per column; exit 1 when some column holds data about a person, 2 on bad input.
import { type Command, InvalidArgumentError, Option } from "commander";
import { ExitCode } from "../../errors.js";
import type { RecordFormat } from "../../io/records/index.js";
import { renderScanJson, renderScanSarif, renderScanText, scanFile } from "../../scan/index.js";
import { emit } from "../options.js";

interface ScanCliOptions {
  format: "text" | "json" | "sarif";
  sample?: number;
  inputFormat?: RecordFormat;
  output?: string;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError("expected a whole number of rows, at least 1");
  return n;
}

export function registerScan(program: Command): void {
  program
    .command("scan")
    .description(
      "find personal data in a CSV, JSON Lines or Parquet file, per column (never printing values)",
    )
    .argument("<file>", "the file to scan")
    .addOption(
      new Option("-f, --format <format>", "output format").choices(["text", "json", "sarif"]).default("text"),
    )
    .option("--sample <rows>", "look at the first N rows only (default: every row)", positiveInt)
    .addOption(
      new Option("--input-format <format>", "the file's format (default: from its extension)").choices([
        "csv",
        "jsonl",
        "parquet",
      ]),
    )
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .action(async (file: string, opts: ScanCliOptions) => {
      const result = await scanFile(file, {
        ...(opts.inputFormat === undefined ? {} : { format: opts.inputFormat }),
        ...(opts.sample === undefined ? {} : { sample: opts.sample }),
      });
      const text =
        opts.format === "json"
          ? renderScanJson(result)
          : opts.format === "sarif"
            ? renderScanSarif(result)
            : renderScanText(result);
      emit(text, opts.output);
      process.exitCode = result.personal ? ExitCode.findings : ExitCode.ok;
    });
}
