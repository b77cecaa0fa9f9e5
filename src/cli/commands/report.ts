// jikimi report <kind>: reports computed from the verified ledger and the declarations, in the language of --lang
// (or the workspace's), as html, pdf, md, json or xlsx, to a file (-o) or standard output. The report says which
// checkpoint it was computed at and whether its releases gave that checkpoint's root; when they do not, the report
// is still written (it says so) and the exit code is the verification failure's.
import { type Command, Option } from "commander";
import { JikimiError, t } from "../../public/base.js";
import {
  BINARY_FORMATS,
  declarationsReport,
  dpia,
  type InspectionFilter,
  inspection,
  REPORT_FORMATS,
  type Report,
  type ReportFormat,
  renderReport,
  statement,
} from "../../public/report.js";
import { emit, workspaceOption } from "../options.js";
import { note } from "../output.js";
import { inWorkspace } from "../workspace.js";

/** A --from or --to day: YYYY-MM-DD, else bad_date naming the option. */
function dayOption(option: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new JikimiError("bad_date", t("cli.report.bad_day", { option, value: JSON.stringify(value) }), {
      hint: t("cli.errors.bad_date_hint"),
    });
  return value;
}

interface InspectionOptions {
  workspace?: string;
  from?: string;
  to?: string;
  recipient?: string;
  country?: string;
  agreement?: string;
  format: ReportFormat;
  output?: string;
}

/** --format and -o, shared by every kind. */
function outputOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--format <format>", t("cli.report.format")).choices(REPORT_FORMATS).default("html"),
    )
    .option("-o, --output <file>", t("cli.report.output"));
}

/**
 * Renders `report` as -o and --format say and writes it, refusing bytes on a terminal; `mode` 0o600 for a report
 * about a person.
 */
async function write<D>(
  report: Report<D>,
  opts: { format: ReportFormat; output?: string },
  mode?: number,
): Promise<void> {
  const file = opts.output;
  if ((file === undefined || file === "-") && BINARY_FORMATS.has(opts.format) && process.stdout.isTTY)
    throw new JikimiError("bad_option", t("cli.report.binary_to_terminal", { format: opts.format }), {
      hint: t("cli.report.binary_to_terminal_hint", { format: opts.format }),
    });
  const chromium = process.env.JIKIMI_CHROMIUM;
  const pdf = chromium ? { executablePath: chromium } : {};
  emit(await renderReport(opts.format, report.data, report.document, { pdf }), file, mode);
}

/**
 * Says where a report proven against a checkpoint went and whether its releases gave that checkpoint's root; when
 * they did not, the report is written (it says so) and the run fails with ledger_corrupt.
 */
function proven(v: { size: number; ok: boolean }, output: string | undefined): void {
  note(
    t("cli.report.written", {
      file: output ?? t("cli.report.stdout"),
      size: v.size,
      result: v.ok ? t("cli.report.passed") : t("cli.report.failed"),
    }),
  );
  if (!v.ok)
    throw new JikimiError("ledger_corrupt", t("cli.report.not_verified"), {
      hint: t("cli.report.not_verified_hint"),
    });
}

function filterOf(opts: InspectionOptions): InspectionFilter {
  if (opts.country !== undefined && !/^[A-Z]{2}$/.test(opts.country))
    throw new JikimiError(
      "bad_option",
      t("cli.report.bad_country", { value: JSON.stringify(opts.country) }),
      {
        hint: t("cli.report.bad_country_hint"),
      },
    );
  return {
    ...(opts.from === undefined ? {} : { from: dayOption("--from", opts.from) }),
    ...(opts.to === undefined ? {} : { to: dayOption("--to", opts.to) }),
    ...(opts.recipient === undefined ? {} : { recipient: opts.recipient }),
    ...(opts.country === undefined ? {} : { country: opts.country }),
    ...(opts.agreement === undefined ? {} : { agreement: opts.agreement }),
  };
}

export function registerReport(program: Command): void {
  const report = program.command("report").description(t("cli.report.description"));
  outputOptions(workspaceOption(report.command("inspection")))
    .description(t("cli.report.inspection.description"))
    .option("--from <date>", t("cli.report.from"))
    .option("--to <date>", t("cli.report.to"))
    .option("--recipient <id>", t("cli.report.recipient"))
    .option("--country <code>", t("cli.report.country"))
    .option("--agreement <id>", t("cli.report.agreement"))
    .action(async (opts: InspectionOptions) => {
      const filter = filterOf(opts);
      const report = await inWorkspace(opts, (ws) => inspection(ws, filter));
      await write(report, opts);
      proven(report.data.verification, opts.output);
    });
  for (const kind of ["ropa", "policy"] as const)
    outputOptions(workspaceOption(report.command(kind)))
      .description(t(`cli.report.${kind}.description`))
      .action(async (opts: { workspace?: string; format: ReportFormat; output?: string }) => {
        const made = await inWorkspace(opts, (ws) => declarationsReport(ws, kind));
        await write(made, opts);
        note(t("cli.report.declarations_written", { file: opts.output ?? t("cli.report.stdout") }));
      });
  outputOptions(workspaceOption(report.command("dpia")))
    .description(t("cli.report.dpia.description"))
    .argument("<agreement>", t("cli.options.agreement"))
    .option("--release-file <file>", t("cli.report.dpia.release_file"))
    .action(
      async (
        agreement: string,
        opts: { workspace?: string; format: ReportFormat; output?: string; releaseFile?: string },
      ) => {
        const made = await inWorkspace(opts, (ws) =>
          dpia(ws, agreement.normalize("NFC"), { releaseFile: opts.releaseFile }),
        );
        await write(made, opts);
        proven(made.data.verification, opts.output);
      },
    );
  outputOptions(workspaceOption(report.command("statement")))
    .description(t("cli.report.statement.description"))
    .argument("<subject>", t("cli.report.statement.subject"))
    .action(async (subject: string, opts: { workspace?: string; format: ReportFormat; output?: string }) => {
      const made = await inWorkspace(opts, (ws) => statement(ws, subject.normalize("NFC")));
      // a statement is about one person: a file of it is theirs and the DPO's alone
      await write(made, opts, 0o600);
      note(
        t("cli.report.statement.written", {
          file: opts.output ?? t("cli.report.stdout"),
          count: made.data.count,
        }),
      );
    });
}
