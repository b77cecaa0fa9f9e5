// jikimi link: which columns of two files join (same values, same keyed pseudonyms, QI tuples unique in both)
// and the share of records that link one to one; exit 0, or 2 for unusable input. Never prints a value.
import { type Command, Option } from "commander";
import { ExitCode, JikimiError } from "../../errors.js";
import type { RecordFormat } from "../../io/records/types.js";
import { linkFiles, renderLinkJson, renderLinkText } from "../../risk/index.js";
import { emit } from "../options.js";

interface LinkCliOptions {
  format: "text" | "json";
  inputFormat?: RecordFormat;
  maxDistinct: string;
  top: string;
  output?: string;
}

export function registerLink(program: Command): void {
  program
    .command("link")
    .description(
      "measure linkage risk: the columns of two files that join and the records linking one to one",
    )
    .argument("<a>", "first file (CSV, JSON Lines or Parquet)")
    .argument("<b>", "second file")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(
      new Option(
        "--input-format <format>",
        "input format of both files (default: from the extensions)",
      ).choices(["csv", "jsonl", "parquet"]),
    )
    .option("--max-distinct <n>", "distinct values kept per column (bounds memory)", "1000000")
    .option("--top <n>", "rows of the pair table in text output", "20")
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .action(async (a: string, b: string, opts: LinkCliOptions) => {
      process.exitCode = await runLink(a, b, opts);
    });
}

async function runLink(a: string, b: string, opts: LinkCliOptions): Promise<number> {
  const maxDistinct = Number(opts.maxDistinct);
  const top = Number(opts.top);
  if (!Number.isInteger(maxDistinct) || maxDistinct < 1)
    throw new JikimiError("bad_option", "--max-distinct takes a positive integer");
  if (!Number.isInteger(top) || top < 1)
    throw new JikimiError("bad_option", "--top takes a positive integer");
  const report = await linkFiles(a, b, {
    maxDistinct,
    ...(opts.inputFormat === undefined ? {} : { formatA: opts.inputFormat, formatB: opts.inputFormat }),
  });
  emit(opts.format === "json" ? renderLinkJson(report) : renderLinkText(report, { top }), opts.output);
  return ExitCode.ok;
}
