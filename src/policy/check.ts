// jikimi check as a pure function: every rule over the loaded workspace, findings sorted.
import type { Workspace } from "../model/workspace.js";
import { type Finding, sortFindings } from "./finding.js";
import type { CheckContext, Rule } from "./rule.js";
import { RULES } from "./rules/index.js";

/**
 * Runs the rules over a workspace.
 * @example const findings = checkWorkspace(ws, { at: "2024-05-31" }); findings.filter(f => f.severity === "error")
 */
export function checkWorkspace(ws: Workspace, ctx: CheckContext, rules: readonly Rule[] = RULES): Finding[] {
  return sortFindings(rules.flatMap((r) => r.run(ws, ctx)));
}
