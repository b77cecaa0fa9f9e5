// a report as an Excel workbook (exceljs): a first sheet with the title, subtitle, facts and the sections' texts
// (each table or chart pointing to its sheet), then one sheet per table and per chart's figures. Numbers stay
// numbers (grouped by the `#,##0` format, never text), the header row is bold and frozen, a footer row bold, and
// columns are as wide as their text (Hangul counts two, string-width). The same document gives the same bytes:
// the workbook's dates are fixed and so are the zip entries' (exceljs stamps those with the time of writing).
import ExcelJS from "exceljs";
import stringWidth from "string-width";
import { t } from "../../i18n/index.js";
import { type BarChart, type Cell, cellText, type ReportDocument, type Table } from "./model.js";

type Worksheet = ExcelJS.Worksheet;

export interface XlsxOptions {
  /** the workbook's created and modified dates (and its zip entries'); default 2000-01-01T00:00:00Z */
  created?: Date;
}

/** The date written when none is given: fixed, so two renders of one document are the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
const SHEET_NAME_MAX = 31;
const WIDTH_MIN = 8;
const WIDTH_MAX = 60;
const TEXT_WIDTH = 100;
const BAND = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF3F5F7" } } as const;
const RULE = { style: "thin", color: { argb: "FFD0D7DE" } } as const;
const TONE = { ok: "FF1A7F37", warning: "FF9A6700", error: "FFCF222E" } as const;

/**
 * A valid sheet name from `wanted`, unique (as Excel compares: ignoring case) among `taken`, which it joins:
 * `[]:*?/\` and control characters become spaces, quotes at either end go, at most 31 characters (a " (2)"
 * suffix included), "Sheet" for nothing left; "History" is Excel's own.
 * @example sheetName("1/4분기: 제공", new Set()) // "1 4분기 제공"
 */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\\p{Cc}]/gu, " ")
      .replace(/\s+/g, " ")
      .replace(/^[\s']+|[\s']+$/g, "") || "Sheet";
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const name = `${cut(base, SHEET_NAME_MAX - suffix.length).replace(/[\s']+$/, "")}${suffix}`;
    const key = name.toLowerCase();
    if (name !== "" && key !== "history" && !taken.has(key)) {
      taken.add(key);
      return name;
    }
  }
}

