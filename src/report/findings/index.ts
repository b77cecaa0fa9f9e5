// rendering check results and load failures: text for people, JSON for programs, SARIF for code scanning.
export { type CheckResult, type Summary, summarise } from "./check-result.js";
export { renderJson, renderLoadIssuesJson } from "./json.js";
export {
  type CheckReport,
  CheckReportSchema,
  type LoadIssuesReport,
  LoadIssuesReportSchema,
} from "./json-schema.js";
export { renderLoadIssuesSarif, renderSarif } from "./sarif.js";
export type { SarifLevel, SarifLog } from "./sarif-log.js";
export { renderLoadIssuesText, renderText, type TextOptions } from "./text.js";
