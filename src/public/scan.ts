// the public surface for looking at data: the personal-data scan and the hash audit.
export {
  AUDIT_SPACES,
  type AuditResult,
  type AuditSpace,
  auditDigests,
  digestShape,
  hasShape,
} from "../scan/hash-audit.js";
export { renderAuditText, renderScanJson, renderScanSarif, renderScanText, scanFile } from "../scan/index.js";
