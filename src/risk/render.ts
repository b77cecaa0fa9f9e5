// text and JSON renderings of risk and linkage reports: column names, counts and shares only, never a value. The
// text is in the language in force (src/i18n), aligned in terminal cells (Hangul labels are two cells a character);
// the JSON has snake_case keys (the CLI's convention; the TypeScript types stay camelCase) and no sentences.
import { t } from "../i18n/index.js";
import { padEnd, padStart, widest } from "../i18n/width.js";
import type { RiskAnalysis } from "./file.js";
import type { LinkDirection, LinkReport, LinkSide, LinkVia } from "./link.js";

const int = (n: number): string => n.toLocaleString("en-US");
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const num = (x: number): string => x.toFixed(4);
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const records = (n: number): string => t("risk.records", { count: n, n: int(n) });

/** Label-value rows, the labels padded to the widest (at least 24 cells, as the English layout always had). */
function labelled(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(24, widest(rows.map(([label]) => label)) + 2);
  return rows.map(([label, value]) => `  ${padEnd(label, width)}${value}`);
}

/** The risk report as text: the figures, then the riskiest QI combinations (at most `top` rows). */
export function renderRiskText(
  file: string,
  qi: readonly string[],
  analysis: RiskAnalysis,
  options: { sensitive?: string; top?: number } = {},
): string {
  const r = analysis.report;
  const lines: string[] = [];
  lines.push(
    t("risk.text.head", {
      file,
      records: records(r.records),
      qis: t("risk.quasi_identifiers", { count: qi.length, n: int(qi.length) }),
      columns: qi.join(", "),
    }),
  );
  if (analysis.badRecords > 0)
    lines.push(t("risk.text.bad_records", { count: analysis.badRecords, n: int(analysis.badRecords) }));
  const rows: [string, string][] = [
    [t("risk.text.classes"), int(r.classes)],
    [t("risk.text.k"), int(r.k)],
    [t("risk.text.unique"), `${pct(r.uniqueShare)} (${int(Math.round(r.uniqueShare * r.records))})`],
    [
      t("risk.text.prosecutor"),
      t("risk.text.max_average", { max: num(r.prosecutorMax), average: num(r.prosecutorAvg) }),
    ],
  ];
  if (r.journalistMax !== undefined && r.journalistAvg !== undefined)
    rows.push([
      t("risk.text.journalist"),
      t("risk.text.population", {
        max: num(r.journalistMax),
        average: num(r.journalistAvg),
        records: records(analysis.populationRecords ?? 0),
      }),
    ]);
  else rows.push([t("risk.text.journalist"), t("risk.text.needs_population")]);
  rows.push([t("risk.text.marketer"), num(r.marketer)]);
  if (r.lDiversity !== undefined)
    rows.push([
      t("risk.text.l_diversity", { sensitive: options.sensitive ?? t("risk.text.sensitive") }),
      t("risk.text.l_values", {
        distinct: int(r.lDiversity.distinctMin),
        entropy: r.lDiversity.entropyMin.toFixed(2),
      }),
    ]);
  lines.push(...labelled(rows));
  const top = options.top ?? 20;
  if (r.riskiest.length > 0) {
    lines.push("");
    lines.push(
      t("risk.text.riskiest") +
        (r.riskiest.length > top ? t("risk.text.top", { top, all: r.riskiest.length }) : ""),
    );
    lines.push(
      `  ${padStart(t("risk.text.col_unique"), 8)}  ${padStart(t("risk.text.col_k"), 9)}  ${t("risk.text.col_columns")}`,
    );
    for (const c of r.riskiest.slice(0, top))
      lines.push(`  ${pct(c.uniqueShare).padStart(8)}  ${int(c.k).padStart(9)}  ${c.columns.join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The risk report as JSON (one object, stable keys in snake_case like every JSON the CLI prints).
 * @example JSON.parse(renderRiskJson("a.csv", ["age"], analysis)).unique_share // 0.12
 */
export function renderRiskJson(
  file: string,
  qi: readonly string[],
  analysis: RiskAnalysis,
  options: { sensitive?: string } = {},
): string {
  const r = analysis.report;
  return json({
    file,
    qi,
    ...(options.sensitive === undefined ? {} : { sensitive: options.sensitive }),
    bad_records: analysis.badRecords,
    ...(analysis.populationRecords === undefined ? {} : { population_records: analysis.populationRecords }),
    records: r.records,
    classes: r.classes,
    k: r.k,
    unique_share: r.uniqueShare,
    prosecutor_max: r.prosecutorMax,
    prosecutor_avg: r.prosecutorAvg,
    ...(r.journalistMax === undefined ? {} : { journalist_max: r.journalistMax }),
    ...(r.journalistAvg === undefined ? {} : { journalist_avg: r.journalistAvg }),
    marketer: r.marketer,
    ...(r.lDiversity === undefined
      ? {}
      : { l_diversity: { distinct_min: r.lDiversity.distinctMin, entropy_min: r.lDiversity.entropyMin } }),
    riskiest: r.riskiest.map((c) => ({ columns: [...c.columns], k: c.k, unique_share: c.uniqueShare })),
  });
}

/** How a file's records link, in words: a column pair or the shared quasi-identifiers (names only). */
function viaText(via: LinkVia | undefined): string {
  if (via === undefined) return t("risk.link.via_none");
  if (via.kind === "quasiIdentifiers")
    return t("risk.link.via_quasi_identifiers", { columns: via.columns.join(", ") });
  return t(via.kind === "pseudonym" ? "risk.link.via_pseudonym" : "risk.link.via_columns", {
    a: via.a,
    b: via.b,
  });
}

/** The linkage report as text: the joining columns, the strongest join per file, and the verdict. */
export function renderLinkText(report: LinkReport, options: { top?: number } = {}): string {
  const top = options.top ?? 20;
  const lines: string[] = [];
  const { a, b } = report;
  for (const [side, s] of [
    ["A", a],
    ["B", b],
  ] as const)
    lines.push(
      t("risk.link.side", {
        side,
        file: s.file,
        records: records(s.records),
        columns: t("risk.columns", { count: s.columns, n: int(s.columns) }),
      }),
    );
  for (const tr of report.truncated)
    lines.push(t("risk.link.truncated", { file: tr.file, column: tr.column, max: int(report.maxDistinct) }));
  lines.push("");
  const joins = report.pairs.filter((p) => p.linkedA > 0 || p.linkedB > 0 || p.kind === "pseudonym");
  if (joins.length === 0) lines.push(t("risk.link.no_join"));
  else {
    lines.push(
      t("risk.link.joins", {
        top: joins.length > top ? t("risk.text.top", { top, all: joins.length }) : "",
      }),
    );
    lines.push(
      `  ${padStart(t("risk.link.col_overlap"), 8)}  ${"A -> B".padStart(8)}  ${"B -> A".padStart(8)}  ${t("risk.link.col_pair")}`,
    );
    for (const p of joins.slice(0, top)) {
      lines.push(
        `  ${pct(p.overlap).padStart(8)}  ${pct(p.linkedShareA).padStart(8)}  ${pct(p.linkedShareB).padStart(8)}  ${p.a} -> ${p.b}`,
      );
      if (p.kind === "pseudonym") lines.push(`            ${t("risk.link.same_pseudonyms")}`);
    }
  }
  const q = report.quasiIdentifiers;
  lines.push("");
  if (q === undefined) lines.push(t("risk.link.no_common_names"));
  else
    lines.push(
      t("risk.link.quasi_identifiers", {
        columns: q.columns.join(", "),
        shareA: pct(q.linkedShareA),
        shareB: pct(q.linkedShareB),
        oneToOne: records(q.oneToOne),
      }),
    );
  const { aToB, bToA } = report.strongest;
  lines.push("");
  lines.push(t("risk.link.strongest"));
  for (const [label, s, total] of [
    ["A -> B", aToB, a.records],
    ["B -> A", bToA, b.records],
  ] as const)
    lines.push(
      `  ${label}  ${pct(s.share).padStart(8)}  ${t("risk.link.of", { records: int(s.records), total: int(total) })}  ${viaText(s.via)}`,
    );
  const v = report.verdict;
  const [from, to] = v.direction === "aToB" ? ["A", "B"] : ["B", "A"];
  lines.push("");
  lines.push(
    v.linkable
      ? t("risk.link.linkable", { share: pct(v.share), from, to, max: pct(v.maxLinkShare) })
      : t("risk.link.not_linkable", { share: pct(v.share), max: pct(v.maxLinkShare) }),
  );
  return `${lines.join("\n")}\n`;
}

/** A join's JSON form: `kind` values name JSON keys, so they are snake_case too ("quasi_identifiers"). */
function viaJson(via: LinkVia): Record<string, unknown> {
  return via.kind === "quasiIdentifiers"
    ? { kind: "quasi_identifiers", columns: [...via.columns] }
    : { kind: via.kind, a: via.a, b: via.b };
}

/** One direction of the strongest join, as JSON. */
function directionJson(d: LinkDirection): Record<string, unknown> {
  return { records: d.records, share: d.share, ...(d.via === undefined ? {} : { via: viaJson(d.via) }) };
}

/** One file's side, as JSON. */
function sideJson(s: LinkSide): Record<string, unknown> {
  return { file: s.file, records: s.records, columns: s.columns, bad_records: s.badRecords };
}

/**
 * The linkage report as JSON: the `LinkReport` object, verdict included, with snake_case keys like every JSON the
 * CLI prints; the verdict's `direction` names a key of `strongest`, so it reads "a_to_b" or "b_to_a".
 * @example JSON.parse(renderLinkJson(report)).verdict.direction // "a_to_b"
 */
export function renderLinkJson(report: LinkReport): string {
  const q = report.quasiIdentifiers;
  const v = report.verdict;
  return json({
    a: sideJson(report.a),
    b: sideJson(report.b),
    max_distinct: report.maxDistinct,
    truncated: report.truncated.map((tr) => ({ file: tr.file, column: tr.column })),
    pairs: report.pairs.map((p) => ({
      a: p.a,
      b: p.b,
      kind: p.kind,
      distinct_a: p.distinctA,
      distinct_b: p.distinctB,
      overlap: p.overlap,
      one_to_one: p.oneToOne,
      one_to_one_share_a: p.oneToOneShareA,
      one_to_one_share_b: p.oneToOneShareB,
      linked_a: p.linkedA,
      linked_share_a: p.linkedShareA,
      linked_b: p.linkedB,
      linked_share_b: p.linkedShareB,
    })),
    ...(q === undefined
      ? {}
      : {
          quasi_identifiers: {
            columns: [...q.columns],
            unique_in_a: q.uniqueInA,
            unique_in_b: q.uniqueInB,
            one_to_one: q.oneToOne,
            one_to_one_share_a: q.oneToOneShareA,
            one_to_one_share_b: q.oneToOneShareB,
            linked_a: q.linkedA,
            linked_share_a: q.linkedShareA,
            linked_b: q.linkedB,
            linked_share_b: q.linkedShareB,
          },
        }),
    strongest: { a_to_b: directionJson(report.strongest.aToB), b_to_a: directionJson(report.strongest.bToA) },
    verdict: {
      linkable: v.linkable,
      max_link_share: v.maxLinkShare,
      share: v.share,
      direction: v.direction === "aToB" ? "a_to_b" : "b_to_a",
    },
  });
}
