// the outcome of one jikimi check as the renderers see it: workspace, day, agreement count and findings.
import type { Finding } from "../../policy/finding.js";

export interface CheckResult {
  /** the workspace folder that was checked */
  workspace: string;
  /** the day the check was made for, YYYY-MM-DD */
  at: string;
  /** how many agreements the workspace declares */
  agreements: number;
  findings: Finding[];
}

export interface Summary {
  errors: number;
  warnings: number;
  gaps: number;
}

/**
 * Counts findings by severity.
 * @example summarise(result.findings) // { errors: 3, warnings: 2, gaps: 1 }
 */
export function summarise(findings: readonly Finding[]): Summary {
  const out: Summary = { errors: 0, warnings: 0, gaps: 0 };
  for (const f of findings) {
    if (f.severity === "error") out.errors++;
    else if (f.severity === "warning") out.warnings++;
    else out.gaps++;
  }
  return out;
}
