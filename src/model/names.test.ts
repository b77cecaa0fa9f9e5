import { describe, expect, it } from "vitest";
import { baseFiles, load, toYaml } from "../../test/support/workspace.js";
import { releasedFields } from "../policy/facts.js";
import type { AgreementInput } from "./agreement.js";
import type { Dataset } from "./dataset.js";
import type { LoadIssue } from "./issues.js";
import { isReservedName, own, RESERVED_NAMES } from "./names.js";
import { resolveAgreement, validateDataset } from "./references.js";
import type { Declared } from "./workspace.js";
import { parseYamlFile } from "./yaml-file.js";

const issuesOf = (files: Record<string, string>): LoadIssue[] => {
  const r = load(files);
  if (r.ok) throw new Error("expected the workspace to fail loading");
  return r.issues;
};
const AGREEMENT = `id: feed
version: 1
recipient: partner
dataset: customers
legal_basis: consent
purposes: [scoring]
fields:
  customer_id: { transform: pseudonym }
  balance: keep
consent: { purpose: c, notice: [recipient, purpose, items, retention, right_to_refuse] }
retention: { period: 1y }
valid: { from: 2020-01-01 }
scope:
  phases:
    - name: p
      where: linked
`;
const withAgreement = (text: string) => ({ ...toYaml(baseFiles()), "agreements/feed.yaml": text });
const INHERITED = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "isPrototypeOf"];

describe("reserved names", () => {
  it("are exactly the properties every plain object inherits", () => {
    for (const name of INHERITED) expect(isReservedName(name), name).toBe(true);
    for (const name of ["phone", "constructor_id", "Constructor", "proto"])
      expect(isReservedName(name), name).toBe(false);
    for (const name of RESERVED_NAMES) expect(name in {}, name).toBe(true);
  });

  it.each(INHERITED)("refuses an agreement field named %s, at the key", (name) => {
    const issues = issuesOf(
      withAgreement(AGREEMENT.replace("  balance: keep", `  balance: keep\n  ${name}: keep`)),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        file: "agreements/feed.yaml",
        line: 10,
        column: 3,
        code: "reserved_name",
        path: `fields.${name}`,
      }),
    ]);
    expect(issues[0]?.message).toContain(`"${name}" is a reserved name`);
    expect(issues[0]?.hint).toMatch(/rename it/);
  });

  it("refuses a dataset that declares toString as a field, at the key", () => {
    const files = toYaml(baseFiles());
    const text = files["datasets/customers.yaml"] ?? "";
    files["datasets/customers.yaml"] = text.replace("fields:\n", "fields:\n  toString:\n    type: string\n");
    // the agreement then names a dataset that did not load: that is reported too
    const issues = issuesOf(files).filter((i) => i.file === "datasets/customers.yaml");
    expect(issues).toEqual([
      expect.objectContaining({
        line: 4,
        code: "reserved_name",
        path: "fields.toString",
        column: 3,
      }),
    ]);
  });

  it("refuses a reserved name used as a value: subject key, quasi-identifier, id", () => {
    const files = toYaml(baseFiles());
    files["datasets/customers.yaml"] = (files["datasets/customers.yaml"] ?? "").replace(
      "subject_key: customer_id",
      "subject_key: constructor",
    );
    const [subject] = issuesOf(files).filter((i) => i.file === "datasets/customers.yaml");
    expect(subject).toMatchObject({ code: "reserved_name", path: "subject_key", column: 14 });
    expect(subject?.message).toContain('"constructor" is a reserved name');

    const qi = issuesOf(withAgreement(`${AGREEMENT}risk: { quasi_identifiers: [balance, valueOf] }\n`));
    expect(qi).toEqual([
      expect.objectContaining({ code: "reserved_name", path: "risk.quasi_identifiers[1]", line: 17 }),
    ]);

    const id = issuesOf(withAgreement(AGREEMENT.replace("id: feed", "id: constructor")));
    expect(id).toEqual([expect.objectContaining({ code: "reserved_name", path: "id", line: 1, column: 5 })]);
  });

  it("refuses __proto__ as a key anywhere in a file, which zod would drop silently", () => {
    const { yaml, issues } = parseYamlFile("x.yaml", "a:\n  b: 1\n  __proto__: { polluted: true }\n");
    expect(yaml.value).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({
        file: "x.yaml",
        line: 3,
        column: 3,
        code: "reserved_name",
        path: "a.__proto__",
      }),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("finds a reserved name in a scope expression to be no field at all", () => {
    const issues = issuesOf(
      withAgreement(AGREEMENT.replace("where: linked", "where: linked && constructor")),
    );
    expect(issues).toEqual([expect.objectContaining({ code: "expr_unknown_field", line: 16, column: 24 })]);
  });
});

describe("own-property lookups, without the loader's refusal", () => {
  // declarations as the schemas would never let them through: the lookups must still not see Object.prototype
  const base = load(baseFiles());
  if (!base.ok) throw new Error("the base workspace must load");
  const ws = base.workspace;
  const dataset = ws.datasets.get("customers") as Declared<Dataset>;

  it("own() answers from own properties only", () => {
    const record: Record<string, number> = { phone: 1 };
    expect(own(record, "phone")).toBe(1);
    for (const name of INHERITED) expect(own(record, name), name).toBeUndefined();
    expect(own(JSON.parse('{"__proto__": 2}') as Record<string, number>, "__proto__")).toBe(2);
  });

  it("a subject key named like a prototype property is not a field of the dataset", () => {
    const bent = { ...dataset, value: { ...dataset.value, subject_key: "constructor" } };
    expect(validateDataset(bent, ws.taxonomy)).toEqual([
      expect.objectContaining({ code: "unknown_field", path: "subject_key" }),
    ]);
  });

  it("an agreement field or quasi-identifier named like a prototype property is not declared", () => {
    const feed = ws.agreements.get("feed");
    if (!feed) throw new Error("no feed");
    const { phases: _p, fields: _f, ...rest } = feed.value;
    const input: AgreementInput = {
      ...rest,
      fields: { balance: "keep", constructor: "keep", hasOwnProperty: "keep" },
      risk: { quasi_identifiers: ["balance", "toString"] },
    };
    const resolved = resolveAgreement(
      { ...feed, value: input },
      { taxonomy: ws.taxonomy, datasets: ws.datasets, recipients: ws.recipients, purposes: ws.purposes },
    );
    expect(resolved.agreement).toBeUndefined();
    expect(resolved.issues.map((i) => [i.code, i.path])).toEqual([
      ["unknown_field", "fields.constructor"],
      ["unknown_field", "fields.hasOwnProperty"],
      ["unknown_field", "risk.quasi_identifiers[1]"],
    ]);
  });

  it("a released field named like a prototype property has no declaration in the facts rules ask", () => {
    const feed = ws.agreements.get("feed")?.value;
    if (!feed) throw new Error("no feed");
    const balance = feed.fields.balance;
    if (!balance) throw new Error("no balance");
    const fields = Object.fromEntries([
      ["balance", balance],
      ["constructor", balance],
    ]);
    const released = releasedFields(ws, { ...feed, fields });
    expect(released.find((f) => f.name === "constructor")).toMatchObject({ categories: [], role: "other" });
    expect(released.find((f) => f.name === "balance")?.categories.length).toBeGreaterThan(0);
  });
});
