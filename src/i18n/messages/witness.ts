// messages of src/witness/ and its adapters: the witness server's human-readable HTTP bodies and access log (the
// bodies tlog-witness clients parse, a 409's size and a 200's cosignature line, are not messages and stay as the
// spec has them), request parsing, the witness folder's errors, cosignatures, the policy, and why a witness refused.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  // the HTTP server (server.ts, add-checkpoint.ts): one line each, the handler adds the newline
  "witness.http.unknown_origin": "this witness does not witness that log's origin",
  "witness.http.no_trusted_signature": "no signature on the checkpoint verifies with the log's trusted keys",
  "witness.http.old_size_larger": "the old size is larger than the checkpoint's size",
  "witness.http.busy": "the witness is busy: retry shortly",
  "witness.http.inconsistent": "the consistency proof from the latest cosigned checkpoint does not verify",
  "witness.http.too_large": "the request body is too large for a checkpoint",
  "witness.http.use_post": "use POST",
  "witness.http.not_found": "not found: this witness serves POST /add-checkpoint",
  "witness.http.internal": "internal error",
  "witness.log.request": "add-checkpoint {{what}}: {{status}} ({{ms}} ms)",
  "witness.log.malformed": "malformed",
  "witness.log.internal": "internal error: {{name}}",
  "witness.errors.listen_failed": "cannot listen on {{host}}:{{port}} ({{code}})",
  "witness.errors.listen_failed_hint": "pick another --listen address or port",

  // the add-checkpoint request body (request.ts)
  "witness.request.not_utf8": "the request body is not UTF-8",
  "witness.request.old_line": 'the body starts with "old <size>" and a newline (decimal, no leading zeros)',
  "witness.request.old_too_large": "the old size is larger than 2^53 - 1",
  "witness.request.proof_end": "the proof lines end with an empty line before the checkpoint",
  "witness.request.proof_lines": "a consistency proof has at most {{max}} lines",
  "witness.request.proof_line": "consistency proof line {{line}} is not base64 of a 32-byte hash",
  "witness.request.no_note": "the body ends before the checkpoint note",

  // the witness's folder (state.ts)
  "witness.state.dir_unwritable": "cannot create {{dir}} ({{code}})",
  "witness.state.dir_unwritable_hint": "check the parent's permissions",
  "witness.state.dir_invalid": "{{dir}} is not a folder",
  "witness.state.dir_invalid_hint": "pick another --dir",
  "witness.state.dir_open": "{{dir}} is open to other users (mode {{mode}})",
  "witness.state.dir_open_hint": "run `chmod 700 {{dir}}`",
  "witness.state.key_invalid": "{{file}} is not a witness key (PRIVATE+KEY+<name>+<id>+<key>)",
  "witness.state.key_altered": "{{file}} names a key ID that is not its key's: the file was altered",
  "witness.state.key_exists": "{{file}} already exists",
  "witness.state.key_exists_hint": "a witness key is never replaced; use another --dir",
  "witness.state.key_unwritable": "cannot write {{file}} ({{code}})",
  "witness.state.key_unwritable_hint": "check the folder's permissions",
  "witness.state.not_found": "no witness key in {{dir}}",
  "witness.state.not_found_hint": "run `jikimi witness init --dir {{dir}} --name <name>`",
  "witness.state.key_unreadable": "cannot read {{file}} ({{code}})",
  "witness.state.key_open": "{{file}} is readable by other users (mode {{mode}})",
  "witness.state.key_open_hint": "run `chmod 600 {{file}}`",
  "witness.state.db_too_new": "{{file}} was written by a newer jikimi",
  "witness.state.db_too_new_hint": "upgrade jikimi",
  "witness.state.db_unusable": "cannot open {{file}} ({{code}})",
  "witness.state.db_unusable_hint": "check the folder's permissions and free space",
  "witness.state.bad_origin": "a log's origin is one non-empty line, e.g. ledger.example/transfers",
  "witness.state.busy": "another process held {{file}} too long",
  "witness.state.busy_hint": "retry, or stop the other witness process",

  // cosignatures (cosignature.ts)
  "witness.cosignature.time": "a cosignature's time is a whole number of seconds since 1970, not {{time}}",
  "witness.cosignature.not_cosigner_key":
    "the witness key of {{name}} is not an Ed25519 cosignature key (type 0x04, 32 bytes)",
  "witness.cosignature.not_cosigner_key_hint": "ask the witness for its vkey (`jikimi witness vkey`)",
  "witness.cosignature.seed": "a witness's Ed25519 signing key is a 32-byte seed",
  "witness.cosignature.line":
    "the cosignature of {{name}} is not a key ID, an 8-byte time and a 64-byte Ed25519 signature",
  "witness.cosignature.far_future": "the cosignature of {{name}} has a time past the year 285 million",
  "witness.cosignature.listed_twice": "witness {{name}} is listed twice",
  "witness.cosignature.listed_twice_hint": "keep one vkey per witness",
  "witness.cosignature.quorum": "a quorum of {{quorum}} cannot be met by {{count}} witnesses",
  "witness.cosignature.quorum_hint": "use 0..{{count}}",
  "witness.cosignature.invalid":
    "the cosignature of witness {{name}} does not verify: the checkpoint was altered, or the witness's key differs from the vkey you trust",
  "witness.cosignature.future": "the cosignature of witness {{name}} is dated {{seconds}} s in the future",
  "witness.cosignature.future_hint": "check the witness's clock",

  // the log side's policy (policy.ts)
  "witness.policy.invalid": "the witness policy is not usable: {{issues}}",
  "witness.policy.name_mismatch": "the vkey is named {{key}}, not {{name}}: use the witness's key name",
  "witness.policy.duplicate": "{{name}} is listed twice",
  "witness.policy.url":
    "the witness URL is its submission prefix, e.g. https://witness.example/ or http://127.0.0.1:7380",
  "witness.policy.no_witness": "a policy lists at least one witness",
  "witness.policy.quorum_one":
    "a quorum is a whole number from 0 to the {{count}} witness listed, not {{quorum}}",
  "witness.policy.quorum_other":
    "a quorum is a whole number from 0 to the {{count}} witnesses listed, not {{quorum}}",
  "witness.policy.timeout": "a timeout is 1 to 600000 ms",

  // why a witness did not cosign (client.ts)
  "witness.client.larger":
    "it cosigned size {{cosigned}}, larger than this checkpoint's {{size}}: the log was rolled back or rewritten",
  "witness.client.no_proof": "no consistency proof from size {{size}} could be made: {{reason}}",
  "witness.client.no_size": "it answered 409 without its latest size (text/x.tlog.size)",
  "witness.client.other_root": "it cosigned another root at size {{size}}: the log was rewritten",
  "witness.client.moved":
    "its latest size moved again (to {{size}}): another process is sending it this log's checkpoints",
  "witness.client.inconsistent":
    "the consistency proof from size {{size}}, the checkpoint it cosigned, does not verify: the log was rewritten",
  "witness.client.forbidden":
    "it witnesses this log but no signature on the checkpoint verifies with the key it trusts: the log's key changed or the checkpoint was forged",
  "witness.client.unknown_log":
    "it does not witness this log's origin: add the log on the witness (`jikimi witness add-log`)",
  "witness.client.http": "it answered HTTP {{status}}",
  "witness.client.no_cosignature": "it answered 200 without a cosignature from its key",
  "witness.client.bad_cosignature": "its answer is not a valid cosignature: {{reason}}",
  "witness.client.timeout": "no answer within {{ms}} ms",
  "witness.client.unreachable": "unreachable ({{reason}})",
  "witness.client.error": "error",
  "witness.client.too_large": "the answer is larger than {{max}} bytes",

  // the log side (log-side.ts)
  "witness.fork.refused": "witness {{witness}} refused the checkpoint of size {{size}} ({{reason}})",
  "witness.fork.stop":
    "STOP: {{refusals}}. The log's history differs from what the witness cosigned before: it was rewritten, rolled back or restored from an old copy",
  "witness.fork.stop_hint":
    "release nothing more; compare with the witness's checkpoint using `jikimi ledger verify --against` and tell your DPO",
  "witness.awaiting":
    "{{got}} of the {{quorum}} cosignatures the witness policy asks for cover entry {{seq}}",
} as const;

