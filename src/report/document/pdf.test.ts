// the PDF renderer against real Chromium and poppler-utils (pdftotext, pdffonts, pdfinfo, pdftoppm): a Korean
// report's text is extractable with its figures grouped, every font is embedded as a named subset and Korean is
// drawn with NanumGothic, pages are A4 and none is blank. Nothing is skipped: without Chromium (apt-get install
// chromium fonts-nanum poppler-utils) these tests fail and say so.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JikimiError } from "../../errors.js";
import { renderHtml } from "./html.js";
import type { ReportDocument } from "./model.js";
import { openPdfPrinter, PDF_MARGINS, renderPdf } from "./pdf.js";

const REGIONS = ["서울특별시", "부산광역시", "대구광역시", "인천광역시", "광주광역시", "대전광역시"];

/** A Korean report long enough for two pages: facts, a notice, a chart and a 60-row table with totals. */
function koreanDoc(): ReportDocument {
  const rows = Array.from({ length: 60 }, (_, i) => [
    `수령자 ${i + 1}`,
    REGIONS[i % REGIONS.length] ?? "",
    i === 0 ? 170000 : i === 1 ? 950000 : 1000 * (i + 1),
  ]);
  return {
    lang: "ko",
    title: "개인정보 제공 현황 보고서",
    subtitle: "2025년 1분기",
    facts: [
      { label: "기간", value: "2025-01-01 ~ 2025-03-31" },
      { label: "검증", value: "통과" },
    ],
    sections: [
      {
        id: "summary",
        heading: "요약",
        blocks: [
          { type: "paragraph", text: "이 보고서는 제공 원장에서 계산되었습니다." },
          { type: "notice", tone: "warning", text: "보유 기간이 지난 제공이 2건 있습니다." },
          {
            type: "chart",
            chart: {
              title: "월별 제공 건수",
              categories: ["1월", "2월", "3월"],
              series: [{ name: "제공", values: [120, 340, 95] }],
            },
          },
        ],
      },
      {
        id: "recipients",
        heading: "수령자별 제공 내역",
        blocks: [
          {
            type: "table",
            table: {
              caption: "수령자별 제공 건수",
              columns: [{ label: "수령자" }, { label: "지역" }, { label: "건수" }],
              rows,
              footer: ["합계", null, rows.reduce((sum, r) => sum + Number(r[2]), 0)],
            },
          },
        ],
      },
    ],
    footer: "Jikimi 0.1.0 · 원장 체크포인트 42",
  };
}

/** Runs a poppler tool; a missing one fails the test with what to install. */
function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new Error(`${tool} is needed for the PDF tests: apt-get install poppler-utils`);
    throw error;
  }
}

/** pdffonts' table as rows of columns, cut where the header's dashes say (names and types hold spaces). */
function pdffonts(file: string): { name: string; type: string; emb: string }[] {
  const lines = poppler("pdffonts", [file]).split("\n");
  const dashes = lines[1] ?? "";
  const spans = [...dashes.matchAll(/-+/g)].map((m) => [m.index, m.index + m[0].length] as const);
  return lines
    .slice(2)
    .filter((l) => l.trim() !== "")
    .map((line) => {
      const col = (i: number) => line.slice(spans[i]?.[0], spans[i]?.[1]).trim();
      return { name: col(0), type: col(1), emb: col(3) };
    });
}

/** The share of a binary PGM (P5, 8-bit) image's pixels darker than near-white. */
function inkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString("latin1"));
  if (header === null) throw new Error("pdftoppm wrote no binary PGM");
  const [whole, w, h] = header;
  const pixels = pgm.subarray(whole.length);
  expect(pixels.length).toBe(Number(w) * Number(h));
  let ink = 0;
  for (const p of pixels) if (p < 250) ink++;
  return ink / pixels.length;
}

