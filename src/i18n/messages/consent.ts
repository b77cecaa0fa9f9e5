// messages of src/consent/: problems found in consent input (by row and field, never a value), the
// registry's refusals, and what the consent verification finds in the chain, batches and snapshots.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  // where a problem is (event.ts, import.ts): a CSV row, a JSONL line, an event given to the API
  "consent.place.row": "row {{row}}",
  "consent.place.line": "line {{row}}",
  "consent.place.event": "event {{row}}",

  // one field's problem (event.ts)
  "consent.problem.missing": "{{field}} is missing",
  "consent.problem.empty": "{{field}} is empty",
  "consent.problem.wrong_type": "{{field}} is not text",
  "consent.problem.too_long": "{{field}} is too long",
  "consent.problem.bad_format": "{{field}} is not in the expected format",
  "consent.problem.bad_value": "{{field}} is not an allowed value",
  "consent.problem.in_future": "{{field}} is in the future",
  "consent.fix.subject":
    "give the subject's key as text, 1 to 256 characters, without leading or trailing spaces or control characters",
  "consent.fix.purpose":
    "use a consent purpose id of lowercase letters, digits, '-' and '_', at most 64 characters (e.g. nsf-provision)",
  "consent.fix.action": 'use "grant" or "withdraw"',
  "consent.fix.at":
    "use an ISO 8601 time with a timezone, e.g. 2024-03-01T09:30:00+09:00 or 2024-03-01T00:30:00Z",
  "consent.fix.source":
    "name the system that collected the consent, 1 to 200 characters without leading or trailing spaces (e.g. app-signup-v3)",
  "consent.fix.evidence":
    "give a reference to where the proof is kept, at most 1000 characters without control characters, or leave it empty",
  "consent.fix.in_future":
    "consent events record what already happened; check the clock or the timezone of the export",
  "consent.problem.not_an_object_at":
    '{{place}} is not an object: give {"subject", "purpose", "action", "at", "source", "evidence"}',
  "consent.problem.other_fields_one": "{{place}}: has {{count}} field other than {{fields}}: remove it",
  "consent.problem.other_fields_other": "{{place}}: has {{count}} fields other than {{fields}}: remove them",

  // a consent file (import.ts)
  "consent.import.unknown_format": "cannot tell the format of {{path}} from its extension",
  "consent.import.unknown_format_hint": "name it .csv or .jsonl, or pass --input-format csv|jsonl",
  "consent.import.bad_format": "the consent file format must be csv or jsonl",
  "consent.import.unreadable": "cannot read the consent file {{path}}",
  "consent.import.unreadable_hint": "check that it exists",
  "consent.import.header_help":
    "the first line must be the header subject,purpose,action,at,source[,evidence]",
  "consent.import.header": "header: {{message}}",
  "consent.import.header_quote": "has a misplaced quote: {{help}}",
  "consent.import.header_unknown": "column {{column}} is not one of {{fields}}: {{help}}",
  "consent.import.header_repeat": "column {{column}} repeats {{field}}: keep one",
  "consent.import.header_missing": "the column {{field}} is missing: {{help}}",
  "consent.import.header_empty": "the file is empty: {{help}}",
  "consent.import.row_quote":
    '{{place}}: has a misplaced quote: enclose a field holding quotes, commas or line breaks in quotes and double its quotes ("say ""yes""")',
  "consent.import.columns_one": "{{place}}: has {{count}} column, the header {{header}}",
  "consent.import.columns_other": "{{place}}: has {{count}} columns, the header {{header}}",
  "consent.import.columns_missing_one":
    "; {{fields}} is missing: give every column (an empty evidence is fine)",
  "consent.import.columns_missing_other":
    "; {{fields}} are missing: give every column (an empty evidence is fine)",
  "consent.import.columns_extra": ': enclose fields that contain commas in quotes ("a,b")',
  "consent.import.bad_json":
    '{{place}}: is not valid JSON: write one object per line, e.g. {"subject": "...", "purpose": "nsf-provision", "action": "grant", "at": "2024-03-01T09:30:00+09:00", "source": "app-signup-v3"}',
  "consent.import.bad_encoding":
    "{{place}} (or the end of the row before it) is not valid UTF-8: save the file as UTF-8",
  "consent.import.no_rows": "the file has no consent rows: nothing to record",

  // the error that rejects a whole input (problems.ts)
  "consent.input.file": "the consent file {{path}}",
  "consent.input.events": "the consent events",
  "consent.input.rejected_one": "{{what}}: {{count}} problem, nothing was recorded:",
  "consent.input.rejected_other": "{{what}}: {{count}} problems, nothing was recorded:",
  "consent.input.more": "... and {{count}} more",

  // the registry (registry.ts, replay.ts, chain.ts)
  "consent.registry.as_of_time": "the as-of time",
  "consent.registry.status_time": "the status time",
  "consent.registry.bad_time": "{{what}} is not an ISO 8601 time with a timezone",
  "consent.registry.bad_time_hint": "use e.g. 2024-03-01T09:30:00+09:00 or 2024-03-01T00:30:00Z",
  "consent.registry.bad_purpose": "the consent purpose is not an id",
  "consent.registry.bad_purpose_hint": "use lowercase letters, digits, '-' and '_' (e.g. nsf-provision)",
  "consent.registry.unknown_purpose_one":
    "the consent purpose {{purposes}} is not declared by any agreement of the workspace, nothing was recorded",
  "consent.registry.unknown_purpose_other":
    "the consent purposes {{purposes}} are not declared by any agreement of the workspace, nothing was recorded",
  "consent.registry.no_purposes_hint":
    "the workspace declares no consent purpose: add `consent: { purpose: <id> }` to the agreement that needs it",
  "consent.registry.known_purposes_hint":
    "use one of {{purposes}}, or declare the purpose as `consent.purpose` of an agreement",
  "consent.registry.lost_row": "the consent {{table}} table lost a row",
  "consent.registry.lost_row_hint": "restore the state database from a backup",
  "consent.chain.outdated": "the state database has no consent chain columns (schema migration 8)",
  "consent.chain.outdated_hint": "upgrade jikimi, whose store migrates on open",
  "consent.chain.out_of_order": "consent event {{id}} is out of its batch's order",
  "consent.chain.out_of_order_hint":
    "the registry was edited outside jikimi; restore the state database from a backup",
  "consent.chain.unchained_batch": "consent batch {{id}} has no chain head though earlier batches have one",
  "consent.chain.unchained_batch_hint":
    "the registry was edited outside jikimi; run the consent verification and restore the state database from a backup",

  // the consent verification (verify.ts)
  "consent.verify.unchained":
    "consent batch {{id}} has no chain head: it was recorded before the chain existed and no recording has chained it since, or its head was removed",
  "consent.verify.batch_changed":
    "consent batch {{id}} (events {{first}}..{{last}}): its events do not hash to its chain head: an event of it was changed, removed, added or reordered, or the batch's time or a purpose or source name was edited",
  "consent.verify.since_changed":
    "the consent chain no longer ends a batch at event {{events}} with the head the last verify saved: the consent recorded up to it was rewritten since; the whole chain was verified instead",
  "consent.verify.batch_range":
    "consent batch {{id}} records {{events}} events with ids {{first}}..{{last}}, but {{seen}} events name it{{ids}}: events were removed, added or renumbered",
  "consent.verify.batch_range_ids": " (ids {{first}}..{{last}})",
  "consent.verify.batch_range_ids_gaps": " (ids {{first}}..{{last}}, with gaps)",
  "consent.verify.batch_gap":
    "consent batch {{id}} starts at event {{first}}, batch {{before}} ends at event {{last}}: the events or batches between them were removed or added",
  "consent.verify.events_one": "consent event {{first}}",
  "consent.verify.events_other": "{{count}} consent events from event {{first}} on",
  "consent.verify.misplaced_ended":
    "{{events}} name batch {{batch}}, which ended before them: they were added, moved or renumbered",
  "consent.verify.misplaced_missing":
    "{{events}} name batch {{batch}}, which does not exist: they were added, moved or renumbered",
  "consent.verify.unknown_purpose":
    "{{events}} name purpose id {{ref}}, which has no row: the purpose was removed",
  "consent.verify.unknown_source":
    "{{events}} name source id {{ref}}, which has no row: the source was removed",
  "consent.verify.purpose_id": "id {{id}}",
  "consent.verify.snapshots_moved":
    "the consent snapshots of purpose {{purpose}} are not one every {{every}} events ({{stored}} stored, {{expected}} expected): one was removed, added or moved; delete the snapshots of the purpose and record any event to rebuild them",
  "consent.verify.snapshot_unreadable":
    "consent snapshot of purpose {{purpose}} at {{at}} (after event {{event}}) cannot be read: it was edited; delete the snapshots of the purpose and record any event to rebuild them",
  "consent.verify.snapshot_changed":
    "consent snapshot of purpose {{purpose}} at {{at}} (after event {{event}}) differs from the replay of its events: it or the events were edited; delete the snapshots of the purpose and record any event to rebuild them",
} as const;

