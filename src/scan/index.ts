// public surface of the scanner: scanFile, the detectors and the renderers of a scan result.
export { classifyColumn, REPORT_AT } from "./classify.js";
export type { Detector, StartClass } from "./detector.js";
export { DETECTORS } from "./detectors/index.js";
export { DIGEST_SAMPLE, DIGEST_WINDOW, type DigestAuditOptions } from "./digests.js";
export { FREE_TEXT_DETECTORS, findInText } from "./free-text.js";
export { renderAuditText } from "./render/audit.js";
export { renderScanJson } from "./render/json.js";
export { type ScanReport, ScanReportSchema } from "./render/json-schema.js";
export { renderScanSarif } from "./render/sarif.js";
export { renderScanText } from "./render/text.js";
export type { ColumnFinding, ColumnResult, DigestEvidence, ScanResult } from "./result.js";
export { ColumnScanner, type ScanOptions, scanFile, titleOf } from "./scan.js";
