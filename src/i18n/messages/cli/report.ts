// messages of `jikimi report`: the verb, its kinds and options, and what it says on stderr.
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "cli.report.description":
    "Reports for inspectors, DPOs and each person, computed from the verified ledger and the declarations",
  "cli.report.inspection.description":
    "Every release in a period with totals, anomalies, check findings and the verification (Credit Information Act Art. 20(2))",
  "cli.report.from": "first day of the period (YYYY-MM-DD, by released_at)",
  "cli.report.to": "last day of the period (YYYY-MM-DD), inclusive",
  "cli.report.recipient": "only releases to this recipient id",
  "cli.report.country": "only releases to recipients in this country (ISO 3166 alpha-2, e.g. US)",
  "cli.report.agreement": "only releases under this agreement id",
  "cli.report.format": "the report's format: html, pdf, md, json or xlsx",
  "cli.report.output": "write the report to this file (default: standard output)",
  "cli.report.binary_to_terminal": "a {{format}} report is not written to a terminal",
  "cli.report.binary_to_terminal_hint": "name a file with -o, e.g. -o report.{{format}}",
  "cli.report.bad_country": "--country {{value}} is not a two-letter country code",
  "cli.report.bad_country_hint": "use an ISO 3166 alpha-2 code in capitals, e.g. --country US",
  "cli.report.written": "report written to {{file}} (checkpoint {{size}}, verification {{result}})",
  "cli.report.passed": "passed",
  "cli.report.failed": "FAILED",
  "cli.report.not_verified":
    "the stored releases do not give the signed checkpoint: the report says so and proves nothing",
  "cli.report.not_verified_hint": "run jikimi verify to find the changed entries",
  "cli.report.stdout": "standard output",
  "cli.report.bad_day": "{{option}} {{value}} is not a date",
  "cli.report.dpia.description":
    "One agreement's impact view (GDPR Art. 35): findings, re-identification risk of its last release, volume, what changed between versions",
  "cli.report.dpia.release_file":
    "the last release's output file: its re-identification risk is measured when its SHA-256 is the one recorded",
  "cli.report.ropa.description":
    "Records of processing activities (GDPR Art. 30(1)) from the declarations: purposes, data, recipients, transfers, retention, measures",
  "cli.report.policy.description":
    "The privacy policy's tables (PIPA Art. 30(1), 28-8(2)): provision to third parties, entrustment, cross-border transfer",
  "cli.report.declarations_written": "report written to {{file}} (from the declarations as they are now)",
  "cli.report.statement.description":
    "One person's statement of who received their data in the last 3 years, in plain words (Credit Information Act Art. 35, GDPR Art. 15)",
  "cli.report.statement.subject": "the person's subject key (customer id); never printed",
  "cli.report.statement.written_one": "statement written to {{file}}: {{count}} release in the last 3 years",
  "cli.report.statement.written_other":
    "statement written to {{file}}: {{count}} releases in the last 3 years",
} as const;

export const ko: KoreanOf<typeof en> = {
  "cli.report.description":
    "점검자, 개인정보 보호책임자, 정보주체를 위한 보고서. 검증된 원장과 선언에서 계산합니다",
  "cli.report.inspection.description":
    "기간 안의 모든 제공 내역과 합계, 이상 징후, 점검 결과, 검증 결과(신용정보법 제20조제2항)",
  "cli.report.from": "기간의 첫날(YYYY-MM-DD, 제공 시점 기준)",
  "cli.report.to": "기간의 마지막 날(YYYY-MM-DD, 포함)",
  "cli.report.recipient": "이 수령자 ID에 대한 제공만",
  "cli.report.country": "이 국가의 수령자에 대한 제공만(ISO 3166 두 글자, 예: US)",
  "cli.report.agreement": "이 약정 ID에 따른 제공만",
  "cli.report.format": "보고서 형식: html, pdf, md, json, xlsx",
  "cli.report.output": "보고서를 쓸 파일(기본: 표준 출력)",
  "cli.report.binary_to_terminal": "{{format}} 보고서는 터미널에 쓰지 않습니다",
  "cli.report.binary_to_terminal_hint": "-o로 파일을 지정하십시오. 예: -o report.{{format}}",
  "cli.report.bad_country": "--country {{value}}는 두 글자 국가 코드가 아닙니다",
  "cli.report.bad_country_hint": "ISO 3166 두 글자 대문자 코드를 쓰십시오. 예: --country US",
  "cli.report.written": "보고서를 {{file}}에 썼습니다(체크포인트 {{size}}, 검증 {{result}})",
  "cli.report.passed": "통과",
  "cli.report.failed": "실패",
  "cli.report.not_verified":
    "저장된 제공 기록이 서명된 체크포인트와 맞지 않습니다. 보고서에 그렇게 적었으며 아무것도 증명하지 않습니다",
  "cli.report.not_verified_hint": "jikimi verify로 바뀐 항목을 찾으십시오",
  "cli.report.stdout": "표준 출력",
  "cli.report.bad_day": "{{option}} {{value}}는 날짜가 아닙니다",
  "cli.report.dpia.description":
    "한 약정의 영향평가 보기(GDPR 제35조): 점검 결과, 마지막 제공의 재식별 위험, 규모, 버전 사이의 변경",
  "cli.report.dpia.release_file":
    "마지막 제공의 출력 파일: SHA-256이 기록과 같을 때 재식별 위험을 측정합니다",
  "cli.report.ropa.description":
    "선언에서 만든 처리 활동 기록(GDPR 제30조제1항): 목적, 정보, 수령자, 이전, 보유 기간, 보호 조치",
  "cli.report.policy.description":
    "개인정보 처리방침의 표(개인정보 보호법 제30조제1항, 제28조의8제2항): 제3자 제공, 처리위탁, 국외 이전",
  "cli.report.declarations_written": "보고서를 {{file}}에 썼습니다(현재 선언 기준)",
  "cli.report.statement.description":
    "한 사람의 최근 3년간 정보를 받은 곳을 쉬운 말로 적은 통지서(신용정보법 제35조, GDPR 제15조)",
  "cli.report.statement.subject": "정보주체 키(고객 ID). 출력하지 않습니다",
  "cli.report.statement.written_other": "통지서를 {{file}}에 썼습니다: 최근 3년간 제공 {{count}}건",
};
