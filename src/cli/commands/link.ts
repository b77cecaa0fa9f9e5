// jikimi link: which columns of two files join (same values, same keyed pseudonyms, QI tuples unique in both)
// and, per file, the share of its records linking to exactly one record of the other; exit 1 when the larger
// share is above --max-link-share, 0 below it, 2 for unusable input. Never prints a value.
import { type Command, Option } from "commander";
import { JikimiError, t } from "../../public/base.js";
import type { RecordFormat } from "../../public/records.js";
import { DEFAULT_MAX_LINK_SHARE, linkFiles, renderLinkJson, renderLinkText } from "../../public/risk.js";
import { formatOption } from "../convention.js";
import { ExitCode } from "../exit-codes.js";
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
  formatOption(
    program
      .command("link")
      .description(t("cli.link.description"))
      .argument("<a>", t("cli.link.a"))
      .argument("<b>", t("cli.link.b")),
    { short: true },
  )
    .addOption(
      new Option("--input-format <format>", t("cli.link.input_format")).choices(["csv", "jsonl", "parquet"]),
    )
    .option("--max-distinct <n>", t("cli.link.max_distinct"), "1000000")
    .option("--max-link-share <share>", t("cli.link.max_link_share"), String(DEFAULT_MAX_LINK_SHARE))
    .option("--top <n>", t("cli.link.top"), "20")
    .option("-o, --output <file>", t("cli.options.output_report"))
    .action(async (a: string, b: string, opts: LinkCliOptions) => {
      process.exitCode = await runLink(a, b, opts);
    });
}

async function runLink(a: string, b: string, opts: LinkCliOptions): Promise<number> {
  const maxDistinct = Number(opts.maxDistinct);
  const top = Number(opts.top);
  if (!Number.isInteger(maxDistinct) || maxDistinct < 1)
    throw new JikimiError("bad_option", t("cli.errors.positive_integer", { option: "--max-distinct" }));
  if (!Number.isInteger(top) || top < 1)
    throw new JikimiError("bad_option", t("cli.errors.positive_integer", { option: "--top" }));
  const maxLinkShare = Number(opts.maxLinkShare);
  if (opts.maxLinkShare.trim() === "" || !(maxLinkShare >= 0 && maxLinkShare <= 1))
    throw new JikimiError("bad_option", t("cli.link.bad_share"), { hint: t("cli.link.bad_share_hint") });
  const report = await linkFiles(a, b, {
    maxDistinct,
    maxLinkShare,
    ...(opts.inputFormat === undefined ? {} : { formatA: opts.inputFormat, formatB: opts.inputFormat }),
  });
  emit(opts.format === "json" ? renderLinkJson(report) : renderLinkText(report, { top }), opts.output);
  return report.verdict.linkable ? ExitCode.findings : ExitCode.ok;
}
