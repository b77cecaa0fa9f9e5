// messages of src/engine/ and its adapters: why a release is refused or held, what a bad row holds (never its
// values), and how to finish a release that was interrupted.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  // share.ts, release-plan.ts, record.ts
  "engine.share.unknown_agreement": 'there is no agreement "{{id}}"',
  "engine.share.see_agreements": "see agreements/",
  "engine.share.see_agreements_known": "see agreements/ (known: {{known}})",
  "engine.share.none": "none",
  "engine.share.no_dataset": "the agreement's dataset is missing",
  "engine.share.no_dataset_or_recipient": "the agreement's dataset or recipient is missing",
  "engine.share.key_missing": "the ledger subject key {{id}} is not in the keyring",
  "engine.share.key_missing_hint": "restore the keyring from its backup",
  "engine.share.bad_output_mode": "output_mode {{mode}} is not a file mode the owner can read",
  "engine.share.bad_output_mode_hint": "use an octal mode such as 0600 or 0640",
  "engine.share.running": 'another release of "{{id}}" is running',
  "engine.share.running_by": 'another release of "{{id}}" is running ({{owner}})',
  "engine.share.running_hint": "wait for it to finish, then run again",
  "engine.share.release_file": "the release file for {{dir}}",
  "engine.share.quarantine_file": "the quarantine report for {{dir}}",
  "engine.share.interrupted": "the release was interrupted: nothing was written or recorded",
  "engine.share.row_line": "row {{row}} (line {{line}})",
  "engine.share.row": "row {{row}}",
  "engine.share.in_field": ', field "{{field}}"',
  "engine.share.bad_row": "{{input}}: {{where}}{{field}}: {{why}}",
  "engine.share.bad_row_hint":
    "the agreement rejects runs with bad rows (on_bad_row: reject), so nothing was released (or set on_bad_row: quarantine)",
  "engine.share.in_column": ', column "{{column}}"',
  "engine.share.unterminated_quote":
    "{{input}}, {{where}}{{column}}: a quoted field is still open at the end of the file",
  "engine.share.unterminated_quote_hint": 'close the quote, and double each quote inside a quoted field ("")',
  "engine.share.awaits_witnesses":
    'release {{seq}} of "{{id}}" is recorded, but its files stay out of place until witnessed: {{why}}',
  "engine.share.awaits_witnesses_hint": "run `jikimi ledger witness`, then `jikimi ledger repair`",
  "engine.share.after_repair": ', then run `jikimi ledger repair` to finish release {{seq}} of "{{id}}"',
  "engine.share.after_nothing": " and run again; nothing was released or recorded",
  "engine.share.digest_hold":
    'field "{{field}}" holds {{algorithm}} digests a recipient can reverse ({{reversed}} of {{distinct}} sampled values recovered in {{seconds}} s): release it as a keyed pseudonym instead',
  "engine.share.ledger_write_failed": "the ledger in {{path}} cannot be written ({{code}})",
  "engine.share.ledger_write_failed_hint":
    "free disk space there and run again; nothing was released or recorded",
  "engine.share.state_store": "the state store",
  "engine.share.min_k_one":
    "the smallest group of released records sharing one combination of {{qi}} holds {{count}} record; min_k is {{min}}: generalise or drop a quasi-identifier",
  "engine.share.min_k_other":
    "the smallest group of released records sharing one combination of {{qi}} holds {{count}} records; min_k is {{min}}: generalise or drop a quasi-identifier",
  "engine.share.unique_share":
    "{{share}}% of released records are unique on {{qi}}; max_unique_share is {{max}}%: generalise or drop a quasi-identifier",
  // why a record was set aside, and how to mend it (share.ts)
  "engine.row.field_count":
    "the record has {{fields}} fields, not one per column: quote fields that contain commas or line breaks, and give every row one field per column",
  "engine.row.field_count_unknown":
    "the record has a different number of fields, not one per column: quote fields that contain commas or line breaks, and give every row one field per column",
  "engine.row.bad_quote":
    'a quote inside an unquoted field or text after a closing quote: enclose the field in quotes and double each quote inside it ("")',
  "engine.row.bad_encoding":
    "invalid UTF-8: save the file as UTF-8 (from EUC-KR/CP949: iconv -f cp949 -t utf-8)",
  "engine.row.wrong_type":
    "wrong type, expected {{expected}}: correct the value, or the field's type in the dataset",
  "engine.row.declared_type": "the declared type",
  "engine.row.missing_value":
    "no value, and the field is not nullable: fill it in, or declare the field nullable: true",
  "engine.row.not_json": "not a JSON object on one line: write one object per line",
  "engine.row.keys_differ":
    "the object's keys differ from the first record's: give every record the same keys",
  "engine.row.nested": "a nested value: flatten it to a string, number or boolean",
  "engine.row.transform": "{{code}}: the transform cannot take this value; correct it in the source",
  // typecheck.ts: what each type expects (never the value)
  "engine.type.string": "text",
  "engine.type.integer": "an integer (optional sign and digits, within ±9007199254740991)",
  "engine.type.number": "a finite decimal number (e.g. 12.5, -3, 1e3)",
  "engine.type.boolean": "true or false",
  "engine.type.date": "a date YYYY-MM-DD that exists in the calendar",
  "engine.type.timestamp": "an ISO 8601 timestamp with a zone, e.g. 2024-05-01T09:00:00+09:00 or ...Z",
  "engine.type.not_nullable": "a value (the field is not nullable)",
  "engine.type.columns": "{{width}} columns",
  // columns.ts
  "engine.columns.missing": "{{input}}: the header lacks {{columns}}",
  "engine.columns.missing_hint":
    "add the column to the file (a release reads only the subject key, the released fields and the fields its scope reads), or set source_column on the field in {{file}} to the header that holds it",
  "engine.columns.duplicated": "{{input}}: the header repeats {{columns}}",
  "engine.columns.duplicated_hint": "give each column a header of its own",
  "engine.columns.item": "{{column}} ({{why}})",
  "engine.columns.item_mapped": '"{{column}}" (source_column of field {{field}}; {{why}})',
  "engine.columns.item_named":
    '"{{column}}" (source_column of field {{field}}; {{why}}; the column headed {{field}} is not read: rename its header to "{{column}}", or remove source_column)',
  "engine.columns.why_subject": "the subject key",
  "engine.columns.why_released": "released by the agreement",
  "engine.columns.why_scope": "read by the scope",
  // release-plan.ts
  "engine.plan.refused_one": 'agreement "{{id}}" has {{count}} check error ({{codes}})',
  "engine.plan.refused_other": 'agreement "{{id}}" has {{count}} check errors ({{codes}})',
  "engine.plan.refused_hint": "run `jikimi check` and fix them first",
  "engine.plan.no_phase": 'no scope phase of "{{id}}" covers {{day}}',
  "engine.plan.valid_from": "the agreement is valid from {{from}}, not on {{day}}",
  "engine.plan.valid_between": "the agreement is valid from {{from}} until {{until}}, not on {{day}}",
  "engine.plan.max_subjects": "{{subjects}} subjects exceed max_subjects {{max}}",
  "engine.plan.max_growth":
    "{{subjects}} subjects is {{percent}}% more than the previous release ({{previous}}); max_growth is {{max}}%",
  "engine.plan.per_day_one": "{{count}} release already on {{day}}; max_releases_per_day is {{max}}",
  "engine.plan.per_day_other": "{{count}} releases already on {{day}}; max_releases_per_day is {{max}}",
  "engine.manifest.agreement_id": 'agreement.id is not "{{id}}"',
  "engine.manifest.agreement_version": "agreement.version is {{got}}, the agreement is at version {{want}}",
  "engine.manifest.agreement_digest":
    "agreement.digest is not the SHA-256 of the agreement file as it stands: record under the agreement in force",
  "engine.manifest.recipient": "recipient.{{key}} differs from the agreement's recipient",
  "engine.manifest.legal_basis": "legal_basis is not the agreement's ({{basis}})",
  "engine.manifest.purposes": "purposes differ from the agreement's ({{purposes}})",
  "engine.manifest.hash":
    'field "{{name}}" uses the unkeyed hash transform, which is reversible: release it as a pseudonym',
  "engine.manifest.not_released": 'field "{{name}}" is not released by the agreement',
  "engine.manifest.transform": 'field "{{name}}" must be released as {{want}}, not {{got}}',
  "engine.manifest.no_key": 'field "{{name}}" names no key_id',
  "engine.manifest.wrong_key":
    'field "{{name}}": key {{key}} is not a key this keyring derives for the agreement',
  "engine.manifest.missing_field": 'field "{{name}}" of the agreement is missing',
  "engine.record.unknown_agreement":
    'nothing was recorded: there is no agreement "{{id}}" in the workspace (known: {{known}})',
  "engine.record.contradicts":
    'nothing was recorded: the manifest contradicts agreement "{{id}}":\n{{list}}\n',
  "engine.record.no_consent":
    '{{missing}} of {{count}} subjects had not consented to "{{purpose}}" as of {{at}}',
  "engine.record.held":
    "the release was not recorded; it is held, and the hold is recorded as entry {{seq}}:\n{{list}}\n  record it anyway only with --override REASON (the reason goes into the entry)\n",
  // release/journal.ts
  "engine.journal.corrupt": "the release journal {{path}} is unreadable",
  "engine.journal.corrupt_hint":
    'check `jikimi ledger log` for a release of "{{id}}" without a file, then delete the journal',
  "engine.journal.discarded":
    'an interrupted release of "{{id}}" was not recorded: its temporary files were deleted',
  "engine.journal.waiting":
    'release {{seq}} of "{{id}}" is recorded but its files stay out of place until witnessed: {{why}}; run `jikimi ledger witness`, then `jikimi ledger repair`',
  "engine.journal.finished": 'finished the interrupted release of "{{id}}" (ledger entry {{seq}})',
  "engine.journal.placed": "placed {{files}}",
  "engine.journal.missing":
    "MISSING {{files}}: the temporary is gone; release again (the entry stays in the ledger)",
  "engine.journal.kept":
    "it was going to {{stream}}, which may not have received it whole: the released file is kept at {{path}} (0600); deliver it from there, then delete it",
  "engine.journal.streamed": "its released file had reached {{stream}} whole",
  // release/output.ts
  "engine.output.tmp_unusable": "{{dir}} is not a folder (a symlink or a file)",
  "engine.output.tmp_unusable_hint": "remove it so jikimi can keep its temporary files there",
  "engine.output.unwritable": "the output folder {{dir}} cannot be written ({{code}})",
  "engine.output.unwritable_hint": "pass --out a folder you can write to",
  "engine.output.disk_full": "{{what}}: the disk is full ({{code}})",
  "engine.output.disk_full_hint":
    "free space in the output folder and run again; nothing was released or recorded",
  "engine.output.write_failed": "{{what}}: cannot write ({{code}})",
  "engine.output.write_failed_hint": "check the output folder; nothing was released or recorded",
  "engine.output.exists": "{{path}} already exists (a file or a symlink)",
  "engine.output.exists_hint": "jikimi never replaces or follows one; move it away{{after}}",
  "engine.output.place_failed": "cannot put {{path}} in place ({{code}})",
  "engine.output.place_full": "free space in the output folder{{after}}",
  "engine.output.place_unwritable": "make the output folder writable{{after}}",
  "engine.output.run_again": " and run again",
  // release/pool.ts
  "engine.pool.failed": "a share worker {{why}}",
  "engine.pool.failed_hint": "nothing was released or recorded; {{fix}} (or run with --threads 0)",
  "engine.pool.failed_with": "failed ({{error}})",
  "engine.pool.stopped": "was stopped",
  "engine.pool.exited": "stopped unexpectedly (exit code {{code}})",
  "engine.pool.out_of_memory": "ran out of memory",
  "engine.pool.run_again": "run again",
  "engine.pool.more_memory":
    "give node more memory (NODE_OPTIONS=--max-old-space-size=4096) or run with fewer --threads",
  // release/processor.ts
  "engine.plan.subject_column":
    "the release plan gives the subject key column {{column}}, but the header has {{width}} columns",
  "engine.plan.field_column":
    'the release plan gives the field "{{name}}" column {{column}}, but the header has {{width}} columns',
  "engine.plan.column_hint":
    "the plan must be built from the file's header: check that the header has every released field",
  "engine.plan.quasi_identifier": "quasi-identifier",
  "engine.plan.probe": "probe",
  "engine.plan.not_released":
    "the release plan lists {{what}} {{index}}, which is not one of its {{count}} released fields",
  "engine.plan.not_released_hint": "list only released fields",
  // transforms/
  "engine.transform.options":
    "the {{transform}} transform of field {{field}} has invalid options at {{paths}}",
  "engine.transform.options_hint": "fix the agreement",
  "engine.transform.key_missing":
    "the {{transform}} transform of field {{field}} needs its derived key and none was passed",
  "engine.transform.not_runnable":
    "field {{field}}: the hash transform only describes a legacy feed; use pseudonym",
  "engine.transform.type_mismatch":
    "field {{field}} is {{type}}; the {{transform}} transform takes {{types}}",
  "engine.transform.generalise_mismatch": "field {{field}} is {{type}}; generalise to {{to}} takes {{types}}",
  "engine.transform.unknown": "field {{field}}: no runnable transform is named {{transform}}",
  "engine.transform.value_problem": "row {{row}} of field {{field}} cannot be transformed ({{code}})",
  "engine.transform.value_problem_hint": "pass a problems sink to collect such rows",
  "engine.transform.siv_key": "an AES-SIV key is 32 or 64 bytes, got {{length}}",
  "engine.transform.siv_key_hint": "pass the key derived for the token scope",
  "engine.transform.bounds":
    "generalise to bucket: bounds must be strictly ascending (index {{index}} is not above index {{previous}})",
  "engine.transform.pseudonym_key": "the pseudonym key is {{length}} bytes",
  "engine.transform.pseudonym_key_hint": "pass the 32-byte key derived for the field's key scope",
  "engine.transform.bad_token":
    "the token does not authenticate under this key: it was altered or truncated, or made with another key or label",
  // consent-commitment.ts (ledger verify)
  "engine.consent.head_gone":
    "entry {{seq}} applied the consent registry after {{events}} events, whose chain head the registry no longer holds",
  "engine.consent.set_differs":
    'the consent set entry {{seq}} used ("{{purpose}}" as of {{at}}, {{count}} subjects) differs from the one recomputed from the registry\'s events ({{got}})',
} as const;

