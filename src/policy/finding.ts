// findings: what a rule found, where, on which articles, how to fix it, and what decided it. Codes, places and
// article ids are stable; title, message, fix and trace are written in the language in force when the rule ran.
import type { Location } from "../model/issues.js";
import type { Article } from "./articles.js";

/** error: breaks the law; warning: risky or bad practice; gap: the declarations are too incomplete to judge. */
export type Severity = "error" | "warning" | "gap";

export interface Finding extends Location {
  code: string;
  severity: Severity;
  /** the rule's title, e.g. "Unkeyed hash of an identifier" */
  title: string;
  /** the declaration the finding is about */
  subject: { kind: "agreement" | "dataset" | "recipient" | "purpose" | "workspace"; id: string };
  /** dotted path inside the file */
  path: string;
  articles: Article[];
  message: string;
  fix: string;
  /** the facts that decided the finding, in order */
  trace: string[];
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, gap: 2 };

/** Sorts findings by file, line, column and code, so output is stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}
