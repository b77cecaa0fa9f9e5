// messages of a distributed release (src/engine/distributed, src/app/distributed.ts, src/worker): its input cut
// into partitions, a partition's job, the release that merges them, and the queue they run on.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  "distributed.no_input": "{{input}} does not exist",
  "distributed.no_input_hint":
    "give a CSV file (cut into byte ranges) or a folder of part files every worker reaches",
  "distributed.empty_folder": "{{input}} holds no part files",
  "distributed.mixed_formats": "the part files of {{input}} are of several formats ({{formats}})",
  "distributed.mixed_formats_hint": "keep one format in the folder, or name it with --input-format",
  "distributed.too_many": "{{input}} would make {{count}} partitions, more than {{max}}",
  "distributed.too_many_hint": "raise --partition-size, or join part files",
  "distributed.range": "{{path}} (bytes {{start}}-{{end}})",
  "distributed.row_groups": "{{path}} (row groups {{from}}-{{to}})",
  "distributed.unreadable": "{{input}} cannot be read on this worker",
  "distributed.unreadable_hint": "put the input on storage every worker reaches, under the same path",
  "distributed.agreement_changed":
    'the declarations of "{{id}}" changed after the release was enqueued: nothing was recorded',
  "distributed.consent_changed":
    'consent for "{{id}}" as of the release time differs on this worker from when the release was enqueued: nothing was recorded',
  "distributed.changed_hint":
    "every worker must read the same workspace and state store; enqueue the release again",
  "distributed.part_file": "a part of a distributed release",
  "distributed.partition_missing": "partition {{index}} of release {{id}} is not done: nothing was recorded",
  "distributed.partition_missing_hint":
    "the staging folder must be on storage every worker reaches; enqueue the release again",
  "distributed.partition_version":
    "partition {{index}} of release {{id}} was written by another version of jikimi ({{format}}): nothing was recorded",
  "distributed.partition_version_hint":
    "run the same jikimi version on every worker; enqueue the release again",
  "distributed.after_recorded":
    "release {{id}} is recorded as entry {{seq}}: move the file away, then run the release again to place its parts",
  "distributed.worker.bad_redis": "{{url}} is not a Redis URL",
  "distributed.worker.bad_redis_hint": "give --redis redis://host:6379 (or set JIKIMI_REDIS_URL)",
  "distributed.worker.release_lost":
    "release {{id}} is no longer in the queue (Redis lost it): nothing was recorded for it",
  "distributed.worker.release_lost_hint":
    "check `jikimi ledger log`, then enqueue the release again: it records once",
  "distributed.worker.release_failed": "release {{id}} failed: {{reason}}",
  "distributed.worker.release_failed_hint":
    "nothing was recorded unless `jikimi ledger log` shows it; fix the cause and enqueue the release again",
  "distributed.worker.not_mine": "this worker serves {{root}}, not {{workspace}}",
  "distributed.worker.partition_failed": "partition {{index}}: {{reason}}",
  "distributed.worker.unreachable": "Redis at {{url}} does not answer",
  "distributed.worker.unreachable_hint": "start it, or give the right --redis; nothing was enqueued",
  "distributed.cli.worker.description":
    "run distributed release jobs (partitions and releases) from Redis until stopped; start any number, on any host",
  "distributed.cli.worker.redis": "the Redis URL of the queue (default: JIKIMI_REDIS_URL)",
  "distributed.cli.worker.queue": "the queue's key prefix in Redis (one per workspace sharing a Redis)",
  "distributed.cli.worker.concurrency": "partition jobs this process runs at once",
  "distributed.cli.worker.threads":
    "block threads of each partition job (default 0: the job runs on the worker's own thread; run one worker per core)",
  "distributed.cli.worker.lock_seconds":
    "seconds a job stays with a worker that stopped answering before another takes it",
  "distributed.cli.worker.quiet": "no job log lines on stderr",
  "distributed.cli.worker.bad_number": "{{name}} must be a whole number from {{min}} to {{max}}",
  "distributed.cli.worker.bad_number_hint": "give {{name}} a whole number",
  "distributed.cli.worker.no_redis": "no Redis to take jobs from",
  "distributed.cli.worker.no_redis_hint": "give --redis redis://host:6379 or set JIKIMI_REDIS_URL",
  "distributed.cli.worker.started": "worker of {{dir}} taking jobs from {{redis}} (queue {{queue}})",
  "distributed.cli.worker.stopping": "{{signal}}: finishing the jobs in hand, then stopping",
  "distributed.cli.release.description": "distributed releases in the queue",
  "distributed.cli.release.id": "the release's id (printed by share --distributed)",
  "distributed.cli.release.status_description":
    "a distributed release's state, partitions done, rows read and time left (without an id: the releases in the queue)",
  "distributed.cli.release.none": "no release in the queue",
  "distributed.cli.release.unknown": "there is no release {{id}} in the queue",
  "distributed.cli.release.unknown_hint":
    "releases stay in the queue for 7 days; see `jikimi ledger log` for recorded ones",
  "distributed.cli.release.status_line":
    "release {{id}}: {{state}}, {{done}} of {{partitions}} partitions done, {{rows}} rows read",
  "distributed.cli.release.rate_line": "{{rate}} MiB/s, about {{eta}} s left",
  "distributed.cli.release.reason": "why: {{reason}}",
  "distributed.cli.share.distributed":
    "spread the release over the workers of --redis: partitions of the input, one entry",
  "distributed.cli.share.redis": "the Redis URL of the workers' queue (default: JIKIMI_REDIS_URL)",
  "distributed.cli.share.partition_size": "bytes of a partition cut from one CSV file (default 64 MiB)",
  "distributed.cli.share.queue": "the queue's key prefix in Redis",
  "distributed.cli.share.enqueued": "release {{id}}: {{partitions}} partitions enqueued on {{redis}}",
  "distributed.cli.share.distributed_stdout": "a distributed release goes to a folder, not to stdout",
  "distributed.cli.share.distributed_stdout_hint": "give --out-dir a folder every worker reaches",
  "distributed.cli.share.distributed_dry_run": "--dry-run runs on this host only",
  "distributed.cli.share.distributed_dry_run_hint": "leave out --distributed for a dry run",
  "distributed.cli.serve.redis":
    "the Redis of the jikimi workers: the share route's distributed releases go to its queue (default: JIKIMI_REDIS_URL; none: no distributed releases)",
  "distributed.server.no_queue": "this server has no workers' queue: it cannot run a distributed release",
  "distributed.server.no_queue_hint":
    "start the server with jikimi serve --redis URL (the Redis your jikimi workers use), or leave out distributed",
  "distributed.server.dry_run": "a dry run runs on the server only, not on the workers",
  "distributed.server.dry_run_hint": "leave out distributed for a dry run",
} as const;

