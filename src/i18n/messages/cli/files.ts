// messages of the verbs over data files: scan, risk, link and audit-hash (their reports come from their renderers).
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "cli.scan.description":
    "find personal data in a CSV, JSON Lines or Parquet file, per column (never printing values)",
  "cli.scan.file": "the file to scan",
  "cli.scan.sample": "look at the first N rows only (default: every row)",
  "cli.scan.bad_sample": "expected a whole number of rows, at least 1",

  "cli.risk.description":
    "measure re-identification risk: k-anonymity, unique records, prosecutor/journalist/marketer risk",
  "cli.risk.file": "CSV, JSON Lines or Parquet file",
  "cli.risk.qi": "quasi-identifier columns, comma-separated",
  "cli.risk.sensitive": "sensitive attribute for l-diversity",
  "cli.risk.population": "the population the file was drawn from (same QI columns): journalist risk",
  "cli.risk.top": "rows of the riskiest-combinations table in text output",
  "cli.risk.no_subsets": "rank the full QI set only, not every subset of it",
  "cli.risk.bad_columns": "{{option}} takes column names separated by commas",
  "cli.risk.bad_columns_hint": "e.g. {{option}} a,b,c",

  "cli.link.description":
    "measure linkage risk: the columns of two files that join and the share of records linking one to one; exit 1 above --max-link-share",
  "cli.link.a": "first file (CSV, JSON Lines or Parquet)",
  "cli.link.b": "second file",
  "cli.link.input_format": "input format of both files (default: from the extensions)",
  "cli.link.max_distinct": "distinct values kept per column (bounds memory)",
  "cli.link.max_link_share":
    "exit 1 when more than this share (0 to 1) of either file's records link to exactly one record of the other",
  "cli.link.top": "rows of the pair table in text output",
  "cli.link.bad_share": "--max-link-share takes a share from 0 to 1",
  "cli.link.bad_share_hint": "0.05 for 5%; 0 flags any record that links",

  "cli.audit_hash.description":
    "tell whether a column of digests can be reversed (Korean mobile numbers, dates of birth, candidates)",
  "cli.audit_hash.file": "CSV, JSON Lines or Parquet file",
  "cli.audit_hash.column": "the column that holds the digests",
  "cli.audit_hash.candidates": "values the recipient may hold (e.g. your e-mail list), one per line",
  "cli.audit_hash.threads": "worker threads for the mobile space (default: one per core)",
  "cli.audit_hash.spaces":
    "the spaces to enumerate, comma-separated (default: all: {{spaces}}); candidates always go first",
  "cli.audit_hash.bad_threads": "--threads must be a whole number of at least 1",
  "cli.audit_hash.not_digests": 'column "{{column}}" of {{file}} does not hold digests',
  "cli.audit_hash.not_digests_hint_one":
    "its one non-empty value is not the hex or base64 of an MD5, SHA-1, SHA-256 or SHA-512 digest",
  "cli.audit_hash.not_digests_hint_other":
    "fewer than 90% of its {{n}} non-empty values are the hex or base64 of an MD5, SHA-1, SHA-256 or SHA-512 digest",
} as const;

export const ko: KoreanOf<typeof en> = {
  "cli.scan.description": "CSV, JSON Lines, Parquet 파일에서 열별로 개인정보를 탐지 (값은 출력하지 않음)",
  "cli.scan.file": "탐지할 파일",
  "cli.scan.sample": "처음 N행만 보기 (기본값: 모든 행)",
  "cli.scan.bad_sample": "1 이상의 정수 행 수를 써야 합니다",

  "cli.risk.description": "재식별 위험 측정: k-익명성, 유일 레코드, 검사관/기자/마케터 위험",
  "cli.risk.file": "CSV, JSON Lines 또는 Parquet 파일",
  "cli.risk.qi": "준식별자 열 (쉼표로 구분)",
  "cli.risk.sensitive": "l-다양성을 볼 민감 속성",
  "cli.risk.population": "파일을 뽑은 모집단 (같은 준식별자 열): 기자 위험",
  "cli.risk.top": "텍스트 출력에서 가장 위험한 조합 표의 행 수",
  "cli.risk.no_subsets": "준식별자 전체 집합만 평가하고 부분 집합은 보지 않기",
  "cli.risk.bad_columns": "{{option}}에는 쉼표로 구분한 열 이름을 써야 합니다",
  "cli.risk.bad_columns_hint": "예: {{option}} a,b,c",

  "cli.link.description":
    "연결 위험 측정: 두 파일에서 결합되는 열과 일대일로 연결되는 레코드 비율. --max-link-share를 넘으면 종료 코드 1",
  "cli.link.a": "첫 번째 파일 (CSV, JSON Lines 또는 Parquet)",
  "cli.link.b": "두 번째 파일",
  "cli.link.input_format": "두 파일의 입력 형식 (기본값: 확장자로 판단)",
  "cli.link.max_distinct": "열마다 보관할 고유값 수 (메모리 상한)",
  "cli.link.max_link_share":
    "어느 한 파일에서 상대 파일의 레코드 하나에만 연결되는 레코드 비율이 이 값(0~1)을 넘으면 종료 코드 1",
  "cli.link.top": "텍스트 출력에서 쌍 표의 행 수",
  "cli.link.bad_share": "--max-link-share에는 0부터 1 사이의 비율을 써야 합니다",
  "cli.link.bad_share_hint": "5%는 0.05, 0이면 연결되는 레코드가 하나라도 있으면 표시합니다",

  "cli.audit_hash.description": "해시값 열을 되돌릴 수 있는지 확인 (한국 휴대전화 번호, 생년월일, 후보 목록)",
  "cli.audit_hash.file": "CSV, JSON Lines 또는 Parquet 파일",
  "cli.audit_hash.column": "해시값이 든 열",
  "cli.audit_hash.candidates": "수령자가 가졌을 수 있는 값 (예: 이메일 목록), 한 줄에 하나",
  "cli.audit_hash.threads": "휴대전화 번호 공간에 쓸 워커 스레드 수 (기본값: 코어당 하나)",
  "cli.audit_hash.spaces": "대입할 공간 (쉼표로 구분, 기본값: 전부: {{spaces}}). 후보 목록은 항상 먼저",
  "cli.audit_hash.bad_threads": "--threads에는 1 이상의 정수를 써야 합니다",
  "cli.audit_hash.not_digests": '{{file}}의 "{{column}}" 열은 해시값이 아닙니다',
  "cli.audit_hash.not_digests_hint_other":
    "비어 있지 않은 값 {{n}}개 중 MD5, SHA-1, SHA-256, SHA-512 해시값의 hex 또는 base64인 것이 90% 미만입니다",
};
