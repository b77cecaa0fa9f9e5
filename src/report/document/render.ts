// one report in the format asked for: its exact figures as JSON, or its document as Markdown, HTML, PDF or XLSX.
// PDF (Chromium) and XLSX (exceljs) are loaded only when asked for: every other format starts without them.
import type { ReportDocument } from "./model.js";
import type { PdfOptions } from "./pdf.js";

/** The formats a report is written in. */
export const REPORT_FORMATS = ["html", "pdf", "md", "json", "xlsx"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The formats that are bytes, not text (never written to a terminal). */
export const BINARY_FORMATS: ReadonlySet<ReportFormat> = new Set(["pdf", "xlsx"]);

/** The media type of each format, for an HTTP answer. */
export const MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  md: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * The report `data` (its JSON) or `doc` rendered in `format`.
 * @example const html = await renderReport("html", data, () => inspectionDocument(data, "ko"));
 */
export async function renderReport(
  format: ReportFormat,
  data: unknown,
  doc: () => ReportDocument,
  options: { pdf?: PdfOptions } = {},
): Promise<string | Uint8Array> {
  switch (format) {
    case "json":
      return `${JSON.stringify(data, null, 2)}\n`;
    case "md":
      return (await import("./markdown.js")).renderMarkdown(doc());
    case "html":
      return (await import("./html.js")).renderHtml(doc());
    case "pdf":
      return (await import("./pdf.js")).renderPdf(doc(), options.pdf);
    case "xlsx":
      return (await import("./xlsx.js")).renderXlsx(doc());
  }
}
