// jikimi audit-hash: read one column of a CSV, JSON Lines or Parquet file, tell whether it holds unkeyed digests
// and try to reverse them (the candidate list first, then dates of birth and the Korean mobile space, or the spaces
// --spaces names; it stops once every digest is recovered). Prints counts only: no
// value of the file, no digest and no recovered plaintext ever reaches the output.
// Exit codes: 1 some value was recovered (the column is not pseudonymised), 0 none, 2 unusable input.
import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { ExitCode, JikimiError } from "../../errors.js";
import { openReader } from "../../io/records/index.js";
import type { RecordFormat } from "../../io/records/types.js";
import {
  AUDIT_SPACES,
  type AuditResult,
  type AuditSpace,
  auditDigests,
  type DigestShape,
  digestShape,
  hasShape,
} from "../../scan/hash-audit.js";

interface AuditHashOptions {
  column: string;
  candidates?: string;
  format: "text" | "json";
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
    const what = unknown.length > 0 ? `unknown space "${unknown[0]}"` : "no space named";
    throw new JikimiError(
      "bad_spaces",
      `--spaces: ${what}; the known spaces are: ${AUDIT_SPACES.join(", ")} (comma-separated)`,
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
  for await (const batch of openReader(file, format)) {
    if (columns === undefined) {
      columns = batch.columns;
      at = columns.indexOf(name);
      if (at < 0) {
        throw new JikimiError(
          "no_such_column",
          `${file} has no column "${name}"; its columns are: ${columns.join(", ")}`,
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
  if (columns === undefined) throw new JikimiError("empty_input", `${file} has no records to audit`);
  return { seen, nonEmpty, rows, bad };
}

function readCandidates(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new JikimiError("candidates_unreadable", `cannot read the candidate list ${file}`, { cause });
  }
  return text.split(/\r?\n/).filter((l) => l.trim() !== "");
}

const NAMES: Record<DigestShape["algorithm"], string> = {
  md5: "MD5",
  sha1: "SHA-1",
  sha256: "SHA-256",
  sha512: "SHA-512",
};

function text(file: string, column: string, r: AuditResult, rows: number, bad: number): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const lines = [
    `${file}, column "${column}": ${NAMES[r.shape.algorithm]} digests, ${r.shape.encoding}`,
    `  ${r.verdict}`,
    "",
    `  rows          ${n(rows)}${bad > 0 ? ` (${n(bad)} malformed records skipped)` : ""}`,
    `  values        ${n(r.values)} non-empty digests, ${n(r.distinct)} distinct`,
    `  recovered     ${n(r.reversed)} distinct digests (${(100 * r.share).toFixed(1)}%)`,
    `  time          ${r.seconds.toFixed(1)} s`,
    "  tried",
    ...r.tried.map((t) => `    ${t}`),
    ...(r.stoppedEarly ? ["    (stopped there: every distinct digest was recovered)"] : []),
    "  recovered by form",
    ...Object.entries(r.byForm).map(([form, k]) => `    ${form.padEnd(28)} ${n(k)}`),
  ];
  return `${lines.join("\n")}\n`;
}

export function registerAuditHash(program: Command): void {
  program
    .command("audit-hash")
    .argument("<file>", "CSV, JSON Lines or Parquet file")
    .requiredOption("-c, --column <name>", "the column that holds the digests")
    .option("--candidates <file>", "values the recipient may hold (e.g. your e-mail list), one per line")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(
      new Option("--input-format <format>", "input format (default: from the extension)").choices([
        "csv",
        "jsonl",
        "parquet",
      ]),
    )
    .option("--threads <n>", "worker threads for the mobile space (default: one per core)")
    .option(
      "--spaces <names>",
      `the spaces to enumerate, comma-separated (default: all: ${AUDIT_SPACES.join(", ")}); candidates always go first`,
    )
    .description(
      "tell whether a column of digests can be reversed (Korean mobile numbers, dates of birth, candidates)",
    )
    .action(async (file: string, opts: AuditHashOptions) => {
      let threads: number | undefined;
      if (opts.threads !== undefined) {
        threads = Number(opts.threads);
        if (!Number.isInteger(threads) || threads < 1)
          throw new JikimiError("bad_threads", "--threads must be a whole number of at least 1");
      }
      const spaces = opts.spaces === undefined ? undefined : parseSpaces(opts.spaces);
      const candidates = opts.candidates === undefined ? undefined : readCandidates(opts.candidates);
      const { seen, nonEmpty, rows, bad } = await readColumn(file, opts.column, opts.inputFormat);
      const distinct = [...seen.keys()];
      if (nonEmpty === 0)
        throw new JikimiError("not_digests", `column "${opts.column}" of ${file} has no non-empty value`);
      const shape = digestShape(distinct);
      if (shape === undefined) {
        throw new JikimiError(
          "not_digests",
          `column "${opts.column}" of ${file} does not hold digests: fewer than 90% of its ${nonEmpty.toLocaleString("en-US")} non-empty values are the hex or base64 of an MD5, SHA-1, SHA-256 or SHA-512 digest`,
        );
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
      if (opts.format === "json") {
        const out = { file, column: opts.column, rows, malformed: bad, ...result };
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        process.stdout.write(text(file, opts.column, result, rows, bad));
      }
      process.exitCode = result.reversed > 0 ? ExitCode.findings : ExitCode.ok;
    });
}
