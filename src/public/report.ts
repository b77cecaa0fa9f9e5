// the public surface for reports: a check's findings as text, JSON and SARIF (and load issues likewise), and the
// reports for inspectors, DPOs and each person (inspection, statement, declarations) with their renderers.
export { declarationsReport, dpia, inspection, type Report, statement } from "../app/reports.js";
export type { ReportLanguage } from "../report/document/model.js";
export {
  BINARY_FORMATS,
  MEDIA_TYPES,
  REPORT_FORMATS,
  type ReportFormat,
  renderReport,
} from "../report/document/render.js";
export { type ReleasedTerms, type TermsChange, termsChange } from "../report/dpia/terms.js";
export {
  type CheckResult,
  renderJson,
  renderLoadIssuesJson,
  renderLoadIssuesSarif,
  renderLoadIssuesText,
  renderSarif,
  renderText,
  summarise,
} from "../report/findings/index.js";
export type { InspectionData, InspectionFilter } from "../report/inspection/inspection.js";
export type { StatementData } from "../report/statement/statement.js";
