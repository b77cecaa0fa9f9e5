// a scan result as a table for people: one line per column finding, then the columns where nothing was found.
import type { ColumnFinding, DigestEvidence, ScanResult } from "../result.js";

const n = (x: number) => x.toLocaleString("en-US");

/**
 * Renders a scan result as text.
 * @example process.stdout.write(renderScanText(result))
 */
export function renderScanText(result: ScanResult): string {
  const found = result.columns.filter((c) => c.findings.length > 0);
  const pseudonyms = result.columns.filter((c) =>
    c.findings.some((f) => f.digest !== undefined && !f.digest.reversible),
  ).length;
  const verdict = result.personal
    ? `personal data found; findings in ${n(found.length)} of them`
    : found.length === pseudonyms && pseudonyms > 0
      ? `no personal data found; ${n(pseudonyms)} digest column${pseudonyms === 1 ? "" : "s"} not reversed (pseudonymous identifier, possible join key)`
      : found.length === 0
        ? "no personal data found"
        : `findings in ${n(found.length)} of them`;
  const head =
    `${result.file} (${result.format}): ${n(result.rows)} rows${result.sampled ? " (sample)" : ""}, ` +
    `${n(result.columns.length)} columns; ` +
    verdict +
    (result.badRows > 0 ? `; ${n(result.badRows)} unreadable rows skipped` : "");
  const lines = [head];
  if (found.length > 0) {
    const table: string[][] = [["column", "category", "confidence", "matches", "evidence"]];
    for (const c of found) {
      for (const f of c.findings) {
        table.push([
          c.name,
          f.category,
          `${f.confidence.toFixed(2)} ${f.level}`,
          f.digest === undefined
            ? `${n(f.matches)}/${n(c.nonEmpty)}`
            : `${n(f.digest.recovered)}/${n(f.digest.sampled)}`,
          evidence(f),
        ]);
      }
    }
    const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? "").length))) ?? [];
    lines.push("");
    for (const row of table)
      lines.push(
        row
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join("  ")
          .trimEnd(),
      );
  }
  const clean = result.columns.filter((c) => c.findings.length === 0).map((c) => c.name);
  if (clean.length > 0) lines.push("", `nothing found in: ${clean.join(", ")}`);
  return `${lines.join("\n")}\n`;
}

/** What the hash audit found, without a value: "reversible SHA-256 digest: 100.0% of 64 sampled recovered by ...". */
export function digestEvidence(d: DigestEvidence): string {
  const alg = { md5: "MD5", sha1: "SHA-1", sha256: "SHA-256", sha512: "SHA-512" }[d.algorithm];
  if (d.reversible)
    return `reversible ${alg} ${d.encoding} digest: ${(100 * d.share).toFixed(1)}% of ${n(d.sampled)} sampled digests recovered (${d.reversedBy.join(", ")})`;
  const full = d.algorithm === "sha256" && d.tried.some((t) => t.startsWith("mobile 010"));
  return `${alg} ${d.encoding} digest, none of ${n(d.sampled)} sampled recovered${full ? "" : " (mobile space not enumerated for this algorithm)"}: pseudonymous identifier, possible join key`;
}

function evidence(f: ColumnFinding): string {
  if (f.digest !== undefined) {
    const hint = f.hint === undefined ? "" : `; name hint "${f.hint}"`;
    return `${digestEvidence(f.digest)}${hint}`;
  }
  const parts = [f.detectors.join(", ")];
  if (f.inFreeText) parts.push("in free text");
  if (f.hint !== undefined) parts.push(`name hint "${f.hint}"`);
  return parts.join("; ");
}
