import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkResult,
  missingRetention,
  unkeyedHash,
  unknownTransformIssue,
  yamlSyntaxIssue,
} from "../../../test/support/findings.js";
import type { LoadIssue } from "../../model/issues.js";
import { ARTICLES } from "../../policy/articles.js";
import type { Finding } from "../../policy/finding.js";
import { VERSION } from "../../version.js";
import { renderJson, renderLoadIssuesJson } from "./json.js";
import { CheckReportSchema, LoadIssuesReportSchema } from "./json-schema.js";

const linkableKey: Finding = {
  code: "linkable_join_key",
  severity: "warning",
  title: "Join key links releases to different recipients",
  file: "agreements/ad-partner.yaml",
  line: 11,
  column: 5,
  path: "fields.customer_id",
  subject: { kind: "dataset", id: "customers" },
  articles: [ARTICLES.pipa28_4, ARTICLES.gdpr4_5],
  message: '"customer_id" is pseudonymised with the same key for two recipients',
  fix: "use a key per recipient",
  trace: ["key customers-2024", "recipients adtech-sg, credit-bureau"],
};

const result = checkResult(
  [unkeyedHash, linkableKey, missingRetention, { ...unkeyedHash, line: 20, path: "fields.email" }],
  4,
);

describe("renderJson", () => {
  it("writes pretty JSON that matches CheckReportSchema, with a trailing newline", () => {
    const text = renderJson(result);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n  "summary": {\n    "errors": 2,');
    const report = CheckReportSchema.parse(JSON.parse(text));
    expect(report.jikimi).toBe(VERSION);
    expect(report.workspace).toBe("/srv/jikimi/ws");
    expect(report.at).toBe("2024-05-31");
  });

  it("counts findings by severity, with the agreement count", () => {
    const report = CheckReportSchema.parse(JSON.parse(renderJson(result)));
    expect(report.summary).toEqual({ errors: 2, warnings: 1, gaps: 1, agreements: 4 });
  });

  it("keeps every field of every finding, sorted by file and line", () => {
    const report = CheckReportSchema.parse(JSON.parse(renderJson(result)));
    expect(report.findings.map((f) => `${f.file}:${f.line}`)).toEqual([
      "agreements/ad-partner.yaml:11",
      "agreements/credit-feed.yaml:3",
      "agreements/credit-feed.yaml:14",
      "agreements/credit-feed.yaml:20",
    ]);
    expect(report.findings[2]).toEqual(unkeyedHash);
    expect(report.findings[0]).toEqual(linkableKey);
  });

  it("is stable: the same result gives the same bytes", () => {
    const shuffled = { ...result, findings: [...result.findings].reverse() };
    expect(renderJson(shuffled)).toBe(renderJson(result));
  });

  it("renders an empty result", () => {
    const report = CheckReportSchema.parse(JSON.parse(renderJson({ ...result, findings: [] })));
    expect(report.summary).toEqual({ errors: 0, warnings: 0, gaps: 0, agreements: 4 });
    expect(report.findings).toEqual([]);
  });

  it("has a schema that rejects a malformed report", () => {
    const report = JSON.parse(renderJson(result));
    report.findings[0].severity = "fatal";
    expect(CheckReportSchema.safeParse(report).success).toBe(false);
    const { summary: _, ...noSummary } = JSON.parse(renderJson(result));
    expect(CheckReportSchema.safeParse(noSummary).success).toBe(false);
  });
});

describe("renderLoadIssuesJson", () => {
  const issues: LoadIssue[] = [unknownTransformIssue, yamlSyntaxIssue];

  it("writes { ok: false, issues } that matches LoadIssuesReportSchema", () => {
    const report = LoadIssuesReportSchema.parse(JSON.parse(renderLoadIssuesJson(issues, "/srv/jikimi/ws")));
    expect(report.ok).toBe(false);
    expect(report.jikimi).toBe(VERSION);
    expect(report.workspace).toBe("/srv/jikimi/ws");
    expect(report.issues).toEqual([issues[1], issues[0]]);
  });
});

describe("VERSION", () => {
  it("matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8"));
    expect(VERSION).toBe(pkg.version);
  });
});
