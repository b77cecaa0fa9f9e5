// builds in-memory workspaces for tests: a clean base that each test bends in one place.
import { stringify } from "yaml";
import { memoryReader } from "../../src/io/workspace-reader.js";
import { type LoadResult, loadWorkspace } from "../../src/model/load.js";
import type { Workspace } from "../../src/model/workspace.js";

export type Doc = Record<string, unknown>;

export interface Files {
  config: Doc;
  datasets: Doc[];
  recipients: Doc[];
  purposes: Doc[];
  agreements: Doc[];
}

/** A workspace with no finding: a Korean credit provider sharing a scored, consented, pseudonymised feed. */
export function baseFiles(): Files {
  return {
    config: {
      controller: {
        name: "Test Pay Co., Ltd.",
        country: "KR",
        jurisdictions: ["KR"],
        credit_information_provider: true,
      },
    },
    datasets: [
      {
        id: "customers",
        subject_key: "customer_id",
        fields: {
          customer_id: { type: "string", categories: ["user.unique_id.account"] },
          phone: { type: "string", categories: ["user.contact.phone.mobile"] },
          email: { type: "string", categories: ["user.contact.email"] },
          join_date: { type: "date", categories: ["user.account.join_date"] },
          linked: { type: "boolean", categories: ["user.device.linked_service"] },
          balance: { type: "integer", categories: ["user.financial.balance"] },
          age: { type: "integer", categories: ["user.demographic.age"] },
        },
      },
    ],
    recipients: [{ id: "partner", legal_name: "Partner Co., Ltd.", country: "KR", role: "third_party" }],
    purposes: [
      {
        id: "scoring",
        name: "Risk scoring",
        use: "risk.credit_scoring",
        benefits: ["recipient"],
        needs: ["user.unique_id.account", "user.account", "user.financial.balance"],
        per_subject: { description: "linked customers", condition: "linked" },
      },
    ],
    agreements: [
      {
        id: "feed",
        version: 1,
        recipient: "partner",
        dataset: "customers",
        legal_basis: "consent",
        purposes: ["scoring"],
        fields: {
          customer_id: { transform: "pseudonym" },
          join_date: { transform: "generalise", to: "month" },
          balance: "keep",
        },
        scope: { phases: [{ name: "scoring", from: "2020-01-01", where: "linked" }] },
        consent: {
          purpose: "scoring-consent",
          notice: ["recipient", "purpose", "items", "retention", "right_to_refuse"],
        },
        retention: { period: "1y" },
        volume: { max_subjects: 1000, max_growth: 0.2 },
        valid: { from: "2020-01-01", until: "2030-01-01" },
      },
    ],
  };
}

/** The files as a path -> YAML text map. */
export function toYaml(files: Files): Record<string, string> {
  const out: Record<string, string> = { "jikimi.yaml": stringify(files.config) };
  for (const kind of ["datasets", "recipients", "purposes", "agreements"] as const)
    for (const doc of files[kind]) out[`${kind}/${String(doc.id)}.yaml`] = stringify(doc);
  return out;
}

export function load(files: Files | Record<string, string>): LoadResult {
  const texts =
    "config" in files && typeof files.config === "object"
      ? toYaml(files as Files)
      : (files as Record<string, string>);
  return loadWorkspace(memoryReader(texts));
}

/** Loads and fails the test when the workspace has load issues. */
export function mustLoad(files: Files): Workspace {
  const r = load(files);
  if (!r.ok)
    throw new Error(
      `workspace did not load: ${r.issues.map((i) => `${i.file}:${i.line} ${i.code} ${i.message}`).join("; ")}`,
    );
  return r.workspace;
}

/** The first agreement, for bending. */
export function agreement(files: Files, index = 0): Doc {
  const a = files.agreements[index];
  if (!a) throw new Error("no agreement");
  return a;
}
