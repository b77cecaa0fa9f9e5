// jikimi link: which columns of two files join (same values, same keyed pseudonyms, QI tuples unique in both)
// and, per file, the share of its records linking to exactly one record of the other; exit 1 when the larger
// share is above --max-link-share, 0 below it, 2 for unusable input. Never prints a value.
import { type Command, Option } from "commander";
import { ExitCode, JikimiError } from "../../errors.js";
import type { RecordFormat } from "../../io/records/types.js";
import { DEFAULT_MAX_LINK_SHARE, linkFiles, renderLinkJson, renderLinkText } from "../../risk/index.js";
import { emit } from "../options.js";

interface LinkCliOptions {
  format: "text" | "json";
  inputFormat?: RecordFormat;
  maxDistinct: string;
  maxLinkShare: string;
  top: string;
  output?: string;
}

export function registerLink(program: Command): void {
  program
    .command("link")
    .description(
      "measure linkage risk: the columns of two files that join and the share of records linking one to one; exit 1 above --max-link-share",
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
    .option(
      "--max-link-share <share>",
      "exit 1 when more than this share (0 to 1) of either file's records link to exactly one record of the other",
      String(DEFAULT_MAX_LINK_SHARE),
    )
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
  const maxLinkShare = Number(opts.maxLinkShare);
  if (opts.maxLinkShare.trim() === "" || !(maxLinkShare >= 0 && maxLinkShare <= 1))
    throw new JikimiError(
      "bad_option",
      "--max-link-share takes a share from 0 to 1 (0.05 for 5%; 0 flags any record that links)",
    );
  const report = await linkFiles(a, b, {
    maxDistinct,
    maxLinkShare,
    ...(opts.inputFormat === undefined ? {} : { formatA: opts.inputFormat, formatB: opts.inputFormat }),
  });
  emit(opts.format === "json" ? renderLinkJson(report) : renderLinkText(report, { top }), opts.output);
  return report.verdict.linkable ? ExitCode.findings : ExitCode.ok;
}
