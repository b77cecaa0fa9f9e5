// messages of the services (src/app) that no other area owns: the API's tokens and access log, the reports.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  "app.tokens.bad_ttl": "the token's lifetime is not a duration",
  "app.verified_state.unreadable": "{{file}} is not JSON: it is not a state a ledger verify saved",
  "app.verified_state.not_state": "{{file}} is not a verified state: {{paths}} missing or wrong",
  "app.verified_state.hint":
    "give the file a passing `jikimi ledger verify --incremental <file>` wrote, or remove it: the next verify is then a full one and saves a new state",
  "app.verified_state.label": "the state verified at {{time}} ({{file}})",
  "app.reports.release_file_mismatch":
    "the file's SHA-256 is not one of the files the last release of {{agreement}} recorded",
  "app.reports.release_file_mismatch_hint":
    "give the output file of the agreement's last release as it was placed (jikimi ledger show SEQ lists its files and digests)",
  "app.reports.no_quasi_identifiers": "{{agreement}} declares no quasi-identifiers (risk.quasi_identifiers)",
  "app.reports.no_quasi_identifiers_hint":
    "declare the released fields a recipient could combine to single people out under risk.quasi_identifiers",
  "app.tokens.bad_ttl_hint": "give a number and a unit: 10m, 12h, 90d or 1y",
  "app.tokens.bad_name": "the token's name is not a short name",
  "app.tokens.bad_name_hint": "use 1 to 64 letters, digits, `.`, `_` or `-`, such as airflow-nightly",
  "app.subject_tokens.too_long": "a subject token may live at most {{max}} (server.subject_tokens.max_ttl)",
  "app.subject_tokens.too_long_hint":
    "give a shorter --ttl, such as 10m, or raise server.subject_tokens.max_ttl in jikimi.yaml",
  "app.subject_tokens.bad_subject": "the subject key is empty, too long or holds control characters",
  "app.subject_tokens.bad_subject_hint":
    "give the subject key as the company knows it, at most {{max}} characters",
  "app.subject_tokens.key_permissions":
    "the subject-token key {{path}} is readable by others (mode {{mode}})",
  "app.subject_tokens.key_permissions_hint": "run chmod 600 {{path}}",
  "app.subject_tokens.key_unusable":
    "the subject-token key {{path}} is not an Ed25519 private key (PKCS8 PEM)",
  "app.subject_tokens.key_unusable_hint":
    "restore the file from a backup, or remove it: the next `jikimi tokens issue --role subject` makes a new key (tokens signed by the old one stop working)",
  "app.subject_tokens.public_key_unusable":
    "the subject-token public key file {{path}} cannot be read or holds no Ed25519 public key",
  "app.subject_tokens.public_key_unusable_hint":
    'give a PEM file (-----BEGIN PUBLIC KEY-----) or a JWKS ({"keys": [...]}) of Ed25519 keys in server.subject_tokens.public_keys',
} as const;

export const ko: KoreanOf<typeof en> = {
  "app.tokens.bad_ttl": "토큰의 유효 기간이 기간 형식이 아닙니다",
  "app.verified_state.unreadable": "{{file}}은(는) JSON이 아닙니다: 원장 검증이 저장한 상태가 아닙니다",
  "app.verified_state.not_state":
    "{{file}}은(는) 검증 상태가 아닙니다: {{paths}}이(가) 없거나 잘못되었습니다",
  "app.verified_state.hint":
    "통과한 `jikimi ledger verify --incremental <file>`이 쓴 파일을 지정하거나 파일을 지우세요: 그러면 다음 검증은 전체 검증이 되고 새 상태를 저장합니다",
  "app.verified_state.label": "{{time}}에 검증된 상태({{file}})",
  "app.reports.release_file_mismatch":
    "파일의 SHA-256이 {{agreement}}의 마지막 제공이 기록한 파일과 다릅니다",
  "app.reports.release_file_mismatch_hint":
    "약정의 마지막 제공의 출력 파일을 놓인 그대로 주십시오(jikimi ledger show SEQ가 파일과 다이제스트를 보여 줍니다)",
  "app.reports.no_quasi_identifiers":
    "{{agreement}}에 준식별자가 선언되어 있지 않습니다(risk.quasi_identifiers)",
  "app.reports.no_quasi_identifiers_hint":
    "수령자가 결합해 사람을 특정할 수 있는 제공 항목을 risk.quasi_identifiers에 선언하십시오",
  "app.tokens.bad_ttl_hint": "숫자와 단위로 쓰세요: 10m, 12h, 90d, 1y",
  "app.tokens.bad_name": "토큰 이름이 짧은 이름 형식이 아닙니다",
  "app.tokens.bad_name_hint": "글자, 숫자, `.`, `_`, `-` 1~64자로 쓰세요(예: airflow-nightly)",
  "app.subject_tokens.too_long":
    "정보주체 토큰의 유효 기간은 최대 {{max}}입니다(server.subject_tokens.max_ttl)",
  "app.subject_tokens.too_long_hint":
    "--ttl을 더 짧게 주거나(예: 10m) jikimi.yaml의 server.subject_tokens.max_ttl을 늘리세요",
  "app.subject_tokens.bad_subject": "정보주체 키가 비어 있거나 너무 길거나 제어 문자를 담고 있습니다",
  "app.subject_tokens.bad_subject_hint": "회사가 아는 정보주체 키를 {{max}}자 이내로 주세요",
  "app.subject_tokens.key_permissions":
    "정보주체 토큰 키 {{path}}을(를) 다른 사용자가 읽을 수 있습니다(모드 {{mode}})",
  "app.subject_tokens.key_permissions_hint": "chmod 600 {{path}}를 실행하세요",
  "app.subject_tokens.key_unusable": "정보주체 토큰 키 {{path}}이(가) Ed25519 개인 키(PKCS8 PEM)가 아닙니다",
  "app.subject_tokens.key_unusable_hint":
    "백업에서 파일을 복원하거나 지우세요. 다음 `jikimi tokens issue --role subject`가 새 키를 만듭니다(이전 키로 서명한 토큰은 더는 쓸 수 없습니다)",
  "app.subject_tokens.public_key_unusable":
    "정보주체 토큰 공개 키 파일 {{path}}을(를) 읽을 수 없거나 Ed25519 공개 키가 없습니다",
  "app.subject_tokens.public_key_unusable_hint":
    'server.subject_tokens.public_keys에 Ed25519 키의 PEM 파일(-----BEGIN PUBLIC KEY-----)이나 JWKS({"keys": [...]})를 주세요',
};