export const ko: KoreanOf<typeof en> = {
  "engine.share.unknown_agreement": '제공 계약 "{{id}}"이(가) 없습니다',
  "engine.share.see_agreements": "agreements/를 확인하세요",
  "engine.share.see_agreements_known": "agreements/를 확인하세요(있는 계약: {{known}})",
  "engine.share.none": "없음",
  "engine.share.no_dataset": "제공 계약의 데이터셋이 없습니다",
  "engine.share.no_dataset_or_recipient": "제공 계약의 데이터셋 또는 수령자가 없습니다",
  "engine.share.key_missing": "원장 정보주체 키 {{id}}이(가) 키링에 없습니다",
  "engine.share.key_missing_hint": "백업에서 키링을 복원하세요",
  "engine.share.bad_output_mode": "output_mode {{mode}}은(는) 소유자가 읽을 수 있는 파일 권한이 아닙니다",
  "engine.share.bad_output_mode_hint": "0600, 0640 같은 8진수 권한을 쓰세요",
  "engine.share.running": '"{{id}}"의 다른 제공이 진행 중입니다',
  "engine.share.running_by": '"{{id}}"의 다른 제공이 진행 중입니다({{owner}})',
  "engine.share.running_hint": "끝날 때까지 기다린 뒤 다시 실행하세요",
  "engine.share.release_file": "{{dir}}에 둘 제공 파일",
  "engine.share.quarantine_file": "{{dir}}에 둘 격리 보고서",
  "engine.share.interrupted": "제공이 중단되었습니다: 아무것도 쓰거나 기록하지 않았습니다",
  "engine.share.row_line": "{{row}}행({{line}}번째 줄)",
  "engine.share.row": "{{row}}행",
  "engine.share.in_field": ', 항목 "{{field}}"',
  "engine.share.bad_row": "{{input}}: {{where}}{{field}}: {{why}}",
  "engine.share.bad_row_hint":
    "제공 계약이 잘못된 행이 있는 실행을 거부하므로(on_bad_row: reject) 아무것도 제공하지 않았습니다(또는 on_bad_row: quarantine으로 설정하세요)",
  "engine.share.in_column": ', 열 "{{column}}"',
  "engine.share.unterminated_quote":
    "{{input}}, {{where}}{{column}}: 따옴표로 시작한 필드가 파일 끝까지 닫히지 않았습니다",
  "engine.share.unterminated_quote_hint": '따옴표를 닫고, 따옴표로 감싼 필드 안의 따옴표는 두 번("") 쓰세요',
  "engine.share.awaits_witnesses":
    '"{{id}}"의 제공 {{seq}}은(는) 원장에 기록되었지만 증인의 확인을 받을 때까지 파일을 제자리에 두지 않습니다: {{why}}',
  "engine.share.awaits_witnesses_hint":
    "`jikimi ledger witness`를 실행한 뒤 `jikimi ledger repair`를 실행하세요",
  "engine.share.after_repair":
    ', 그다음 `jikimi ledger repair`를 실행해 "{{id}}"의 제공 {{seq}}을(를) 마무리하세요',
  "engine.share.after_nothing": ", 그다음 다시 실행하세요. 아무것도 제공하거나 기록하지 않았습니다",
  "engine.share.digest_hold":
    '항목 "{{field}}"에 수령자가 되돌릴 수 있는 {{algorithm}} 해시값이 있습니다(표본 {{distinct}}개 중 {{reversed}}개를 {{seconds}}초 만에 복원): 키 기반 가명으로 제공하세요',
  "engine.share.ledger_write_failed": "{{path}}의 원장에 쓸 수 없습니다({{code}})",
  "engine.share.ledger_write_failed_hint":
    "그곳의 디스크 공간을 확보하고 다시 실행하세요. 아무것도 제공하거나 기록하지 않았습니다",
  "engine.share.state_store": "상태 저장소",
  "engine.share.min_k_other":
    "{{qi}}의 한 조합을 공유하는 제공 레코드의 가장 작은 묶음이 {{count}}건입니다. min_k는 {{min}}입니다: 준식별자를 일반화하거나 빼세요",
  "engine.share.unique_share":
    "제공 레코드의 {{share}}%가 {{qi}} 기준으로 유일합니다. max_unique_share는 {{max}}%입니다: 준식별자를 일반화하거나 빼세요",
  "engine.row.field_count":
    "레코드의 필드가 {{fields}}개로 열 수와 다릅니다: 쉼표나 줄바꿈이 든 필드는 따옴표로 감싸고, 모든 행에 열마다 필드를 하나씩 두세요",
  "engine.row.field_count_unknown":
    "레코드의 필드 수가 열 수와 다릅니다: 쉼표나 줄바꿈이 든 필드는 따옴표로 감싸고, 모든 행에 열마다 필드를 하나씩 두세요",
  "engine.row.bad_quote":
    '따옴표로 감싸지 않은 필드 안에 따옴표가 있거나 닫는 따옴표 뒤에 글자가 있습니다: 필드를 따옴표로 감싸고 안의 따옴표는 두 번("") 쓰세요',
  "engine.row.bad_encoding":
    "올바른 UTF-8이 아닙니다: 파일을 UTF-8로 저장하세요(EUC-KR/CP949에서: iconv -f cp949 -t utf-8)",
  "engine.row.wrong_type":
    "형식이 틀렸습니다(필요한 값: {{expected}}): 값을 고치거나 데이터셋의 항목 형식을 고치세요",
  "engine.row.declared_type": "선언한 형식",
  "engine.row.missing_value":
    "값이 없는데 null을 허용하지 않는 항목입니다: 값을 채우거나 항목을 nullable: true로 선언하세요",
  "engine.row.not_json": "한 줄짜리 JSON 객체가 아닙니다: 한 줄에 객체 하나씩 쓰세요",
  "engine.row.keys_differ": "객체의 키가 첫 레코드의 키와 다릅니다: 모든 레코드에 같은 키를 쓰세요",
  "engine.row.nested": "중첩된 값입니다: 문자열, 숫자, 불리언으로 펴세요",
  "engine.row.transform": "{{code}}: 변환이 이 값을 받을 수 없습니다. 원본에서 고치세요",
  "engine.type.string": "문자열",
  "engine.type.integer": "정수(부호와 숫자, ±9007199254740991 이내)",
  "engine.type.number": "유한한 십진수(예: 12.5, -3, 1e3)",
  "engine.type.boolean": "true 또는 false",
  "engine.type.date": "달력에 있는 YYYY-MM-DD 날짜",
  "engine.type.timestamp": "시간대가 있는 ISO 8601 시각(예: 2024-05-01T09:00:00+09:00 또는 ...Z)",
  "engine.type.not_nullable": "값(null을 허용하지 않는 항목)",
  "engine.type.columns": "열 {{width}}개",
  "engine.columns.missing": "{{input}}: 머리글에 다음 열이 없습니다: {{columns}}",
  "engine.columns.missing_hint":
    "파일에 그 열을 추가하거나(제공에는 정보주체 키, 제공 항목, 제공 범위가 읽는 항목의 열만 있으면 됩니다) {{file}}에서 그 항목의 source_column을 그 값이 든 머리글로 지정하세요",
  "engine.columns.duplicated": "{{input}}: 머리글에 같은 이름이 반복됩니다: {{columns}}",
  "engine.columns.duplicated_hint": "열마다 서로 다른 머리글을 쓰세요",
  "engine.columns.item": "{{column}}({{why}})",
  "engine.columns.item_mapped": '"{{column}}"(항목 {{field}}의 source_column, {{why}})',
  "engine.columns.item_named":
    '"{{column}}"(항목 {{field}}의 source_column, {{why}}. 머리글이 {{field}}인 열은 읽지 않습니다: 그 머리글을 "{{column}}"(으)로 바꾸거나 source_column을 지우세요)',
  "engine.columns.why_subject": "정보주체 키",
  "engine.columns.why_released": "제공 계약이 제공하는 항목",
  "engine.columns.why_scope": "제공 범위가 읽는 항목",
  "engine.plan.refused_other": '제공 계약 "{{id}}"에 점검 오류가 {{count}}건 있습니다({{codes}})',
  "engine.plan.refused_hint": "`jikimi check`를 실행해 먼저 고치세요",
  "engine.plan.no_phase": '"{{id}}"의 제공 범위 단계 중 {{day}}에 해당하는 것이 없습니다',
  "engine.plan.valid_from": "제공 계약의 유효 기간은 {{from}}부터이며 {{day}}은(는) 해당하지 않습니다",
  "engine.plan.valid_between":
    "제공 계약의 유효 기간은 {{from}}부터 {{until}}까지이며 {{day}}은(는) 해당하지 않습니다",
  "engine.plan.max_subjects": "정보주체 {{subjects}}명이 max_subjects {{max}}을(를) 넘습니다",
  "engine.plan.max_growth":
    "정보주체 {{subjects}}명은 직전 제공({{previous}}명)보다 {{percent}}% 많습니다. max_growth는 {{max}}%입니다",
  "engine.plan.per_day_other":
    "{{day}}에 이미 제공 {{count}}건이 있습니다. max_releases_per_day는 {{max}}입니다",
  "engine.manifest.agreement_id": 'agreement.id가 "{{id}}"이(가) 아닙니다',
  "engine.manifest.agreement_version": "agreement.version은 {{got}}인데 제공 계약은 버전 {{want}}입니다",
  "engine.manifest.agreement_digest":
    "agreement.digest가 현재 제공 계약 파일의 SHA-256이 아닙니다: 현재 유효한 제공 계약으로 기록하세요",
  "engine.manifest.recipient": "recipient.{{key}}이(가) 제공 계약의 수령자와 다릅니다",
  "engine.manifest.legal_basis": "legal_basis가 제공 계약의 법적 근거({{basis}})와 다릅니다",
  "engine.manifest.purposes": "purposes가 제공 계약의 목적({{purposes}})과 다릅니다",
  "engine.manifest.hash":
    '항목 "{{name}}"은(는) 되돌릴 수 있는 키 없는 hash 변환을 씁니다: 가명으로 제공하세요',
  "engine.manifest.not_released": '항목 "{{name}}"은(는) 제공 계약이 제공하는 항목이 아닙니다',
  "engine.manifest.transform": '항목 "{{name}}"은(는) {{got}}이(가) 아니라 {{want}}(으)로 제공해야 합니다',
  "engine.manifest.no_key": '항목 "{{name}}"에 key_id가 없습니다',
  "engine.manifest.wrong_key":
    '항목 "{{name}}": 키 {{key}}은(는) 이 키링이 이 제공 계약에 파생하는 키가 아닙니다',
  "engine.manifest.missing_field": '제공 계약의 항목 "{{name}}"이(가) 빠졌습니다',
  "engine.record.unknown_agreement":
    '아무것도 기록하지 않았습니다: 워크스페이스에 제공 계약 "{{id}}"이(가) 없습니다(있는 계약: {{known}})',
  "engine.record.contradicts":
    '아무것도 기록하지 않았습니다: 매니페스트가 제공 계약 "{{id}}"과(와) 맞지 않습니다:\n{{list}}\n',
  "engine.record.no_consent":
    '정보주체 {{count}}명 중 {{missing}}명이 {{at}} 기준으로 "{{purpose}}"에 동의하지 않았습니다',
  "engine.record.held":
    "제공을 기록하지 않았습니다. 제공이 보류되었고, 보류는 원장 항목 {{seq}}번으로 기록했습니다:\n{{list}}\n  그래도 기록하려면 --override REASON을 주세요(사유가 원장 항목에 남습니다)\n",
  "engine.journal.corrupt": "제공 저널 {{path}}을(를) 읽을 수 없습니다",
  "engine.journal.corrupt_hint":
    '`jikimi ledger log`에서 파일 없이 기록된 "{{id}}"의 제공이 있는지 확인한 뒤 저널을 지우세요',
  "engine.journal.discarded": '중단된 "{{id}}"의 제공은 기록되지 않았습니다: 임시 파일을 지웠습니다',
  "engine.journal.waiting":
    '"{{id}}"의 제공 {{seq}}은(는) 기록되었지만 증인의 확인을 받을 때까지 파일을 제자리에 두지 않습니다: {{why}}. `jikimi ledger witness`를 실행한 뒤 `jikimi ledger repair`를 실행하세요',
  "engine.journal.finished": '중단된 "{{id}}"의 제공을 마무리했습니다(원장 항목 {{seq}})',
  "engine.journal.placed": "{{files}}을(를) 제자리에 두었습니다",
  "engine.journal.missing":
    "{{files}}이(가) 없습니다: 임시 파일이 사라졌으니 다시 제공하세요(원장 항목은 남습니다)",
  "engine.journal.kept":
    "{{stream}}(으)로 보내던 중이라 수령자가 온전히 받지 못했을 수 있습니다: 제공 파일은 {{path}}(0600)에 보관했으니 그곳에서 전달한 뒤 지우세요",
  "engine.journal.streamed": "제공 파일은 {{stream}}(으)로 모두 전달되었습니다",
  "engine.output.tmp_unusable": "{{dir}}은(는) 폴더가 아닙니다(심볼릭 링크 또는 파일)",
  "engine.output.tmp_unusable_hint": "jikimi가 그곳에 임시 파일을 둘 수 있도록 지우세요",
  "engine.output.unwritable": "출력 폴더 {{dir}}에 쓸 수 없습니다({{code}})",
  "engine.output.unwritable_hint": "--out에 쓸 수 있는 폴더를 주세요",
  "engine.output.disk_full": "{{what}}: 디스크가 가득 찼습니다({{code}})",
  "engine.output.disk_full_hint":
    "출력 폴더의 공간을 확보하고 다시 실행하세요. 아무것도 제공하거나 기록하지 않았습니다",
  "engine.output.write_failed": "{{what}}: 쓸 수 없습니다({{code}})",
  "engine.output.write_failed_hint": "출력 폴더를 확인하세요. 아무것도 제공하거나 기록하지 않았습니다",
  "engine.output.exists": "{{path}}이(가) 이미 있습니다(파일 또는 심볼릭 링크)",
  "engine.output.exists_hint": "jikimi는 기존 파일을 바꾸거나 링크를 따라가지 않습니다: 옮기세요{{after}}",
  "engine.output.place_failed": "{{path}}을(를) 제자리에 둘 수 없습니다({{code}})",
  "engine.output.place_full": "출력 폴더의 공간을 확보하세요{{after}}",
  "engine.output.place_unwritable": "출력 폴더에 쓸 수 있게 하세요{{after}}",
  "engine.output.run_again": ", 그다음 다시 실행하세요",
  "engine.pool.failed": "제공 작업 스레드가 {{why}}",
  "engine.pool.failed_hint":
    "아무것도 제공하거나 기록하지 않았습니다. {{fix}}(또는 --threads 0으로 실행하세요)",
  "engine.pool.failed_with": "실패했습니다({{error}})",
  "engine.pool.stopped": "중지되었습니다",
  "engine.pool.exited": "예기치 않게 멈췄습니다(종료 코드 {{code}})",
  "engine.pool.out_of_memory": "메모리가 부족했습니다",
  "engine.pool.run_again": "다시 실행하세요",
  "engine.pool.more_memory":
    "node에 메모리를 더 주거나(NODE_OPTIONS=--max-old-space-size=4096) --threads를 줄여 실행하세요",
  "engine.plan.subject_column":
    "제공 계획은 정보주체 키를 {{column}}번 열로 주는데 머리글의 열은 {{width}}개입니다",
  "engine.plan.field_column":
    '제공 계획은 항목 "{{name}}"을(를) {{column}}번 열로 주는데 머리글의 열은 {{width}}개입니다',
  "engine.plan.column_hint":
    "제공 계획은 파일의 머리글로 만들어야 합니다: 머리글에 모든 제공 항목이 있는지 확인하세요",
  "engine.plan.quasi_identifier": "준식별자",
  "engine.plan.probe": "표본 항목",
  "engine.plan.not_released":
    "제공 계획이 {{what}} {{index}}을(를) 나열하지만 제공 항목 {{count}}개에 없습니다",
  "engine.plan.not_released_hint": "제공 항목만 나열하세요",
  "engine.transform.options": "항목 {{field}}의 {{transform}} 변환 옵션이 잘못되었습니다: {{paths}}",
  "engine.transform.options_hint": "제공 계약을 고치세요",
  "engine.transform.key_missing":
    "항목 {{field}}의 {{transform}} 변환에 필요한 파생 키가 전달되지 않았습니다",
  "engine.transform.not_runnable":
    "항목 {{field}}: hash 변환은 과거 제공을 기술할 때만 씁니다. pseudonym을 쓰세요",
  "engine.transform.type_mismatch":
    "항목 {{field}}은(는) {{type}}입니다. {{transform}} 변환은 {{types}}만 받습니다",
  "engine.transform.generalise_mismatch":
    "항목 {{field}}은(는) {{type}}입니다. {{to}}(으)로 일반화하는 변환은 {{types}}만 받습니다",
  "engine.transform.unknown": "항목 {{field}}: 실행할 수 있는 {{transform}} 변환이 없습니다",
  "engine.transform.value_problem": "항목 {{field}}의 {{row}}행을 변환할 수 없습니다({{code}})",
  "engine.transform.value_problem_hint": "이런 행을 모으려면 problems 수집기를 넘기세요",
  "engine.transform.siv_key": "AES-SIV 키는 32 또는 64바이트여야 하는데 {{length}}바이트입니다",
  "engine.transform.siv_key_hint": "토큰 범위에 파생된 키를 넘기세요",
  "engine.transform.bounds":
    "bucket 일반화: 경계값은 엄격히 오름차순이어야 합니다(인덱스 {{index}}이(가) 인덱스 {{previous}}보다 크지 않습니다)",
  "engine.transform.pseudonym_key": "가명 키가 {{length}}바이트입니다",
  "engine.transform.pseudonym_key_hint": "항목의 키 범위에 파생된 32바이트 키를 넘기세요",
  "engine.transform.bad_token":
    "토큰이 이 키로 인증되지 않습니다: 변조되었거나 잘렸거나 다른 키나 레이블로 만든 토큰입니다",
  "engine.consent.head_gone":
    "원장 항목 {{seq}}은(는) 동의 레지스트리의 이벤트 {{events}}건을 반영했는데, 레지스트리에 그 시점의 체인 헤드가 더 이상 없습니다",
  "engine.consent.set_differs":
    '원장 항목 {{seq}}이(가) 쓴 동의 집합("{{purpose}}", {{at}} 기준, 정보주체 {{count}}명)이 레지스트리의 이벤트로 다시 계산한 집합({{got}}명)과 다릅니다',
};
