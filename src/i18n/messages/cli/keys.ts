// messages of `jikimi keys`: what was created, rotated, shredded or sealed; never a key.
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "cli.keys.description": "the keyring: pseudonym, ledger and signing keys",
  "cli.keys.init":
    "create the keyring (mode 0600) at jikimi.yaml's `keyring` path or $JIKIMI_KEYRING; sealed when {{variable}} is set",
  "cli.keys.list": "list key ids, purposes and status (never the keys), and whether the keyring is sealed",
  "cli.keys.rotate":
    "make a new active key of a purpose; the old master key is retired and kept for old tokens, an old signing key keeps only its public part",
  "cli.keys.rotate_purpose": "master or ledger-signing (ledger-subjects is never rotated)",
  "cli.keys.move_log_key":
    "move the ledger signing key of a keyring made before the split into its own file (retired ones as public keys only)",
  "cli.keys.shred":
    "remove a key's secret for good: what was derived from it can never be recomputed or reversed",
  "cli.keys.shred_id": "the key to shred (see `jikimi keys list`)",
  "cli.keys.shred_force": "shred even the active key of its purpose",
  "cli.keys.seal": "encrypt the keyring with the passphrase in {{variable}} (scrypt, AES-256-GCM)",
  "cli.keys.unseal": "decrypt a sealed keyring with {{variable}} and store it as plain JSON (mode 0600)",

  "cli.keys.sealed_with": "sealed (opened with {{env}})",
  "cli.keys.not_sealed": "not sealed",
  "cli.keys.still_holds_signing": "the keyring {{path}} already exists and still holds the log signing key",
  "cli.keys.move_log_key_hint": "run `jikimi keys move-log-key` to give it a file of its own",
  "cli.keys.created_keyring": "created the keyring {{path}} (mode 600, {{sealed}}) with keys:",
  "cli.keys.back_it_up": "back it up somewhere safe: without it, pseudonyms cannot be reproduced or reversed",
  "cli.keys.created_log_key": "created the log signing key {{path}} (mode 600, {{sealed}}): {{id}}",
  "cli.keys.keep_apart":
    "keep it apart from the keyring where you can: it signs the ledger's checkpoints; publish `jikimi ledger vkey`",
  "cli.keys.keyring_state": "keyring {{path}}: {{sealed}}",
  "cli.keys.log_key_state": "log signing key {{path}}: {{sealed}}",
  "cli.keys.signing_in_keyring":
    "the signing key is still in the keyring: run `jikimi keys move-log-key` to give it a file of its own",
  "cli.keys.shredded_on": "shredded {{at}}",
  "cli.keys.retired_on": "retired {{at}}",
  "cli.keys.rotated": "rotated {{purpose}}: {{active}} is now active ({{path}})",
  "cli.keys.retired_signing":
    "{{id}} is retired: its private key is gone; its public key stays, so checkpoints it signed still verify (publish the new `jikimi ledger vkey`)",
  "cli.keys.retired_master":
    "{{id}} is retired: kept to reverse old tokens; shred it with `jikimi keys shred {{id}}` when nothing needs it",
  "cli.keys.moved": "moved {{ids}} from {{from}} to {{to}} (mode 600)",
  "cli.keys.shredded": "shredded {{id}}: its secret is gone from {{path}}",
  "cli.keys.shredded_public_stays": "its public key stays, so checkpoints it signed still verify",
  "cli.keys.shredded_backups":
    "copies of the keyring in backups still hold it: destroy those too for the shredding to hold",
  "cli.keys.sealed": "sealed the keyring {{path}}: every jikimi command that opens it now needs {{env}}",
  "cli.keys.sealed_log_key": "sealed the log signing key {{path}} with the same passphrase",
  "cli.keys.unsealed": "unsealed the keyring {{path}}: its keys are now protected by file permissions only",
  "cli.keys.unsealed_log_key": "unsealed the log signing key {{path}}",
} as const;

