import { describe, expect, it } from "vitest";
import { agreement, baseFiles, load, toYaml } from "../../test/support/workspace.js";
import type { LoadIssue } from "./issues.js";

const issuesOf = (files: Record<string, string>): LoadIssue[] => {
  const r = load(files);
  if (r.ok) throw new Error("expected the workspace to fail loading");
  return r.issues;
};
const withAgreement = (text: string) => ({ ...toYaml(baseFiles()), "agreements/feed.yaml": text });
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
`;

describe("loading a workspace", () => {
  it("loads the clean base", () => {
    expect(load(baseFiles()).ok).toBe(true);
  });

  it("reports malformed YAML with file:line:col", () => {
    const [issue] = issuesOf(withAgreement(`${AGREEMENT}scope:\n  phases: [\n`));
    expect(issue).toMatchObject({ file: "agreements/feed.yaml", code: "yaml_syntax" });
    expect(issue?.line).toBeGreaterThanOrEqual(13);
    expect(issue?.hint).toMatch(/YAML syntax/);
  });

  it("reports a wrong type at the value", () => {
    const issues = issuesOf(withAgreement(AGREEMENT.replace("version: 1", 'version: "one"')));
    expect(issues).toEqual([
      expect.objectContaining({
        code: "wrong_type",
        path: "version",
        line: 2,
        column: 10,
        file: "agreements/feed.yaml",
      }),
    ]);
    expect(issues[0]?.message).toMatch(/must be a number/);
  });

  it("reports an unknown key at the key, with a fix", () => {
    const issues = issuesOf(withAgreement(AGREEMENT.replace("legal_basis", "legal_bases")));
    expect(issues.map((i) => i.code).sort()).toEqual(["missing_key", "unknown_key"]);
    const issue = issues.find((i) => i.code === "unknown_key");
    expect(issue).toMatchObject({ line: 5, column: 1, path: "legal_bases" });
    expect(issue?.message).toMatch(/unknown key "legal_bases"/);
    expect(issue?.hint).toMatch(/remove "legal_bases" or fix its spelling/);
  });

  it("reports a missing key", () => {
    const issues = issuesOf(withAgreement(AGREEMENT.replace("dataset: customers\n", "")));
    expect(issues).toContainEqual(expect.objectContaining({ code: "missing_key", path: "dataset" }));
  });

  it("reports dangling references to a recipient, a dataset, a purpose and a field, all at once", () => {
    const text = AGREEMENT.replace("recipient: partner", "recipient: nobody")
      .replace("purposes: [scoring]", "purposes: [scoring, ghost]")
      .replace("balance: keep", "salary: keep");
    const issues = issuesOf(withAgreement(text));
    expect(issues.map((i) => [i.code, i.path, i.line])).toEqual([
      ["dangling_reference", "recipient", 3],
      ["dangling_reference", "purposes[1]", 6],
      ["unknown_field", "fields.salary", 9],
    ]);
    expect(issues[0]?.hint).toMatch(/recipients\/nobody.yaml|partner/);
    const noDataset = issuesOf(withAgreement(AGREEMENT.replace("dataset: customers", "dataset: clients")));
    expect(noDataset).toMatchObject([{ code: "dangling_reference", path: "dataset", line: 4 }]);
  });

  it("reports an unknown transform with the known ones", () => {
    const [issue] = issuesOf(withAgreement(AGREEMENT.replace("transform: pseudonym", "transform: sha256")));
    expect(issue).toMatchObject({ code: "unknown_transform", line: 8, path: "fields.customer_id.transform" });
    expect(issue?.hint).toMatch(/keep, pseudonym, token/);
    const [short] = issuesOf(withAgreement(AGREEMENT.replace("balance: keep", "balance: encrypt")));
    expect(short).toMatchObject({ code: "unknown_transform", line: 9, column: 12 });
  });

  it("checks each transform's options and the field types it takes", () => {
    const badOption = issuesOf(
      withAgreement(AGREEMENT.replace("transform: pseudonym", "transform: pseudonym, normalise: phone")),
    );
    expect(badOption).toMatchObject([{ code: "unknown_key", path: "fields.customer_id.normalise", line: 8 }]);
    const missing = issuesOf(withAgreement(AGREEMENT.replace("balance: keep", "balance: generalise")));
    expect(missing[0]?.code).toMatch(/missing_key|invalid/);
    const wrongType = issuesOf(
      withAgreement(AGREEMENT.replace("balance: keep", "balance: { transform: generalise, to: month }")),
    );
    expect(wrongType).toMatchObject([{ code: "transform_type", path: "fields.balance" }]);
    expect(wrongType[0]?.hint).toMatch(/date, timestamp/);
  });

  it("reports duplicate ids across files and duplicate keys in one file", () => {
    const files = {
      ...toYaml(baseFiles()),
      "agreements/copy.yaml": toYaml(baseFiles())["agreements/feed.yaml"] ?? "",
    };
    const dup = issuesOf(files);
    expect(dup).toMatchObject([{ code: "duplicate_id", file: "agreements/feed.yaml" }]);
    expect(dup[0]?.message).toMatch(/already used by agreements\/copy.yaml/);
    const twice = issuesOf(withAgreement(AGREEMENT.replace("version: 1", "version: 1\nversion: 2")));
    expect(twice).toMatchObject([{ code: "duplicate_key", line: 3 }]);
  });

  it("reports unknown taxonomy keys and extends the taxonomy from jikimi.yaml", () => {
    const files = baseFiles();
    const ds = files.datasets[0] as { fields: Record<string, { categories: string[] }> };
    if (ds.fields.balance) ds.fields.balance.categories = ["user.loyalty.points"];
    const issues = issuesOf(toYaml(files));
    expect(issues).toMatchObject([{ code: "unknown_category", file: "datasets/customers.yaml" }]);
    files.config.taxonomy = {
      categories: [
        { key: "user.loyalty", name: "Loyalty" },
        { key: "user.loyalty.points", name: "Points" },
      ],
    };
    const purpose = files.purposes[0] as { needs: string[] };
    purpose.needs.push("user.loyalty");
    expect(load(files).ok).toBe(true);
    files.config.taxonomy = { categories: [{ key: "orphan.child", name: "x" }] };
    expect(issuesOf(toYaml(files))).toContainEqual(
      expect.objectContaining({ code: "unknown_parent", file: "jikimi.yaml" }),
    );
  });

  it("locates errors inside a scope expression", () => {
    const text = `${AGREEMENT}scope:\n  phases:\n    - name: p\n      where: linked && salary > 3\n`;
    const [issue] = issuesOf(withAgreement(text));
    expect(issue).toMatchObject({ code: "expr_unknown_field", line: 16, column: 24 });
    const syntax = issuesOf(
      withAgreement(`${AGREEMENT}scope:\n  phases:\n    - name: p\n      where: "linked &&"\n`),
    );
    expect(syntax).toMatchObject([{ code: "expr_syntax", line: 16 }]);
    const typed = issuesOf(
      withAgreement(`${AGREEMENT}scope:\n  phases:\n    - name: p\n      where: balance\n`),
    );
    expect(typed).toMatchObject([{ code: "expr_type" }]);
  });

  it("locates a matches() pattern that is not a string literal, too long or not RE2, with a fix", () => {
    const where = (w: string) =>
      withAgreement(`${AGREEMENT}scope:\n  phases:\n    - name: p\n      where: ${w}\n`);
    const [column] = issuesOf(where("linked && phone.matches(email)"));
    expect(column).toMatchObject({ code: "expr_regex_not_constant", line: 16, column: 38 });
    expect(column?.hint).toMatch(/string literal/);
    const [long] = issuesOf(where(`phone.matches("${"9".repeat(300)}")`));
    expect(long).toMatchObject({ code: "expr_regex_too_long", line: 16, column: 28 });
    expect(long?.hint).toMatch(/256/);
    const [bad] = issuesOf(where(`phone.matches("(a)\\\\1")`));
    expect(bad).toMatchObject({ code: "expr_regex_invalid", line: 16, column: 28 });
    expect(bad?.hint).toMatch(/RE2 syntax/);
  });

  it("reports a missing jikimi.yaml as a workspace that was not found", () => {
    const r = load({ "agreements/a.yaml": "id: a" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe("workspace_not_found");
  });

  it("reports every issue of every file at once, sorted by place", () => {
    const files = toYaml(baseFiles());
    files["recipients/partner.yaml"] = "id: partner\nlegal_name: P\ncountry: Korea\nrole: vendor\n";
    files["agreements/feed.yaml"] = AGREEMENT.replace("version: 1", "version: 0");
    const issues = issuesOf(files);
    expect(issues.map((i) => `${i.file}:${i.line}:${i.code}`)).toEqual([
      "agreements/feed.yaml:2:invalid",
      "recipients/partner.yaml:3:invalid_format",
      "recipients/partner.yaml:4:invalid_value",
    ]);
  });

  it("keeps the valid agreement's fields resolved to transforms", () => {
    const r = load(baseFiles());
    if (!r.ok) throw new Error("load failed");
    const a = r.workspace.agreements.get("feed")?.value;
    expect(a?.fields.customer_id?.transform.name).toBe("pseudonym");
    expect(a?.fields.customer_id?.options).toMatchObject({ normalize: "none", encoding: "base64url" });
    expect(a?.phases?.[0]?.name).toBe("scoring");
    expect(agreement(baseFiles()).id).toBe("feed");
  });
});
