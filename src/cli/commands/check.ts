// jikimi check: load the workspace, run the rules, print findings; exit 1 on errors, 2 on unusable input.
import type { Command } from "commander";
import { t } from "../../public/base.js";
import {
  checkFolder,
  RULES,
  recordCheckIn,
  renderJson,
  renderLoadIssuesJson,
  renderLoadIssuesSarif,
  renderLoadIssuesText,
  renderSarif,
  renderText,
} from "../../public/check.js";
import { formatOption } from "../convention.js";
import { ExitCode } from "../exit-codes.js";
import { dateOption, emit, useColor, workspaceDir, workspaceOption } from "../options.js";

interface CheckOptions {
  workspace?: string;
  format: "text" | "json" | "sarif";
  at?: string;
  strict?: boolean;
  output?: string;
  record: boolean;
}

export function registerCheck(program: Command): void {
  formatOption(workspaceOption(program.command("check")).description(t("cli.check.description")), {
    formats: ["text", "json", "sarif"],
    short: true,
  })
    .option("--at <date>", t("cli.check.at"))
    .option("--strict", t("cli.check.strict"))
    .option("-o, --output <file>", t("cli.options.output_report"))
    .option("--no-record", t("cli.check.no_record"))
    .action(async (opts: CheckOptions) => {
      process.exitCode = await runCheck(opts);
    });
}

async function runCheck(opts: CheckOptions): Promise<number> {
  const dir = workspaceDir(opts);
  const outcome = checkFolder(dir, dateOption(opts.at));
  const color = opts.output === undefined && useColor(process.stdout);
  if (!outcome.loaded) {
    const text =
      opts.format === "json"
        ? renderLoadIssuesJson(outcome.issues, dir)
        : opts.format === "sarif"
          ? renderLoadIssuesSarif(outcome.issues, dir)
          : renderLoadIssuesText(outcome.issues, { color, workspace: dir });
    emit(text, opts.output);
    return ExitCode.usage;
  }
  const { result, counts } = outcome;
  const text =
    opts.format === "json"
      ? renderJson(result)
      : opts.format === "sarif"
        ? renderSarif(result, RULES)
        : renderText(result, { color, workspace: dir });
  emit(text, opts.output);
  // the findings stand without the store: a store that cannot be reached only costs the run's record
  if (opts.record)
    await recordCheckIn(dir, process.env, outcome).catch(() =>
      process.stderr.write(`${t("cli.check.not_recorded")}\n`),
    );
  if (counts.errors > 0) return ExitCode.findings;
  if (opts.strict && counts.warnings + counts.gaps > 0) return ExitCode.findings;
  return ExitCode.ok;
}