export const ko: KoreanOf<typeof en> = {
  "cli.keys.description": "키링: 가명, 원장, 서명 키",
  "cli.keys.init":
    "jikimi.yaml의 `keyring` 경로 또는 $JIKIMI_KEYRING에 키링을 만듭니다(모드 0600). {{variable}}이(가) 있으면 봉인합니다",
  "cli.keys.list": "키 id, 용도, 상태(키 자체는 출력하지 않음)와 키링 봉인 여부 보기",
  "cli.keys.rotate":
    "용도별 새 활성 키를 만듭니다. 이전 마스터 키는 퇴역하되 이전 토큰을 위해 보관하고, 이전 서명 키는 공개 키만 남깁니다",
  "cli.keys.rotate_purpose": "master 또는 ledger-signing (ledger-subjects는 교체하지 않습니다)",
  "cli.keys.move_log_key":
    "분리 이전에 만든 키링의 원장 서명 키를 별도 파일로 옮깁니다 (퇴역한 키는 공개 키만)",
  "cli.keys.shred": "키의 비밀 값을 영구히 지웁니다: 그 키에서 만든 값은 다시 계산하거나 되돌릴 수 없습니다",
  "cli.keys.shred_id": "지울 키 (`jikimi keys list` 참고)",
  "cli.keys.shred_force": "용도의 활성 키라도 지우기",
  "cli.keys.seal": "{{variable}}의 암호문으로 키링을 암호화 (scrypt, AES-256-GCM)",
  "cli.keys.unseal": "봉인된 키링을 {{variable}}로 풀어 평문 JSON으로 저장 (모드 0600)",

  "cli.keys.sealed_with": "봉인됨 ({{env}}로 열림)",
  "cli.keys.not_sealed": "봉인되지 않음",
  "cli.keys.still_holds_signing": "키링 {{path}}이(가) 이미 있고 로그 서명 키를 아직 담고 있습니다",
  "cli.keys.move_log_key_hint": "`jikimi keys move-log-key`를 실행해 별도 파일로 옮기세요",
  "cli.keys.created_keyring": "키링 {{path}}을(를) 만들었습니다 (모드 600, {{sealed}}). 키:",
  "cli.keys.back_it_up": "안전한 곳에 백업하세요: 키링이 없으면 가명을 다시 만들거나 되돌릴 수 없습니다",
  "cli.keys.created_log_key": "로그 서명 키 {{path}}을(를) 만들었습니다 (모드 600, {{sealed}}): {{id}}",
  "cli.keys.keep_apart":
    "가능하면 키링과 따로 보관하세요: 원장의 체크포인트에 서명합니다. `jikimi ledger vkey`를 공개하세요",
  "cli.keys.keyring_state": "키링 {{path}}: {{sealed}}",
  "cli.keys.log_key_state": "로그 서명 키 {{path}}: {{sealed}}",
  "cli.keys.signing_in_keyring":
    "서명 키가 아직 키링에 있습니다: `jikimi keys move-log-key`를 실행해 별도 파일로 옮기세요",
  "cli.keys.shredded_on": "{{at}} 파기",
  "cli.keys.retired_on": "{{at}} 퇴역",
  "cli.keys.rotated": "{{purpose}} 교체: 이제 {{active}}이(가) 활성 키입니다 ({{path}})",
  "cli.keys.retired_signing":
    "{{id}} 퇴역: 개인 키는 지웠고 공개 키는 남아 있어 이 키로 서명한 체크포인트는 계속 검증됩니다 (새 `jikimi ledger vkey`를 공개하세요)",
  "cli.keys.retired_master":
    "{{id}} 퇴역: 이전 토큰을 되돌리려고 보관합니다. 더 필요 없으면 `jikimi keys shred {{id}}`로 파기하세요",
  "cli.keys.moved": "{{ids}}을(를) {{from}}에서 {{to}}(으)로 옮겼습니다 (모드 600)",
  "cli.keys.shredded": "{{id}} 파기: 비밀 값을 {{path}}에서 지웠습니다",
  "cli.keys.shredded_public_stays": "공개 키는 남아 있어 이 키로 서명한 체크포인트는 계속 검증됩니다",
  "cli.keys.shredded_backups":
    "백업에 있는 키링 사본에는 아직 남아 있습니다: 파기가 유효하려면 사본도 없애세요",
  "cli.keys.sealed":
    "키링 {{path}}을(를) 봉인했습니다: 이제 키링을 여는 모든 jikimi 명령에 {{env}}이(가) 필요합니다",
  "cli.keys.sealed_log_key": "로그 서명 키 {{path}}도 같은 암호문으로 봉인했습니다",
  "cli.keys.unsealed": "키링 {{path}}의 봉인을 풀었습니다: 이제 키는 파일 권한으로만 보호됩니다",
  "cli.keys.unsealed_log_key": "로그 서명 키 {{path}}의 봉인을 풀었습니다",
};