export const ko: KoreanOf<typeof en> = {
  "consent.place.row": "{{row}}행",
  "consent.place.line": "{{row}}번째 줄",
  "consent.place.event": "{{row}}번째 이벤트",

  "consent.problem.missing": "{{field}} 항목이 없습니다",
  "consent.problem.empty": "{{field}} 항목이 비어 있습니다",
  "consent.problem.wrong_type": "{{field}} 항목이 문자열이 아닙니다",
  "consent.problem.too_long": "{{field}} 항목이 너무 깁니다",
  "consent.problem.bad_format": "{{field}} 항목의 형식이 올바르지 않습니다",
  "consent.problem.bad_value": "{{field}} 항목이 허용되지 않는 값입니다",
  "consent.problem.in_future": "{{field}} 항목이 미래 시각입니다",
  "consent.fix.subject": "정보주체 키를 1~256자의 문자열로, 앞뒤 공백이나 제어 문자 없이 입력하세요",
  "consent.fix.purpose":
    "영문 소문자, 숫자, '-', '_'로 된 64자 이하의 동의 목적 ID를 쓰세요(예: nsf-provision)",
  "consent.fix.action": '"grant" 또는 "withdraw"를 쓰세요',
  "consent.fix.at":
    "시간대가 있는 ISO 8601 시각을 쓰세요(예: 2024-03-01T09:30:00+09:00 또는 2024-03-01T00:30:00Z)",
  "consent.fix.source": "동의를 받은 시스템의 이름을 앞뒤 공백 없이 1~200자로 쓰세요(예: app-signup-v3)",
  "consent.fix.evidence": "증빙을 보관한 곳을 제어 문자 없이 1000자 이내로 쓰거나 비워 두세요",
  "consent.fix.in_future":
    "동의 이벤트는 이미 일어난 일을 기록합니다. 시스템 시계나 내보낸 파일의 시간대를 확인하세요",
  "consent.problem.not_an_object_at":
    '{{place}}이(가) 객체가 아닙니다: {"subject", "purpose", "action", "at", "source", "evidence"}를 주세요',
  "consent.problem.other_fields_other": "{{place}}: {{fields}} 외의 항목이 {{count}}개 있습니다: 삭제하세요",

  "consent.import.unknown_format": "{{path}}의 확장자로는 파일 형식을 알 수 없습니다",
  "consent.import.unknown_format_hint":
    "파일 이름을 .csv 또는 .jsonl로 하거나 --input-format csv|jsonl을 주세요",
  "consent.import.bad_format": "동의 파일 형식은 csv 또는 jsonl이어야 합니다",
  "consent.import.unreadable": "동의 파일 {{path}}을(를) 읽을 수 없습니다",
  "consent.import.unreadable_hint": "파일이 있는지 확인하세요",
  "consent.import.header_help": "첫 줄은 subject,purpose,action,at,source[,evidence] 헤더여야 합니다",
  "consent.import.header": "헤더: {{message}}",
  "consent.import.header_quote": "따옴표가 잘못 들어 있습니다: {{help}}",
  "consent.import.header_unknown": "{{column}}번째 열이 {{fields}} 중 하나가 아닙니다: {{help}}",
  "consent.import.header_repeat": "{{column}}번째 열이 {{field}}을(를) 반복합니다: 하나만 남기세요",
  "consent.import.header_missing": "{{field}} 열이 없습니다: {{help}}",
  "consent.import.header_empty": "파일이 비어 있습니다: {{help}}",
  "consent.import.row_quote":
    '{{place}}: 따옴표가 잘못 들어 있습니다: 따옴표, 쉼표, 줄바꿈이 든 값은 따옴표로 감싸고 안의 따옴표는 두 번 쓰세요("say ""yes""")',
  "consent.import.columns_other": "{{place}}: 열이 {{count}}개입니다(헤더는 {{header}}개)",
  "consent.import.columns_missing_other":
    "; {{fields}} 열이 없습니다: 모든 열을 채우세요(evidence는 비워도 됩니다)",
  "consent.import.columns_extra": ': 쉼표가 든 값은 따옴표로 감싸세요("a,b")',
  "consent.import.bad_json":
    '{{place}}: 올바른 JSON이 아닙니다: 한 줄에 객체 하나씩 쓰세요(예: {"subject": "...", "purpose": "nsf-provision", "action": "grant", "at": "2024-03-01T09:30:00+09:00", "source": "app-signup-v3"})',
  "consent.import.bad_encoding":
    "{{place}}(또는 그 앞 행의 끝)이 올바른 UTF-8이 아닙니다: 파일을 UTF-8로 저장하세요",
  "consent.import.no_rows": "파일에 동의 행이 없습니다: 기록할 것이 없습니다",

  "consent.input.file": "동의 파일 {{path}}",
  "consent.input.events": "동의 이벤트",
  "consent.input.rejected_other": "{{what}}: 문제 {{count}}건, 아무것도 기록하지 않았습니다:",
  "consent.input.more": "... 외 {{count}}건",

  "consent.registry.as_of_time": "기준 시각",
  "consent.registry.status_time": "조회 시각",
  "consent.registry.bad_time": "{{what}}이 시간대가 있는 ISO 8601 시각이 아닙니다",
  "consent.registry.bad_time_hint": "예: 2024-03-01T09:30:00+09:00 또는 2024-03-01T00:30:00Z",
  "consent.registry.bad_purpose": "동의 목적이 ID 형식이 아닙니다",
  "consent.registry.bad_purpose_hint": "영문 소문자, 숫자, '-', '_'를 쓰세요(예: nsf-provision)",
  "consent.registry.unknown_purpose_other":
    "동의 목적 {{purposes}}은(는) 워크스페이스의 어느 제공 계약에도 선언되지 않았습니다. 아무것도 기록하지 않았습니다",
  "consent.registry.no_purposes_hint":
    "워크스페이스에 선언된 동의 목적이 없습니다: 동의가 필요한 제공 계약에 `consent: { purpose: <id> }`를 추가하세요",
  "consent.registry.known_purposes_hint":
    "{{purposes}} 중 하나를 쓰거나, 그 목적을 제공 계약의 `consent.purpose`로 선언하세요",
  "consent.registry.lost_row": "동의 {{table}} 테이블에서 행이 사라졌습니다",
  "consent.registry.lost_row_hint": "상태 데이터베이스를 백업에서 복원하세요",
  "consent.chain.outdated": "상태 데이터베이스에 동의 체인 열이 없습니다(스키마 마이그레이션 8)",
  "consent.chain.outdated_hint": "jikimi를 업그레이드하세요. 저장소는 열 때 마이그레이션됩니다",
  "consent.chain.out_of_order": "동의 이벤트 {{id}}이(가) 배치의 순서를 벗어났습니다",
  "consent.chain.out_of_order_hint":
    "동의 기록부가 jikimi 밖에서 수정되었습니다. 상태 데이터베이스를 백업에서 복원하세요",
  "consent.chain.unchained_batch": "앞선 배치에는 체인 헤드가 있는데 동의 배치 {{id}}에는 없습니다",
  "consent.chain.unchained_batch_hint":
    "동의 기록부가 jikimi 밖에서 수정되었습니다. 동의 검증을 실행하고 상태 데이터베이스를 백업에서 복원하세요",

  "consent.verify.unchained":
    "동의 배치 {{id}}에 체인 헤드가 없습니다: 체인이 생기기 전에 기록된 뒤 아직 체인에 연결되지 않았거나, 헤드가 삭제되었습니다",
  "consent.verify.batch_changed":
    "동의 배치 {{id}}(이벤트 {{first}}..{{last}}): 이벤트의 해시가 체인 헤드와 맞지 않습니다: 이벤트가 변경·삭제·추가되었거나 순서가 바뀌었거나, 배치 시각이나 목적·출처 이름이 수정되었습니다",
  "consent.verify.since_changed":
    "동의 체인이 더 이상 이벤트 {{events}}에서 지난 검증이 저장한 헤드로 배치를 끝내지 않습니다: 그 뒤 기록된 동의가 다시 쓰였습니다. 대신 체인 전체를 검증했습니다",
  "consent.verify.batch_range":
    "동의 배치 {{id}}은(는) ID {{first}}..{{last}}의 이벤트 {{events}}건을 기록하지만, 이 배치를 가리키는 이벤트는 {{seen}}건입니다{{ids}}: 이벤트가 삭제·추가되었거나 번호가 바뀌었습니다",
  "consent.verify.batch_range_ids": "(ID {{first}}..{{last}})",
  "consent.verify.batch_range_ids_gaps": "(ID {{first}}..{{last}}, 빠진 번호 있음)",
  "consent.verify.batch_gap":
    "동의 배치 {{id}}은(는) 이벤트 {{first}}에서 시작하는데 배치 {{before}}은(는) 이벤트 {{last}}에서 끝납니다: 그 사이의 이벤트나 배치가 삭제되었거나 추가되었습니다",
  "consent.verify.events_other": "동의 이벤트 {{first}}부터 {{count}}건",
  "consent.verify.misplaced_ended":
    "{{events}}이(가) 그보다 먼저 끝난 배치 {{batch}}을(를) 가리킵니다: 추가되었거나 옮겨졌거나 번호가 바뀌었습니다",
  "consent.verify.misplaced_missing":
    "{{events}}이(가) 없는 배치 {{batch}}을(를) 가리킵니다: 추가되었거나 옮겨졌거나 번호가 바뀌었습니다",
  "consent.verify.unknown_purpose":
    "{{events}}이(가) 행이 없는 목적 ID {{ref}}을(를) 가리킵니다: 목적이 삭제되었습니다",
  "consent.verify.unknown_source":
    "{{events}}이(가) 행이 없는 출처 ID {{ref}}을(를) 가리킵니다: 출처가 삭제되었습니다",
  "consent.verify.purpose_id": "ID {{id}}",
  "consent.verify.snapshots_moved":
    "목적 {{purpose}}의 동의 스냅숏이 이벤트 {{every}}건마다 하나씩이 아닙니다(저장 {{stored}}개, 예상 {{expected}}개): 스냅숏이 삭제·추가되었거나 옮겨졌습니다. 이 목적의 스냅숏을 지우고 아무 이벤트나 기록하면 다시 만들어집니다",
  "consent.verify.snapshot_unreadable":
    "목적 {{purpose}}의 {{at}} 동의 스냅숏(이벤트 {{event}} 이후)을 읽을 수 없습니다: 수정되었습니다. 이 목적의 스냅숏을 지우고 아무 이벤트나 기록하면 다시 만들어집니다",
  "consent.verify.snapshot_changed":
    "목적 {{purpose}}의 {{at}} 동의 스냅숏(이벤트 {{event}} 이후)이 이벤트를 다시 적용한 결과와 다릅니다: 스냅숏이나 이벤트가 수정되었습니다. 이 목적의 스냅숏을 지우고 아무 이벤트나 기록하면 다시 만들어집니다",
};
