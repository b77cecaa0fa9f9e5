// the public surface for reports of a check: findings as text, JSON and SARIF, and load issues likewise.
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
