// messages of `jikimi serve` and `jikimi tokens`.
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "cli.serve.description": "serve the HTTP API over the workspace (/v1, /openapi.json, /docs)",
  "cli.serve.listen": "address to listen on, host:port (port 0 picks a free one)",
  "cli.serve.rate_limit": "requests per token per minute",
  "cli.serve.cors": "origins a browser may call the API from (CORS is off without it)",
  "cli.serve.quiet": "no request log on stderr",
  "cli.serve.bad_rate_limit": "--rate-limit is not a whole number from 1 to 1,000,000",
  "cli.serve.bad_rate_limit_hint": "give requests per token per minute, such as --rate-limit 600",
  "cli.serve.serving":
    "serving the API of {{dir}} on its {{store}} store ({{limit}} requests per token per minute)",
  "cli.serve.stopping": "{{signal}}: finishing open requests and stopping",
} as const;

export const ko: KoreanOf<typeof en> = {
  "cli.serve.description": "작업 공간의 HTTP API를 제공합니다(/v1, /openapi.json, /docs)",
  "cli.serve.listen": "요청을 받을 주소, host:port(포트 0은 빈 포트를 고릅니다)",
  "cli.serve.rate_limit": "토큰별 분당 요청 수",
  "cli.serve.cors": "브라우저가 API를 호출할 수 있는 출처(지정하지 않으면 CORS를 쓰지 않습니다)",
  "cli.serve.quiet": "stderr에 요청 로그를 쓰지 않습니다",
  "cli.serve.bad_rate_limit": "--rate-limit이 1부터 1,000,000 사이의 정수가 아닙니다",
  "cli.serve.bad_rate_limit_hint": "토큰별 분당 요청 수를 주세요(예: --rate-limit 600)",
  "cli.serve.serving": "{{dir}}의 API를 {{store}} 저장소로 제공합니다(토큰별 분당 요청 {{limit}}건)",
  "cli.serve.stopping": "{{signal}}: 처리 중인 요청을 마치고 멈춥니다",
} as const;
