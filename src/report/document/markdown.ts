// a report as Markdown (GitHub-flavoured tables): the form a DPO pastes into a wiki or a privacy policy. A chart
// becomes its table of figures; pipes and line breaks in cells are escaped so a cell never breaks its row.
import { alignRight, type Block, type Cell, cellText, type ReportDocument, type Table } from "./model.js";

/** Text safe inside a Markdown table cell or line: pipes escaped, line breaks as spaces. */
function inline(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function tableMarkdown(table: Table, lang: ReportDocument["lang"]): string {
  const line = (cells: readonly Cell[]) => `| ${cells.map((c) => inline(cellText(c, lang))).join(" | ")} |`;
  const rule = `| ${table.columns.map((_, i) => (alignRight(table, i) ? "---:" : "---")).join(" | ")} |`;
  return [
    ...(table.caption === undefined ? [] : [`**${inline(table.caption)}**`, ""]),
    `| ${table.columns.map((c) => inline(c.label)).join(" | ")} |`,
    rule,
    ...table.rows.map(line),
    ...(table.footer === undefined
      ? []
      : [line(table.footer.map((c) => (c === null ? null : `**${cellText(c, lang)}**`)))]),
  ].join("\n");
}

function blockMarkdown(block: Block, lang: ReportDocument["lang"]): string {
  switch (block.type) {
    case "paragraph":
      return inline(block.text);
    case "list":
      return block.items.map((i) => `- ${inline(i)}`).join("\n");
    case "notice":
      return `> ${block.tone === "ok" ? "✓" : "!"} ${inline(block.text)}`;
    case "table":
      return tableMarkdown(block.table, lang);
    case "chart":
      return tableMarkdown(
        {
          caption: block.chart.title,
          columns: [
            { label: "" },
            ...block.chart.series.map((s) => ({ label: s.name, align: "right" as const })),
          ],
          rows: block.chart.categories.map((c, i) => [
            c,
            ...block.chart.series.map((s) => s.values[i] ?? null),
          ]),
        },
        lang,
      );
  }
}

/** The document as Markdown. */
export function renderMarkdown(doc: ReportDocument): string {
  const out = [`# ${inline(doc.title)}`, ""];
  if (doc.subtitle !== undefined) out.push(inline(doc.subtitle), "");
  for (const f of doc.facts) out.push(`- **${inline(f.label)}**: ${inline(f.value)}`);
  for (const s of doc.sections) {
    out.push("", `## ${inline(s.heading)}`);
    for (const b of s.blocks) out.push("", blockMarkdown(b, doc.lang));
  }
  out.push("", "---", "", inline(doc.footer), "");
  return out.join("\n");
}
