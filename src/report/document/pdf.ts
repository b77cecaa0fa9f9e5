// a report as PDF: the page html.ts makes, printed on A4 by Chromium (playwright-core driving Debian's chromium,
// no browser download), with the report's footer line and "page / pages" at the foot of every page. Korean is
// drawn with NanumGothic (Debian's fonts-nanum, first in html.ts's font stack), a TrueType font Chromium embeds as
// a named CID subset; Noto Sans CJK (fonts-noto-cjk) is the fallback, which Chromium's PDF backend can only write
// as unnamed Type 3 fonts (vector glyphs, still searchable). Script and network are off in the page: the HTML is
// self-contained. Laying out and printing is most of a document's time; openPdfPrinter() keeps one browser for many
// documents, renderPdf() prints one.
import { accessSync, constants, statSync } from "node:fs";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { escapeHtml, renderHtml } from "./html.js";
import type { ReportDocument } from "./model.js";

/** Where Chromium is looked for when the options name none (Debian's package). */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** The page margins: the same as the `@page` rule of html.ts (the running footer sits in the bottom one). */
export const PDF_MARGINS = { top: "16mm", right: "14mm", bottom: "18mm", left: "14mm" } as const;

export interface PdfOptions {
  /** Chromium's executable (the adapters pass $JIKIMI_CHROMIUM): default /usr/bin/chromium */
  executablePath?: string;
  /** milliseconds allowed to start Chromium, and to lay out and print one document (default 60 000) */
  timeoutMs?: number;
  /**
   * a tagged (accessible) PDF: its structure for screen readers. Off by default: a tag per table cell makes a
   * 2,300-row table's PDF ten times larger (4.2 MiB instead of 0.4) and its printing about twice as slow.
   */
  tagged?: boolean;
}

/** One Chromium printing documents one after another (or side by side): close it when done. */
export interface PdfPrinter {
  /** The document as PDF bytes. */
  print(doc: ReportDocument): Promise<Buffer>;
  /** Stops Chromium; printing afterwards fails. Safe to call twice. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** The executable, checked to be a file we may run (else `pdf_renderer_missing`, naming the path only). */
function chromiumPath(options: PdfOptions): string {
  const path = options.executablePath ?? DEFAULT_CHROMIUM;
  let usable = false;
  try {
    if (statSync(path).isFile()) {
      accessSync(path, constants.X_OK);
      usable = true;
    }
  } catch {
    // missing, or not ours to run: usable stays false
  }
  if (!usable)
    throw new JikimiError("pdf_renderer_missing", t("document.pdf.renderer_missing", { path }), {
      hint: t("document.pdf.renderer_missing_hint"),
      details: { path },
    });
  return path;
}

/** Chromium's failure as a JikimiError: Playwright's message stays in `cause`, out of the message shown. */
function rendererFailed(path: string, stage: "launch" | "print", cause: unknown): JikimiError {
  return new JikimiError("pdf_renderer_failed", t("document.pdf.renderer_failed", { path }), {
    hint: t("document.pdf.renderer_failed_hint", { path }),
    details: { path, stage },
    cause,
  });
}

/** The running footer: the report's footer line on the left, "page / pages" on the right, in the report's font. */
function footerTemplate(doc: ReportDocument): string {
  return `<div style="box-sizing: border-box; width: 100%; padding: 0 ${PDF_MARGINS.right} 0 ${PDF_MARGINS.left};
display: flex; gap: 4mm; justify-content: space-between; color: #57606a; font-size: 7.5pt;
font-family: NanumGothic, 'Nanum Gothic', 'Noto Sans CJK KR', 'Noto Sans KR', sans-serif;">
<span style="overflow: hidden; white-space: nowrap; text-overflow: ellipsis;">${escapeHtml(doc.footer)}</span>
<span style="white-space: nowrap;"><span class="pageNumber"></span> / <span class="totalPages"></span></span>
</div>`;
}

async function printWith(
  browser: Browser,
  path: string,
  options: { timeout: number; tagged: boolean },
  doc: ReportDocument,
): Promise<Buffer> {
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    context.setDefaultTimeout(options.timeout);
    const page = await context.newPage();
    await page.setContent(renderHtml(doc), { waitUntil: "load" });
    return await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: footerTemplate(doc),
      margin: PDF_MARGINS,
      outline: true,
      tagged: options.tagged,
    });
  } catch (cause) {
    throw rendererFailed(path, "print", cause);
  } finally {
    await context?.close().catch(() => undefined);
  }
}

/**
 * Starts Chromium once for many documents. Throws `pdf_renderer_missing` when Chromium is not installed (or not
 * where the options say) and `pdf_renderer_failed` when it does not start or cannot print.
 * @example
 * const printer = await openPdfPrinter();
 * try {
 *   for (const doc of docs) await writeFile(`${doc.title}.pdf`, await printer.print(doc));
 * } finally {
 *   await printer.close();
 * }
 */
export async function openPdfPrinter(options: PdfOptions = {}): Promise<PdfPrinter> {
  const path = chromiumPath(options);
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: path,
      headless: true,
      args: ["--no-sandbox"],
      timeout,
    });
  } catch (cause) {
    throw rendererFailed(path, "launch", cause);
  }
  let closed = false;
  return {
    print(doc) {
      if (closed) return Promise.reject(new Error("the PDF printer is closed"));
      return printWith(browser, path, { timeout, tagged: options.tagged ?? false }, doc);
    },
    async close() {
      if (closed) return;
      closed = true;
      await browser.close();
    },
  };
}

/**
 * The document as PDF (A4, page numbers, fonts embedded), with a Chromium started for it and stopped after.
 * To print several documents, openPdfPrinter() saves a start per document.
 * @example await writeFile("report.pdf", await renderPdf(doc));
 */
export async function renderPdf(doc: ReportDocument, options: PdfOptions = {}): Promise<Buffer> {
  const printer = await openPdfPrinter(options);
  try {
    return await printer.print(doc);
  } finally {
    await printer.close();
  }
}
