// a scan result as a table for people: one line per column finding, then the columns where nothing was found.
import type { ColumnFinding, ScanResult } from "../result.js";

const n = (x: number) => x.toLocaleString("en-US");

/**
 * Renders a scan result as text.
 * @example process.stdout.write(renderScanText(result))
 */
export function renderScanText(result: ScanResult): string {
  const found = result.columns.filter((c) => c.findings.length > 0);
  const head =
    `${result.file} (${result.format}): ${n(result.rows)} rows${result.sampled ? " (sample)" : ""}, ` +
    `${n(result.columns.length)} columns; ` +
    (found.length === 0 ? "no personal data found" : `findings in ${n(found.length)} of them`) +
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
          `${n(f.matches)}/${n(c.nonEmpty)}`,
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

function evidence(f: ColumnFinding): string {
  const parts = [f.detectors.join(", ")];
  if (f.inFreeText) parts.push("in free text");
  if (f.hint !== undefined) parts.push(`name hint "${f.hint}"`);
  return parts.join("; ");
}
