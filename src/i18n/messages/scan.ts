// messages of src/scan/ and its adapters: the hash audit's steps and verdicts, the scan's errors, and the scan
// report in text and SARIF. Detector ids, category keys, form names ("mobile 010-####-####") and templates stay as
// they are: they are codes.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  // the hash audit (scan/hash-audit.ts): what was enumerated, and the verdict
  "scan.audit.tried_candidates_one": "{{n}} candidate (as given, trimmed, lower-case, upper-case)",
  "scan.audit.tried_candidates_other": "{{n}} candidates (as given, trimmed, lower-case, upper-case)",
  "scan.audit.tried_birthdate": "birthdate {{form}} {{span}}",
  "scan.audit.tried_mobile": "mobile {{template}} ({{size}})",
  "scan.audit.size_part": "{{n}} of 10^8",
  "scan.audit.tried_mobile_unsupported":
    "mobile numbers not enumerated: the 10^8 space runs for {{kernels}} only ({{algorithm}} through node:crypto would take minutes)",
  "scan.audit.part_mobile": "phone numbers {{n}}",
  "scan.audit.part_birthdate": "dates of birth {{n}}",
  "scan.audit.part_candidate": "candidate values {{n}}",
  "scan.audit.verdict_empty": "no value has the {{algorithm}} {{encoding}} shape: nothing to audit",
  "scan.audit.verdict_reversed":
    "not pseudonymised: anyone can recover {{percent}} of the values ({{reversed}} of {{distinct}} distinct digests: {{parts}}) in {{seconds}} s",
  "scan.audit.verdict_pseudonym": "no value was recovered: consistent with a keyed pseudonym",
  "scan.audit.verdict_inconclusive":
    "no value was recovered from what was tried; {{why}}, so this does not show the column is pseudonymised",
  "scan.audit.why_not_tried": "the mobile space was not tried",
  "scan.audit.why_unsupported": "the mobile space is only enumerated for {{kernels}}, not {{algorithm}}",

  // jikimi audit-hash as text (scan/render/audit.ts) and its errors
  "scan.audit_text.head": '{{file}}, column "{{column}}": {{algorithm}} digests, {{encoding}}',
  "scan.audit_text.rows": "rows",
  "scan.audit_text.values": "values",
  "scan.audit_text.recovered": "recovered",
  "scan.audit_text.time": "time",
  "scan.audit_text.malformed_one": " ({{n}} malformed record skipped)",
  "scan.audit_text.malformed_other": " ({{n}} malformed records skipped)",
  "scan.audit_text.values_line": "{{values}} non-empty digests, {{distinct}} distinct",
  "scan.audit_text.recovered_line_one": "{{n}} distinct digest ({{percent}})",
  "scan.audit_text.recovered_line_other": "{{n}} distinct digests ({{percent}})",
  "scan.audit_text.seconds": "{{seconds}} s",
  "scan.audit_text.tried": "tried",
  "scan.audit_text.stopped": "(stopped there: every distinct digest was recovered)",
  "scan.audit_text.by_form": "recovered by form",
  "scan.audit.errors.no_column": '{{file}} has no column "{{column}}"; its columns are: {{columns}}',
  "scan.audit.errors.no_records": "{{file}} has no records to audit",
  "scan.audit.errors.no_values": 'column "{{column}}" of {{file}} has no non-empty value',
  "scan.audit.errors.not_digests":
    'column "{{column}}" of {{file}} does not hold digests: fewer than 90% of its {{n}} non-empty values are the hex or base64 of an MD5, SHA-1, SHA-256 or SHA-512 digest',
  "scan.audit.errors.unknown_space": 'unknown space "{{space}}"',
  "scan.audit.errors.no_space": "no space named",
  "scan.audit.errors.bad_spaces": "--spaces: {{what}}; the known spaces are: {{spaces}} (comma-separated)",
  "scan.audit.errors.candidates_unreadable": "cannot read the candidate list {{file}}",

  // errors of scanFile
  "scan.errors.line_too_long": "{{file}}: a line longer than {{mib}} MiB ends after byte {{offset}}",
  "scan.errors.line_too_long_hint":
    "this is not a record file (or one record is too large to scan); split it or export it with one record per line",

  // the scan report as text (scan/render/text.ts)
  "scan.text.head": "{{file}} ({{format}}): {{rows}}{{sample}}, {{columns}}; {{verdict}}{{bad}}",
  "scan.text.rows_one": "{{n}} row",
  "scan.text.rows_other": "{{n}} rows",
  "scan.text.sample": " (sample)",
  "scan.text.columns_one": "{{n}} column",
  "scan.text.columns_other": "{{n}} columns",
  "scan.text.bad_rows_one": "; {{n}} unreadable row skipped",
  "scan.text.bad_rows_other": "; {{n}} unreadable rows skipped",
  "scan.text.verdict_personal": "personal data found; findings in {{n}} of them",
  "scan.text.verdict_pseudonyms_one":
    "no personal data found; {{n}} digest column not reversed (pseudonymous identifier, possible join key)",
  "scan.text.verdict_pseudonyms_other":
    "no personal data found; {{n}} digest columns not reversed (pseudonymous identifier, possible join key)",
  "scan.text.verdict_none": "no personal data found",
  "scan.text.verdict_findings": "findings in {{n}} of them",
  "scan.text.col_column": "column",
  "scan.text.col_category": "category",
  "scan.text.col_confidence": "confidence",
  "scan.text.col_matches": "matches",
  "scan.text.col_evidence": "evidence",
  "scan.text.level_high": "high",
  "scan.text.level_medium": "medium",
  "scan.text.in_free_text": "in free text",
  "scan.text.name_hint": 'name hint "{{hint}}"',
  "scan.text.nothing_found": "nothing found in: {{columns}}",
  "scan.text.digest_reversible":
    "reversible {{algorithm}} {{encoding}} digest: {{percent}} of {{sampled}} sampled digests recovered ({{forms}})",
  "scan.text.digest_kept":
    "{{algorithm}} {{encoding}} digest, none of {{sampled}} sampled recovered{{note}}: pseudonymous identifier, possible join key",
  "scan.text.digest_not_enumerated": " (mobile space not enumerated for this algorithm)",
  "scan.text.digest_not_tried": " (mobile space not tried)",

  // the scan report as SARIF (scan/render/sarif.ts)
  "scan.sarif.rule": "Column holds: {{title}}",
  "scan.sarif.help":
    "Remove the column, or transform it (pseudonym, token, mask, generalise) in the agreement that sends it.",
  "scan.sarif.match": "match",
  "scan.sarif.in_free_text": "hold it inside free text",
  "scan.sarif.hint": ', column-name hint "{{hint}}"',
  "scan.sarif.result":
    'Column "{{column}}" holds {{title}} ({{category}}): {{matches}} of {{nonEmpty}} non-empty values {{how}} ({{detectors}}){{hint}}; confidence {{confidence}}.',
  "scan.sarif.digest":
    'Column "{{column}}" holds digests of {{title}} ({{category}}): {{evidence}}{{hint}}; confidence {{confidence}}.',
} as const;

