// messages of the HTTP API (work: workspace, checks, agreements, consent, scan/risk/link, detokenize): every key
// starts with "server.".
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "server.errors.no_check_run": "no check run is recorded for this workspace yet",
  "server.errors.no_check_run_hint": "run one with POST /v1/checks (or `jikimi check`)",
  "server.errors.workspace_invalid":
    "the workspace's declarations have {{count}} problems: nothing was checked",
  "server.errors.workspace_invalid_hint": "fix the files named under issues, then check again",
  "server.errors.bad_token":
    "token {{index}} (counting from 0) does not open under this agreement's field key",
  "server.errors.bad_token_hint":
    "send tokens exactly as released for this agreement and field; a token released under a retired key needs its key_id",
  "server.errors.file_not_found": "no file at {{field}} under the server's input roots",
  "server.errors.file_not_found_hint": "check the path: a relative path is read from the workspace folder",
  "server.errors.empty_file": "the upload is empty",
  "server.errors.empty_file_hint": "send the file as the request body",
  "server.errors.unsupported_format": "the upload's format {{format}} is not accepted here",
  "server.errors.unsupported_format_hint":
    "send one of: {{allowed}} (Content-Type text/csv, application/x-ndjson or application/vnd.apache.parquet, or ?input_format=)",
  "server.upload.tmp_unusable": "the workspace's temporary folder .jikimi/tmp is not a folder",
  "server.upload.tmp_unusable_hint":
    "remove what stands at .jikimi/tmp; the server creates the folder (0700) itself",
  "server.consent.nothing_recorded": "nothing was recorded",
  "server.consent.nothing_recorded_hint":
    "fix the named fields: purpose must be a consent purpose an agreement declares, at an ISO 8601 time with a timezone",
} as const;

export const ko: KoreanOf<typeof en> = {
  "server.errors.no_check_run": "이 작업 공간에는 아직 기록된 점검이 없습니다",
  "server.errors.no_check_run_hint": "POST /v1/checks(또는 `jikimi check`)로 점검을 실행하세요",
  "server.errors.workspace_invalid": "작업 공간의 선언에 문제가 {{count}}건 있어 점검하지 않았습니다",
  "server.errors.workspace_invalid_hint": "issues에 나온 파일을 고친 뒤 다시 점검하세요",
  "server.errors.bad_token": "토큰 {{index}}번(0부터 셈)이 이 제공 계약 필드의 키로 열리지 않습니다",
  "server.errors.bad_token_hint":
    "이 제공 계약과 필드로 제공된 토큰을 그대로 보내세요. 폐기된 키로 제공된 토큰에는 key_id가 필요합니다",
  "server.errors.file_not_found": "서버의 입력 폴더 아래 {{field}} 경로에 파일이 없습니다",
  "server.errors.file_not_found_hint": "경로를 확인하세요. 상대 경로는 작업 공간 폴더를 기준으로 읽습니다",
  "server.errors.empty_file": "올린 파일이 비어 있습니다",
  "server.errors.empty_file_hint": "파일을 요청 본문으로 보내세요",
  "server.errors.unsupported_format": "올린 파일의 형식 {{format}}은 여기서 받지 않습니다",
  "server.errors.unsupported_format_hint":
    "다음 중 하나로 보내세요: {{allowed}} (Content-Type text/csv, application/x-ndjson, application/vnd.apache.parquet 또는 ?input_format=)",
  "server.upload.tmp_unusable": "작업 공간의 임시 폴더 .jikimi/tmp가 폴더가 아닙니다",
  "server.upload.tmp_unusable_hint": ".jikimi/tmp에 있는 것을 지우세요. 서버가 폴더(0700)를 직접 만듭니다",
  "server.consent.nothing_recorded": "아무것도 기록하지 않았습니다",
  "server.consent.nothing_recorded_hint":
    "표시된 필드를 고치세요. purpose는 제공 계약이 선언한 동의 목적이어야 하고, at은 시간대가 있는 ISO 8601 시각이어야 합니다",
};
