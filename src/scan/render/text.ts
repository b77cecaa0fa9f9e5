// a scan result as a table for people: one line per column finding, then the columns where nothing was found. Words
// come from the message catalogue (Korean or English); columns are aligned in terminal cells, so Hangul column names
// (two cells wide) keep the table straight.
import { t } from "../../i18n/index.js";
import { table } from "../../i18n/width.js";
import type { ColumnFinding, DigestEvidence, ScanResult } from "../result.js";

const n = (x: number) => x.toLocaleString("en-US");

const ALGORITHM_NAMES = { md5: "MD5", sha1: "SHA-1", sha256: "SHA-256", sha512: "SHA-512" } as const;

function verdictOf(result: ScanResult, found: number): string {
  const pseudonyms = result.columns.filter((c) =>
    c.findings.some((f) => f.digest !== undefined && !f.digest.reversible),
  ).length;
  if (result.personal) return t("scan.text.verdict_personal", { n: n(found) });
  if (found === pseudonyms && pseudonyms > 0)
    return t("scan.text.verdict_pseudonyms", { count: pseudonyms, n: n(pseudonyms) });
  if (found === 0) return t("scan.text.verdict_none");
  return t("scan.text.verdict_findings", { n: n(found) });
}

/**
 * Renders a scan result as text, in the language in force.
 * @example process.stdout.write(renderScanText(result))
 */
export function renderScanText(result: ScanResult): string {
  const found = result.columns.filter((c) => c.findings.length > 0);
  const head = t("scan.text.head", {
    file: result.file,
    format: result.format,
    rows: t("scan.text.rows", { count: result.rows, n: n(result.rows) }),
    sample: result.sampled ? t("scan.text.sample") : "",
    columns: t("scan.text.columns", { count: result.columns.length, n: n(result.columns.length) }),
    verdict: verdictOf(result, found.length),
    bad: result.badRows > 0 ? t("scan.text.bad_rows", { count: result.badRows, n: n(result.badRows) }) : "",
  });
  const lines = [head];
  if (found.length > 0) {
    const rows: string[][] = [
      [
        t("scan.text.col_column"),
        t("scan.text.col_category"),
        t("scan.text.col_confidence"),
        t("scan.text.col_matches"),
        t("scan.text.col_evidence"),
      ],
    ];
    for (const c of found) {
      for (const f of c.findings) {
        rows.push([
          c.name,
          f.category,
          `${f.confidence.toFixed(2)} ${t(f.level === "high" ? "scan.text.level_high" : "scan.text.level_medium")}`,
          f.digest === undefined
            ? `${n(f.matches)}/${n(c.nonEmpty)}`
            : `${n(f.digest.recovered)}/${n(f.digest.sampled)}`,
          evidence(f),
        ]);
      }
    }
    lines.push("", ...table(rows).map((line) => line.trimEnd()));
  }
  const clean = result.columns.filter((c) => c.findings.length === 0).map((c) => c.name);
  if (clean.length > 0) lines.push("", t("scan.text.nothing_found", { columns: clean.join(", ") }));
  return `${lines.join("\n")}\n`;
}

/**
 * What the hash audit found, without a value, in the language in force.
 * @example digestEvidence(d) // "reversible SHA-256 hex digest: 100.0% of 64 sampled digests recovered (mobile 010########)"
 */
export function digestEvidence(d: DigestEvidence): string {
  const algorithm = ALGORITHM_NAMES[d.algorithm];
  if (d.reversible)
    return t("scan.text.digest_reversible", {
      algorithm,
      encoding: d.encoding,
      percent: `${(100 * d.share).toFixed(1)}%`,
      sampled: n(d.sampled),
      forms: d.reversedBy.join(", "),
    });
  const note = d.mobileSearched
    ? ""
    : t(d.algorithm === "sha512" ? "scan.text.digest_not_enumerated" : "scan.text.digest_not_tried");
  return t("scan.text.digest_kept", { algorithm, encoding: d.encoding, sampled: n(d.sampled), note });
}

function evidence(f: ColumnFinding): string {
  const hint = f.hint === undefined ? undefined : t("scan.text.name_hint", { hint: f.hint });
  if (f.digest !== undefined)
    return hint === undefined ? digestEvidence(f.digest) : `${digestEvidence(f.digest)}; ${hint}`;
  const parts = [f.detectors.join(", ")];
  if (f.inFreeText) parts.push(t("scan.text.in_free_text"));
  if (hint !== undefined) parts.push(hint);
  return parts.join("; ");
}
