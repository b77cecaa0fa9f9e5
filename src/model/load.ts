// loads a workspace folder: parses every YAML file, validates it, resolves references, and reports every
// issue at once. A workspace comes back only when there is no issue.
import type { z } from "zod";
import { t } from "../i18n/index.js";
import type { WorkspaceReader } from "../io/workspace-reader.js";
import { buildTaxonomy } from "../taxonomy/index.js";
import { type AgreementInput, AgreementSchema } from "./agreement.js";
import { type Config, ConfigSchema } from "./config.js";
import { type Dataset, DatasetSchema } from "./dataset.js";
import type { LoadIssue } from "./issues.js";
import { type Purpose, PurposeSchema } from "./purpose.js";
import { type Recipient, RecipientSchema } from "./recipient.js";
import { resolveAgreement, validateDataset, validatePurpose } from "./references.js";
import type { Agreement, Declared, Workspace } from "./workspace.js";
import { parseYamlFile } from "./yaml-file.js";
import { zodIssues } from "./zod-issues.js";
import { DOCUMENT_PARSE } from "./zod-messages.js";

export const CONFIG_FILE = "jikimi.yaml";
export const FOLDERS = {
  datasets: "datasets",
  recipients: "recipients",
  purposes: "purposes",
  agreements: "agreements",
} as const;

export type LoadResult = { ok: true; workspace: Workspace; issues: [] } | { ok: false; issues: LoadIssue[] };

function readDoc<S extends z.ZodType>(
  reader: WorkspaceReader,
  file: string,
  schema: S,
  issues: LoadIssue[],
): Declared<z.infer<S>> | undefined {
  const parsed = parseYamlFile(file, reader.read(file));
  issues.push(...parsed.issues);
  if (parsed.issues.length > 0) return undefined;
  const result = schema.safeParse(parsed.yaml.value ?? null, DOCUMENT_PARSE);
  if (!result.success) {
    issues.push(...zodIssues(parsed.yaml, result.error));
    return undefined;
  }
  return { value: result.data, file, at: parsed.yaml.at, yaml: parsed.yaml };
}

function readFolder<S extends z.ZodType>(
  reader: WorkspaceReader,
  folder: string,
  schema: S,
  issues: LoadIssue[],
): Map<string, Declared<z.infer<S>>> {
  const out = new Map<string, Declared<z.infer<S>>>();
  for (const name of reader.list(folder)) {
    if (!/\.ya?ml$/.test(name)) continue;
    const doc = readDoc(reader, `${folder}/${name}`, schema, issues);
    if (!doc) continue;
    const id = (doc.value as { id: string }).id;
    const first = out.get(id);
    if (first) {
      issues.push({
        ...doc.at(["id"]),
        path: "id",
        code: "duplicate_id",
        message: t("model.load.duplicate_id", { id, file: first.file }),
        hint: t("model.load.duplicate_id_hint"),
      });
      continue;
    }
    out.set(id, doc);
  }
  return out;
}

/**
 * Loads and validates a workspace; returns every issue at once.
 * @example const r = loadWorkspace(diskReader("examples/nsf-case")); if (!r.ok) console.table(r.issues);
 */
export function loadWorkspace(reader: WorkspaceReader): LoadResult {
  const issues: LoadIssue[] = [];
  if (!reader.exists(CONFIG_FILE)) {
    return {
      ok: false,
      issues: [
        {
          file: CONFIG_FILE,
          line: 1,
          column: 1,
          path: "",
          code: "workspace_not_found",
          message: t("model.load.no_workspace", { file: CONFIG_FILE, root: reader.root }),
          hint: t("model.load.no_workspace_hint"),
        },
      ],
    };
  }
  const config = readDoc(reader, CONFIG_FILE, ConfigSchema, issues) as Declared<Config> | undefined;
  const datasets = readFolder(reader, FOLDERS.datasets, DatasetSchema, issues) as Map<
    string,
    Declared<Dataset>
  >;
  const recipients = readFolder(reader, FOLDERS.recipients, RecipientSchema, issues) as Map<
    string,
    Declared<Recipient>
  >;
  const purposes = readFolder(reader, FOLDERS.purposes, PurposeSchema, issues) as Map<
    string,
    Declared<Purpose>
  >;
  const rawAgreements = readFolder(reader, FOLDERS.agreements, AgreementSchema, issues) as Map<
    string,
    Declared<AgreementInput>
  >;

  const built = buildTaxonomy(config?.value.taxonomy ?? {});
  for (const issue of built.issues) {
    const path = ["taxonomy", issue.kind, issue.index, "key"];
    issues.push({
      ...(config?.at(path) ?? { file: CONFIG_FILE, line: 1, column: 1 }),
      path: `taxonomy.${issue.kind}[${issue.index}].key`,
      code: issue.code,
      message: issue.message,
      hint:
        issue.code === "unknown_parent"
          ? t("model.load.taxonomy_parent_hint")
          : t("model.load.taxonomy_key_hint"),
    });
  }
  const taxonomy = built.taxonomy;
  for (const d of datasets.values()) issues.push(...validateDataset(d, taxonomy));
  const agreements = new Map<string, Declared<Agreement>>();
  for (const [id, a] of rawAgreements) {
    const resolved = resolveAgreement(a, { taxonomy, datasets, recipients, purposes });
    issues.push(...resolved.issues);
    if (resolved.agreement) agreements.set(id, { ...a, value: resolved.agreement });
  }
  for (const p of purposes.values()) issues.push(...validatePurpose(p, taxonomy));

  if (issues.length > 0 || !config) return { ok: false, issues: sortIssues(issues) };
  return {
    ok: true,
    issues: [],
    workspace: { root: reader.root, config, taxonomy, datasets, recipients, purposes, agreements },
  };
}

function sortIssues(issues: LoadIssue[]): LoadIssue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
