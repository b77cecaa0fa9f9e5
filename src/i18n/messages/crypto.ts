// messages of src/crypto/ (except sha256/): the keyring and the log signing key (where they may live, sealing,
// locking, rotation and shredding) and derived keys. Key ids and paths only: never key material.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  // where a key file may live (keyring.ts, log-key.ts)
  "crypto.file.keyring": "keyring",
  "crypto.file.log_key": "log signing key",
  "crypto.keyring.not_configured": "no keyring is configured",
  "crypto.keyring.not_configured_hint":
    "set `keyring:` in jikimi.yaml (a path outside the workspace) or JIKIMI_KEYRING",
  "crypto.keyring.inside_workspace":
    "the {{what}} path {{path}} is inside the workspace, where it could be committed",
  "crypto.keyring.inside_workspace_hint": "move it outside (e.g. ~/.config/jikimi/) or under .jikimi/",
  "crypto.keyring.purpose_unknown": "no key purpose {{purpose}}",
  "crypto.keyring.purpose_unknown_hint": "use one of {{purposes}}",

  // sealing (keyring.ts)
  "crypto.keyring.passphrase_weak": "{{env}} is shorter than {{min}} characters",
  "crypto.keyring.passphrase_weak_hint": "choose a longer passphrase to seal the keyring with",
  "crypto.keyring.passphrase_wrong": "the passphrase does not open the keyring {{path}}",
  "crypto.keyring.passphrase_wrong_hint":
    "check {{env}} (if it is right, the file was altered: restore it from your backup)",
  "crypto.keyring.passphrase_missing": "set {{env}} to the passphrase to seal the keyring with",
  "crypto.keyring.sealed": "the keyring {{path}} is sealed",
  "crypto.keyring.sealed_hint": "set {{env}} to its passphrase",
  "crypto.keyring.already_sealed": "the keyring {{path}} is already sealed",
  "crypto.keyring.not_sealed": "the keyring {{path}} is not sealed",

  // reading and writing the file (keyring.ts)
  "crypto.keyring.not_json": "the keyring {{path}} is not valid JSON",
  "crypto.keyring.restore_hint": "restore it from your backup",
  "crypto.keyring.bad_format_one":
    "the keyring {{path}} is not a {{format}} file ({{count}} problem at {{places}})",
  "crypto.keyring.bad_format_other":
    "the keyring {{path}} is not a {{format}} file ({{count}} problems at {{places}})",
  "crypto.keyring.top": "(top)",
  "crypto.keyring.exists": "a keyring already exists at {{path}}",
  "crypto.keyring.exists_hint": "jikimi never overwrites keys (use `jikimi keys list`)",
  "crypto.keyring.missing": "no keyring at {{path}}",
  "crypto.keyring.missing_hint": "create one with `jikimi keys init`",
  "crypto.keyring.permissions": "the keyring {{path}} is readable by others (mode {{mode}})",
  "crypto.keyring.permissions_hint": "run chmod 600 on it",
  "crypto.keyring.locked": "another jikimi is changing the keyring {{path}}",
  "crypto.keyring.locked_by": "another jikimi is changing the keyring {{path}} ({{owner}})",
  "crypto.keyring.locked_hint": "wait for it to finish, then retry",

  // rotation and shredding (keyring.ts)
  "crypto.keys.rotation_refused": "the ledger-subjects key cannot be rotated",
  "crypto.keys.rotation_refused_hint":
    "the subject dictionary is keyed by it, so a new key would give every data subject a new hash and split each subject's transfer history in two (look-ups and erasure would miss the older half). Keep it; shred it only when the ledger itself is retired",
  "crypto.keys.unknown": "the keyring {{path}} has no key {{id}}",
  "crypto.keys.unknown_hint": "see `jikimi keys list`",
  "crypto.keys.already_shredded": "the key {{id}} was already shredded on {{date}}",
  "crypto.keys.shred_active":
    "{{id}} is the active {{purpose}} key: shredding it leaves no {{purpose}} key to work with. {{advice}}, or pass --force",
  "crypto.keys.shred_active_ledger": "Shred it only when the ledger is retired",
  "crypto.keys.shred_active_rotate": "Rotate first (`jikimi keys rotate {{purpose}}`)",
  "crypto.keys.shred_refused":
    "the signing key {{id}} in {{path}} has no readable public part: removing its secret would leave old checkpoints unverifiable, so it is kept as it is",
  "crypto.keys.no_active": "the keyring {{path}} has no active {{purpose}} key",
  "crypto.keys.no_active_ledger": "it was shredded, so the ledger's subjects can no longer be hashed",
  "crypto.keys.no_active_rotate": "run `jikimi keys rotate {{purpose}}`",

  // the log signing key (log-key.ts)
  "crypto.log_key.missing": "no log signing key at {{path}}",
  "crypto.log_key.missing_hint":
    "create one with `jikimi keys init` (it creates only the files that are missing)",
  "crypto.log_key.not_in_keyring": "the keyring {{path}} holds no signing key to move",
  "crypto.log_key.already_moved": "the log signing key is already in {{path}}",
  "crypto.log_key.exists": "{{path}} already exists and lacks the keyring's signing keys {{ids}}",
  "crypto.log_key.exists_hint": "move it aside, then run again",

  // derived keys (derive.ts)
  "crypto.derive.empty": "a derived key needs a non-empty {{name}}",
  "crypto.derive.bad_use": "a derived key's use is pseudonym or token, not {{use}}",
  "crypto.derive.too_long":
    "the recipient, agreement and link_key ids of a derived key are too long together (over {{max}} bytes)",
  "crypto.derive.too_long_hint": "shorten them",
  "crypto.derive.no_master": "the keyring {{path}} has no master key {{id}}",
  "crypto.derive.shredded": "the master key {{id}} was shredded",
  "crypto.derive.shredded_on": "the master key {{id}} was shredded on {{date}}",
  "crypto.derive.shredded_hint": "keys derived from it can never be recomputed",
  "crypto.derive.bad_length": "a derived key is 32 or 64 bytes long, not {{length}}",
  "crypto.derive.not_derived": "{{id}} is not a derived key id",
} as const;

