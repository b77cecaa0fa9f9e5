// jikimi ledger record: record a release made outside the gateway (an API feed, a manual export) from a
// validated manifest; jikimi ledger prune: remove details past the retention period.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { JikimiError } from "../../../errors.js";
import { ReleaseSchema } from "../../../ledger/entry.js";
import { pruneLedger } from "../../../ledger/retention.js";
import { parseYamlFile } from "../../../model/yaml-file.js";
import { zodIssues } from "../../../model/zod-issues.js";
import { ledgerSettings } from "../../state.js";
import { type LedgerOptions, ledgerVerb, printJson, withState } from "./open.js";

export const ManifestSchema = ReleaseSchema.extend({
  channel: z.enum(["api", "file", "manual"]).default("file"),
  subjects: z.strictObject({
    file: z.string().min(1).describe("the released subject keys: one per line, or a CSV column"),
    column: z.string().min(1).optional().describe("the CSV header naming the subject key column"),
  }),
});

function fail(message: string): never {
  throw new JikimiError("bad_manifest", `nothing was recorded: ${message}`);
}

/** Reads and validates a manifest; every problem is named with file:line:col. */
export function readManifest(file: string): z.infer<typeof ManifestSchema> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    fail(`cannot read the manifest ${file}`);
  }
  const { yaml, issues } = parseYamlFile(file, text);
  const parsed = issues.length > 0 ? undefined : ManifestSchema.safeParse(yaml.value ?? null);
  const all = issues.length > 0 ? issues : parsed && !parsed.success ? zodIssues(yaml, parsed.error) : [];
  if (all.length > 0 || !parsed?.success)
    fail(
      `the manifest is invalid:\n${all.map((i) => `  ${i.file}:${i.line}:${i.column}  ${i.code}  ${i.message} (fix: ${i.hint})`).join("\n")}\n`,
    );
  return parsed.data;
}

/** Subject keys from a text file (one per line) or a CSV column; row numbers in errors, never values. */
export function readSubjects(file: string, column: string | undefined): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch {
    fail(`cannot read the subjects file ${file}`);
  }
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  let index = 0;
  let first = 0;
  if (column !== undefined) {
    const header = (lines[0] ?? "").split(",").map((h) => h.trim().replace(/^"|"$/g, ""));
    index = header.indexOf(column);
    if (index < 0) fail(`${file}: the header has no column "${column}" (columns: ${header.join(", ")})`);
    first = 1;
  }
  const out: string[] = [];
  for (let i = first; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const key = (column === undefined ? line : (line.split(",")[index] ?? "")).trim().replace(/^"|"$/g, "");
    if (key === "") fail(`${file}:${i + 1}: empty subject key; remove the line or fill it in`);
    out.push(key);
  }
  return out;
}

export function registerRecord(ledger: Command): void {
  ledgerVerb(ledger, "record", "record a release made outside the gateway, from a manifest")
    .requiredOption("-m, --manifest <file>", "YAML or JSON manifest: the release and its subjects file")
    .action((opts: LedgerOptions & { manifest: string }) => {
      const manifest = readManifest(opts.manifest);
      const { subjects, ...release } = manifest;
      const keys = readSubjects(resolve(dirname(opts.manifest), subjects.file), subjects.column);
      withState(opts, (state) => {
        const result = state.ledger().append(release, keys);
        if (opts.json) return printJson(result);
        process.stdout.write(
          `recorded entry ${result.seq}: ${result.subjects} subjects (${result.newSubjects} new); root ${result.root}\n`,
        );
      });
    });
  ledgerVerb(ledger, "prune", "remove entry details older than the retention period (at least 3 years)")
    .requiredOption("--before <date>", "prune releases before this day, YYYY-MM-DD")
    .action((opts: LedgerOptions & { before: string }) =>
      withState(opts, (state) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.before))
          throw new JikimiError("bad_date", "--before takes a day, YYYY-MM-DD");
        const result = pruneLedger(
          state.store.db,
          `${opts.before}T00:00:00.000Z`,
          ledgerSettings(state.dir).retention,
          new Date(),
        );
        if (opts.json) return printJson(result);
        process.stdout.write(
          `pruned ${result.pruned} entries released before ${opts.before}; their leaf hashes remain\n`,
        );
      }),
    );
}
