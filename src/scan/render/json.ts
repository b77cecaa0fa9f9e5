// a scan result as stable, pretty-printed JSON (shape: json-schema.ts).
import { VERSION } from "../../version.js";
import type { ScanResult } from "../result.js";
import type { ScanReport } from "./json-schema.js";

/**
 * Renders a scan result as JSON.
 * @example JSON.parse(renderScanJson(result)).summary.columnsWithFindings // 4
 */
export function renderScanJson(result: ScanResult): string {
  const report: ScanReport = {
    jikimi: VERSION,
    file: result.file,
    format: result.format,
    rows: result.rows,
    badRows: result.badRows,
    sampled: result.sampled,
    personal: result.personal,
    summary: {
      columns: result.columns.length,
      columnsWithFindings: result.columns.filter((c) => c.findings.length > 0).length,
      findings: result.columns.reduce((n, c) => n + c.findings.length, 0),
    },
    columns: result.columns.map((c) => ({
      name: c.name,
      index: c.index,
      nonEmpty: c.nonEmpty,
      findings: c.findings.map((f) => ({
        category: f.category,
        title: f.title,
        confidence: f.confidence,
        level: f.level,
        matches: f.matches,
        inFreeText: f.inFreeText,
        detectors: [...f.detectors],
        ...(f.hint === undefined ? {} : { hint: f.hint }),
        ...(f.digest === undefined
          ? {}
          : { digest: { ...f.digest, reversedBy: [...f.digest.reversedBy], tried: [...f.digest.tried] } }),
      })),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
