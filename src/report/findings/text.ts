// check results and load failures as terminal text: grouped by file, sorted by line, with a summary line. Words
// come from the catalogue in the language in force; columns are counted in terminal cells (Hangul is two wide).
import pc from "picocolors";
import { t } from "../../i18n/index.js";
import { cells, padEnd, widest } from "../../i18n/width.js";
import type { LoadIssue } from "../../model/issues.js";
import { type Finding, type Severity, sortFindings } from "../../policy/finding.js";
import { type CheckResult, summarise } from "./check-result.js";
import { displayPath, sortLoadIssues } from "./format.js";
import { rt, severityLabel, severityLabels } from "./messages.js";

export interface TextOptions {
  /** colour severity labels and file headers (ANSI) */
  color: boolean;
  /** the workspace folder; absolute file names are shown relative to it */
  workspace: string;
}

type Colors = ReturnType<typeof pc.createColors>;

/**
 * Renders findings grouped by file, each with its message, fix and articles, then a summary line.
 * @example process.stdout.write(renderText(result, { color: process.stdout.isTTY, workspace: result.workspace }))
 */
export function renderText(result: CheckResult, opts: TextOptions): string {
  const c = pc.createColors(opts.color);
  const blocks = groupByFile(sortFindings(result.findings), opts.workspace).map(([file, findings]) =>
    renderFile(file, findings, c),
  );
  return `${[...blocks, summaryLine(result)].join("\n\n")}\n`;
}

/**
 * Renders load issues as `file:line:col  code  message` with a `fix:` line each, then a summary line.
 * @example renderLoadIssuesText(issues, { color: false, workspace: "." }) // "agreements/a.yaml:3:7  yaml_syntax  ...\n  fix: ...\n..."
 */
export function renderLoadIssuesText(issues: readonly LoadIssue[], opts: TextOptions): string {
  const c = pc.createColors(opts.color);
  const lines: string[] = [];
  for (const i of sortLoadIssues(issues)) {
    const where = `${displayPath(i.file, opts.workspace)}:${i.line}:${i.column}`;
    lines.push(`${c.bold(where)}  ${c.red(i.code)}  ${i.message}`);
    if (i.hint) lines.push(`  ${rt("report.text.fix", { fix: i.hint })}`);
  }
  const summary = rt("report.text.load_failed", { problems: t("common.problems", { count: issues.length }) });
  return `${[...lines, "", summary].join("\n")}\n`;
}

/** The end line, e.g. "3 errors, 2 warnings, 1 gap in 5 agreements"; in Korean "오류 3건, 경고 2건, ...". */
function summaryLine(result: CheckResult): string {
  const agreements = rt("report.agreements", { count: result.agreements });
  if (result.findings.length === 0) return rt("report.text.no_findings", { agreements });
  const s = summarise(result.findings);
  return rt("report.text.summary", {
    errors: rt("report.errors", { count: s.errors }),
    warnings: rt("report.warnings", { count: s.warnings }),
    gaps: rt("report.gaps", { count: s.gaps }),
    agreements,
  });
}

function groupByFile(findings: readonly Finding[], workspace: string): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const file = displayPath(f.file, workspace);
    const group = groups.get(file);
    if (group) group.push(f);
    else groups.set(file, [f]);
  }
  return [...groups];
}

function renderFile(file: string, findings: readonly Finding[], c: Colors): string {
  const locs = findings.map((f) => `${f.line}:${f.column}`);
  const locWidth = widest(locs);
  const codeWidth = widest(findings.map((f) => f.code));
  const labelWidth = widest(severityLabels());
  const indent = " ".repeat(2 + locWidth + 2);
  const lines = [c.underline(c.bold(file))];
  findings.forEach((f, i) => {
    const label = severityLabel(f.severity);
    // colour is added after measuring, so escape codes never count as cells
    const padded = colour(f.severity, label, c) + " ".repeat(labelWidth - cells(label));
    lines.push(`  ${padEnd(locs[i] ?? "", locWidth)}  ${padded}  ${padEnd(f.code, codeWidth)}  ${f.title}`);
    lines.push(`${indent}${f.message}`);
    if (f.fix) lines.push(`${indent}${rt("report.text.fix", { fix: f.fix })}`);
    if (f.articles.length > 0)
      lines.push(
        `${indent}${rt("report.text.law", { articles: f.articles.map((a) => a.citation).join("; ") })}`,
      );
  });
  return lines.join("\n");
}

function colour(severity: Severity, label: string, c: Colors): string {
  if (severity === "error") return c.red(c.bold(label));
  if (severity === "warning") return c.yellow(label);
  return c.cyan(label);
}
