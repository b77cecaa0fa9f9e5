// small formatting shared by the renderers: workspace-relative file names, stable citations, issue order.
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
 * Cites an article by its stable English code, the same in every language (SARIF properties, tags); people
 * read `article.citation`, which follows the language in force.
 * @example stableCitation(ARTICLES.pipa29) // "PIPA Art. 29"
 */
export function stableCitation(article: Article): string {
  return `${article.law} ${article.ref}`;
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
