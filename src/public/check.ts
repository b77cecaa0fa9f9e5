// the public surface for `check` alone: check a workspace folder, record the run in its state store, and render
// the findings (or the load issues) as text, JSON or SARIF. Kept apart from public/workspace and public/report so
// the check verb loads the rules and the renderers, not the ledger, the gateway or the reports (start-up time).
export { type CheckOutcome, checkFolder, recordCheck, recordCheckIn } from "../app/check.js";
export { RULES } from "../policy/rules/index.js";
export {
  renderJson,
  renderLoadIssuesJson,
  renderLoadIssuesSarif,
  renderLoadIssuesText,
  renderSarif,
  renderText,
} from "../report/findings/index.js";