describe("renderPdf", () => {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-pdf-"));
  const file = join(dir, "report.pdf");
  const doc = koreanDoc();
  let pdf: Buffer;

  beforeAll(async () => {
    pdf = await renderPdf(doc);
    writeFileSync(file, pdf);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes A4 pages, the table running onto a second one", () => {
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const info = poppler("pdfinfo", [file]);
    expect(info).toMatch(/^Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)$/m);
    expect(Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
  });

  it("keeps the Korean text and the grouped figures extractable, with page numbers on every page", () => {
    const text = poppler("pdftotext", ["-layout", file, "-"]);
    for (const expected of [
      "개인정보 제공 현황 보고서",
      "2025년 1분기",
      "요약",
      "수령자별 제공 내역",
      "보유 기간이 지난 제공이 2건 있습니다.",
      "서울특별시",
      "170,000",
      "950,000",
      "합계",
      "원장 체크포인트 42",
    ])
      expect(text).toContain(expected);
    const pages = text.split("\f").filter((p) => p.trim() !== "");
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, page] of pages.entries())
      expect(page).toMatch(new RegExp(`\\b${i + 1}\\s*/\\s*${pages.length}\\s*$`));
  });

  it("embeds every font as a named subset, and draws Korean with NanumGothic", () => {
    const fonts = pdffonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font, `font ${font.name} (${font.type})`).toMatchObject({ emb: "yes" });
    // a TrueType font is embedded as a named CID subset; a glyph drawn from a CFF font (Noto Sans CJK, the
    // fallback) would come out as an unnamed Type 3 font: none may
    for (const font of fonts) expect(font.type, font.name).toBe("CID TrueType");
    expect(fonts.some((f) => /^[A-Z]{6}\+NanumGothic/.test(f.name))).toBe(true);
  });

  it("leaves no page blank", () => {
    poppler("pdftoppm", ["-r", "50", "-gray", file, join(dir, "page")]);
    const pages = readdirSync(dir).filter((f) => f.startsWith("page") && f.endsWith(".pgm"));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(inkShare(readFileSync(join(dir, page))), page).toBeGreaterThan(0.005);
  });

  it("leaves the PDF untagged unless asked: a tag per table cell makes long tables' PDFs ten times larger", async () => {
    expect(pdf.includes("/StructTreeRoot")).toBe(false);
    const small: ReportDocument = { ...doc, sections: doc.sections.slice(0, 1) };
    expect((await renderPdf(small, { tagged: true })).includes("/StructTreeRoot")).toBe(true);
  });

  it("uses the margins of the page's @page rule", () => {
    expect(PDF_MARGINS.left).toBe(PDF_MARGINS.right);
    expect(renderHtml(doc)).toContain(
      `@page { size: A4; margin: ${PDF_MARGINS.top} ${PDF_MARGINS.right} ${PDF_MARGINS.bottom}; }`,
    );
  });
});

describe("openPdfPrinter", () => {
  it("prints several documents with one Chromium, and refuses after close", async () => {
    const printer = await openPdfPrinter();
    const english: ReportDocument = { ...koreanDoc(), lang: "en", title: "Disclosures", sections: [] };
    try {
      const [a, b] = await Promise.all([printer.print(koreanDoc()), printer.print(english)]);
      for (const pdf of [a, b]) expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(b.length).toBeLessThan(a.length);
    } finally {
      await printer.close();
    }
    await printer.close();
    await expect(printer.print(english)).rejects.toThrow(/closed/);
  });

  it("reports a Chromium that does not start as pdf_renderer_failed, Playwright's log kept out of the message", async () => {
    const error = await renderPdf(koreanDoc(), { executablePath: "/bin/false", timeoutMs: 10_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JikimiError);
    expect((error as JikimiError).toData()).toMatchObject({
      code: "pdf_renderer_failed",
      kind: "unavailable",
      details: { path: "/bin/false", stage: "launch" },
    });
    expect((error as JikimiError).message).not.toMatch(/browserType|Call log/);
    expect((error as JikimiError).cause).toBeInstanceOf(Error);
  });

  it("says how to install Chromium when it is missing, without the report's content", async () => {
    const doc = koreanDoc();
    const missing = join(tmpdir(), "jikimi-no-such-chromium");
    const error = await renderPdf(doc, { executablePath: missing }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JikimiError);
    const e = error as JikimiError;
    expect(e.code).toBe("pdf_renderer_missing");
    expect(e.kind).toBe("unavailable");
    expect(e.message).toContain(missing);
    expect(e.hint).toContain("apt-get install chromium fonts-nanum");
    expect(e.hint).toContain("JIKIMI_CHROMIUM");
    expect(e.message).not.toContain(doc.title);
    expect(JSON.stringify(e.toData())).not.toContain(doc.title);
  });
});
