// jikimi risk: equivalence classes over quasi-identifiers, k, unique share, prosecutor / journalist / marketer
// risk, l-diversity and the riskiest QI combinations; exit 0, or 2 for unusable input. Never prints a value.
import { type Command, Option } from "commander";
import { JikimiError, t } from "../../public/base.js";
import type { RecordFormat } from "../../public/records.js";
import { analyseRisk, renderRiskJson, renderRiskText } from "../../public/risk.js";
import { formatOption } from "../convention.js";
import { ExitCode } from "../exit-codes.js";
import { emit } from "../options.js";

interface RiskOptions {
  qi: string;
  sensitive?: string;
  population?: string;
  format: "text" | "json";
  inputFormat?: RecordFormat;
  top: string;
  output?: string;
  subsets: boolean;
}

/** Splits "a,b,c" into names; throws for an empty list or an empty name. */
export function columnList(value: string, option: string): string[] {
  const names = value.split(",").map((s) => s.trim());
  if (names.length === 0 || names.some((n) => n === ""))
    throw new JikimiError("bad_option", t("cli.risk.bad_columns", { option }), {
      hint: t("cli.risk.bad_columns_hint", { option }),
    });
  return names;
}

export function registerRisk(program: Command): void {
  formatOption(
    program
      .command("risk")
      .description(t("cli.risk.description"))
      .argument("<file>", t("cli.risk.file"))
      .requiredOption("--qi <columns>", t("cli.risk.qi"))
      .option("--sensitive <column>", t("cli.risk.sensitive"))
      .option("--population <file>", t("cli.risk.population")),
    { short: true },
  )
    .addOption(
      new Option("--input-format <format>", t("cli.options.input_format")).choices([
        "csv",
        "jsonl",
        "parquet",
      ]),
    )
    .option("--top <n>", t("cli.risk.top"), "20")
    .option("--no-subsets", t("cli.risk.no_subsets"))
    .option("-o, --output <file>", t("cli.options.output_report"))
    .action(async (file: string, opts: RiskOptions) => {
      process.exitCode = await runRisk(file, opts);
    });
}

async function runRisk(file: string, opts: RiskOptions): Promise<number> {
  const qi = columnList(opts.qi, "--qi");
  const top = Number(opts.top);
  if (!Number.isInteger(top) || top < 1)
    throw new JikimiError("bad_option", t("cli.errors.positive_integer", { option: "--top" }));
  const analysis = await analyseRisk(file, {
    qi,
    stdin: process.stdin,
    subsets: opts.subsets,
    ...(opts.sensitive === undefined ? {} : { sensitive: opts.sensitive }),
    ...(opts.inputFormat === undefined ? {} : { format: opts.inputFormat }),
    ...(opts.population === undefined ? {} : { population: opts.population }),
  });
  const sens = opts.sensitive === undefined ? {} : { sensitive: opts.sensitive };
  emit(
    opts.format === "json"
      ? renderRiskJson(file, qi, analysis, sens)
      : renderRiskText(file, qi, analysis, { ...sens, top }),
    opts.output,
  );
  return ExitCode.ok;
}
