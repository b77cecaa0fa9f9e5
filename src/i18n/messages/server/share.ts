// messages of the HTTP API (share): every key starts with "server.".
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "server.errors.path_not_allowed": "the path is not under a folder this server reads from",
  "server.errors.path_not_allowed_hint":
    "name a file under one of the folders of jikimi.yaml server.input_roots (symbolic links leading out of them are refused), or upload the file to POST /v1/uploads/releases/{agreement}",
  "server.errors.job_output_unavailable": "this job has no released file to give",
  "server.errors.job_output_unavailable_hint":
    "only a finished release that was neither a dry run nor held places a file; GET /v1/jobs/{id} shows the job's state",
  "server.share.no_input_roots":
    "this server reads no files by path: jikimi.yaml names no server.input_roots",
  "server.share.no_input_roots_hint":
    "upload the file to POST /v1/uploads/releases/{agreement}, or have the administrator list folders under server.input_roots",
  "server.share.file_missing": "no file at the path under the server's input roots",
  "server.share.file_missing_hint":
    "check the path: it is read on the server, relative to the first input root",
  "server.share.override_role": "only a token with the role controller may override a held release",
  "server.share.override_role_hint":
    "send the release without override, or ask the controller to release it with the reason",
  "server.share.bad_time": "at is not an ISO 8601 time",
  "server.share.bad_time_hint": "give a time such as 2026-06-01T09:00:00Z, or leave at out for now",
  "server.share.unknown_media_type": "the upload's content type does not say whether it is CSV or JSON Lines",
  "server.share.unknown_media_type_hint":
    "send Content-Type text/csv or application/x-ndjson, or add ?input_format=csv|jsonl",
  "server.share.output_running": "the release is still running",
  "server.share.output_failed": "the release failed: nothing was placed",
  "server.share.output_dry_run": "the release was a dry run: nothing was placed",
  "server.share.output_held": "the release was held: nothing was placed",
  "server.share.output_not_release": "the job is not a release",
  "server.share.output_gone": "the released file is no longer in the server's output folder",
  "server.share.output_hint":
    "GET /v1/jobs/{id} shows the job's state and result; run the release again if you need its file",
} as const;

export const ko: KoreanOf<typeof en> = {
  "server.errors.path_not_allowed": "이 경로는 서버가 읽는 폴더 아래에 있지 않습니다",
  "server.errors.path_not_allowed_hint":
    "jikimi.yaml server.input_roots의 폴더 아래에 있는 파일을 지정하세요(그 밖으로 이어지는 심볼릭 링크는 거부합니다). 또는 POST /v1/uploads/releases/{agreement}로 파일을 올리세요",
  "server.errors.job_output_unavailable": "이 작업에는 내려받을 제공 파일이 없습니다",
  "server.errors.job_output_unavailable_hint":
    "시험 실행도 보류도 아닌, 끝난 제공만 파일을 둡니다. 작업 상태는 GET /v1/jobs/{id}로 볼 수 있습니다",
  "server.share.no_input_roots":
    "이 서버는 경로로 파일을 읽지 않습니다: jikimi.yaml에 server.input_roots가 없습니다",
  "server.share.no_input_roots_hint":
    "POST /v1/uploads/releases/{agreement}로 파일을 올리거나, 관리자에게 server.input_roots에 폴더를 등록해 달라고 요청하세요",
  "server.share.file_missing": "서버의 입력 폴더 아래 해당 경로에 파일이 없습니다",
  "server.share.file_missing_hint":
    "경로를 확인하세요. 경로는 서버에서 첫 번째 입력 폴더를 기준으로 읽습니다",
  "server.share.override_role": "보류된 제공은 역할이 controller인 토큰만 무시하고 진행할 수 있습니다",
  "server.share.override_role_hint":
    "override 없이 제공을 요청하거나, controller에게 사유와 함께 제공해 달라고 요청하세요",
  "server.share.bad_time": "at이 ISO 8601 시각이 아닙니다",
  "server.share.bad_time_hint": "2026-06-01T09:00:00Z 같은 시각을 주거나, 지금 시각이면 at을 빼세요",
  "server.share.unknown_media_type": "올린 파일의 콘텐츠 유형으로 CSV인지 JSON Lines인지 알 수 없습니다",
  "server.share.unknown_media_type_hint":
    "Content-Type을 text/csv 또는 application/x-ndjson으로 보내거나 ?input_format=csv|jsonl을 붙이세요",
  "server.share.output_running": "제공이 아직 진행 중입니다",
  "server.share.output_failed": "제공이 실패하여 아무 파일도 두지 않았습니다",
  "server.share.output_dry_run": "시험 실행이었으므로 아무 파일도 두지 않았습니다",
  "server.share.output_held": "제공이 보류되어 아무 파일도 두지 않았습니다",
  "server.share.output_not_release": "이 작업은 제공이 아닙니다",
  "server.share.output_gone": "제공 파일이 더 이상 서버의 출력 폴더에 없습니다",
  "server.share.output_hint":
    "작업의 상태와 결과는 GET /v1/jobs/{id}로 볼 수 있습니다. 파일이 필요하면 제공을 다시 실행하세요",
};
