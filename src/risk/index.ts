// re-identification and linkage risk of files about to leave: equivalence classes, k-anonymity, prosecutor,
// journalist and marketer risk, l-diversity (docs/risk.md), and which columns of two files join.
export { MAX_SUBSET_QIS, RiskAccumulator, type RiskReport } from "./accumulator.js";
export { analyseRisk, type RiskAnalysis, type RiskFileOptions, riskOfFile } from "./file.js";
export {
  DEFAULT_MAX_LINK_SHARE,
  type LinkDirection,
  type LinkOptions,
  type LinkPair,
  type LinkReport,
  type LinkSide,
  type LinkVerdict,
  type LinkVia,
  linkFiles,
  linkVerdict,
  strongestJoins,
} from "./link.js";
export { renderLinkJson, renderLinkText, renderRiskJson, renderRiskText } from "./render.js";
