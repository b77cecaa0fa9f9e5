// jikimi audit-hash: read one column of a CSV, JSON Lines or Parquet file, tell whether it holds unkeyed digests
// and try to reverse them (the candidate list first, then dates of birth and the Korean mobile space, or the spaces
// --spaces names; it stops once every digest is recovered). Prints counts only: no
// value of the file, no digest and no recovered plaintext ever reaches the output.
// Exit codes: 1 some value was recovered (the column is not pseudonymised), 0 none, 2 unusable input.
import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { JikimiError, t } from "../../public/base.js";
import { openReader, type RecordFormat } from "../../public/records.js";
import {
  AUDIT_SPACES,
  type AuditResult,
  type AuditSpace,
  auditDigests,
  digestShape,
  hasShape,
  renderAuditText,
} from "../../public/scan.js";
import { formatOption } from "../convention.js";
import { ExitCode } from "../exit-codes.js";
import { n } from "../options.js";
import { report } from "../output.js";

interface AuditHashOptions {
  column: string;
  candidates?: string;
  inputFormat?: RecordFormat;
  threads?: string;
  spaces?: string;
}

/** The --spaces list, checked against the spaces the audit knows. */
function parseSpaces(list: string): AuditSpace[] {
  const known = new Set<string>(AUDIT_SPACES);
  const names = list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0 || names.length === 0) {
    const what =
      unknown.length > 0
        ? t("scan.audit.errors.unknown_space", { space: unknown[0] ?? "" })
        : t("scan.audit.errors.no_space");
    throw new JikimiError(
      "bad_spaces",
      t("scan.audit.errors.bad_spaces", { what, spaces: AUDIT_SPACES.join(", ") }),
    );
  }
  return [...new Set(names)] as AuditSpace[];
}

/** The column's non-empty values, distinct, with how many there were; bad records are counted, not read. */
async function readColumn(
  file: string,
  name: string,
  format: RecordFormat | undefined,
): Promise<{ seen: Map<string, number>; nonEmpty: number; rows: number; bad: number }> {
  const seen = new Map<string, number>();
  let nonEmpty = 0;
  let rows = 0;
  let bad = 0;
  let columns: string[] | undefined;
  let at = -1;
  for await (const batch of openReader(file, format, { stdin: process.stdin })) {
    if (columns === undefined) {
      columns = batch.columns;
      at = columns.indexOf(name);
      if (at < 0) {
        throw new JikimiError(
          "no_such_column",
          t("scan.audit.errors.no_column", { file, column: name, columns: columns.join(", ") }),
        );
      }
    }
    bad += batch.bad.length;
    for (const row of batch.rows) {
      rows++;
      const v = (row[at] ?? "").trim();
      if (v === "") continue;
      nonEmpty++;
      seen.set(v, (seen.get(v) ?? 0) + 1);
    }
  }
  if (columns === undefined)
    throw new JikimiError("empty_input", t("scan.audit.errors.no_records", { file }));
  return { seen, nonEmpty, rows, bad };
}

function readCandidates(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new JikimiError("candidates_unreadable", t("scan.audit.errors.candidates_unreadable", { file }), {
      hint: t("cli.errors.check_path"),
      cause,
    });
  }
  return text.split(/\r?\n/).filter((l) => l.trim() !== "");
}

export function registerAuditHash(program: Command): void {
  formatOption(
    program
      .command("audit-hash")
      .argument("<file>", t("cli.audit_hash.file"))
      .requiredOption("-c, --column <name>", t("cli.audit_hash.column"))
      .option("--candidates <file>", t("cli.audit_hash.candidates")),
  )
    .addOption(
      new Option("--input-format <format>", t("cli.options.input_format")).choices([
        "csv",
        "jsonl",
        "parquet",
      ]),
    )
    .option("--threads <n>", t("cli.audit_hash.threads"))
    .option("--spaces <names>", t("cli.audit_hash.spaces", { spaces: AUDIT_SPACES.join(", ") }))
    .description(t("cli.audit_hash.description"))
    .action(async (file: string, opts: AuditHashOptions) => {
      let threads: number | undefined;
      if (opts.threads !== undefined) {
        threads = Number(opts.threads);
        if (!Number.isInteger(threads) || threads < 1)
          throw new JikimiError("bad_threads", t("cli.audit_hash.bad_threads"));
      }
      const spaces = opts.spaces === undefined ? undefined : parseSpaces(opts.spaces);
      const candidates = opts.candidates === undefined ? undefined : readCandidates(opts.candidates);
      const { seen, nonEmpty, rows, bad } = await readColumn(file, opts.column, opts.inputFormat);
      const distinct = [...seen.keys()];
      if (nonEmpty === 0)
        throw new JikimiError("not_digests", t("scan.audit.errors.no_values", { column: opts.column, file }));
      const shape = digestShape(distinct);
      if (shape === undefined) {
        throw new JikimiError("not_digests", t("cli.audit_hash.not_digests", { column: opts.column, file }), {
          hint: t("cli.audit_hash.not_digests_hint", { count: nonEmpty, n: n(nonEmpty) }),
        });
      }
      const audited = await auditDigests(distinct, shape, {
        ...(candidates === undefined ? {} : { candidates }),
        ...(threads === undefined ? {} : { threads }),
        ...(spaces === undefined ? {} : { spaces }),
      });
      // distinct strings were audited: count the column's values of the shape, repeats included
      let values = 0;
      for (const [v, k] of seen) if (hasShape(v, shape)) values += k;
      const result: AuditResult = { ...audited, values };
      report(
        () => ({ file, column: opts.column, rows, malformed: bad, ...result }),
        () => renderAuditText(file, opts.column, result, rows, bad),
        // the forms are the audit's names of what it tried ("candidate lower-case"): data
        ["by_form"],
      );
      process.exitCode = result.reversed > 0 ? ExitCode.findings : ExitCode.ok;
    });
}
