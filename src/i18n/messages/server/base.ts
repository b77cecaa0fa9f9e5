// messages of the HTTP API's frame (src/server: auth, roles, limits, errors): every key starts with "server.".
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "server.errors.unauthenticated": "this route needs a valid bearer token",
  "server.errors.unauthenticated_hint":
    "send `Authorization: Bearer <token>` with a token from `jikimi tokens issue` that has not expired or been revoked",
  "server.errors.forbidden_role": "a token with the role {{role}} may not use this route",
  "server.errors.forbidden_role_hint": "use a token of one of these roles: {{allowed}}",
  "server.errors.rate_limited": "too many requests with this token",
  "server.errors.rate_limited_hint":
    "wait {{seconds}} s (see Retry-After) and send fewer requests per minute",
  "server.errors.body_too_large": "the request body is larger than this route accepts",
  "server.errors.body_too_large_hint": "send a smaller body, or a file upload to a route that streams it",
  "server.errors.request_timeout": "the request took longer than the server allows",
  "server.errors.request_timeout_hint":
    "try again; a long task (a release, a scan) runs as a job you can poll",
  "server.errors.route_not_found": "no route {{method}} {{path}}",
  "server.errors.route_not_found_hint": "see /openapi.json or /docs for the routes",
  "server.errors.invalid_request": "the request does not match the route's schema: {{where}}",
  "server.errors.invalid_request_hint": "fix the named parameters; /openapi.json gives each route's schema",
  "server.errors.internal_error": "the server failed unexpectedly",
  "server.errors.internal_error_hint":
    "try again; if it repeats, send the request id (X-Request-Id) to the operator",
  "server.errors.jobs_busy": "the server runs {{running}} jobs already, as many as it allows",
  "server.errors.jobs_busy_hint": "try again when one has finished (GET /v1/jobs/{id} shows their state)",
  "server.errors.unknown_job": "no such job for this caller",
  "server.errors.unknown_job_hint":
    "use the id the request that started it answered; finished jobs are kept for an hour",
} as const;

export const ko: KoreanOf<typeof en> = {
  "server.errors.unauthenticated": "이 경로에는 유효한 베어러 토큰이 필요합니다",
  "server.errors.unauthenticated_hint":
    "`jikimi tokens issue`로 발급받아 만료되거나 폐기되지 않은 토큰을 `Authorization: Bearer <토큰>`으로 보내세요",
  "server.errors.forbidden_role": "역할이 {{role}}인 토큰은 이 경로를 쓸 수 없습니다",
  "server.errors.forbidden_role_hint": "다음 역할의 토큰을 쓰세요: {{allowed}}",
  "server.errors.rate_limited": "이 토큰의 요청이 너무 많습니다",
  "server.errors.rate_limited_hint": "{{seconds}}초 기다린 뒤(Retry-After 참고) 분당 요청 수를 줄이세요",
  "server.errors.body_too_large": "요청 본문이 이 경로가 받는 크기보다 큽니다",
  "server.errors.body_too_large_hint": "본문을 줄이거나, 파일은 스트림으로 받는 경로로 올리세요",
  "server.errors.request_timeout": "요청 처리 시간이 서버 제한을 넘었습니다",
  "server.errors.request_timeout_hint":
    "다시 시도하세요. 긴 작업(제공, 스캔)은 조회할 수 있는 작업(job)으로 실행됩니다",
  "server.errors.route_not_found": "{{method}} {{path}} 경로가 없습니다",
  "server.errors.route_not_found_hint": "경로 목록은 /openapi.json 또는 /docs를 보세요",
  "server.errors.invalid_request": "요청이 경로의 스키마와 맞지 않습니다: {{where}}",
  "server.errors.invalid_request_hint":
    "표시된 매개변수를 고치세요. 각 경로의 스키마는 /openapi.json에 있습니다",
  "server.errors.internal_error": "서버에서 예기치 않은 오류가 났습니다",
  "server.errors.internal_error_hint": "다시 시도하고, 반복되면 요청 ID(X-Request-Id)를 운영자에게 보내세요",
  "server.errors.jobs_busy": "서버가 이미 허용된 최대 개수인 작업 {{running}}개를 실행하고 있습니다",
  "server.errors.jobs_busy_hint":
    "작업 하나가 끝난 뒤 다시 시도하세요(GET /v1/jobs/{id}로 상태를 볼 수 있습니다)",
  "server.errors.unknown_job": "이 호출자에게 해당 작업이 없습니다",
  "server.errors.unknown_job_hint":
    "작업을 시작한 요청이 돌려준 ID를 쓰세요. 끝난 작업은 1시간 동안 보관됩니다",
};
