// jikimi scan FILE: find personal data per column; exit 1 when some column holds data about a person, 2 on bad input.
import { type Command, InvalidArgumentError, Option } from "commander";
import { t } from "../../public/base.js";
import type { RecordFormat } from "../../public/records.js";
import { renderScanJson, renderScanSarif, renderScanText, scanFile } from "../../public/scan.js";
import { formatOption } from "../convention.js";
import { ExitCode } from "../exit-codes.js";
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
    throw new InvalidArgumentError(t("cli.scan.bad_sample"));
  return n;
}

export function registerScan(program: Command): void {
  formatOption(
    program.command("scan").description(t("cli.scan.description")).argument("<file>", t("cli.scan.file")),
    { formats: ["text", "json", "sarif"], short: true },
  )
    .option("--sample <rows>", t("cli.scan.sample"), positiveInt)
    .addOption(
      new Option("--input-format <format>", t("cli.options.input_format")).choices([
        "csv",
        "jsonl",
        "parquet",
      ]),
    )
    .option("-o, --output <file>", t("cli.options.output_report"))
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
