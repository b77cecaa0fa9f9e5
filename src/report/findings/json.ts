// check results and load failures as stable, pretty-printed JSON documents (shape: json-schema.ts). Codes, ids
// and references are stable; titles, messages, fixes, traces and citations are in the language in force.

import type { LoadIssue } from "../../model/issues.js";
import type { Finding } from "../../policy/finding.js";
import { sortFindings } from "../../policy/finding.js";
import { VERSION } from "../../version.js";
import { type CheckResult, summarise } from "./check-result.js";
import { displayPath, sortLoadIssues } from "./format.js";
import type { CheckReport, LoadIssuesReport } from "./json-schema.js";

/**
 * Renders a check result as JSON: version, workspace, day, summary counts and every finding.
 * @example JSON.parse(renderJson(result)).summary // { errors: 3, warnings: 2, gaps: 1, agreements: 5 }
 */
export function renderJson(result: CheckResult): string {
  const report: CheckReport = {
    jikimi: VERSION,
    workspace: result.workspace,
    at: result.at,
    summary: { ...summarise(result.findings), agreements: result.agreements },
    findings: sortFindings(result.findings).map((f) => findingJson(f, result.workspace)),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Renders load issues as JSON: `{ jikimi, ok: false, workspace, issues }`.
 * @example JSON.parse(renderLoadIssuesJson(issues, "examples/nsf-case")).issues[0].code // "yaml_syntax"
 */
export function renderLoadIssuesJson(issues: readonly LoadIssue[], workspace: string): string {
  const report: LoadIssuesReport = {
    jikimi: VERSION,
    ok: false,
    workspace,
    issues: sortLoadIssues(issues).map((i) => ({
      file: displayPath(i.file, workspace),
      line: i.line,
      column: i.column,
      code: i.code,
      path: i.path,
      message: i.message,
      hint: i.hint,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One finding with its fields in a fixed order, so diffs of reports stay small. */
function findingJson(f: Finding, workspace: string): CheckReport["findings"][number] {
  return {
    code: f.code,
    severity: f.severity,
    title: f.title,
    file: displayPath(f.file, workspace),
    line: f.line,
    column: f.column,
    path: f.path,
    subject: { kind: f.subject.kind, id: f.subject.id },
    articles: f.articles.map((a) => ({
      id: a.id,
      law: a.law,
      ref: a.ref,
      title: a.title,
      citation: a.citation,
    })),
    message: f.message,
    fix: f.fix,
    trace: [...f.trace],
  };
}
