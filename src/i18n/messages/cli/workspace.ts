// messages of the workspace verbs: init, check, schema, taxonomy, and of generate and completion.
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "cli.init.description": "write a new workspace: minimal and commented, or a ready example",
  "cli.init.dir": "folder for the new workspace",
  "cli.init.example": "start from an example ({{names}}; default: minimal)",
  "cli.init.force": "write into a folder that is not empty",
  "cli.init.unknown_example": 'there is no example "{{example}}"',
  "cli.init.unknown_example_hint": "use one of {{names}}",
  "cli.init.folder_not_empty": "{{dir}} is not empty",
  "cli.init.folder_not_empty_hint": "choose a new folder or pass --force to write over it",
  "cli.init.wrote": "wrote the {{example}} workspace to {{target}}\nnext: jikimi check -w {{dir}}",

  "cli.check.description": "apply PIPA, the Credit Information Act and GDPR to the workspace's declarations",
  "cli.check.at": "check as of this day, YYYY-MM-DD (default: today)",
  "cli.check.strict": "exit 1 on warnings and gaps too",
  "cli.check.no_record": "do not record the run in the state store",
  "cli.check.not_recorded":
    "jikimi: note: the run was not recorded (.jikimi/ is not writable); use --no-record",

  "cli.schema.description":
    "write JSON Schema for jikimi.yaml, datasets, recipients, purposes and agreements",
  "cli.schema.out_dir": "folder to write into (default: <workspace>/.jikimi-schemas)",
  "cli.schema.kind": "print one kind's schema to stdout",
  "cli.schema.wrote": "wrote {{file}}",
  "cli.schema.editors":
    "editors with the YAML language server pick them up from a first line such as\n  # yaml-language-server: $schema=../.jikimi-schemas/agreement.schema.json",

  "cli.taxonomy.description": "list the data categories, uses, subjects, legal bases and transforms",
  "cli.taxonomy.categories": "data categories (identifying, flags):",
  "cli.taxonomy.uses": "data uses:",
  "cli.taxonomy.subjects": "data subjects:",
  "cli.taxonomy.bases": "legal bases:",
  "cli.taxonomy.transforms": "transforms:",
  "cli.taxonomy.join_key": "join key",
  "cli.taxonomy.credit": "credit",
  "cli.taxonomy.sensitive": "sensitive",

  "cli.generate.description":
    "write deterministic synthetic customers or payments for a Korean payment app (CSV or JSONL)",
  "cli.generate.kind": "customers or payments",
  "cli.generate.rows": "number of rows, e.g. 1000000",
  "cli.generate.output": "output file (.csv or .jsonl), or - for stdout",
  "cli.generate.output_format": "csv or jsonl (default: from the --output extension)",
  "cli.generate.seed": "whole number; the same seed and rows give the same bytes (default 1)",
  "cli.generate.customers": "payments: customer ids are drawn from 1..n (default 1,000,000)",
  "cli.generate.threads": "worker threads; 0 or 1 renders in-process (default: number of CPUs)",
  "cli.generate.quiet": "no progress bar",
  "cli.generate.progress": "{value}/{total} rows | {rate} | ETA {eta_formatted}",
  "cli.generate.rate": "{{value}} rows/s",
  "cli.generate.rate_k": "{{value}}k rows/s",
  "cli.generate.rate_m": "{{value}}M rows/s",
  "cli.generate.n_customers_one": "{{n}} customer",
  "cli.generate.n_customers_other": "{{n}} customers",
  "cli.generate.n_payments_one": "{{n}} payment",
  "cli.generate.n_payments_other": "{{n}} payments",
  "cli.generate.wrote": "wrote {{what}} to {{where}} in {{seconds}} s ({{rate}})",

  "cli.completion.description": "print a shell completion script for jikimi's commands and options",
  "cli.completion.shell": "bash or zsh",
  "cli.completion.how":
    "To load it in the current shell:\n  bash: source <(jikimi completion bash)\n  zsh:  source <(jikimi completion zsh)\nAdd that line to ~/.bashrc or ~/.zshrc to load it in every new shell.",
} as const;