export const ko: KoreanOf<typeof en> = {
  "distributed.no_input": "{{input}}이(가) 없습니다",
  "distributed.no_input_hint":
    "모든 워커가 읽을 수 있는 CSV 파일(바이트 구간으로 나눔)이나 파트 파일 폴더를 주세요",
  "distributed.empty_folder": "{{input}}에 파트 파일이 없습니다",
  "distributed.mixed_formats": "{{input}}의 파트 파일 형식이 여러 가지입니다({{formats}})",
  "distributed.mixed_formats_hint": "폴더에 한 형식만 두거나 --input-format으로 형식을 지정하세요",
  "distributed.too_many": "{{input}}은(는) 파티션 {{count}}개가 되어 한도 {{max}}개를 넘습니다",
  "distributed.too_many_hint": "--partition-size를 키우거나 파트 파일을 합치세요",
  "distributed.range": "{{path}}({{start}}-{{end}} 바이트)",
  "distributed.row_groups": "{{path}}(행 그룹 {{from}}-{{to}})",
  "distributed.unreadable": "이 워커에서 {{input}}을(를) 읽을 수 없습니다",
  "distributed.unreadable_hint": "입력을 모든 워커가 같은 경로로 읽을 수 있는 저장소에 두세요",
  "distributed.agreement_changed":
    '제공을 대기열에 넣은 뒤 "{{id}}"의 선언이 바뀌었습니다: 아무것도 기록하지 않았습니다',
  "distributed.consent_changed":
    '이 워커가 본 제공 시점의 "{{id}}" 동의가 대기열에 넣을 때와 다릅니다: 아무것도 기록하지 않았습니다',
  "distributed.changed_hint":
    "모든 워커가 같은 워크스페이스와 상태 저장소를 읽어야 합니다. 제공을 다시 대기열에 넣으세요",
  "distributed.part_file": "분산 제공의 파트 파일",
  "distributed.partition_missing":
    "제공 {{id}}의 파티션 {{index}}이(가) 끝나지 않았습니다: 아무것도 기록하지 않았습니다",
  "distributed.partition_missing_hint":
    "스테이징 폴더는 모든 워커가 읽을 수 있는 저장소에 있어야 합니다. 제공을 다시 대기열에 넣으세요",
  "distributed.partition_version":
    "제공 {{id}}의 파티션 {{index}}은(는) 다른 버전의 jikimi가 썼습니다({{format}}): 아무것도 기록하지 않았습니다",
  "distributed.partition_version_hint":
    "모든 워커에서 같은 버전의 jikimi를 실행하세요. 제공을 다시 대기열에 넣으세요",
  "distributed.after_recorded":
    "제공 {{id}}은(는) 항목 {{seq}}로 기록되었습니다: 그 파일을 옮긴 뒤 제공을 다시 실행해 파트를 두세요",
  "distributed.worker.bad_redis": "{{url}}은(는) Redis URL이 아닙니다",
  "distributed.worker.bad_redis_hint":
    "--redis redis://host:6379 형식으로 주세요(또는 JIKIMI_REDIS_URL 설정)",
  "distributed.worker.release_lost":
    "제공 {{id}}이(가) 더 이상 대기열에 없습니다(Redis가 잃음): 이 제공은 아무것도 기록하지 않았습니다",
  "distributed.worker.release_lost_hint":
    "`jikimi ledger log`를 확인한 뒤 제공을 다시 대기열에 넣으세요: 한 번만 기록됩니다",
  "distributed.worker.release_failed": "제공 {{id}}이(가) 실패했습니다: {{reason}}",
  "distributed.worker.release_failed_hint":
    "`jikimi ledger log`에 없다면 아무것도 기록하지 않았습니다. 원인을 고친 뒤 제공을 다시 대기열에 넣으세요",
  "distributed.worker.not_mine": "이 워커는 {{workspace}}가 아니라 {{root}}를 처리합니다",
  "distributed.worker.partition_failed": "파티션 {{index}}: {{reason}}",
  "distributed.worker.unreachable": "{{url}}의 Redis가 응답하지 않습니다",
  "distributed.worker.unreachable_hint":
    "Redis를 시작하거나 --redis를 바르게 주세요. 아무것도 대기열에 넣지 않았습니다",
  "distributed.cli.worker.description":
    "Redis에서 분산 제공 작업(파티션과 제공)을 멈출 때까지 실행합니다. 어느 호스트에서든 몇 개든 띄울 수 있습니다",
  "distributed.cli.worker.redis": "작업 대기열의 Redis URL(기본: JIKIMI_REDIS_URL)",
  "distributed.cli.worker.queue": "Redis 안의 대기열 키 접두사(Redis를 함께 쓰는 워크스페이스마다 하나)",
  "distributed.cli.worker.concurrency": "이 프로세스가 동시에 실행할 파티션 작업 수",
  "distributed.cli.worker.threads":
    "파티션 작업마다 쓸 블록 스레드 수(기본 0: 작업을 워커 자신의 스레드에서 실행, 코어마다 워커 하나를 띄우세요)",
  "distributed.cli.worker.lock_seconds": "응답하지 않는 워커에게서 다른 워커가 작업을 넘겨받기까지의 초",
  "distributed.cli.worker.quiet": "stderr에 작업 로그 줄을 쓰지 않음",
  "distributed.cli.worker.bad_number": "{{name}}은(는) {{min}}에서 {{max}} 사이의 정수여야 합니다",
  "distributed.cli.worker.bad_number_hint": "{{name}}에 정수를 주세요",
  "distributed.cli.worker.no_redis": "작업을 받을 Redis가 없습니다",
  "distributed.cli.worker.no_redis_hint": "--redis redis://host:6379를 주거나 JIKIMI_REDIS_URL을 설정하세요",
  "distributed.cli.worker.started": "{{dir}}의 워커가 {{redis}}(대기열 {{queue}})에서 작업을 받습니다",
  "distributed.cli.worker.stopping": "{{signal}}: 받은 작업을 마친 뒤 멈춥니다",
  "distributed.cli.release.description": "대기열의 분산 제공",
  "distributed.cli.release.id": "제공 ID(share --distributed가 출력)",
  "distributed.cli.release.status_description":
    "분산 제공의 상태, 끝난 파티션, 읽은 행, 남은 시간(ID 없이: 대기열의 제공 목록)",
  "distributed.cli.release.none": "대기열에 제공이 없습니다",
  "distributed.cli.release.unknown": "대기열에 제공 {{id}}이(가) 없습니다",
  "distributed.cli.release.unknown_hint":
    "제공은 7일 동안 대기열에 남습니다. 기록된 제공은 `jikimi ledger log`를 보세요",
  "distributed.cli.release.status_line":
    "제공 {{id}}: {{state}}, 파티션 {{partitions}}개 중 {{done}}개 완료, {{rows}}행 읽음",
  "distributed.cli.release.rate_line": "초당 {{rate}} MiB, 약 {{eta}}초 남음",
  "distributed.cli.release.reason": "이유: {{reason}}",
  "distributed.cli.share.distributed":
    "--redis의 워커들에게 제공을 나눕니다: 입력을 파티션으로, 원장 항목은 하나",
  "distributed.cli.share.redis": "워커 대기열의 Redis URL(기본: JIKIMI_REDIS_URL)",
  "distributed.cli.share.partition_size": "CSV 파일 하나를 나눌 파티션의 바이트 수(기본 64 MiB)",
  "distributed.cli.share.queue": "Redis 안의 대기열 키 접두사",
  "distributed.cli.share.enqueued": "제공 {{id}}: 파티션 {{partitions}}개를 {{redis}}에 넣었습니다",
  "distributed.cli.share.distributed_stdout": "분산 제공은 stdout이 아니라 폴더로 나갑니다",
  "distributed.cli.share.distributed_stdout_hint": "--out-dir에 모든 워커가 닿는 폴더를 주세요",
  "distributed.cli.share.distributed_dry_run": "--dry-run은 이 호스트에서만 실행됩니다",
  "distributed.cli.share.distributed_dry_run_hint": "시험 실행에는 --distributed를 빼세요",
  "distributed.cli.serve.redis":
    "jikimi 워커의 Redis: 반출 경로의 분산 반출이 이 대기열로 갑니다(기본: JIKIMI_REDIS_URL, 없으면 분산 반출 없음)",
  "distributed.server.no_queue": "이 서버에는 워커 큐가 없어 분산 반출을 실행할 수 없습니다",
  "distributed.server.no_queue_hint":
    "jikimi serve --redis URL(jikimi 워커가 쓰는 Redis)로 서버를 시작하거나 distributed를 빼세요",
  "distributed.server.dry_run": "시험 실행은 워커가 아니라 서버에서만 실행됩니다",
  "distributed.server.dry_run_hint": "시험 실행에는 distributed를 빼세요",
};