export const ko: KoreanOf<typeof en> = {
  "witness.http.unknown_origin": "이 증인은 그 origin의 로그를 확인하지 않습니다",
  "witness.http.no_trusted_signature": "체크포인트의 어떤 서명도 로그의 신뢰하는 키로 검증되지 않습니다",
  "witness.http.old_size_larger": "이전 크기가 체크포인트의 크기보다 큽니다",
  "witness.http.busy": "증인이 바쁩니다: 잠시 뒤 다시 시도하세요",
  "witness.http.inconsistent": "마지막으로 공동 서명한 체크포인트로부터의 일관성 증명이 검증되지 않습니다",
  "witness.http.too_large": "요청 본문이 체크포인트로 보기에는 너무 큽니다",
  "witness.http.use_post": "POST를 쓰세요",
  "witness.http.not_found": "찾을 수 없습니다: 이 증인은 POST /add-checkpoint만 제공합니다",
  "witness.http.internal": "내부 오류",
  "witness.log.request": "add-checkpoint {{what}}: {{status}} ({{ms}} ms)",
  "witness.log.malformed": "형식 오류",
  "witness.log.internal": "내부 오류: {{name}}",
  "witness.errors.listen_failed": "{{host}}:{{port}}에서 요청을 받을 수 없습니다({{code}})",
  "witness.errors.listen_failed_hint": "--listen에 다른 주소나 포트를 지정하세요",

  "witness.request.not_utf8": "요청 본문이 UTF-8이 아닙니다",
  "witness.request.old_line": '본문은 "old <크기>"와 줄바꿈으로 시작해야 합니다(10진수, 앞에 0 없음)',
  "witness.request.old_too_large": "이전 크기가 2^53 - 1보다 큽니다",
  "witness.request.proof_end": "증명 줄 다음에는 체크포인트 앞에 빈 줄이 와야 합니다",
  "witness.request.proof_lines": "일관성 증명은 최대 {{max}}줄입니다",
  "witness.request.proof_line": "일관성 증명의 {{line}}번째 줄이 32바이트 해시값의 base64가 아닙니다",
  "witness.request.no_note": "본문이 체크포인트 노트 전에 끝납니다",

  "witness.state.dir_unwritable": "{{dir}}을(를) 만들 수 없습니다({{code}})",
  "witness.state.dir_unwritable_hint": "상위 폴더의 권한을 확인하세요",
  "witness.state.dir_invalid": "{{dir}}은(는) 폴더가 아닙니다",
  "witness.state.dir_invalid_hint": "다른 --dir을 지정하세요",
  "witness.state.dir_open": "{{dir}}을(를) 다른 사용자도 열 수 있습니다(권한 {{mode}})",
  "witness.state.dir_open_hint": "`chmod 700 {{dir}}`을 실행하세요",
  "witness.state.key_invalid": "{{file}}은(는) 증인 키(PRIVATE+KEY+<이름>+<ID>+<키>)가 아닙니다",
  "witness.state.key_altered": "{{file}}에 적힌 키 ID가 그 키의 것이 아닙니다: 파일이 변경되었습니다",
  "witness.state.key_exists": "{{file}}이(가) 이미 있습니다",
  "witness.state.key_exists_hint": "증인 키는 절대 교체하지 않습니다. 다른 --dir을 쓰세요",
  "witness.state.key_unwritable": "{{file}}을(를) 쓸 수 없습니다({{code}})",
  "witness.state.key_unwritable_hint": "폴더의 권한을 확인하세요",
  "witness.state.not_found": "{{dir}}에 증인 키가 없습니다",
  "witness.state.not_found_hint": "`jikimi witness init --dir {{dir}} --name <name>`을 실행하세요",
  "witness.state.key_unreadable": "{{file}}을(를) 읽을 수 없습니다({{code}})",
  "witness.state.key_open": "{{file}}을(를) 다른 사용자도 읽을 수 있습니다(권한 {{mode}})",
  "witness.state.key_open_hint": "`chmod 600 {{file}}`을 실행하세요",
  "witness.state.db_too_new": "{{file}}은(는) 더 새로운 버전의 jikimi가 썼습니다",
  "witness.state.db_too_new_hint": "jikimi를 업그레이드하세요",
  "witness.state.db_unusable": "{{file}}을(를) 열 수 없습니다({{code}})",
  "witness.state.db_unusable_hint": "폴더의 권한과 남은 공간을 확인하세요",
  "witness.state.bad_origin": "로그의 origin은 비어 있지 않은 한 줄입니다(예: ledger.example/transfers)",
  "witness.state.busy": "다른 프로세스가 {{file}}을(를) 너무 오래 점유했습니다",
  "witness.state.busy_hint": "다시 시도하거나 다른 증인 프로세스를 멈추세요",

  "witness.cosignature.time": "공동 서명의 시각은 1970년부터의 초 단위 정수여야 하는데 {{time}}입니다",
  "witness.cosignature.not_cosigner_key":
    "{{name}}의 증인 키가 Ed25519 공동 서명 키(유형 0x04, 32바이트)가 아닙니다",
  "witness.cosignature.not_cosigner_key_hint": "증인에게 vkey(`jikimi witness vkey`)를 요청하세요",
  "witness.cosignature.seed": "증인의 Ed25519 서명 키는 32바이트 시드입니다",
  "witness.cosignature.line":
    "{{name}}의 공동 서명이 키 ID, 8바이트 시각, 64바이트 Ed25519 서명으로 되어 있지 않습니다",
  "witness.cosignature.far_future": "{{name}}의 공동 서명 시각이 2억 8,500만 년 이후입니다",
  "witness.cosignature.listed_twice": "증인 {{name}}이(가) 두 번 나열되었습니다",
  "witness.cosignature.listed_twice_hint": "증인마다 vkey를 하나만 두세요",
  "witness.cosignature.quorum": "정족수 {{quorum}}은(는) 증인 {{count}}곳으로 채울 수 없습니다",
  "witness.cosignature.quorum_hint": "0..{{count}} 사이로 지정하세요",
  "witness.cosignature.invalid":
    "증인 {{name}}의 공동 서명이 검증되지 않습니다: 체크포인트가 변경되었거나, 증인의 키가 신뢰하는 vkey와 다릅니다",
  "witness.cosignature.future": "증인 {{name}}의 공동 서명 시각이 {{seconds}}초 뒤의 미래입니다",
  "witness.cosignature.future_hint": "증인의 시계를 확인하세요",

  "witness.policy.invalid": "증인 정책을 쓸 수 없습니다: {{issues}}",
  "witness.policy.name_mismatch": "vkey의 이름이 {{name}}이 아니라 {{key}}입니다: 증인의 키 이름을 쓰세요",
  "witness.policy.duplicate": "{{name}}이(가) 두 번 나열되었습니다",
  "witness.policy.url":
    "증인 URL은 제출 접두어입니다(예: https://witness.example/ 또는 http://127.0.0.1:7380)",
  "witness.policy.no_witness": "정책에는 증인이 하나 이상 있어야 합니다",
  "witness.policy.quorum_other":
    "정족수는 0부터 나열된 증인 수 {{count}}까지의 정수여야 하는데 {{quorum}}입니다",
  "witness.policy.timeout": "제한 시간은 1~600000 ms입니다",

  "witness.client.larger":
    "이 증인은 이 체크포인트({{size}})보다 큰 크기 {{cosigned}}에 공동 서명했습니다: 로그가 되돌려졌거나 다시 쓰였습니다",
  "witness.client.no_proof": "크기 {{size}}로부터의 일관성 증명을 만들 수 없습니다: {{reason}}",
  "witness.client.no_size": "409를 응답하면서 최신 크기(text/x.tlog.size)를 주지 않았습니다",
  "witness.client.other_root":
    "이 증인은 크기 {{size}}에서 다른 루트에 공동 서명했습니다: 로그가 다시 쓰였습니다",
  "witness.client.moved":
    "증인의 최신 크기가 다시 바뀌었습니다({{size}}): 다른 프로세스가 이 로그의 체크포인트를 보내고 있습니다",
  "witness.client.inconsistent":
    "증인이 공동 서명한 체크포인트인 크기 {{size}}로부터의 일관성 증명이 검증되지 않습니다: 로그가 다시 쓰였습니다",
  "witness.client.forbidden":
    "이 로그를 확인하는 증인이지만 체크포인트의 어떤 서명도 증인이 신뢰하는 키로 검증되지 않습니다: 로그의 키가 바뀌었거나 체크포인트가 위조되었습니다",
  "witness.client.unknown_log":
    "이 증인은 이 로그(origin)를 확인하지 않습니다: 증인에 로그를 추가하세요(`jikimi witness add-log`)",
  "witness.client.http": "HTTP {{status}}을(를) 응답했습니다",
  "witness.client.no_cosignature": "200을 응답했지만 자기 키의 공동 서명이 없습니다",
  "witness.client.bad_cosignature": "응답이 올바른 공동 서명이 아닙니다: {{reason}}",
  "witness.client.timeout": "{{ms}} ms 안에 응답이 없습니다",
  "witness.client.unreachable": "연결할 수 없습니다({{reason}})",
  "witness.client.error": "오류",
  "witness.client.too_large": "응답이 {{max}}바이트보다 큽니다",

  "witness.fork.refused": "증인 {{witness}}이(가) 크기 {{size}}의 체크포인트를 거부했습니다({{reason}})",
  "witness.fork.stop":
    "중지: {{refusals}}. 로그의 이력이 증인이 전에 공동 서명한 것과 다릅니다: 다시 쓰였거나, 되돌려졌거나, 이전 사본으로 복원되었습니다",
  "witness.fork.stop_hint":
    "더 이상 제공하지 마세요. `jikimi ledger verify --against`로 증인의 체크포인트와 비교하고 개인정보 보호책임자(DPO)에게 알리세요",
  "witness.awaiting":
    "원장 항목 {{seq}}을(를) 포함하는 공동 서명은 증인 정책이 요구하는 {{quorum}}개 중 {{got}}개입니다",
};
