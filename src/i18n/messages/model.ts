// messages of src/model/ and its adapters: what a workspace file gets wrong, where, and how to fix it.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  // names (common.ts, names.ts)
  "model.name.id":
    "use lowercase letters (Hangul and other scripts too), digits, '-' and '_', starting with a letter or digit (e.g. nsf-credit-feed, 한빛-제공)",
  "model.name.field":
    "use letters (Hangul and other scripts too), digits and '_', starting with a letter or '_' (e.g. balance, 잔액)",
  "model.name.consent_purpose":
    "use lowercase ASCII letters, digits, '-' and '_' (e.g. nsf-provision-overseas): the consent registry names purposes that way",
  "model.name.source_column":
    "name the header of the source column: not empty, no line break, no space at either end",
  "model.name.taxonomy_key": "use a dotted lowercase key (e.g. user.contact.email)",
  "model.name.country": "use an ISO 3166-1 alpha-2 code (e.g. KR, SG)",
  "model.name.iso_date": "use an ISO date, YYYY-MM-DD",
  "model.name.duration": "use a number and a unit: d, m or y (e.g. 90d, 6m, 3y)",
  "model.name.reserved": "is a reserved name (every JavaScript object has a property of that name)",
  "model.name.reserved_hint":
    "rename it, e.g. with a suffix (constructor_id), here and in the files and record headers that use it",
  "model.name.invalid_field": '"{{name}}" is not a valid name: {{why}}',
  "model.name.invalid_field_hint":
    "rename it, here and in the files and record headers that use it; a header that cannot be a name is mapped with source_column",
  "model.name.nfc_twice":
    '"{{name}}" is written twice in this mapping, in two Unicode forms (composed and decomposed Hangul look alike): names are compared in NFC',
  "model.name.nfc_twice_hint": "keep one of the two keys",
  // schemas (dataset.ts, agreement.ts, config.ts)
  "model.dataset.no_fields": "declare at least one field",
  "model.agreement.no_fields": "declare at least one released field",
  "model.config.witness_name": "a witness name has no spaces or '+'",
  "model.config.witness_url": "use the witness's base URL, e.g. https://witness.example/",
  "model.config.retention":
    "provision records are kept at least 3 years (Credit Information Act Art. 20(2)): use 3y or more",
  "model.config.origin":
    "an origin has no spaces or '+': use a schema-less URL, e.g. ledger.hanbitpay.example/nsf",
  "model.config.output_mode": "use an octal file mode such as 0600 or 0640",
  "model.config.witness_twice": "witness {{name}} is listed twice",
  "model.config.quorum": "a quorum of {{quorum}} needs at least that many witnesses ({{listed}} listed)",
  "model.config.token_ttl":
    "a token lifetime is a number and m (minutes), h (hours) or d (days), such as 10m",
  "model.config.wait_without_witnesses":
    "waiting for witnesses needs witnesses: list them under ledger.witnesses",
  // zod issues (zod-issues.ts, zod-messages.ts)
  "model.zod.the_document": "the document",
  "model.zod.unknown_key": 'unknown key "{{key}}"',
  "model.zod.unknown_key_in": 'unknown key "{{key}}" in {{path}}',
  "model.zod.unknown_key_hint":
    'remove "{{key}}" or fix its spelling (`jikimi schema` writes JSON Schema for editor completion)',
  "model.zod.invalid_key": '"{{key}}" is not a valid key here: {{why}}',
  "model.zod.invalid_key_fallback": "see `jikimi schema`",
  "model.zod.invalid_key_hint": "use letters (Hangul and other scripts too), digits and '_'",
  "model.zod.value_refused": '{{path}}: "{{value}}" {{why}}',
  "model.zod.see_schema": "see `jikimi schema` for what is allowed here",
  "model.zod.missing_key": 'required key "{{key}}" is missing',
  "model.zod.missing_key_hint": 'add "{{key}}:" here',
  "model.zod.wrong_type": "{{path}} must be {{expected}}",
  "model.zod.wrong_type_hint": "write {{expected}} here",
  "model.zod.other": "{{path}}: {{why}}",
  "model.zod.type_object": "a mapping (key: value lines)",
  "model.zod.type_array": "a list",
  "model.zod.type_record": "a mapping",
  "model.zod.type_string": "a string",
  "model.zod.type_number": "a number",
  "model.zod.type_boolean": "a boolean (true or false)",
  "model.zod.type_int": "a whole number",
  "model.zod.type_any": "a value of type {{type}}",
  "model.zod.too_small_items": "needs at least {{minimum}} item(s)",
  "model.zod.too_small_text": "must not be empty",
  "model.zod.too_small_chars": "needs at least {{minimum}} characters",
  "model.zod.too_small_number": "must be at least {{minimum}}",
  "model.zod.too_small_number_exclusive": "must be greater than {{minimum}}",
  "model.zod.too_big_items": "holds at most {{maximum}} item(s)",
  "model.zod.too_big_chars": "holds at most {{maximum}} characters",
  "model.zod.too_big_number": "must be at most {{maximum}}",
  "model.zod.too_big_number_exclusive": "must be less than {{maximum}}",
  "model.zod.one_of": "must be one of: {{values}}",
  "model.zod.bad_format": "is not a valid {{format}}",
  "model.zod.no_union": "matches none of the forms allowed here",
  "model.zod.multiple_of": "must be a multiple of {{divisor}}",
  // yaml-file.ts
  "model.yaml.duplicate_key_hint": "each key may appear once in a mapping: remove or rename the repeated one",
  "model.yaml.syntax_hint":
    "fix the YAML syntax at this place (indentation, a missing ':' or an unclosed quote)",
  "model.yaml.unreadable": "the YAML cannot be read: {{why}}",
  "model.yaml.unreadable_hint":
    "simplify the file: write the values out instead of using anchors and aliases",
  "model.yaml.alias_unresolved": "alias *{{alias}} names no anchor &{{alias}} before it",
  "model.yaml.alias_unresolved_hint": "set &{{alias}} on a value above this line, or write the value out",
  "model.yaml.alias_cycle":
    "alias *{{alias}} is inside the value &{{alias}} it names, so that value never ends",
  "model.yaml.alias_cycle_hint": "write the value out instead of the alias",
  "model.yaml.alias_limit":
    "aliases expand this file to more than {{max}} values (here *{{alias}} alone stands for {{size}}): anchors that alias anchors multiply",
  "model.yaml.alias_limit_hint":
    "write the values out, or alias only small values and not values that contain aliases themselves",
  "model.yaml.reserved": '"{{key}}" {{why}}',
  // load.ts
  "model.load.duplicate_id": 'id "{{id}}" is already used by {{file}}',
  "model.load.duplicate_id_hint": "give each declaration its own id",
  "model.load.no_workspace": "no {{file}} in {{root}}",
  "model.load.no_workspace_hint":
    "run the command inside a workspace, pass --workspace DIR, or create one with `jikimi init DIR`",
  "model.load.taxonomy_parent_hint": "declare the parent key first, or use an existing parent",
  "model.load.taxonomy_key_hint": "use a new key",
  // references.ts
  "model.ref.none_yet": "none is declared yet",
  "model.ref.subject_key_unknown": 'subject_key "{{name}}" is not a field of the dataset',
  "model.ref.use_one_of": "use one of: {{known}}",
  "model.ref.unknown_subject": '"{{subject}}" is not a data subject in the taxonomy',
  "model.ref.unknown_subject_hint": "use one of: {{known}}, or add it under taxonomy.subjects in jikimi.yaml",
  "model.ref.unknown_category": '"{{key}}" is not a data category in the taxonomy',
  "model.ref.unknown_category_hint":
    "use a key from `jikimi taxonomy`, or add it under taxonomy.categories in jikimi.yaml",
  "model.ref.unknown_category_purpose_hint": "use a key from `jikimi taxonomy`",
  "model.ref.unknown_use": '"{{use}}" is not a data use in the taxonomy',
  "model.ref.unknown_use_hint": "use one of: {{known}}, or add it under taxonomy.uses in jikimi.yaml",
  "model.ref.source_column_twice":
    'field "{{field}}" reads the column "{{column}}", which field "{{other}}" reads too',
  "model.ref.source_column_twice_hint": "give each field its own source column",
  "model.ref.source_column_clash":
    'field "{{field}}" reads the column "{{column}}", which is the name of field "{{other}}": a header of that name would feed both',
  "model.ref.source_column_clash_hint":
    'set source_column on "{{other}}" as well, or read "{{field}}" from another column',
  "model.ref.scope_expression": "scope expression: {{why}}",
  "model.ref.expr_unknown_field_hint": "use one of the dataset's fields: {{known}}",
  "model.ref.expr_regex_not_constant_hint":
    'write the pattern as a string literal, e.g. phone.matches("^010-[0-9]{4}-[0-9]{4}$"); to compare with another field use ==',
  "model.ref.expr_regex_too_long_hint":
    "shorten the pattern to {{max}} characters, or split it into several matches() joined with ||",
  "model.ref.expr_regex_invalid_hint":
    "use RE2 syntax (no lookaround, no back-references, repeats up to {1000}): https://github.com/google/re2/wiki/Syntax",
  "model.ref.expr_syntax_hint":
    "write a CEL condition over the dataset's fields ({{known}}); a name in Hangul is written as it is (잔액 >= 1000), any name may be put between backticks (`잔액`)",
  "model.ref.expr_other_hint":
    "write a CEL condition that gives true or false over the dataset's fields: {{known}}",
  "model.ref.recipient_unknown": 'recipient "{{id}}" is not declared',
  "model.ref.recipient_unknown_hint": "add recipients/{{id}}.yaml or use one of: {{known}}",
  "model.ref.dataset_unknown": 'dataset "{{id}}" is not declared',
  "model.ref.dataset_unknown_hint": "add datasets/{{id}}.yaml or use one of: {{known}}",
  "model.ref.purpose_unknown": 'purpose "{{id}}" is not declared',
  "model.ref.purpose_unknown_hint": "add purposes/{{id}}.yaml or use one of: {{known}}",
  "model.ref.invalid_dates": "valid.until is before valid.from",
  "model.ref.invalid_dates_hint": "swap the dates or fix the typo",
  "model.ref.field_unknown": 'field "{{name}}" is not declared in dataset "{{dataset}}"',
  "model.ref.field_unknown_hint": "declare it in {{file}} or use one of: {{known}}",
  "model.ref.transform_unknown": 'unknown transform "{{transform}}" for field "{{name}}"',
  "model.ref.transform_type": 'transform "{{transform}}" does not apply to {{type}} field "{{name}}"',
  "model.ref.transform_type_to":
    'transform "{{transform}}" to {{to}} does not apply to {{type}} field "{{name}}"',
  "model.ref.transform_type_hint": "it applies to: {{types}}",
  "model.ref.qi_unknown": 'quasi-identifier "{{name}}" is not a released field of this agreement',
  "model.ref.qi_unknown_hint": "the gate measures the released file: use one of: {{known}}",
  "model.ref.phase_dates": 'phase "{{phase}}" ends before it starts',
  "model.ref.phase_dates_hint": "make until later than from",
} as const;

