// jikimi ledger record: record a release made outside the gateway (an API feed, a manual export) from a
// validated manifest, through the gateway's own checks; jikimi ledger prune: a signed prune event past retention.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { stringify } from "yaml";
import { z } from "zod";
import { ConsentRegistry } from "../../../consent/index.js";
import { recordRelease } from "../../../engine/record.js";
import { planRelease } from "../../../engine/release-plan.js";
import { JikimiError } from "../../../errors.js";
import { diskReader } from "../../../io/workspace-reader.js";
import { type Release, ReleaseSchema } from "../../../ledger/entry.js";
import { retentionOf } from "../../../ledger/retention.js";
import { loadWorkspace } from "../../../model/load.js";
import type { Workspace } from "../../../model/workspace.js";
import { parseYamlFile } from "../../../model/yaml-file.js";
import { zodIssues } from "../../../model/zod-issues.js";
import { workspaceDir } from "../../options.js";
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
    // the first line may be a subject key (a file without a header): count its columns, never print them
    if (index < 0)
      fail(
        `${file}: the first line has no column "${column}" (it has ${header.length} column${header.length === 1 ? "" : "s"}): give the file a header line naming the subject key column, or set subjects.column to the header's name for it (omit it for a file of one key per line)`,
      );
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

/** The workspace, loaded strictly: a release is only recorded against declarations without problems. */
function workspaceFor(dir: string): Workspace {
  const loaded = loadWorkspace(diskReader(dir));
  if (!loaded.ok)
    throw new JikimiError(
      "workspace_invalid",
      `nothing was recorded: the workspace has ${loaded.issues.length} problems: run \`jikimi check -w ${dir}\``,
    );
  return loaded.workspace;
}

export function registerRecord(ledger: Command): void {
  ledgerVerb(
    ledger,
    "record",
    "record a release made outside the gateway, from a manifest (checked like a share)",
  )
    .requiredOption("-m, --manifest <file>", "YAML or JSON manifest: the release and its subjects file")
    .option(
      "--override <reason>",
      "record despite a hold (guards, time rules); the reason goes into the entry",
    )
    .action((opts: LedgerOptions & { manifest: string; override?: string }) => {
      const manifest = readManifest(opts.manifest);
      const { subjects, ...declared } = manifest;
      const release: Release = opts.override ? { ...declared, override: opts.override } : declared;
      const keys = readSubjects(resolve(dirname(opts.manifest), subjects.file), subjects.column);
      const dir = workspaceDir(opts);
      const workspace = workspaceFor(dir);
      withState(opts, (state) => {
        const result = recordRelease({
          workspace,
          release,
          subjectKeys: keys,
          keyring: state.keyring,
          ledger: state.ledger(),
          consent: new ConsentRegistry(state.store.db, state.subjects, state.hasher),
          hasher: state.hasher,
          subjects: state.subjects,
          now: new Date(),
        });
        if (opts.json) return printJson(result);
        process.stdout.write(
          `recorded entry ${result.seq}: ${result.subjects} subjects (${result.newSubjects} new); root ${result.root}\n`,
        );
      });
    });
  ledgerVerb(
    ledger,
    "template",
    "print the manifest the gateway would declare for an agreement, to fill in and record",
  )
    .argument("<agreement>", "the agreement id")
    .option("--at <time>", "the release time, ISO 8601 (default: now)")
    .action((agreement: string, opts: LedgerOptions & { at?: string }) => {
      const dir = workspaceDir(opts);
      const workspace = workspaceFor(dir);
      const doc = workspace.agreements.get(agreement);
      if (!doc)
        throw new JikimiError(
          "unknown_agreement",
          `there is no agreement "${agreement}" (known: ${[...workspace.agreements.keys()].join(", ") || "none"})`,
        );
      const at = opts.at === undefined ? new Date() : new Date(opts.at);
      if (Number.isNaN(at.getTime()))
        throw new JikimiError("bad_time", "--at takes an ISO 8601 time, e.g. 2024-05-31T02:00:00Z");
      withState(opts, (state) => {
        const plan = planRelease({
          workspace,
          agreement,
          at,
          keyring: state.keyring,
          agreementBytes: readFileSync(join(dir, doc.file)),
        });
        const { scope: _scope, ...declared } = plan.declared;
        const template = {
          ...declared,
          records: 0,
          files: [],
          operator: process.env.USER ?? "operator",
          channel: "file",
          subjects: {
            file: "subjects.csv",
            column: workspace.datasets.get(plan.agreement.dataset)?.value.subject_key,
          },
        };
        if (opts.json) return printJson(template);
        process.stdout.write(
          `# the release as agreement "${agreement}" declares it; fill in records, files and the subjects file, then\n# jikimi ledger record -m <this file>\n${stringify(template)}`,
        );
      });
    });
  ledgerVerb(
    ledger,
    "prune",
    "remove entry details older than the retention period (at least 3 years), as a signed event",
  )
    .requiredOption("--before <date>", "prune releases recorded before this day, YYYY-MM-DD")
    .option("--operator <name>", "who prunes (default: $USER)")
    .action((opts: LedgerOptions & { before: string; operator?: string }) =>
      withState(opts, (state) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.before))
          throw new JikimiError("bad_date", "--before takes a day, YYYY-MM-DD");
        const result = state
          .ledger()
          .prune(
            `${opts.before}T00:00:00.000Z`,
            retentionOf(ledgerSettings(state.dir).retention),
            new Date(),
            opts.operator ?? process.env.USER ?? "unknown",
          );
        if (opts.json) return printJson(result);
        process.stdout.write(
          result.pruned === 0
            ? `nothing recorded before ${opts.before} to prune\n`
            : `pruned ${result.pruned} entries recorded before ${opts.before}; signed prune event ${result.seq}; their leaf hashes remain\n`,
        );
      }),
    );
}