export const ko: KoreanOf<typeof en> = {
  "cli.init.description": "새 워크스페이스 만들기: 주석이 달린 최소 구성 또는 준비된 예제",
  "cli.init.dir": "새 워크스페이스 폴더",
  "cli.init.example": "예제에서 시작 ({{names}}, 기본값: minimal)",
  "cli.init.force": "비어 있지 않은 폴더에도 쓰기",
  "cli.init.unknown_example": '"{{example}}" 예제가 없습니다',
  "cli.init.unknown_example_hint": "{{names}} 중 하나를 쓰세요",
  "cli.init.folder_not_empty": "{{dir}}이(가) 비어 있지 않습니다",
  "cli.init.folder_not_empty_hint": "새 폴더를 고르거나 --force로 덮어쓰세요",
  "cli.init.wrote": "{{example}} 워크스페이스를 {{target}}에 만들었습니다\n다음: jikimi check -w {{dir}}",

  "cli.check.description": "워크스페이스의 선언에 개인정보 보호법, 신용정보법, GDPR을 적용합니다",
  "cli.check.at": "이 날짜 기준으로 검사, YYYY-MM-DD (기본값: 오늘)",
  "cli.check.strict": "경고와 판단 불가에도 종료 코드 1",
  "cli.check.no_record": "상태 저장소에 실행 기록을 남기지 않기",
  "cli.check.not_recorded":
    "jikimi: 참고: 실행을 기록하지 못했습니다(.jikimi/에 쓸 수 없음). --no-record를 쓰세요",

  "cli.schema.description": "jikimi.yaml, 데이터셋, 수령자, 목적, 제공 계약의 JSON Schema 쓰기",
  "cli.schema.out_dir": "쓸 폴더 (기본값: <workspace>/.jikimi-schemas)",
  "cli.schema.kind": "한 종류의 스키마를 표준 출력으로",
  "cli.schema.wrote": "{{file}}을(를) 썼습니다",
  "cli.schema.editors":
    "YAML 언어 서버를 쓰는 편집기는 다음과 같은 첫 줄로 스키마를 인식합니다\n  # yaml-language-server: $schema=../.jikimi-schemas/agreement.schema.json",

  "cli.taxonomy.description": "데이터 범주, 이용, 정보주체, 법적 근거, 변환 목록",
  "cli.taxonomy.categories": "데이터 범주 (식별성, 속성):",
  "cli.taxonomy.uses": "데이터 이용:",
  "cli.taxonomy.subjects": "정보주체:",
  "cli.taxonomy.bases": "법적 근거:",
  "cli.taxonomy.transforms": "변환:",
  "cli.taxonomy.join_key": "결합 키",
  "cli.taxonomy.credit": "신용",
  "cli.taxonomy.sensitive": "민감",

  "cli.generate.description": "한국 결제 앱의 합성 고객 또는 결제 데이터를 결정적으로 생성 (CSV 또는 JSONL)",
  "cli.generate.kind": "customers 또는 payments",
  "cli.generate.rows": "행 수, 예: 1000000",
  "cli.generate.output": "출력 파일(.csv 또는 .jsonl), 표준 출력은 -",
  "cli.generate.output_format": "csv 또는 jsonl (기본값: --output의 확장자로 판단)",
  "cli.generate.seed": "정수. 같은 시드와 행 수는 같은 바이트를 만듭니다 (기본값 1)",
  "cli.generate.customers": "payments: 고객 id를 1..n에서 뽑습니다 (기본값 1,000,000)",
  "cli.generate.threads": "워커 스레드 수. 0 또는 1이면 프로세스 안에서 생성 (기본값: CPU 수)",
  "cli.generate.quiet": "진행 표시줄 없이",
  "cli.generate.progress": "{value}/{total}행 | {rate} | 남은 시간 {eta_formatted}",
  "cli.generate.rate": "초당 {{value}}행",
  "cli.generate.rate_k": "초당 {{value}}k행",
  "cli.generate.rate_m": "초당 {{value}}M행",
  "cli.generate.n_customers_other": "고객 {{n}}명",
  "cli.generate.n_payments_other": "결제 {{n}}건",
  "cli.generate.wrote": "{{what}}을(를) {{where}}에 썼습니다: {{seconds}}초 ({{rate}})",

  "cli.completion.description": "jikimi의 명령과 옵션을 위한 셸 자동 완성 스크립트 출력",
  "cli.completion.shell": "bash 또는 zsh",
  "cli.completion.how":
    "지금 셸에서 불러오려면:\n  bash: source <(jikimi completion bash)\n  zsh:  source <(jikimi completion zsh)\n새 셸마다 불러오려면 이 줄을 ~/.bashrc 또는 ~/.zshrc에 추가하세요.",
};
