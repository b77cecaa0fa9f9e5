// check results and load failures as terminal text: grouped by file, sorted by line, with a summary line.
import pc from "picocolors";
import type { LoadIssue } from "../../model/issues.js";
import { type Finding, type Severity, sortFindings } from "../../policy/finding.js";
import { type CheckResult, summarise } from "./check-result.js";
import { cite, displayPath, plural, sortLoadIssues } from "./format.js";

export interface TextOptions {
  /** colour severity labels and file headers (ANSI) */
  color: boolean;
  /** the workspace folder; absolute file names are shown relative to it */
  workspace: string;
}

type Colors = ReturnType<typeof pc.createColors>;

const LABEL_WIDTH = "warning".length;

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
    if (i.hint) lines.push(`  fix: ${i.hint}`);
  }
  const n = issues.length;
  const summary = `${plural(n, "problem")}: the workspace could not be loaded`;
  return `${[...lines, "", summary].join("\n")}\n`;
}

/** The end line, e.g. "3 errors, 2 warnings, 1 gap in 5 agreements". */
function summaryLine(result: CheckResult): string {
  const where = `in ${plural(result.agreements, "agreement")}`;
  if (result.findings.length === 0) return `no findings ${where}`;
  const s = summarise(result.findings);
  return `${plural(s.errors, "error")}, ${plural(s.warnings, "warning")}, ${plural(s.gaps, "gap")} ${where}`;
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
  const locWidth = Math.max(...locs.map((l) => l.length));
  const codeWidth = Math.max(...findings.map((f) => f.code.length));
  const indent = " ".repeat(2 + locWidth + 2);
  const lines = [c.underline(c.bold(file))];
  findings.forEach((f, i) => {
    const label = severityLabel(f.severity, c) + " ".repeat(LABEL_WIDTH - f.severity.length);
    lines.push(`  ${(locs[i] ?? "").padEnd(locWidth)}  ${label}  ${f.code.padEnd(codeWidth)}  ${f.title}`);
    lines.push(`${indent}${f.message}`);
    if (f.fix) lines.push(`${indent}fix: ${f.fix}`);
    if (f.articles.length > 0) lines.push(`${indent}law: ${f.articles.map(cite).join("; ")}`);
  });
  return lines.join("\n");
}

function severityLabel(severity: Severity, c: Colors): string {
  if (severity === "error") return c.red(c.bold(severity));
  if (severity === "warning") return c.yellow(severity);
  return c.cyan(severity);
}
