// messages of src/risk/ and its adapters: the risk and linkage reports as text, and the errors of the risk
// measures. Column names, file names and figures are put in as they are; the JSON reports have no text of these.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  // errors
  "risk.errors.no_quasi_identifiers": "name at least one quasi-identifier",
  "risk.errors.duplicate_quasi_identifier": 'quasi-identifier "{{column}}" is named twice',
  "risk.errors.sensitive_is_quasi_identifier":
    '"{{column}}" cannot be both a quasi-identifier and the sensitive attribute',
  "risk.errors.unknown_column": '{{file}} has no column "{{column}}"; its columns are: {{columns}}',
  "risk.errors.unterminated_quote":
    "{{file}}: record {{record}} has a quoted field left open at the end of the file",
  "risk.errors.unterminated_quote_hint": "close the quote",
  "risk.errors.empty_file": "{{file}} is empty",
  "risk.errors.empty_file_hint": "a CSV file needs a header line naming the columns",
  "risk.errors.max_distinct": "the bound on distinct values must be a positive integer",
  "risk.errors.max_link_share": "the largest acceptable link share must be a number from 0 to 1",
  "risk.errors.bad_state":
    "not a risk measure state this version of Jikimi can read: truncated, damaged or of another format (at byte {{offset}})",
  "risk.errors.merge_qi_mismatch":
    "cannot merge risk measures over different quasi-identifiers: ({{these}}) and ({{others}})",
  "risk.errors.merge_sensitive_mismatch":
    "cannot merge risk measures with different sensitive attributes: {{these}} and {{others}}",
  "risk.errors.no_sensitive": "(none)",
  "risk.errors.class_overflow": "merging would put more than {{max}} records in one equivalence class",

  // counts
  "risk.records_one": "{{n}} record",
  "risk.records_other": "{{n}} records",
  "risk.quasi_identifiers_one": "{{n}} quasi-identifier",
  "risk.quasi_identifiers_other": "{{n}} quasi-identifiers",
  "risk.columns_one": "{{n}} column",
  "risk.columns_other": "{{n}} columns",

  // the risk report (jikimi risk)
  "risk.text.head": "{{file}}: {{records}}, {{qis}} ({{columns}})",
  "risk.text.bad_records_one": "  note: {{n}} malformed record was left out",
  "risk.text.bad_records_other": "  note: {{n}} malformed records were left out",
  "risk.text.classes": "equivalence classes",
  "risk.text.k": "k (smallest class)",
  "risk.text.unique": "unique records",
  "risk.text.prosecutor": "prosecutor risk",
  "risk.text.journalist": "journalist risk",
  "risk.text.marketer": "marketer risk",
  "risk.text.l_diversity": "l-diversity ({{sensitive}})",
  "risk.text.sensitive": "sensitive",
  "risk.text.max_average": "max {{max}}, average {{average}}",
  "risk.text.population": "max {{max}}, average {{average}} (population: {{records}})",
  "risk.text.needs_population": "needs --population (equals prosecutor risk if this file is the population)",
  "risk.text.l_values": "distinct l = {{distinct}}, entropy l = {{entropy}}",
  "risk.text.riskiest": "riskiest quasi-identifier combinations",
  "risk.text.top": " (top {{top}} of {{all}})",
  "risk.text.col_unique": "unique",
  "risk.text.col_k": "k",
  "risk.text.col_columns": "columns",

  // the linkage report (jikimi link)
  "risk.link.side": "{{side}} {{file}}: {{records}}, {{columns}}",
  "risk.link.truncated":
    "  note: {{file}} column {{column}} has over {{max}} distinct values: only the first {{max}} were compared",
  "risk.link.no_join": "no column of A joins a column of B one to one",
  "risk.link.joins":
    "columns that join{{top}}: share of A's distinct values found in B; share of A's records linking to exactly one record of B (A -> B), and of B's to one of A (B -> A)",
  "risk.link.col_overlap": "overlap",
  "risk.link.col_pair": "A column -> B column",
  "risk.link.same_pseudonyms": "same keyed pseudonym values: the recipient can join these files",
  "risk.link.no_common_names": "no column names in common: no quasi-identifier combination to compare",
  "risk.link.quasi_identifiers":
    "quasi-identifiers in both ({{columns}}): {{shareA}} of A's records link to exactly one record of B, {{shareB}} of B's to exactly one of A ({{oneToOne}} unique in A and in B link one to one)",
  "risk.link.strongest": "records linking to exactly one record of the other file, by the strongest join",
  "risk.link.of": "({{records}} of {{total}})",
  "risk.link.via_none": "no join",
  "risk.link.via_quasi_identifiers": "via the quasi-identifiers {{columns}}",
  "risk.link.via_columns": "via {{a}} -> {{b}}",
  "risk.link.via_pseudonym": "via {{a}} -> {{b}} (same keyed pseudonyms)",
  "risk.link.linkable":
    "linkable: {{share}} of {{from}}'s records link to exactly one record of {{to}} (above --max-link-share {{max}})",
  "risk.link.not_linkable":
    "not linkable above --max-link-share {{max}}: at most {{share}} of a file's records link to exactly one record of the other",
} as const;

