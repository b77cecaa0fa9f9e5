// messages of `jikimi witness`: a witness's folder, its key's name and what it serves.
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "cli.witness.description": "run a witness that cosigns other logs' checkpoints (c2sp.org/tlog-witness)",
  "cli.witness.dir": "the witness's folder (created 0700 by init)",
  "cli.witness.init": "create the witness's key (mode 0600, never overwritten) and state; prints its vkey",
  "cli.witness.name": "the witness's key name, a schema-less URL, e.g. witness.example/w1",
  "cli.witness.vkey": "print the witness's verifier key (type 0x04), for logs and verifiers to pin",
  "cli.witness.add_log":
    "witness a log: trust its key for its origin (a second key for one origin is kept beside the first)",
  "cli.witness.origin": "the log's origin line, e.g. ledger.example/transfers",
  "cli.witness.log_vkey": "the log's verifier key (Ed25519), as `jikimi ledger vkey` prints it",
  "cli.witness.serve":
    "serve POST /add-checkpoint until SIGTERM or SIGINT; prints `listening on <url>` once ready",
  "cli.witness.listen": "host:port to listen on (port 0: any free port)",
  "cli.witness.quiet": "no access log on stderr",
  "cli.witness.bad_listen": "--listen {{value}} is not an address",
  "cli.witness.bad_listen_hint": "use host:port, e.g. 127.0.0.1:7380 or [::1]:0",
  "cli.witness.created": "created the witness {{name}} in {{dir}}; give its vkey to the logs it witnesses:",
  "cli.witness.witnessing": "witnessing {{origin}} with key {{key}}",
  "cli.witness.already_trusts": "{{origin}} already trusts that key",
  "cli.witness.logs_one": "{{count}} log",
  "cli.witness.logs_other": "{{count}} logs",
  "cli.witness.serving": "witness {{name}} ({{logs}})",
  "cli.witness.stopping": "{{signal}}: finishing requests in flight, then stopping",
} as const;

export const ko: KoreanOf<typeof en> = {
  "cli.witness.description": "다른 로그의 체크포인트에 공동 서명하는 증인 실행 (c2sp.org/tlog-witness)",
  "cli.witness.dir": "증인 폴더 (init이 0700으로 만듭니다)",
  "cli.witness.init": "증인의 키(모드 0600, 덮어쓰지 않음)와 상태를 만들고 vkey를 출력",
  "cli.witness.name": "증인 키 이름, 스킴 없는 URL, 예: witness.example/w1",
  "cli.witness.vkey": "증인의 검증 키(유형 0x04) 출력. 로그와 검증자가 고정해 씁니다",
  "cli.witness.add_log":
    "로그를 증인으로 감시: 그 출처(origin)의 키를 신뢰 (한 출처의 두 번째 키는 첫 키와 함께 보관)",
  "cli.witness.origin": "로그의 출처(origin) 줄, 예: ledger.example/transfers",
  "cli.witness.log_vkey": "로그의 검증 키(Ed25519), `jikimi ledger vkey`가 출력한 그대로",
  "cli.witness.serve":
    "SIGTERM 또는 SIGINT까지 POST /add-checkpoint 제공. 준비되면 `listening on <url>`을 출력합니다",
  "cli.witness.listen": "수신할 host:port (포트 0: 빈 포트 아무거나)",
  "cli.witness.quiet": "stderr에 접근 기록을 남기지 않기",
  "cli.witness.bad_listen": "--listen {{value}}은(는) 주소가 아닙니다",
  "cli.witness.bad_listen_hint": "host:port 형식으로 쓰세요, 예: 127.0.0.1:7380 또는 [::1]:0",
  "cli.witness.created": "{{dir}}에 증인 {{name}}을(를) 만들었습니다. 감시할 로그들에 이 vkey를 전달하세요:",
  "cli.witness.witnessing": "{{origin}}을(를) 키 {{key}}로 증인 감시합니다",
  "cli.witness.already_trusts": "{{origin}}은(는) 이미 그 키를 신뢰합니다",
  "cli.witness.logs_other": "로그 {{count}}개",
  "cli.witness.serving": "증인 {{name}} ({{logs}})",
  "cli.witness.stopping": "{{signal}}: 처리 중인 요청을 마치고 멈춥니다",
};
