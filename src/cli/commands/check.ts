// jikimi check: load the workspace, run the rules, print findings; exit 1 on errors, 2 on unusable input.
import type { Command } from "commander";
import { t } from "../../public/base.js";
import {
  type CheckResult,
  renderJson,
  renderLoadIssuesJson,
  renderLoadIssuesSarif,
  renderLoadIssuesText,
  renderSarif,
  renderText,
  summarise,
} from "../../public/report.js";
import { checkWorkspace, diskReader, loadWorkspace, RULES, workspaceDigest } from "../../public/workspace.js";
import { formatOption } from "../convention.js";
import { ExitCode } from "../exit-codes.js";
import { dateOption, emit, useColor, workspaceDir, workspaceOption } from "../options.js";
import { withWorkspace } from "../workspace.js";

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
  const at = dateOption(opts.at);
  const reader = diskReader(dir);
  const loaded = loadWorkspace(reader);
  const color = opts.output === undefined && useColor(process.stdout);
  if (!loaded.ok) {
    const text =
      opts.format === "json"
        ? renderLoadIssuesJson(loaded.issues, dir)
        : opts.format === "sarif"
          ? renderLoadIssuesSarif(loaded.issues, dir)
          : renderLoadIssuesText(loaded.issues, { color, workspace: dir });
    emit(text, opts.output);
    return ExitCode.usage;
  }
  const findings = checkWorkspace(loaded.workspace, { at });
  const result: CheckResult = { workspace: dir, at, agreements: loaded.workspace.agreements.size, findings };
  const text =
    opts.format === "json"
      ? renderJson(result)
      : opts.format === "sarif"
        ? renderSarif(result, RULES)
        : renderText(result, { color, workspace: dir });
  emit(text, opts.output);
  const counts = summarise(findings);
  if (opts.record) await record(opts, reader, result, counts);
  if (counts.errors > 0) return ExitCode.findings;
  if (opts.strict && counts.warnings + counts.gaps > 0) return ExitCode.findings;
  return ExitCode.ok;
}

async function record(
  opts: CheckOptions,
  reader: ReturnType<typeof diskReader>,
  result: CheckResult,
  counts: ReturnType<typeof summarise>,
): Promise<void> {
  try {
    await withWorkspace(opts, (ws) =>
      ws.store.checkRuns.record({
        startedAt: new Date().toISOString(),
        checkedFor: result.at,
        workspaceDigest: workspaceDigest(reader),
        agreements: result.agreements,
        ...counts,
        findingsJson: JSON.stringify(result.findings),
      }),
    );
  } catch {
    process.stderr.write(`${t("cli.check.not_recorded")}\n`);
  }
}
