// a report as a document: a title, what it was computed from, and sections of paragraphs, tables, lists, notices
// and charts, with every text already in the report's language (the message catalogue). One document feeds every
// renderer (markdown.ts, html.ts, and pdf and xlsx beside them), so the formats never disagree on a figure.

/** The languages a report is written in. */
export type ReportLanguage = "ko" | "en";

/** A table's cell: text as written, a number formatted by the renderer (digit grouping), or empty. */
export type Cell = string | number | null;

export interface Column {
  label: string;
  /** numbers align right by default */
  align?: "left" | "right";
  /** kept on one line (dates, ids): the other columns wrap instead */
  nowrap?: boolean;
}

export interface Table {
  caption?: string;
  columns: Column[];
  rows: Cell[][];
  /** a last row set apart (totals) */
  footer?: Cell[];
  /** the sheet name in a workbook (xlsx): short, no `[]:*?/\` */
  sheet?: string;
}

/** A bar chart drawn server-side as SVG (charts.ts): one bar per category and series. */
export interface BarChart {
  title: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  /** stacked bars instead of side by side */
  stacked?: boolean;
}

export type Block =
  | { type: "paragraph"; text: string }
  | { type: "list"; items: string[] }
  | { type: "notice"; tone: "ok" | "warning" | "error"; text: string }
  | { type: "table"; table: Table }
  | { type: "chart"; chart: BarChart };

export interface Section {
  /** a stable anchor (html) */
  id: string;
  heading: string;
  blocks: Block[];
}

/** A label and value shown under the title: the period, the checkpoint, whether verify passed. */
export interface Fact {
  label: string;
  value: string;
}

export interface ReportDocument {
  lang: ReportLanguage;
  title: string;
  subtitle?: string;
  facts: Fact[];
  sections: Section[];
  /** the line at the foot of every page: who made it, from what */
  footer: string;
}

/** A number with the report language's digit grouping (both languages group by thousands with a comma). */
export function formatNumber(n: number, lang: ReportLanguage): string {
  return n.toLocaleString(lang === "ko" ? "ko-KR" : "en-US");
}

/** A cell as text: numbers grouped, empty as a dash. */
export function cellText(cell: Cell, lang: ReportLanguage): string {
  if (cell === null) return "-";
  return typeof cell === "number" ? formatNumber(cell, lang) : cell;
}

/** Whether a column is right-aligned: as declared, else when every cell in it is a number. */
export function alignRight(table: Table, column: number): boolean {
  const declared = table.columns[column]?.align;
  if (declared !== undefined) return declared === "right";
  const cells = table.rows.map((r) => r[column]).filter((c) => c !== null && c !== undefined);
  return cells.length > 0 && cells.every((c) => typeof c === "number");
}
