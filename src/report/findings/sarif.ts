// check results and load failures as SARIF 2.1.0 logs, for code-scanning UIs (GitHub, GitLab, IDEs). Ids, levels
// and properties are stable codes; messages, rule titles, descriptions and help are in the language in force.
import type { LoadIssue } from "../../model/issues.js";
import type { Article, Law } from "../../policy/articles.js";
import { sortFindings } from "../../policy/finding.js";
import type { Rule } from "../../policy/rule.js";
import type { CheckResult } from "./check-result.js";
import { sortLoadIssues, stableCitation } from "./format.js";
import { rt } from "./messages.js";
import {
  pascalCase,
  type SarifReportingDescriptor,
  type SarifResult,
  sarifLevel,
  sarifLocation,
  sarifLog,
  sentence,
} from "./sarif-log.js";

/**
 * Renders a check result as a SARIF 2.1.0 log: one descriptor per rule, one result per finding.
 * @example writeFileSync("jikimi.sarif", renderSarif(result, RULES))
 */
export function renderSarif(result: CheckResult, rules: readonly Rule[]): string {
  const descriptors: SarifReportingDescriptor[] = [];
  const index = new Map<string, number>();
  const add = (d: SarifReportingDescriptor) => {
    if (index.has(d.id)) return;
    index.set(d.id, descriptors.length);
    descriptors.push(d);
  };
  for (const r of rules) add(ruleDescriptor(r));
  const findings = sortFindings(result.findings);
  // a finding whose rule was not passed in still gets a descriptor, so every ruleIndex is valid
  for (const f of findings) add(ruleDescriptor({ ...f, description: "" }));
  const results = findings.map((f): SarifResult => {
    const text = f.fix
      ? rt("report.sarif.message", { message: sentence(f.message), fix: sentence(f.fix) })
      : sentence(f.message);
    return {
      ruleId: f.code,
      ruleIndex: index.get(f.code) ?? 0,
      level: sarifLevel(f.severity),
      message: { text },
      locations: [sarifLocation(f, result.workspace)],
      properties: {
        articles: f.articles.map(stableCitation),
        trace: [...f.trace],
        subject: { kind: f.subject.kind, id: f.subject.id },
        path: f.path,
      },
    };
  });
  const log = sarifLog(result.workspace, descriptors, results, {
    at: result.at,
    agreements: result.agreements,
  });
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * Renders load issues as a SARIF 2.1.0 log, one error-level rule per issue code, so broken lines show too.
 * @example writeFileSync("jikimi.sarif", renderLoadIssuesSarif(issues, "examples/nsf-case"))
 */
export function renderLoadIssuesSarif(issues: readonly LoadIssue[], workspace: string): string {
  const sorted = sortLoadIssues(issues);
  const codes = [...new Set(sorted.map((i) => i.code))];
  const descriptors = codes.map(
    (code): SarifReportingDescriptor => ({
      id: code,
      name: pascalCase(code),
      shortDescription: { text: rt("report.sarif.load_rule", { problem: code.replaceAll("_", " ") }) },
      fullDescription: { text: rt("report.sarif.load_description") },
      defaultConfiguration: { level: "error" },
      help: { text: rt("report.sarif.load_help") },
      properties: { tags: ["load"] },
    }),
  );
  const results = sorted.map(
    (i): SarifResult => ({
      ruleId: i.code,
      ruleIndex: codes.indexOf(i.code),
      level: "error",
      message: {
        text: i.hint
          ? rt("report.sarif.message", { message: sentence(i.message), fix: sentence(i.hint) })
          : sentence(i.message),
      },
      locations: [sarifLocation(i, workspace)],
      properties: { path: i.path },
    }),
  );
  return `${JSON.stringify(sarifLog(workspace, descriptors, results), null, 2)}\n`;
}

function ruleDescriptor(
  r: Pick<Rule, "code" | "title" | "severity" | "articles" | "description">,
): SarifReportingDescriptor {
  const d: SarifReportingDescriptor = {
    id: r.code,
    name: pascalCase(r.code),
    shortDescription: { text: r.title },
    defaultConfiguration: { level: sarifLevel(r.severity) },
    help: { text: helpText(r.articles) },
    properties: { tags: lawTags(r.articles) },
  };
  if (r.description) d.fullDescription = { text: r.description };
  return d;
}

/** e.g. "Articles:\n- PIPA Art. 29: technical safeguards, ..."; in Korean "근거 조항:\n- 개인정보 보호법 제29조: ..." */
function helpText(articles: readonly Article[]): string {
  if (articles.length === 0) return rt("report.sarif.no_articles");
  return [
    rt("report.sarif.articles"),
    ...articles.map((a) => rt("report.sarif.article", { citation: a.citation, title: a.title })),
  ].join("\n");
}

/** The laws cited, once each in order of first citation, e.g. ["PIPA", "GDPR"]. */
function lawTags(articles: readonly Article[]): Law[] {
  return [...new Set(articles.map((a) => a.law))];
}
