// messages of `jikimi consent`: options, what was recorded, a subject's consents.
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "cli.consent.description":
    "record consents and withdrawals, and look them up (the share gateway releases only consented subjects)",
  "cli.consent.import":
    "import consent events from CSV (subject,purpose,action,at,source[,evidence]) or JSONL; all or nothing",
  "cli.consent.grant": "record that a subject granted consent to a purpose",
  "cli.consent.withdraw": "record that a subject withdrew consent to a purpose",
  "cli.consent.status": "show a subject's consents per purpose, with their history",
  "cli.consent.file": "a .csv or .jsonl file",
  "cli.consent.subject": "the subject's key, or - to read it from stdin (keeps it out of shell history)",
  "cli.consent.purpose": "consent purpose, e.g. nsf-provision",
  "cli.consent.source": "the system that collected it, e.g. app-signup-v3",
  "cli.consent.at": "when, ISO 8601 with a timezone (default: now)",
  "cli.consent.status_at": "as of this time, ISO 8601 with a timezone (default: everything recorded)",
  "cli.consent.evidence": "where the proof is kept",

  "cli.consent.subject_missing": "no subject key on stdin",
  "cli.consent.subject_missing_hint": "write it as the first line",
  "cli.consent.bad_time": "--at is not an ISO 8601 time with a timezone",
  "cli.consent.bad_time_hint": "use e.g. 2024-03-01T09:30:00+09:00 or 2024-03-01T00:30:00Z",
  "cli.consent.nothing_recorded": "nothing was recorded",

  "cli.consent.events_one": "{{n}} consent event",
  "cli.consent.events_other": "{{n}} consent events",
  "cli.consent.new_subjects_one": "{{n}} new subject",
  "cli.consent.new_subjects_other": "{{n}} new subjects",
  "cli.consent.imported":
    "recorded {{events}} from {{file}} ({{new_subjects}}, {{skipped}} already recorded) in {{seconds}} s",
  "cli.consent.a_grant": "a grant of {{purpose}} at {{at}} (source {{source}})",
  "cli.consent.a_withdrawal": "a withdrawal from {{purpose}} at {{at}} (source {{source}})",
  "cli.consent.recorded": "recorded {{what}}",
  "cli.consent.already_recorded": "{{what}} is already recorded: nothing added",
  "cli.consent.no_events": "no consent events are recorded for this subject",
  "cli.consent.granted_since": "{{purpose}}: granted since {{since}} (source {{source}})",
  "cli.consent.withdrawn_since": "{{purpose}}: withdrawn since {{since}} (source {{source}})",
  "cli.consent.grant_word": "grant",
  "cli.consent.withdraw_word": "withdraw",
} as const;

export const ko: KoreanOf<typeof en> = {
  "cli.consent.description":
    "동의와 철회를 기록하고 조회합니다 (제공 게이트웨이는 동의한 정보주체만 제공합니다)",
  "cli.consent.import":
    "CSV(subject,purpose,action,at,source[,evidence]) 또는 JSONL에서 동의 이벤트 가져오기. 전부 아니면 전무",
  "cli.consent.grant": "정보주체가 목적에 동의했음을 기록",
  "cli.consent.withdraw": "정보주체가 목적에 대한 동의를 철회했음을 기록",
  "cli.consent.status": "정보주체의 목적별 동의와 그 이력 보기",
  "cli.consent.file": ".csv 또는 .jsonl 파일",
  "cli.consent.subject": "정보주체 키. -이면 표준 입력에서 읽습니다 (셸 기록에 남지 않게)",
  "cli.consent.purpose": "동의 목적, 예: nsf-provision",
  "cli.consent.source": "동의를 받은 시스템, 예: app-signup-v3",
  "cli.consent.at": "시각, 시간대가 있는 ISO 8601 (기본값: 지금)",
  "cli.consent.status_at": "이 시각 기준, 시간대가 있는 ISO 8601 (기본값: 기록된 전부)",
  "cli.consent.evidence": "증빙 보관 위치",

  "cli.consent.subject_missing": "표준 입력에 정보주체 키가 없습니다",
  "cli.consent.subject_missing_hint": "첫 줄에 쓰세요",
  "cli.consent.bad_time": "--at이 시간대가 있는 ISO 8601 시각이 아닙니다",
  "cli.consent.bad_time_hint": "예: 2024-03-01T09:30:00+09:00 또는 2024-03-01T00:30:00Z",
  "cli.consent.nothing_recorded": "아무것도 기록하지 않았습니다",

  "cli.consent.events_other": "동의 이벤트 {{n}}건",
  "cli.consent.new_subjects_other": "새 정보주체 {{n}}명",
  "cli.consent.imported":
    "{{file}}에서 {{events}}을(를) 기록했습니다 ({{new_subjects}}, 이미 기록된 {{skipped}}건 제외, {{seconds}}초)",
  "cli.consent.a_grant": "{{at}} {{purpose}} 동의 (출처 {{source}})",
  "cli.consent.a_withdrawal": "{{at}} {{purpose}} 동의 철회 (출처 {{source}})",
  "cli.consent.recorded": "{{what}}을(를) 기록했습니다",
  "cli.consent.already_recorded": "{{what}}은(는) 이미 기록되어 있어 추가하지 않았습니다",
  "cli.consent.no_events": "이 정보주체에 대해 기록된 동의 이벤트가 없습니다",
  "cli.consent.granted_since": "{{purpose}}: {{since}}부터 동의 (출처 {{source}})",
  "cli.consent.withdrawn_since": "{{purpose}}: {{since}}부터 철회 (출처 {{source}})",
  "cli.consent.grant_word": "동의",
  "cli.consent.withdraw_word": "철회",
};