export const ko: KoreanOf<typeof en> = {
  "scan.audit.tried_candidates_other": "후보 {{n}}개 (그대로, 앞뒤 공백 제거, 소문자, 대문자)",
  "scan.audit.tried_birthdate": "생년월일 {{form}} {{span}}",
  "scan.audit.tried_mobile": "휴대전화번호 {{template}} ({{size}})",
  "scan.audit.size_part": "10^8 중 {{n}}",
  "scan.audit.tried_mobile_unsupported":
    "휴대전화번호는 대입하지 않음: 10^8 공간은 {{kernels}}에만 대입합니다({{algorithm}}은(는) node:crypto로 몇 분이 걸립니다)",
  "scan.audit.part_mobile": "휴대전화번호 {{n}}개",
  "scan.audit.part_birthdate": "생년월일 {{n}}개",
  "scan.audit.part_candidate": "후보 값 {{n}}개",
  "scan.audit.verdict_empty": "{{algorithm}} {{encoding}} 형태의 값이 없어 검사할 것이 없습니다",
  "scan.audit.verdict_reversed":
    "가명처리되지 않음: 누구나 값의 {{percent}}를 복원할 수 있습니다(서로 다른 해시값 {{distinct}}개 중 {{reversed}}개: {{parts}}, {{seconds}}초)",
  "scan.audit.verdict_pseudonym": "복원된 값 없음: 키 기반 해시로 만든 가명으로 보입니다",
  "scan.audit.verdict_inconclusive":
    "대입한 범위에서 복원된 값은 없지만, {{why}} 이 열이 가명처리되었다고 볼 수는 없습니다",
  "scan.audit.why_not_tried": "휴대전화번호 공간을 대입하지 않았으므로",
  "scan.audit.why_unsupported":
    "휴대전화번호 공간은 {{kernels}}에만 대입하고 {{algorithm}}에는 대입하지 않으므로",

  "scan.audit_text.head": '{{file}}, "{{column}}" 열: {{algorithm}} 해시값, {{encoding}}',
  "scan.audit_text.rows": "행",
  "scan.audit_text.values": "값",
  "scan.audit_text.recovered": "복원",
  "scan.audit_text.time": "시간",
  "scan.audit_text.malformed_other": " (형식이 잘못된 레코드 {{n}}건 건너뜀)",
  "scan.audit_text.values_line": "비어 있지 않은 해시값 {{values}}개, 서로 다른 값 {{distinct}}개",
  "scan.audit_text.recovered_line_other": "서로 다른 해시값 {{n}}개 ({{percent}})",
  "scan.audit_text.seconds": "{{seconds}}초",
  "scan.audit_text.tried": "대입한 범위",
  "scan.audit_text.stopped": "(여기서 멈춤: 서로 다른 해시값을 모두 복원함)",
  "scan.audit_text.by_form": "형식별 복원",
  "scan.audit.errors.no_column": '{{file}}에 "{{column}}" 열이 없습니다. 이 파일의 열: {{columns}}',
  "scan.audit.errors.no_records": "{{file}}에 검사할 레코드가 없습니다",
  "scan.audit.errors.no_values": '{{file}}의 "{{column}}" 열에 비어 있지 않은 값이 없습니다',
  "scan.audit.errors.not_digests":
    '{{file}}의 "{{column}}" 열은 해시값 열이 아닙니다: 비어 있지 않은 값 {{n}}개 중 MD5, SHA-1, SHA-256, SHA-512 해시값의 hex 또는 base64인 값이 90% 미만입니다',
  "scan.audit.errors.unknown_space": '알 수 없는 공간 "{{space}}"',
  "scan.audit.errors.no_space": "지정한 공간이 없음",
  "scan.audit.errors.bad_spaces": "--spaces: {{what}}. 지원하는 공간: {{spaces}} (쉼표로 구분)",
  "scan.audit.errors.candidates_unreadable": "후보 목록 {{file}}을(를) 읽을 수 없습니다",

  "scan.errors.line_too_long": "{{file}}: {{offset}}번째 바이트까지 읽은 줄 하나가 {{mib}} MiB보다 깁니다",
  "scan.errors.line_too_long_hint":
    "레코드 파일이 아니거나 레코드 하나가 너무 커서 탐지할 수 없습니다. 파일을 나누거나 한 줄에 레코드 하나씩 내보내세요",

  "scan.text.head": "{{file}} ({{format}}): {{rows}}{{sample}}, {{columns}}; {{verdict}}{{bad}}",
  "scan.text.rows_other": "{{n}}행",
  "scan.text.sample": " (표본)",
  "scan.text.columns_other": "{{n}}열",
  "scan.text.bad_rows_other": "; 읽을 수 없는 행 {{n}}개 건너뜀",
  "scan.text.verdict_personal": "개인정보 발견, 그중 {{n}}개 열에서 탐지",
  "scan.text.verdict_pseudonyms_other":
    "개인정보 없음, 복원되지 않은 해시값 열 {{n}}개(가명 식별자, 결합 키일 수 있음)",
  "scan.text.verdict_none": "개인정보 없음",
  "scan.text.verdict_findings": "그중 {{n}}개 열에서 탐지",
  "scan.text.col_column": "열",
  "scan.text.col_category": "분류",
  "scan.text.col_confidence": "신뢰도",
  "scan.text.col_matches": "일치",
  "scan.text.col_evidence": "근거",
  "scan.text.level_high": "높음",
  "scan.text.level_medium": "보통",
  "scan.text.in_free_text": "자유 텍스트 안",
  "scan.text.name_hint": '열 이름 힌트 "{{hint}}"',
  "scan.text.nothing_found": "탐지되지 않은 열: {{columns}}",
  "scan.text.digest_reversible":
    "복원 가능한 {{algorithm}} {{encoding}} 해시값: 표본 {{sampled}}개 중 {{percent}} 복원({{forms}})",
  "scan.text.digest_kept":
    "{{algorithm}} {{encoding}} 해시값, 표본 {{sampled}}개 중 복원된 값 없음{{note}}: 가명 식별자, 결합 키일 수 있음",
  "scan.text.digest_not_enumerated": "(이 알고리즘은 휴대전화번호 공간을 대입하지 않음)",
  "scan.text.digest_not_tried": "(휴대전화번호 공간은 대입하지 않음)",

  "scan.sarif.rule": "열에 담긴 정보: {{title}}",
  "scan.sarif.help":
    "열을 빼거나, 이 열을 보내는 제공 계약에서 변환하세요(pseudonym, token, mask, generalise).",
  "scan.sarif.match": "일치합니다",
  "scan.sarif.in_free_text": "자유 텍스트 안에 포함합니다",
  "scan.sarif.hint": ', 열 이름 힌트 "{{hint}}"',
  "scan.sarif.result":
    '"{{column}}" 열에 {{title}}({{category}})이(가) 있습니다: 비어 있지 않은 값 {{nonEmpty}}개 중 {{matches}}개가 {{how}}({{detectors}}){{hint}}; 신뢰도 {{confidence}}.',
  "scan.sarif.digest":
    '"{{column}}" 열에 {{title}}({{category}})의 해시값이 있습니다: {{evidence}}{{hint}}; 신뢰도 {{confidence}}.',
};
