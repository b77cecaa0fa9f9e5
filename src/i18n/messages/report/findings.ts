// messages of src/report/: severity labels, the text renderer's line prefixes and summary lines, and the human
// texts of SARIF logs. Codes, ids and file names stay as they are.
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "report.severity.error": "error",
  "report.severity.warning": "warning",
  "report.severity.gap": "gap",
  "report.errors_one": "{{count}} error",
  "report.errors_other": "{{count}} errors",
  "report.warnings_one": "{{count}} warning",
  "report.warnings_other": "{{count}} warnings",
  "report.gaps_one": "{{count}} gap",
  "report.gaps_other": "{{count}} gaps",
  "report.agreements_one": "{{count}} agreement",
  "report.agreements_other": "{{count}} agreements",

  "report.text.fix": "fix: {{fix}}",
  "report.text.law": "law: {{articles}}",
  "report.text.summary": "{{errors}}, {{warnings}}, {{gaps}} in {{agreements}}",
  "report.text.no_findings": "no findings in {{agreements}}",
  "report.text.load_failed": "{{problems}}: the workspace could not be loaded",

  "report.sarif.message": "{{message}} Fix: {{fix}}",
  "report.sarif.articles": "Articles:",
  "report.sarif.article": "- {{citation}}: {{title}}",
  "report.sarif.no_articles": "No article is cited.",
  "report.sarif.load_rule": "Workspace could not be loaded: {{problem}}",
  "report.sarif.load_description":
    "A workspace file has a problem that stops jikimi from loading the workspace, so no rule could run.",
  "report.sarif.load_help":
    "Fix the file at the reported line as the message says, then run jikimi check again.",
} as const;

export const ko: KoreanOf<typeof en> = {
  "report.severity.error": "오류",
  "report.severity.warning": "경고",
  "report.severity.gap": "판단 불가",
  "report.errors_other": "오류 {{count}}건",
  "report.warnings_other": "경고 {{count}}건",
  "report.gaps_other": "판단 불가 {{count}}건",
  "report.agreements_other": "제공 계약 {{count}}건",

  "report.text.fix": "조치: {{fix}}",
  "report.text.law": "근거: {{articles}}",
  "report.text.summary": "{{errors}}, {{warnings}}, {{gaps}} (점검한 {{agreements}})",
  "report.text.no_findings": "지적 사항 없음 (점검한 {{agreements}})",
  "report.text.load_failed": "{{problems}}: 워크스페이스를 불러오지 못했습니다",

  "report.sarif.message": "{{message}} 조치: {{fix}}",
  "report.sarif.articles": "근거 조항:",
  "report.sarif.article": "- {{citation}}: {{title}}",
  "report.sarif.no_articles": "인용한 조항이 없습니다.",
  "report.sarif.load_rule": "워크스페이스를 불러오지 못함: {{problem}}",
  "report.sarif.load_description":
    "워크스페이스 파일에 문제가 있어 jikimi가 워크스페이스를 불러오지 못했으므로, 어떤 규칙도 실행되지 않았습니다.",
  "report.sarif.load_help": "메시지에 따라 해당 줄을 고친 뒤 jikimi check를 다시 실행하세요.",
};
