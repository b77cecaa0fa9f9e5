// small formatting shared by the renderers: workspace-relative file names, citations, plurals, issue order.
import path from "node:path";
import type { LoadIssue } from "../../model/issues.js";
import type { Article } from "../../policy/articles.js";

/**
 * Shows a file as a workspace-relative path with forward slashes; absolute paths are made relative.
 * @example displayPath("/srv/ws/agreements/credit-feed.yaml", "/srv/ws") // "agreements/credit-feed.yaml"
 */
export function displayPath(file: string, workspace: string): string {
  const rel = path.isAbsolute(file) ? path.relative(workspace, file) : file;
  return rel.replaceAll("\\", "/");
}

/**
 * Cites an article as law and reference.
 * @example cite(ARTICLES.pipa29) // "PIPA Art. 29"
 */
export function cite(article: Article): string {
  return `${article.law} ${article.ref}`;
}

/**
 * Pluralises an English count.
 * @example plural(1, "gap") // "1 gap"; plural(2, "error") // "2 errors"
 */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Sorts load issues by file, line and column, so output is stable.
 * @example sortLoadIssues(issues)[0].file // "agreements/a.yaml"
 */
export function sortLoadIssues(issues: readonly LoadIssue[]): LoadIssue[] {
  return [...issues].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}
