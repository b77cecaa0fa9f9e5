// text and JSON renderings of risk and linkage reports: column names, counts and shares only, never a value.
import type { RiskAnalysis } from "./file.js";
import type { LinkReport, LinkVia } from "./link.js";

const int = (n: number): string => n.toLocaleString("en-US");
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const num = (x: number): string => x.toFixed(4);

/** The risk report as text: the figures, then the riskiest QI combinations (at most `top` rows). */
export function renderRiskText(
  file: string,
  qi: readonly string[],
  analysis: RiskAnalysis,
  options: { sensitive?: string; top?: number } = {},
): string {
  const r = analysis.report;
  const lines: string[] = [];
  lines.push(`${file}: ${int(r.records)} records, ${qi.length} quasi-identifiers (${qi.join(", ")})`);
  if (analysis.badRecords > 0)
    lines.push(`  note: ${int(analysis.badRecords)} malformed records were left out`);
  const row = (label: string, value: string): void => {
    lines.push(`  ${label.padEnd(24)}${value}`);
  };
  row("equivalence classes", int(r.classes));
  row("k (smallest class)", int(r.k));
  row("unique records", `${pct(r.uniqueShare)} (${int(Math.round(r.uniqueShare * r.records))})`);
  row("prosecutor risk", `max ${num(r.prosecutorMax)}, average ${num(r.prosecutorAvg)}`);
  if (r.journalistMax !== undefined && r.journalistAvg !== undefined)
    row(
      "journalist risk",
      `max ${num(r.journalistMax)}, average ${num(r.journalistAvg)} (population: ${int(analysis.populationRecords ?? 0)} records)`,
    );
  else row("journalist risk", "needs --population (equals prosecutor risk if this file is the population)");
  row("marketer risk", num(r.marketer));
  if (r.lDiversity !== undefined)
    row(
      `l-diversity (${options.sensitive ?? "sensitive"})`,
      `distinct l = ${int(r.lDiversity.distinctMin)}, entropy l = ${r.lDiversity.entropyMin.toFixed(2)}`,
    );
  const top = options.top ?? 20;
  if (r.riskiest.length > 0) {
    lines.push("");
    lines.push(
      `riskiest quasi-identifier combinations${r.riskiest.length > top ? ` (top ${top} of ${r.riskiest.length})` : ""}`,
    );
    lines.push(`  ${"unique".padStart(8)}  ${"k".padStart(9)}  columns`);
    for (const c of r.riskiest.slice(0, top))
      lines.push(`  ${pct(c.uniqueShare).padStart(8)}  ${int(c.k).padStart(9)}  ${c.columns.join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The risk report as JSON (one object, stable keys). */
export function renderRiskJson(
  file: string,
  qi: readonly string[],
  analysis: RiskAnalysis,
  options: { sensitive?: string } = {},
): string {
  return `${JSON.stringify(
    {
      file,
      qi,
      ...(options.sensitive === undefined ? {} : { sensitive: options.sensitive }),
      badRecords: analysis.badRecords,
      ...(analysis.populationRecords === undefined ? {} : { populationRecords: analysis.populationRecords }),
      ...analysis.report,
    },
    null,
    2,
  )}\n`;
}

/** How a file's records link, in words: a column pair or the shared quasi-identifiers (names only). */
function viaText(via: LinkVia | undefined): string {
  if (via === undefined) return "no join";
  if (via.kind === "quasiIdentifiers") return `via the quasi-identifiers ${via.columns.join(", ")}`;
  return `via ${via.a} -> ${via.b}${via.kind === "pseudonym" ? " (same keyed pseudonyms)" : ""}`;
}

/** The linkage report as text: the joining columns, the strongest join per file, and the verdict. */
export function renderLinkText(report: LinkReport, options: { top?: number } = {}): string {
  const top = options.top ?? 20;
  const lines: string[] = [];
  const { a, b } = report;
  lines.push(`A ${a.file}: ${int(a.records)} records, ${a.columns} columns`);
  lines.push(`B ${b.file}: ${int(b.records)} records, ${b.columns} columns`);
  for (const t of report.truncated)
    lines.push(
      `  note: ${t.file} column ${t.column} has over ${int(report.maxDistinct)} distinct values: only the first ${int(report.maxDistinct)} were compared`,
    );
  lines.push("");
  const joins = report.pairs.filter((p) => p.linkedA > 0 || p.linkedB > 0 || p.kind === "pseudonym");
  if (joins.length === 0) lines.push("no column of A joins a column of B one to one");
  else {
    lines.push(
      `columns that join${joins.length > top ? ` (top ${top} of ${joins.length})` : ""}: share of A's distinct values found in B; share of A's records linking to exactly one record of B (A -> B), and of B's to one of A (B -> A)`,
    );
    lines.push(
      `  ${"overlap".padStart(8)}  ${"A -> B".padStart(8)}  ${"B -> A".padStart(8)}  A column -> B column`,
    );
    for (const p of joins.slice(0, top)) {
      lines.push(
        `  ${pct(p.overlap).padStart(8)}  ${pct(p.linkedShareA).padStart(8)}  ${pct(p.linkedShareB).padStart(8)}  ${p.a} -> ${p.b}`,
      );
      if (p.kind === "pseudonym")
        lines.push(`            same keyed pseudonym values: the recipient can join these files`);
    }
  }
  const q = report.quasiIdentifiers;
  lines.push("");
  if (q === undefined) lines.push("no column names in common: no quasi-identifier combination to compare");
  else
    lines.push(
      `quasi-identifiers in both (${q.columns.join(", ")}): ${pct(q.linkedShareA)} of A's records link to exactly one record of B, ${pct(q.linkedShareB)} of B's to exactly one of A (${int(q.oneToOne)} records unique in A and in B link one to one)`,
    );
  const { aToB, bToA } = report.strongest;
  lines.push("");
  lines.push("records linking to exactly one record of the other file, by the strongest join");
  lines.push(
    `  A -> B  ${pct(aToB.share).padStart(8)}  (${int(aToB.records)} of ${int(a.records)})  ${viaText(aToB.via)}`,
  );
  lines.push(
    `  B -> A  ${pct(bToA.share).padStart(8)}  (${int(bToA.records)} of ${int(b.records)})  ${viaText(bToA.via)}`,
  );
  const v = report.verdict;
  const [from, to] = v.direction === "aToB" ? ["A", "B"] : ["B", "A"];
  lines.push("");
  lines.push(
    v.linkable
      ? `linkable: ${pct(v.share)} of ${from}'s records link to exactly one record of ${to} (above --max-link-share ${pct(v.maxLinkShare)})`
      : `not linkable above --max-link-share ${pct(v.maxLinkShare)}: at most ${pct(v.share)} of a file's records link to exactly one record of the other`,
  );
  return `${lines.join("\n")}\n`;
}

/** The linkage report as JSON: the `LinkReport` object (stable keys), verdict included. */
export function renderLinkJson(report: LinkReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
