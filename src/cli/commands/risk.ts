// jikimi risk: equivalence classes over quasi-identifiers, k, unique share, prosecutor / journalist / marketer
// risk, l-diversity and the riskiest QI combinations; exit 0, or 2 for unusable input. Never prints a value.
import { type Command, Option } from "commander";
import { ExitCode, JikimiError } from "../../errors.js";
import type { RecordFormat } from "../../io/records/types.js";
import { analyseRisk, renderRiskJson, renderRiskText } from "../../risk/index.js";
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
    throw new JikimiError(
      "bad_option",
      `${option} takes column names separated by commas, e.g. ${option} a,b,c`,
    );
  return names;
}

export function registerRisk(program: Command): void {
  program
    .command("risk")
    .description(
      "measure re-identification risk: k-anonymity, unique records, prosecutor/journalist/marketer risk",
    )
    .argument("<file>", "CSV, JSON Lines or Parquet file")
    .requiredOption("--qi <columns>", "quasi-identifier columns, comma-separated")
    .option("--sensitive <column>", "sensitive attribute for l-diversity")
    .option(
      "--population <file>",
      "the population the file was drawn from (same QI columns): journalist risk",
    )
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(
      new Option("--input-format <format>", "input format (default: from the extension)").choices([
        "csv",
        "jsonl",
        "parquet",
      ]),
    )
    .option("--top <n>", "rows of the riskiest-combinations table in text output", "20")
    .option("--no-subsets", "rank the full QI set only, not every subset of it")
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .action(async (file: string, opts: RiskOptions) => {
      process.exitCode = await runRisk(file, opts);
    });
}

async function runRisk(file: string, opts: RiskOptions): Promise<number> {
  const qi = columnList(opts.qi, "--qi");
  const top = Number(opts.top);
  if (!Number.isInteger(top) || top < 1)
    throw new JikimiError("bad_option", "--top takes a positive integer");
  const analysis = await analyseRisk(file, {
    qi,
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
