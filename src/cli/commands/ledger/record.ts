// jikimi ledger record: record a release made outside the gateway (an API feed, a manual export) from a
// validated manifest, through the gateway's own checks; jikimi ledger prune: a signed prune event past retention.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { stringify } from "yaml";
import { z } from "zod";
import { JikimiError, t } from "../../../public/base.js";
import { type Release, ReleaseSchema, retentionOf } from "../../../public/ledger.js";
import { planRelease, recordRelease } from "../../../public/release.js";
import {
  diskReader,
  loadWorkspace,
  parseYamlFile,
  type Workspace,
  zodIssues,
} from "../../../public/workspace.js";
import { workspaceDir } from "../../options.js";
import { report } from "../../output.js";
import { type LedgerOptions, ledgerVerb, withState } from "./open.js";

export const ManifestSchema = ReleaseSchema.extend({
  channel: z.enum(["api", "file", "manual"]).default("file"),
  subjects: z.strictObject({
    file: z.string().min(1).describe("the released subject keys: one per line, or a CSV column"),
    column: z.string().min(1).optional().describe("the CSV header naming the subject key column"),
  }),
});

function fail(message: string, hint?: string): never {
  throw new JikimiError("bad_manifest", t("cli.ledger.record.not_recorded", { message }), { hint });
}

/** Reads and validates a manifest; every problem is named with file:line:col. */
export function readManifest(file: string): z.infer<typeof ManifestSchema> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    fail(t("cli.ledger.record.manifest_unreadable", { file }));
  }
  const { yaml, issues } = parseYamlFile(file, text);
  const parsed = issues.length > 0 ? undefined : ManifestSchema.safeParse(yaml.value ?? null);
  const all = issues.length > 0 ? issues : parsed && !parsed.success ? zodIssues(yaml, parsed.error) : [];
  if (all.length > 0 || !parsed?.success)
    fail(
      `${t("cli.ledger.record.manifest_invalid")}:\n${all.map((i) => `  ${i.file}:${i.line}:${i.column}  ${i.code}  ${i.message} (${t("cli.ledger.record.fix", { hint: i.hint })})`).join("\n")}\n`,
    );
  return parsed.data;
}

/** Subject keys from a text file (one per line) or a CSV column; row numbers in errors, never values. */
export function readSubjects(file: string, column: string | undefined): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch {
    fail(t("cli.ledger.record.subjects_unreadable", { file }));
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
        t("cli.ledger.record.no_column", {
          file,
          column,
          columns: t("cli.ledger.record.columns", { count: header.length }),
        }),
        t("cli.ledger.record.no_column_hint"),
      );
    first = 1;
  }
  const out: string[] = [];
  for (let i = first; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const key = (column === undefined ? line : (line.split(",")[index] ?? "")).trim().replace(/^"|"$/g, "");
    if (key === "")
      fail(
        t("cli.ledger.record.empty_key", { place: `${file}:${i + 1}` }),
        t("cli.ledger.record.empty_key_hint"),
      );
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
      t("cli.ledger.record.not_recorded", {
        message: t("cli.errors.workspace_invalid", {
          problems: t("common.problems", { count: loaded.issues.length }),
        }),
      }),
      { hint: t("cli.errors.workspace_invalid_hint", { dir }) },
    );
  return loaded.workspace;
}

export function registerRecord(ledger: Command): void {
  ledgerVerb(ledger, "record", t("cli.ledger.record.description"))
    .requiredOption("-m, --manifest <file>", t("cli.ledger.record.manifest"))
    .option("--override <reason>", t("cli.ledger.record.override"))
    .action(async (opts: LedgerOptions & { manifest: string; override?: string }) => {
      const manifest = readManifest(opts.manifest);
      const { subjects, ...declared } = manifest;
      const release: Release = opts.override ? { ...declared, override: opts.override } : declared;
      const keys = readSubjects(resolve(dirname(opts.manifest), subjects.file), subjects.column);
      const dir = workspaceDir(opts);
      const workspace = workspaceFor(dir);
      await withState(opts, async (state) => {
        const result = await recordRelease({
          workspace,
          release,
          subjectKeys: keys,
          keyring: state.keyring,
          ledger: state.ledger(),
          consent: state.consent(),
          hasher: state.hasher,
          now: new Date(),
        });
        report(
          () => result,
          () =>
            `${t("cli.ledger.record.recorded", {
              seq: result.seq,
              subjects: t("cli.ledger.subjects", { count: result.subjects }),
              new: result.newSubjects,
              root: result.root,
            })}\n`,
        );
      });
    });
  ledgerVerb(ledger, "template", t("cli.ledger.template.description"))
    .argument("<agreement>", t("cli.options.agreement"))
    .option("--at <time>", t("cli.options.release_time"))
    .action(async (typed: string, opts: LedgerOptions & { at?: string }) => {
      // declarations are NFC: a Hangul id typed in NFD (macOS) must still find its agreement
      const agreement = typed.normalize("NFC");
      const dir = workspaceDir(opts);
      const workspace = workspaceFor(dir);
      const doc = workspace.agreements.get(agreement);
      if (!doc)
        throw new JikimiError("unknown_agreement", t("cli.errors.unknown_agreement", { agreement }), {
          hint: t("cli.errors.known_agreements", {
            names: [...workspace.agreements.keys()].join(", ") || t("cli.ledger.none"),
          }),
        });
      const at = opts.at === undefined ? new Date() : new Date(opts.at);
      if (Number.isNaN(at.getTime()))
        throw new JikimiError("bad_time", t("cli.errors.bad_time"), { hint: t("cli.errors.bad_time_hint") });
      await withState(opts, (state) => {
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
        report(
          () => template,
          () =>
            `${t("cli.ledger.template.comment", { agreement })}\n# jikimi ledger record -m <this file>\n${stringify(template)}`,
        );
      });
    });
  ledgerVerb(ledger, "prune", t("cli.ledger.prune.description"))
    .requiredOption("--before <date>", t("cli.ledger.prune.before"))
    .option("--operator <name>", t("cli.ledger.prune.operator"))
    .action((opts: LedgerOptions & { before: string; operator?: string }) =>
      withState(opts, async (state) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.before))
          throw new JikimiError("bad_date", t("cli.ledger.prune.bad_before"), {
            hint: t("cli.ledger.prune.bad_before_hint"),
          });
        const result = await state
          .ledger()
          .prune(
            `${opts.before}T00:00:00.000Z`,
            retentionOf(state.settings.retention),
            new Date(),
            opts.operator ?? process.env.USER ?? "unknown",
          );
        report(
          () => result,
          () =>
            `${
              result.pruned === 0
                ? t("cli.ledger.prune.nothing", { before: opts.before })
                : t("cli.ledger.prune.pruned", {
                    entries: t("ledger.entries", { count: result.pruned }),
                    before: opts.before,
                    seq: result.seq ?? "?",
                  })
            }\n`,
        );
      }),
    );
}
