// the words of the report area: a t() typed to the report catalogue (a mistyped key fails to compile), severity
// labels and the counts summary lines use, in the language in force.
import type { KeyOf } from "../../i18n/catalogue.js";
import { type MessageParams, t } from "../../i18n/index.js";
import type { en } from "../../i18n/messages/report/findings.js";
import type { Severity } from "../../policy/finding.js";

/** A key of the report catalogue; plural forms by their base key. */
export type ReportKey = KeyOf<typeof en>;

/**
 * Renders a report message in the language in force.
 * @example rt("report.errors", { count: 2 }) // "2 errors"; in Korean "오류 2건"
 */
export function rt(key: ReportKey, params?: MessageParams): string {
  return t(key, params);
}

/**
 * A severity as people read it.
 * @example severityLabel("gap") // "gap"; in Korean "판단 불가"
 */
export function severityLabel(severity: Severity): string {
  return rt(`report.severity.${severity}`);
}

/**
 * Every severity label, for column widths.
 * @example widest(severityLabels()) // 7 ("warning"); in Korean 9 ("판단 불가")
 */
export function severityLabels(): string[] {
  return (["error", "warning", "gap"] as const).map(severityLabel);
}