export const ko: KoreanOf<typeof en> = {
  "crypto.file.keyring": "키링",
  "crypto.file.log_key": "로그 서명 키",
  "crypto.keyring.not_configured": "키링이 설정되지 않았습니다",
  "crypto.keyring.not_configured_hint":
    "jikimi.yaml에 `keyring:`(워크스페이스 밖의 경로)을 쓰거나 JIKIMI_KEYRING을 설정하세요",
  "crypto.keyring.inside_workspace":
    "{{what}} 경로 {{path}}이(가) 워크스페이스 안에 있어 git에 커밋될 수 있습니다",
  "crypto.keyring.inside_workspace_hint":
    "워크스페이스 밖(예: ~/.config/jikimi/)이나 .jikimi/ 아래로 옮기세요",
  "crypto.keyring.purpose_unknown": "키 용도 {{purpose}}은(는) 없습니다",
  "crypto.keyring.purpose_unknown_hint": "{{purposes}} 중 하나를 쓰세요",

  "crypto.keyring.passphrase_weak": "{{env}}가 {{min}}자보다 짧습니다",
  "crypto.keyring.passphrase_weak_hint": "키링을 봉인할 더 긴 암호문을 정하세요",
  "crypto.keyring.passphrase_wrong": "암호문으로 키링 {{path}}을(를) 열 수 없습니다",
  "crypto.keyring.passphrase_wrong_hint":
    "{{env}}를 확인하세요(맞다면 파일이 변조된 것이니 백업에서 복원하세요)",
  "crypto.keyring.passphrase_missing": "키링을 봉인할 암호문을 {{env}}에 설정하세요",
  "crypto.keyring.sealed": "키링 {{path}}은(는) 봉인되어 있습니다",
  "crypto.keyring.sealed_hint": "{{env}}에 그 암호문을 설정하세요",
  "crypto.keyring.already_sealed": "키링 {{path}}은(는) 이미 봉인되어 있습니다",
  "crypto.keyring.not_sealed": "키링 {{path}}은(는) 봉인되어 있지 않습니다",

  "crypto.keyring.not_json": "키링 {{path}}이(가) 올바른 JSON이 아닙니다",
  "crypto.keyring.restore_hint": "백업에서 복원하세요",
  "crypto.keyring.bad_format_other":
    "키링 {{path}}이(가) {{format}} 파일이 아닙니다({{places}}에 문제 {{count}}건)",
  "crypto.keyring.top": "(최상위)",
  "crypto.keyring.exists": "{{path}}에 이미 키링이 있습니다",
  "crypto.keyring.exists_hint": "jikimi는 키를 덮어쓰지 않습니다(`jikimi keys list`로 확인하세요)",
  "crypto.keyring.missing": "{{path}}에 키링이 없습니다",
  "crypto.keyring.missing_hint": "`jikimi keys init`으로 만드세요",
  "crypto.keyring.permissions": "키링 {{path}}을(를) 다른 사용자가 읽을 수 있습니다(모드 {{mode}})",
  "crypto.keyring.permissions_hint": "chmod 600을 실행하세요",
  "crypto.keyring.locked": "다른 jikimi가 키링 {{path}}을(를) 변경하고 있습니다",
  "crypto.keyring.locked_by": "다른 jikimi가 키링 {{path}}을(를) 변경하고 있습니다({{owner}})",
  "crypto.keyring.locked_hint": "끝날 때까지 기다린 뒤 다시 시도하세요",

  "crypto.keys.rotation_refused": "ledger-subjects 키는 교체할 수 없습니다",
  "crypto.keys.rotation_refused_hint":
    "정보주체 사전이 이 키로 만들어져 있어, 새 키를 쓰면 모든 정보주체의 해시값이 바뀌고 정보주체마다 제공 이력이 둘로 나뉩니다(조회와 삭제에서 이전 이력이 빠집니다). 그대로 두고, 원장 자체를 폐기할 때만 파기하세요",
  "crypto.keys.unknown": "키링 {{path}}에 키 {{id}}이(가) 없습니다",
  "crypto.keys.unknown_hint": "`jikimi keys list`를 보세요",
  "crypto.keys.already_shredded": "키 {{id}}은(는) {{date}}에 이미 파기되었습니다",
  "crypto.keys.shred_active":
    "{{id}}은(는) 사용 중인 {{purpose}} 키입니다: 파기하면 쓸 수 있는 {{purpose}} 키가 남지 않습니다. {{advice}}. 그래도 파기하려면 --force를 주세요",
  "crypto.keys.shred_active_ledger": "원장을 폐기할 때만 파기하세요",
  "crypto.keys.shred_active_rotate": "먼저 교체하세요(`jikimi keys rotate {{purpose}}`)",
  "crypto.keys.shred_refused":
    "{{path}}의 서명 키 {{id}}에 읽을 수 있는 공개 키가 없습니다: 비밀 키를 지우면 이전 체크포인트를 검증할 수 없게 되므로 그대로 둡니다",
  "crypto.keys.no_active": "키링 {{path}}에 사용 중인 {{purpose}} 키가 없습니다",
  "crypto.keys.no_active_ledger": "파기되었으므로 원장의 정보주체를 더 이상 해시할 수 없습니다",
  "crypto.keys.no_active_rotate": "`jikimi keys rotate {{purpose}}`를 실행하세요",

  "crypto.log_key.missing": "{{path}}에 로그 서명 키가 없습니다",
  "crypto.log_key.missing_hint": "`jikimi keys init`으로 만드세요(없는 파일만 만듭니다)",
  "crypto.log_key.not_in_keyring": "키링 {{path}}에 옮길 서명 키가 없습니다",
  "crypto.log_key.already_moved": "로그 서명 키는 이미 {{path}}에 있습니다",
  "crypto.log_key.exists": "{{path}}이(가) 이미 있는데 키링의 서명 키 {{ids}}이(가) 없습니다",
  "crypto.log_key.exists_hint": "그 파일을 다른 곳으로 옮긴 뒤 다시 실행하세요",

  "crypto.derive.empty": "파생 키에는 비어 있지 않은 {{name}}이(가) 필요합니다",
  "crypto.derive.bad_use": "파생 키의 용도는 pseudonym 또는 token입니다({{use}}은(는) 안 됩니다)",
  "crypto.derive.too_long":
    "파생 키의 수령자, 제공 계약, link_key ID를 합친 길이가 너무 깁니다({{max}}바이트 초과)",
  "crypto.derive.too_long_hint": "ID를 줄이세요",
  "crypto.derive.no_master": "키링 {{path}}에 마스터 키 {{id}}이(가) 없습니다",
  "crypto.derive.shredded": "마스터 키 {{id}}은(는) 파기되었습니다",
  "crypto.derive.shredded_on": "마스터 키 {{id}}은(는) {{date}}에 파기되었습니다",
  "crypto.derive.shredded_hint": "이 키에서 파생된 키는 다시 계산할 수 없습니다",
  "crypto.derive.bad_length": "파생 키는 32바이트나 64바이트입니다({{length}}바이트는 안 됩니다)",
  "crypto.derive.not_derived": "{{id}}은(는) 파생 키 ID가 아닙니다",
};
