// the XLSX renderer, read back with exceljs: sheet names valid and unique, numbers stored as numbers with digit
// grouping, header rows bold and frozen, totals bold, Korean intact, columns fitted (Hangul counts two), charts'
// figures as tables, and the same bytes for the same document whatever the clock says.
import ExcelJS from "exceljs";
import stringWidth from "string-width";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReportDocument } from "./model.js";
import { renderXlsx, sheetName } from "./xlsx.js";

const LONG_HEADING = "1/4분기: 제공 현황 [요약] — 수령자와 지역별로 나눈 긴 제목의 절";

function koreanDoc(): ReportDocument {
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
              series: [
                { name: "제공", values: [120, 340, 95] },
                { name: "거절", values: [3, 0, 1] },
              ],
            },
          },
        ],
      },
      {
        id: "recipients",
        heading: LONG_HEADING,
        blocks: [
          {
            type: "table",
            table: {
              caption: "수령자별 제공 건수",
              columns: [{ label: "수령자" }, { label: "지역" }, { label: "건수" }, { label: "비율" }],
              rows: [
                ["한빛카드", "서울특별시 중구", 170000, 0.152],
                ["ACME Analytics Ltd", null, 950000, 0.848],
              ],
              footer: ["합계", null, 1120000, 1],
            },
          },
          {
            type: "table",
            table: { columns: [{ label: "항목" }, { label: "값" }], rows: [["보관", "3년"]] },
          },
          {
            type: "table",
            table: { sheet: "보고서", columns: [{ label: "구분" }], rows: [["표지와 같은 시트 이름"]] },
          },
        ],
      },
    ],
    footer: "Jikimi 0.1.0 · 원장 체크포인트 42",
  };
}

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (found === undefined) throw new Error(`no sheet ${name}: ${workbook.worksheets.map((w) => w.name)}`);
  return found;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("renderXlsx", () => {
  it("names a cover sheet, then a valid and unique sheet per table and chart", async () => {
    const workbook = await read(await renderXlsx(koreanDoc()));
    const names = workbook.worksheets.map((w) => w.name);
    expect(names[0]).toBe("보고서");
    expect(names[1]).toBe("월별 제공 건수");
    expect(names[2]).toBe("1 4분기 제공 현황 요약 — 수령자와 지역별로 나눈 긴");
    expect(names[3]).toBe("1 4분기 제공 현황 요약 — 수령자와 지역별로 (2)");
    expect(names[4]).toBe("보고서 (2)");
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it("stores numbers as numbers with digit grouping, and keeps Korean text", async () => {
    const workbook = await read(await renderXlsx(koreanDoc()));
    const table = workbook.worksheets[2] as ExcelJS.Worksheet;
    expect(table.getCell("A1").value).toBe("수령자별 제공 건수");
    expect(table.getRow(2).values).toEqual([undefined, "수령자", "지역", "건수", "비율"]);
    const first = table.getCell("C3");
    expect(first.type).toBe(ExcelJS.ValueType.Number);
    expect(first.value).toBe(170000);
    expect(first.numFmt).toBe("#,##0");
    expect(first.text).toBe("170000");
    expect(table.getCell("C4").value).toBe(950000);
    expect(table.getCell("C4").type).toBe(ExcelJS.ValueType.Number);
    expect(table.getCell("D3").value).toBe(0.152);
    expect(table.getCell("D3").numFmt).toBe("#,##0.###");
    expect(table.getCell("A3").value).toBe("한빛카드");
    expect(table.getCell("B3").value).toBe("서울특별시 중구");
    expect(table.getCell("B4").type).toBe(ExcelJS.ValueType.Null);
  });

  it("makes the header row bold and frozen, and the footer row bold", async () => {
    const workbook = await read(await renderXlsx(koreanDoc()));
    const table = workbook.worksheets[2] as ExcelJS.Worksheet;
    expect(table.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    for (const c of ["A2", "B2", "C2", "D2"]) expect(table.getCell(c).font?.bold).toBe(true);
    expect(table.getCell("A3").font?.bold).not.toBe(true);
    expect(table.getCell("A5").value).toBe("합계");
    expect(table.getCell("C5").value).toBe(1120000);
    for (const c of ["A5", "C5", "D5"]) expect(table.getCell(c).font?.bold).toBe(true);
    expect(table.getCell("C5").numFmt).toBe("#,##0");
    // no caption: the header is the first row
    expect((workbook.worksheets[3] as ExcelJS.Worksheet).views[0]).toMatchObject({
      state: "frozen",
      ySplit: 1,
    });
  });

  it("fits columns to their text, counting Hangul as two", async () => {
    const workbook = await read(await renderXlsx(koreanDoc()));
    const table = workbook.worksheets[2] as ExcelJS.Worksheet;
    expect(stringWidth("서울특별시 중구")).toBe(15);
    expect(table.getColumn(2).width).toBe(15 + 4);
    expect(table.getColumn(1).width).toBe("ACME Analytics Ltd".length + 4);
    expect(table.getColumn(3).width).toBe("1,120,000".length + 4);
  });

  it("writes a chart's figures as a table", async () => {
    const workbook = await read(await renderXlsx(koreanDoc()));
    const chart = sheet(workbook, "월별 제공 건수");
    expect(chart.getCell("A1").value).toBe("월별 제공 건수");
    expect(chart.getRow(2).values).toEqual([undefined, "", "제공", "거절"]);
    expect(chart.getRow(4).values).toEqual([undefined, "2월", 340, 0]);
    expect(chart.getCell("B4").type).toBe(ExcelJS.ValueType.Number);
  });

  it("puts the title, subtitle, facts and section texts on the cover sheet", async () => {
    const workbook = await read(await renderXlsx(koreanDoc()));
    const cover = sheet(workbook, "보고서");
    const texts: string[] = [];
    cover.eachRow((row) => {
      row.eachCell((cell) => {
        texts.push(String(cell.value));
      });
    });
    expect(cover.getCell("A1").value).toBe("개인정보 제공 현황 보고서");
    expect(cover.getCell("A1").font?.bold).toBe(true);
    expect(cover.getCell("A2").value).toBe("2025년 1분기");
    expect(texts).toEqual(
      expect.arrayContaining([
        "기간",
        "2025-01-01 ~ 2025-03-31",
        "요약",
        "! 보유 기간이 지난 제공이 2건 있습니다.",
        "차트 수치: 월별 제공 건수 시트",
        "표: 1 4분기 제공 현황 요약 — 수령자와 지역별로 나눈 긴 시트",
        "표: 보고서 (2) 시트",
        "Jikimi 0.1.0 · 원장 체크포인트 42",
      ]),
    );
  });

  it("sets the workbook's properties and gives the same bytes whatever the clock says", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2021-05-06T07:08:09Z"));
    const a = await renderXlsx(koreanDoc());
    vi.setSystemTime(new Date("2031-10-11T12:13:14Z"));
    const b = await renderXlsx(koreanDoc());
    vi.useRealTimers();
    expect(a.equals(b)).toBe(true);
    const workbook = await read(a);
    expect(workbook.creator).toBe("Jikimi");
    expect(workbook.created.toISOString()).toBe("2000-01-01T00:00:00.000Z");
    expect(workbook.title).toBe("개인정보 제공 현황 보고서");

    const when = new Date("2025-04-01T09:30:00Z");
    const dated = await renderXlsx(koreanDoc(), { created: when });
    expect((await read(dated)).created.toISOString()).toBe(when.toISOString());
    expect(dated.equals(a)).toBe(false);
  });
});

describe("sheetName", () => {
  it("drops what Excel forbids, cuts at 31 and numbers repeats", () => {
    const taken = new Set<string>();
    expect(sheetName("a[b]c:d*e?f/g\\h", taken)).toBe("a b c d e f g h");
    expect(sheetName("'따옴표'", taken)).toBe("따옴표");
    expect(sheetName("", taken)).toBe("Sheet");
    expect(sheetName("  ", taken)).toBe("Sheet (2)");
    expect(sheetName("history", taken)).toBe("history (2)");
    expect(sheetName("Report", taken)).toBe("Report");
    expect(sheetName("REPORT", taken)).toBe("REPORT (2)");
    const long = "가".repeat(40);
    expect(sheetName(long, taken)).toBe("가".repeat(31));
    expect(sheetName(long, taken)).toBe(`${"가".repeat(27)} (2)`);
    expect(sheetName("😀".repeat(20), taken)).toBe("😀".repeat(15));
  });
});