/** At most `max` UTF-16 units of `text`, never splitting a character. */
function cut(text: string, max: number): string {
  let out = "";
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** A chart's figures as a table: a row per category, a column per series. */
function chartTable(chart: BarChart): Table {
  return {
    caption: chart.title,
    columns: [{ label: "" }, ...chart.series.map((s) => ({ label: s.name, align: "right" as const }))],
    rows: chart.categories.map((c, i) => [c, ...chart.series.map((s) => s.values[i] ?? null)]),
  };
}

/** Puts a value in a cell: numbers as numbers with digit grouping, empty as an empty cell. */
function put(cell: ExcelJS.Cell, value: Cell, lang: ReportDocument["lang"]): void {
  if (value === null) return;
  if (typeof value === "number" && Number.isFinite(value)) {
    cell.value = value;
    cell.numFmt = Number.isInteger(value) ? "#,##0" : "#,##0.###";
  } else cell.value = cellText(value, lang);
}

/** Writes `table` on `sheet`: caption, bold frozen header, rows, bold footer, filter, fitted widths. */
function writeTable(sheet: Worksheet, table: Table, lang: ReportDocument["lang"]): void {
  let r = 1;
  if (table.caption !== undefined) {
    const caption = sheet.getCell(r++, 1);
    caption.value = table.caption;
    caption.font = { bold: true };
  }
  const header = r;
  table.columns.forEach((column, i) => {
    const cell = sheet.getCell(header, i + 1);
    cell.value = column.label;
    cell.font = { bold: true };
    cell.fill = BAND;
    cell.border = { top: RULE, bottom: RULE, left: RULE, right: RULE };
    if (column.align !== undefined) cell.alignment = { horizontal: column.align };
  });
  sheet.views = [{ state: "frozen", xSplit: 0, ySplit: header, topLeftCell: `A${header + 1}` }];
  const line = (cells: readonly Cell[], row: number, bold: boolean) =>
    cells.forEach((value, i) => {
      const cell = sheet.getCell(row, i + 1);
      put(cell, value, lang);
      const align = table.columns[i]?.align;
      if (align !== undefined) cell.alignment = { horizontal: align };
      if (bold) {
        cell.font = { bold: true };
        cell.fill = BAND;
        cell.border = { top: RULE };
      }
    });
  for (const row of table.rows) line(row, ++r, false);
  if (table.rows.length > 0 && table.columns.length > 0)
    sheet.autoFilter = { from: { row: header, column: 1 }, to: { row: r, column: table.columns.length } };
  if (table.footer !== undefined) line(table.footer, ++r, true);

  const widths = table.columns.map((c) => stringWidth(c.label));
  for (const row of table.footer === undefined ? table.rows : [...table.rows, table.footer])
    row.forEach((value, i) => {
      if (value !== null && i < widths.length)
        widths[i] = Math.max(widths[i] ?? 0, stringWidth(cellText(value, lang)));
    });
  widths.forEach((w, i) => {
    // +2 for the cell's padding, +2 on the header's filter button
    sheet.getColumn(i + 1).width = Math.min(WIDTH_MAX, Math.max(WIDTH_MIN, w + 4));
  });
}

/** The first sheet: title, subtitle, facts, then each section's heading and texts, pointing to its sheets. */
function writeCover(sheet: Worksheet, doc: ReportDocument, sheetsOf: Map<object, string>): void {
  const t1 = sheet.getCell("A1");
  t1.value = doc.title;
  t1.font = { bold: true, size: 16 };
  let r = 1;
  if (doc.subtitle !== undefined) {
    const sub = sheet.getCell(++r, 1);
    sub.value = doc.subtitle;
    sub.font = { color: { argb: "FF57606A" } };
  }
  r++;
  const labels: string[] = [];
  for (const fact of doc.facts) {
    const row = sheet.getRow(++r);
    row.getCell(1).value = fact.label;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = fact.value;
    labels.push(fact.label);
  }
  const text = (value: string, color?: string) => {
    const cell = sheet.getCell(++r, 2);
    cell.value = value;
    cell.alignment = { wrapText: true, vertical: "top" };
    if (color !== undefined) cell.font = { color: { argb: color } };
  };
  for (const section of doc.sections) {
    r++;
    const heading = sheet.getCell(++r, 1);
    heading.value = section.heading;
    heading.font = { bold: true, size: 12 };
    heading.alignment = { wrapText: true, vertical: "top" };
    labels.push(section.heading);
    for (const block of section.blocks) {
      switch (block.type) {
        case "paragraph":
          text(block.text);
          break;
        case "list":
          for (const item of block.items) text(`• ${item}`);
          break;
        case "notice":
          text(`${block.tone === "ok" ? "✓" : "!"} ${block.text}`, TONE[block.tone]);
          break;
        case "table":
          text(t("document.xlsx.table_at", { sheet: sheetsOf.get(block) ?? "" }, doc.lang));
          break;
        case "chart":
          text(t("document.xlsx.chart_at", { sheet: sheetsOf.get(block) ?? "" }, doc.lang));
          break;
      }
    }
  }
  r += 2;
  const foot = sheet.getCell(r, 1);
  foot.value = doc.footer;
  foot.font = { color: { argb: "FF57606A" }, size: 9 };
  const widest = labels.reduce((w, l) => Math.max(w, stringWidth(l)), 0);
  sheet.getColumn(1).width = Math.min(40, Math.max(WIDTH_MIN, widest + 2));
  sheet.getColumn(2).width = TEXT_WIDTH;
}

/** MS-DOS date and time words of `date` (UTC; 2-second steps, years 1980 to 2107). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(2107, Math.max(1980, date.getUTCFullYear()));
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * Sets every entry's modification time in a zip archive (central directory and local headers) to `when`, in
 * place: JSZip, under exceljs, stamps each entry with the time it was added. The times are outside the CRCs.
 */
function stampZip(zip: Buffer, when: Date): void {
  const { time, date } = dosDateTime(when);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("xlsx: exceljs wrote no zip end record");
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("xlsx: a zip directory entry is malformed");
    zip.writeUInt16LE(time, at + 12);
    zip.writeUInt16LE(date, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error("xlsx: a zip entry header is malformed");
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
}

/**
 * The document as an XLSX workbook: a cover sheet, then a sheet per table and per chart (named from
 * `table.sheet`, the section heading or the chart title, made valid and unique). One document gives the same
 * bytes every time.
 * @example await writeFile("report.xlsx", await renderXlsx(doc));
 */
export async function renderXlsx(doc: ReportDocument, options: XlsxOptions = {}): Promise<Buffer> {
  const when = options.created ?? FIXED_DATE;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Jikimi";
  workbook.lastModifiedBy = "Jikimi";
  workbook.title = doc.title;
  if (doc.subtitle !== undefined) workbook.subject = doc.subtitle;
  workbook.created = when;
  workbook.modified = when;

  const taken = new Set<string>();
  const cover = workbook.addWorksheet(sheetName(t("document.xlsx.cover_sheet", {}, doc.lang), taken));
  const sheetsOf = new Map<object, string>();
  for (const section of doc.sections)
    for (const block of section.blocks) {
      if (block.type !== "table" && block.type !== "chart") continue;
      const table = block.type === "table" ? block.table : chartTable(block.chart);
      const wanted = block.type === "table" ? (block.table.sheet ?? section.heading) : block.chart.title;
      const sheet = workbook.addWorksheet(sheetName(wanted, taken));
      writeTable(sheet, table, doc.lang);
      sheetsOf.set(block, sheet.name);
    }
  writeCover(cover, doc, sheetsOf);

  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  stampZip(bytes, when);
  return bytes;
}
