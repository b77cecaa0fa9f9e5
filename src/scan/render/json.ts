// a scan result as stable, pretty-printed JSON (shape: json-schema.ts). The keys are snake_case like every JSON the
// CLI prints (docs/cli.md): the library's ScanResult keeps its camelCase names and the conversion happens here.
import { VERSION } from "../../version.js";
import type { DigestEvidence, ScanResult } from "../result.js";
import type { ScanReport } from "./json-schema.js";

/** The JSON form of a digest column's audit evidence (snake_case keys), shared by the JSON and SARIF renderings. */
export type DigestEvidenceJson = NonNullable<ScanReport["columns"][number]["findings"][number]["digest"]>;

/**
 * A digest column's audit evidence with snake_case keys (counts, forms and words only, as in DigestEvidence).
 * @example digestJson(finding.digest).mobile_searched // true
 */
export function digestJson(d: DigestEvidence): DigestEvidenceJson {
  return {
    algorithm: d.algorithm,
    encoding: d.encoding,
    sampled: d.sampled,
    recovered: d.recovered,
    share: d.share,
    reversible: d.reversible,
    reversed_by: [...d.reversedBy],
    tried: [...d.tried],
    mobile_searched: d.mobileSearched,
  };
}

/**
 * Renders a scan result as JSON.
 * @example JSON.parse(renderScanJson(result)).summary.columns_with_findings // 4
 */
export function renderScanJson(result: ScanResult): string {
  const report: ScanReport = {
    jikimi: VERSION,
    file: result.file,
    format: result.format,
    rows: result.rows,
    bad_rows: result.badRows,
    sampled: result.sampled,
    personal: result.personal,
    summary: {
      columns: result.columns.length,
      columns_with_findings: result.columns.filter((c) => c.findings.length > 0).length,
      findings: result.columns.reduce((n, c) => n + c.findings.length, 0),
    },
    columns: result.columns.map((c) => ({
      name: c.name,
      index: c.index,
      non_empty: c.nonEmpty,
      findings: c.findings.map((f) => ({
        category: f.category,
        title: f.title,
        confidence: f.confidence,
        level: f.level,
        matches: f.matches,
        in_free_text: f.inFreeText,
        detectors: [...f.detectors],
        ...(f.hint === undefined ? {} : { hint: f.hint }),
        ...(f.digest === undefined ? {} : { digest: digestJson(f.digest) }),
      })),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
