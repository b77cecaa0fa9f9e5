// the shape of a rule: a pure function over the workspace that returns findings. A rule's title and description,
// and every text of its findings, come from the message catalogue in the language in force when read or run.
import type { Declared, Workspace } from "../model/workspace.js";
import type { Article } from "./articles.js";
import type { Finding, Severity } from "./finding.js";

export interface CheckContext {
  /** the day the check is made for, YYYY-MM-DD (validity dates, phases) */
  at: string;
}

export interface Rule {
  code: string;
  title: string;
  /** the most severe level the rule reports */
  severity: Severity;
  articles: Article[];
  /** one paragraph: what the rule checks and why */
  description: string;
  run(ws: Workspace, ctx: CheckContext): Finding[];
}

type FindingInput = Omit<Finding, "file" | "line" | "column" | "title" | "path" | "articles" | "severity"> & {
  path: readonly PropertyKey[];
  severity?: Severity;
  articles?: Article[];
  which?: "key" | "value";
};

/** Builds a finding of `rule` located at `path` in `doc`. */
export function finding(rule: Rule, doc: Declared<unknown>, input: FindingInput): Finding {
  const { path, which, severity, articles, ...rest } = input;
  const where = doc.at(path, which);
  return {
    ...rest,
    ...where,
    title: rule.title,
    severity: severity ?? rule.severity,
    articles: articles ?? rule.articles,
    path: path
      .map((p) => (typeof p === "number" ? `[${p}]` : String(p)))
      .join(".")
      .replaceAll(".[", "["),
  };
}