export const ko: KoreanOf<typeof en> = {
  "risk.errors.no_quasi_identifiers": "준식별자를 하나 이상 지정하세요",
  "risk.errors.duplicate_quasi_identifier": '준식별자 "{{column}}"을(를) 두 번 지정했습니다',
  "risk.errors.sensitive_is_quasi_identifier": '"{{column}}"은(는) 준식별자이면서 민감 속성일 수 없습니다',
  "risk.errors.unknown_column": '{{file}}에 "{{column}}" 열이 없습니다. 이 파일의 열: {{columns}}',
  "risk.errors.unterminated_quote":
    "{{file}}: 레코드 {{record}}의 따옴표로 시작한 항목이 파일 끝까지 닫히지 않았습니다",
  "risk.errors.unterminated_quote_hint": "따옴표를 닫으세요",
  "risk.errors.empty_file": "{{file}}이(가) 비어 있습니다",
  "risk.errors.empty_file_hint": "CSV 파일에는 열 이름을 적은 머리글 줄이 있어야 합니다",
  "risk.errors.max_distinct": "서로 다른 값의 상한은 양의 정수여야 합니다",
  "risk.errors.max_link_share": "허용할 최대 연결 비율은 0에서 1 사이의 수여야 합니다",
  "risk.errors.bad_state":
    "이 버전의 Jikimi가 읽을 수 있는 위험 측정 상태가 아닙니다: 잘렸거나 손상되었거나 다른 형식입니다(바이트 {{offset}})",
  "risk.errors.merge_qi_mismatch":
    "준식별자가 다른 위험 측정은 병합할 수 없습니다: ({{these}})와(과) ({{others}})",
  "risk.errors.merge_sensitive_mismatch":
    "민감 속성이 다른 위험 측정은 병합할 수 없습니다: {{these}}와(과) {{others}}",
  "risk.errors.no_sensitive": "(없음)",
  "risk.errors.class_overflow": "병합하면 한 동질집합의 레코드가 {{max}}건을 넘습니다",

  "risk.records_other": "레코드 {{n}}건",
  "risk.quasi_identifiers_other": "준식별자 {{n}}개",
  "risk.columns_other": "열 {{n}}개",

  "risk.text.head": "{{file}}: {{records}}, {{qis}} ({{columns}})",
  "risk.text.bad_records_other": "  참고: 형식이 잘못된 레코드 {{n}}건은 제외했습니다",
  "risk.text.classes": "동질집합 수",
  "risk.text.k": "k (가장 작은 동질집합)",
  "risk.text.unique": "유일한 레코드",
  "risk.text.prosecutor": "재식별 위험(검사자 모델)",
  "risk.text.journalist": "재식별 위험(언론인 모델)",
  "risk.text.marketer": "재식별 위험(마케터 모델)",
  "risk.text.l_diversity": "l-다양성 ({{sensitive}})",
  "risk.text.sensitive": "민감 속성",
  "risk.text.max_average": "최대 {{max}}, 평균 {{average}}",
  "risk.text.population": "최대 {{max}}, 평균 {{average}} (모집단: {{records}})",
  "risk.text.needs_population": "--population이 필요합니다(이 파일이 모집단이면 검사자 모델과 같음)",
  "risk.text.l_values": "고유값 기준 l = {{distinct}}, 엔트로피 기준 l = {{entropy}}",
  "risk.text.riskiest": "위험이 가장 큰 준식별자 조합",
  "risk.text.top": " (전체 {{all}}개 중 상위 {{top}}개)",
  "risk.text.col_unique": "유일",
  "risk.text.col_k": "k",
  "risk.text.col_columns": "열",

  "risk.link.side": "{{side}} {{file}}: {{records}}, {{columns}}",
  "risk.link.truncated":
    "  참고: {{file}}의 {{column}} 열은 서로 다른 값이 {{max}}개를 넘어 처음 {{max}}개만 비교했습니다",
  "risk.link.no_join": "A의 어느 열도 B의 열과 일대일로 결합되지 않습니다",
  "risk.link.joins":
    "결합되는 열{{top}}: 겹침 = A의 서로 다른 값 중 B에도 있는 비율, A -> B = B의 레코드 하나에만 연결되는 A 레코드의 비율, B -> A = 그 반대",
  "risk.link.col_overlap": "겹침",
  "risk.link.col_pair": "A 열 -> B 열",
  "risk.link.same_pseudonyms": "키 기반 가명 값이 같습니다: 수령자가 두 파일을 결합할 수 있습니다",
  "risk.link.no_common_names": "공통 열 이름이 없어 비교할 준식별자 조합이 없습니다",
  "risk.link.quasi_identifiers":
    "양쪽의 준식별자({{columns}}): A 레코드의 {{shareA}}가 B의 레코드 하나에만, B 레코드의 {{shareB}}가 A의 레코드 하나에만 연결됩니다(A와 B 모두에서 유일한 {{oneToOne}}은 일대일로 연결됨)",
  "risk.link.strongest": "가장 강한 결합 기준, 상대 파일의 레코드 하나에만 연결되는 레코드",
  "risk.link.of": "({{total}} 중 {{records}})",
  "risk.link.via_none": "결합 없음",
  "risk.link.via_quasi_identifiers": "준식별자 {{columns}} 결합",
  "risk.link.via_columns": "{{a}} -> {{b}} 결합",
  "risk.link.via_pseudonym": "{{a}} -> {{b}} 결합(같은 키 기반 가명)",
  "risk.link.linkable":
    "연결 가능: {{from}} 레코드의 {{share}}가 {{to}}의 레코드 하나에만 연결됩니다(--max-link-share {{max}} 초과)",
  "risk.link.not_linkable":
    "--max-link-share {{max}}을(를) 넘는 연결 없음: 어느 파일이든 상대 파일의 레코드 하나에만 연결되는 레코드는 최대 {{share}}입니다",
};
