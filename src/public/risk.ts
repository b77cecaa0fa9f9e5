// the public surface for re-identification and linkage risk of released files.
export {
  analyseRisk,
  DEFAULT_MAX_LINK_SHARE,
  linkFiles,
  renderLinkJson,
  renderLinkText,
  renderRiskJson,
  renderRiskText,
} from "../risk/index.js";
