// a report as one self-contained HTML page: styles inline (screen and print: A4, running margins, no table row
// split across pages), charts as inline SVG, no script and nothing fetched. Every text is escaped.
import { barChartSvg } from "./charts.js";
import { alignRight, type Block, cellText, type ReportDocument, type Table } from "./model.js";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --band: #f3f5f7;
  --ok: #1a7f37; --warning: #9a6700; --error: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem; color: var(--ink); background: #fff;
  font: 14px/1.55 "NanumGothic", "Nanum Gothic", "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic",
  system-ui, sans-serif; word-break: keep-all; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--ink); }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 1rem 0;
  padding: .75rem 1rem; background: var(--band); border-radius: 4px; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
tfoot td { font-weight: 600; background: var(--band); }
.notice { padding: .5rem .75rem; border-left: 4px solid; margin: .5rem 0; background: var(--band); }
.notice.ok { border-color: var(--ok); } .notice.warning { border-color: var(--warning); }
.notice.error { border-color: var(--error); }
figure { margin: .5rem 0 1rem; } figure svg { max-width: 100%; height: auto; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--rule);
  padding-top: .5rem; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; } tr, figure, .notice { break-inside: avoid; } thead { display: table-header-group; }
  tfoot { display: table-row-group; } /* totals once, after the last row, not repeated at each page's foot */
  a { color: inherit; text-decoration: none; }
}`;

function tableHtml(table: Table, lang: ReportDocument["lang"]): string {
  const cls = (i: number) => {
    const names = [
      ...(alignRight(table, i) ? ["num"] : []),
      ...(table.columns[i]?.nowrap === true ? ["nowrap"] : []),
    ];
    return names.length === 0 ? "" : ` class="${names.join(" ")}"`;
  };
  const head = table.columns.map((c, i) => `<th scope="col"${cls(i)}>${escapeHtml(c.label)}</th>`).join("");
  const row = (cells: readonly (string | number | null)[]) =>
    cells.map((c, i) => `<td${cls(i)}>${escapeHtml(cellText(c, lang))}</td>`).join("");
  const body = table.rows.map((r) => `<tr>${row(r)}</tr>`).join("\n");
  return [
    "<table>",
    table.caption === undefined ? "" : `<caption>${escapeHtml(table.caption)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>`,
    table.footer === undefined ? "" : `<tfoot><tr>${row(table.footer)}</tr></tfoot>`,
    "</table>",
  ].join("");
}

function blockHtml(block: Block, lang: ReportDocument["lang"]): string {
  switch (block.type) {
    case "paragraph":
      return `<p>${escapeHtml(block.text)}</p>`;
    case "list":
      return `<ul>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
    case "notice":
      return `<p class="notice ${block.tone}" role="note">${escapeHtml(block.text)}</p>`;
    case "table":
      return tableHtml(block.table, lang);
    case "chart":
      return `<figure role="img" aria-label="${escapeHtml(block.chart.title)}">${barChartSvg(block.chart)}</figure>`;
  }
}

/** The document as a complete HTML page in its language. */
export function renderHtml(doc: ReportDocument): string {
  const facts = doc.facts
    .map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`)
    .join("");
  const sections = doc.sections
    .map(
      (s) =>
        `<section id="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.heading)}</h2>\n${s.blocks.map((b) => blockHtml(b, doc.lang)).join("\n")}\n</section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(doc.title)}</h1>
${doc.subtitle === undefined ? "" : `<p class="subtitle">${escapeHtml(doc.subtitle)}</p>`}
<dl class="facts">${facts}</dl>
</header>
<main>
${sections}
</main>
<footer>${escapeHtml(doc.footer)}</footer>
</body>
</html>
`;
}
