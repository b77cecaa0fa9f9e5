// messages of src/report/document/: why a PDF cannot be printed (never a report's content, only where Chromium
// was looked for), and the texts the workbook adds around a report's own (the cover sheet's name, the pointers
// from a section to the sheets holding its tables and charts).
import type { KoreanOf } from "../catalogue.js";

export const en = {
  // pdf.ts
  "document.pdf.renderer_missing": "Chromium, which prints reports as PDF, is not at {{path}}",
  "document.pdf.renderer_missing_hint":
    "install Chromium and the Korean fonts (apt-get install chromium fonts-nanum), or set JIKIMI_CHROMIUM to Chromium's path",
  "document.pdf.renderer_failed": "Chromium at {{path}} could not print the report as PDF",
  "document.pdf.renderer_failed_hint":
    "check that it starts ({{path}} --headless --version) and that fonts-nanum is installed, or set JIKIMI_CHROMIUM to another Chromium",
  // xlsx.ts
  "document.xlsx.cover_sheet": "Report",
  "document.xlsx.table_at": "table: sheet {{sheet}}",
  "document.xlsx.chart_at": "chart figures: sheet {{sheet}}",
} as const;

export const ko: KoreanOf<typeof en> = {
  "document.pdf.renderer_missing": "PDF 보고서를 인쇄할 Chromium이 {{path}}에 없습니다",
  "document.pdf.renderer_missing_hint":
    "Chromium과 한글 글꼴을 설치하거나(apt-get install chromium fonts-nanum) JIKIMI_CHROMIUM에 Chromium 경로를 지정하세요",
  "document.pdf.renderer_failed": "{{path}}의 Chromium이 보고서를 PDF로 인쇄하지 못했습니다",
  "document.pdf.renderer_failed_hint":
    "Chromium이 실행되는지({{path}} --headless --version), fonts-nanum이 설치되어 있는지 확인하거나 JIKIMI_CHROMIUM에 다른 Chromium을 지정하세요",
  "document.xlsx.cover_sheet": "보고서",
  "document.xlsx.table_at": "표: {{sheet}} 시트",
  "document.xlsx.chart_at": "차트 수치: {{sheet}} 시트",
};