export const ko: KoreanOf<typeof en> = {
  "model.name.id":
    "소문자(한글 등 다른 문자도 가능), 숫자, '-', '_'만 쓰고 문자나 숫자로 시작하세요(예: nsf-credit-feed, 한빛-제공)",
  "model.name.field":
    "문자(한글 등 다른 문자도 가능), 숫자, '_'만 쓰고 문자나 '_'로 시작하세요(예: balance, 잔액)",
  "model.name.consent_purpose":
    "영문 소문자, 숫자, '-', '_'만 쓰세요(예: nsf-provision-overseas): 동의 레지스트리는 목적을 이렇게 부릅니다",
  "model.name.source_column":
    "원본 열의 머리글 이름을 쓰세요: 비어 있거나 줄바꿈이 있거나 앞뒤에 공백이 있으면 안 됩니다",
  "model.name.taxonomy_key": "점으로 구분한 소문자 키를 쓰세요(예: user.contact.email)",
  "model.name.country": "ISO 3166-1 alpha-2 국가 코드를 쓰세요(예: KR, SG)",
  "model.name.iso_date": "ISO 날짜(YYYY-MM-DD)를 쓰세요",
  "model.name.duration": "숫자와 단위(d, m, y)를 쓰세요(예: 90d, 6m, 3y)",
  "model.name.reserved": "은(는) 예약된 이름입니다(모든 JavaScript 객체에 같은 이름의 속성이 있습니다)",
  "model.name.reserved_hint":
    "이름을 바꾸세요(예: constructor_id처럼 접미사를 붙여서). 이 파일과 그 이름을 쓰는 다른 파일, 레코드 머리글에서 모두 바꿔야 합니다",
  "model.name.invalid_field": '"{{name}}"은(는) 쓸 수 없는 이름입니다: {{why}}',
  "model.name.invalid_field_hint":
    "이 파일과 그 이름을 쓰는 다른 파일, 레코드 머리글에서 이름을 바꾸세요. 이름으로 쓸 수 없는 머리글은 source_column으로 연결하세요",
  "model.name.nfc_twice":
    '"{{name}}"이(가) 이 매핑에 서로 다른 유니코드 형태로 두 번 쓰였습니다(조합형과 완성형 한글은 똑같아 보입니다): 이름은 NFC로 비교합니다',
  "model.name.nfc_twice_hint": "두 키 중 하나만 남기세요",
  "model.dataset.no_fields": "항목을 하나 이상 선언하세요",
  "model.agreement.no_fields": "제공할 항목을 하나 이상 선언하세요",
  "model.config.witness_name": "증인 이름에는 공백이나 '+'를 쓸 수 없습니다",
  "model.config.witness_url": "증인의 기본 URL을 쓰세요(예: https://witness.example/)",
  "model.config.retention":
    "제공 기록은 최소 3년간 보관해야 합니다(신용정보법 제20조제2항): 3y 이상으로 쓰세요",
  "model.config.origin":
    "origin에는 공백이나 '+'를 쓸 수 없습니다: 스킴 없는 URL을 쓰세요(예: ledger.hanbitpay.example/nsf)",
  "model.config.output_mode": "0600, 0640 같은 8진수 파일 권한을 쓰세요",
  "model.config.witness_twice": "증인 {{name}}이(가) 두 번 나옵니다",
  "model.config.quorum": "정족수 {{quorum}}에는 그만큼의 증인이 필요합니다(현재 {{listed}}개)",
  "model.config.token_ttl": "토큰 유효 기간은 숫자와 m(분), h(시간), d(일)로 씁니다(예: 10m)",
  "model.config.wait_without_witnesses":
    "증인을 기다리려면 증인이 있어야 합니다: ledger.witnesses에 증인을 나열하세요",
  "model.zod.the_document": "문서",
  "model.zod.unknown_key": '알 수 없는 키 "{{key}}"',
  "model.zod.unknown_key_in": '{{path}}에 알 수 없는 키 "{{key}}"',
  "model.zod.unknown_key_hint":
    '"{{key}}"를 지우거나 철자를 고치세요(`jikimi schema`가 편집기 자동 완성용 JSON Schema를 만듭니다)',
  "model.zod.invalid_key": '"{{key}}"은(는) 여기에 쓸 수 없는 키입니다: {{why}}',
  "model.zod.invalid_key_fallback": "`jikimi schema`를 보세요",
  "model.zod.invalid_key_hint": "문자(한글 등 다른 문자도 가능), 숫자, '_'를 쓰세요",
  "model.zod.value_refused": '{{path}}: "{{value}}"{{why}}',
  "model.zod.see_schema": "여기에 쓸 수 있는 값은 `jikimi schema`에서 확인하세요",
  "model.zod.missing_key": '필수 키 "{{key}}"가 없습니다',
  "model.zod.missing_key_hint": '여기에 "{{key}}:"를 추가하세요',
  "model.zod.wrong_type": "{{path}}에는 {{expected}}을(를) 써야 합니다",
  "model.zod.wrong_type_hint": "여기에 {{expected}}을(를) 쓰세요",
  "model.zod.other": "{{path}}: {{why}}",
  "model.zod.type_object": "매핑(키: 값 형식의 줄)",
  "model.zod.type_array": "목록",
  "model.zod.type_record": "매핑",
  "model.zod.type_string": "문자열",
  "model.zod.type_number": "숫자",
  "model.zod.type_boolean": "true 또는 false",
  "model.zod.type_int": "정수",
  "model.zod.type_any": "{{type}} 형식의 값",
  "model.zod.too_small_items": "값이 {{minimum}}개 이상 있어야 합니다",
  "model.zod.too_small_text": "비어 있으면 안 됩니다",
  "model.zod.too_small_chars": "{{minimum}}자 이상이어야 합니다",
  "model.zod.too_small_number": "{{minimum}} 이상이어야 합니다",
  "model.zod.too_small_number_exclusive": "{{minimum}}보다 커야 합니다",
  "model.zod.too_big_items": "값은 {{maximum}}개까지 쓸 수 있습니다",
  "model.zod.too_big_chars": "{{maximum}}자까지 쓸 수 있습니다",
  "model.zod.too_big_number": "{{maximum}} 이하여야 합니다",
  "model.zod.too_big_number_exclusive": "{{maximum}}보다 작아야 합니다",
  "model.zod.one_of": "다음 중 하나여야 합니다: {{values}}",
  "model.zod.bad_format": "올바른 {{format}} 형식이 아닙니다",
  "model.zod.no_union": "여기에 쓸 수 있는 형식 중 어느 것에도 맞지 않습니다",
  "model.zod.multiple_of": "{{divisor}}의 배수여야 합니다",
  "model.yaml.duplicate_key_hint":
    "매핑에서 키는 한 번만 쓸 수 있습니다: 반복된 키를 지우거나 이름을 바꾸세요",
  "model.yaml.syntax_hint": "이 위치의 YAML 문법을 고치세요(들여쓰기, 빠진 ':', 닫히지 않은 따옴표)",
  "model.yaml.unreadable": "YAML을 읽을 수 없습니다: {{why}}",
  "model.yaml.unreadable_hint": "파일을 단순하게 만드세요: 앵커와 별칭 대신 값을 직접 쓰세요",
  "model.yaml.alias_unresolved": "별칭 *{{alias}} 앞에 앵커 &{{alias}}가 없습니다",
  "model.yaml.alias_unresolved_hint": "이 줄 위의 값에 &{{alias}}를 붙이거나 값을 직접 쓰세요",
  "model.yaml.alias_cycle":
    "별칭 *{{alias}}이(가) 자신이 가리키는 값 &{{alias}} 안에 있어 그 값이 끝나지 않습니다",
  "model.yaml.alias_cycle_hint": "별칭 대신 값을 직접 쓰세요",
  "model.yaml.alias_limit":
    "별칭을 펼치면 이 파일의 값이 {{max}}개를 넘습니다(여기서 *{{alias}} 하나가 {{size}}개에 해당합니다): 앵커가 다른 앵커의 별칭을 담으면 값이 곱절로 불어납니다",
  "model.yaml.alias_limit_hint": "값을 직접 쓰거나, 별칭을 담지 않은 작은 값에만 별칭을 쓰세요",
  "model.yaml.reserved": '"{{key}}"{{why}}',
  "model.load.duplicate_id": 'id "{{id}}"은(는) 이미 {{file}}에서 쓰고 있습니다',
  "model.load.duplicate_id_hint": "선언마다 서로 다른 id를 쓰세요",
  "model.load.no_workspace": "{{root}}에 {{file}}이(가) 없습니다",
  "model.load.no_workspace_hint":
    "워크스페이스 안에서 명령을 실행하거나 --workspace DIR을 주거나 `jikimi init DIR`로 워크스페이스를 만드세요",
  "model.load.taxonomy_parent_hint": "상위 키를 먼저 선언하거나 이미 있는 상위 키를 쓰세요",
  "model.load.taxonomy_key_hint": "새 키를 쓰세요",
  "model.ref.none_yet": "아직 선언된 것이 없습니다",
  "model.ref.subject_key_unknown": 'subject_key "{{name}}"은(는) 데이터셋의 항목이 아닙니다',
  "model.ref.use_one_of": "다음 중 하나를 쓰세요: {{known}}",
  "model.ref.unknown_subject": '"{{subject}}"은(는) 분류 체계에 없는 정보주체 유형입니다',
  "model.ref.unknown_subject_hint":
    "다음 중 하나를 쓰거나 jikimi.yaml의 taxonomy.subjects에 추가하세요: {{known}}",
  "model.ref.unknown_category": '"{{key}}"은(는) 분류 체계에 없는 데이터 범주입니다',
  "model.ref.unknown_category_hint":
    "`jikimi taxonomy`에 있는 키를 쓰거나 jikimi.yaml의 taxonomy.categories에 추가하세요",
  "model.ref.unknown_category_purpose_hint": "`jikimi taxonomy`에 있는 키를 쓰세요",
  "model.ref.unknown_use": '"{{use}}"은(는) 분류 체계에 없는 데이터 이용 유형입니다',
  "model.ref.unknown_use_hint": "다음 중 하나를 쓰거나 jikimi.yaml의 taxonomy.uses에 추가하세요: {{known}}",
  "model.ref.source_column_twice":
    '항목 "{{field}}"이(가) 읽는 열 "{{column}}"을(를) 항목 "{{other}}"도 읽습니다',
  "model.ref.source_column_twice_hint": "항목마다 서로 다른 원본 열을 지정하세요",
  "model.ref.source_column_clash":
    '항목 "{{field}}"이(가) 읽는 열 "{{column}}"은(는) 항목 "{{other}}"의 이름과 같아, 그 이름의 머리글이 두 항목에 모두 들어갑니다',
  "model.ref.source_column_clash_hint":
    '"{{other}}"에도 source_column을 지정하거나 "{{field}}"을(를) 다른 열에서 읽으세요',
  "model.ref.scope_expression": "제공 범위 식: {{why}}",
  "model.ref.expr_unknown_field_hint": "데이터셋의 항목 중 하나를 쓰세요: {{known}}",
  "model.ref.expr_regex_not_constant_hint":
    '패턴은 문자열 리터럴로 쓰세요(예: phone.matches("^010-[0-9]{4}-[0-9]{4}$")). 다른 항목과 비교하려면 ==를 쓰세요',
  "model.ref.expr_regex_too_long_hint":
    "패턴을 {{max}}자 이하로 줄이거나, 여러 matches()로 나누어 ||로 이으세요",
  "model.ref.expr_regex_invalid_hint":
    "RE2 문법을 쓰세요(전후방 탐색과 역참조 불가, 반복은 {1000}까지): https://github.com/google/re2/wiki/Syntax",
  "model.ref.expr_syntax_hint":
    "데이터셋의 항목({{known}})에 대한 CEL 조건을 쓰세요. 한글 이름은 그대로 쓰고(잔액 >= 1000), 어떤 이름이든 백틱으로 감쌀 수 있습니다(`잔액`)",
  "model.ref.expr_other_hint": "데이터셋의 항목에 대해 참/거짓을 내는 CEL 조건을 쓰세요: {{known}}",
  "model.ref.recipient_unknown": '수령자 "{{id}}"이(가) 선언되지 않았습니다',
  "model.ref.recipient_unknown_hint": "recipients/{{id}}.yaml을 추가하거나 다음 중 하나를 쓰세요: {{known}}",
  "model.ref.dataset_unknown": '데이터셋 "{{id}}"이(가) 선언되지 않았습니다',
  "model.ref.dataset_unknown_hint": "datasets/{{id}}.yaml을 추가하거나 다음 중 하나를 쓰세요: {{known}}",
  "model.ref.purpose_unknown": '목적 "{{id}}"이(가) 선언되지 않았습니다',
  "model.ref.purpose_unknown_hint": "purposes/{{id}}.yaml을 추가하거나 다음 중 하나를 쓰세요: {{known}}",
  "model.ref.invalid_dates": "valid.until이 valid.from보다 앞섭니다",
  "model.ref.invalid_dates_hint": "두 날짜를 바꾸거나 잘못 쓴 날짜를 고치세요",
  "model.ref.field_unknown": '항목 "{{name}}"은(는) 데이터셋 "{{dataset}}"에 선언되지 않았습니다',
  "model.ref.field_unknown_hint": "{{file}}에 선언하거나 다음 중 하나를 쓰세요: {{known}}",
  "model.ref.transform_unknown": '항목 "{{name}}"의 변환 "{{transform}}"은(는) 알 수 없는 변환입니다',
  "model.ref.transform_type": '변환 "{{transform}}"은(는) {{type}} 항목 "{{name}}"에 쓸 수 없습니다',
  "model.ref.transform_type_to":
    '{{to}}(으)로 바꾸는 변환 "{{transform}}"은(는) {{type}} 항목 "{{name}}"에 쓸 수 없습니다',
  "model.ref.transform_type_hint": "이 변환을 쓸 수 있는 형식: {{types}}",
  "model.ref.qi_unknown": '준식별자 "{{name}}"은(는) 이 제공 계약이 제공하는 항목이 아닙니다',
  "model.ref.qi_unknown_hint": "이 점검은 제공되는 파일을 잽니다: 다음 중 하나를 쓰세요: {{known}}",
  "model.ref.phase_dates": '단계 "{{phase}}"이(가) 시작보다 먼저 끝납니다',
  "model.ref.phase_dates_hint": "until을 from보다 뒤로 하세요",
};
