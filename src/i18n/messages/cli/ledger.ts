// messages of `jikimi ledger`: the log, a subject's releases, receipts, records, prunes, repairs, witnessing,
// publishing and verifying the operator's own database.
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "cli.ledger.description": "the transfer ledger: every release, verifiable",
  "cli.ledger.subjects_one": "{{count}} subject",
  "cli.ledger.subjects_other": "{{count}} subjects",
  "cli.ledger.records_one": "{{count}} record",
  "cli.ledger.records_other": "{{count}} records",
  "cli.ledger.none": "none",
  "cli.ledger.no_such_entry": "there is no entry {{seq}}",
  "cli.ledger.no_such_entry_hint": "see `jikimi ledger log`",

  "cli.ledger.log.description": "list releases, newest first",
  "cli.ledger.log.agreement": "only this agreement's releases",
  "cli.ledger.log.limit": "how many",
  "cli.ledger.log.empty": "the ledger has no releases yet",
  "cli.ledger.log.pruned_entry": "(pruned {{date}}: only the leaf hash remains)",
  "cli.ledger.log.prune_event":
    "{{at}}  PRUNE {{entries}} recorded before {{before}} (retention {{rule}}) by {{operator}}",
  "cli.ledger.log.hold_event":
    "{{at}}  HELD   {{agreement}} {{recipient}} ({{country}})  {{subjects}}: {{reasons}}",
  "cli.ledger.log.recorded_late": " (recorded {{at}})",
  "cli.ledger.log.counts": "{{subjects}}, {{records}}",
  "cli.ledger.log.override": "OVERRIDE: {{reason}}",

  "cli.ledger.show.description": "one release in full, with its inclusion proof",
  "cli.ledger.show.seq": "entry number",
  "cli.ledger.show.pruned":
    "entry {{seq}} was pruned on {{at}} past its retention: only its leaf hash remains (see the prune event in `jikimi ledger log`)",
  "cli.ledger.show.leaf": "leaf {{leaf}}",
  "cli.ledger.show.root": "root {{root}} (size {{size}})",

  "cli.ledger.subject.description": "who received this person's data, when, why and what",
  "cli.ledger.subject.id": "the subject key, e.g. a customer ID",
  "cli.ledger.subject.none": "no recorded release contained this subject",
  "cli.ledger.subject.line":
    "{{day}}  {{recipient}} ({{country}})  {{purposes}}  basis: {{basis}}  fields: {{fields}}  [{{agreement}} #{{seq}}]",
  "cli.ledger.subject.total": "{{releases}} ({{ms}} ms)",

  "cli.ledger.receipt.description": "a receipt for one person: proof of every release that contained them",
  "cli.ledger.receipt.output": "write the receipt (jikimi-receipt/1 JSON, mode 0600) here",
  "cli.ledger.receipt.refused": "the receipt does not verify with the log's key ({{codes}})",
  "cli.ledger.receipt.refused_hint":
    "the ledger may have been altered; nothing was written: run `jikimi ledger verify`",
  "cli.ledger.receipt.none": "no recorded release contained this subject: no receipt was written",
  "cli.ledger.receipt.skipped": "skipped entry {{seq}}: {{reason}}",
  "cli.ledger.receipt.written":
    "receipt of {{releases}} written to {{file}}; check it with `jikimi verify receipt {{file}} --vkey VKEY`",
  "cli.ledger.receipt.unprovable_one":
    "the release that contained this subject cannot be proven: no receipt was written",
  "cli.ledger.receipt.unprovable_other":
    "none of the {{count}} releases that contained this subject can be proven: no receipt was written",

  "cli.ledger.verify.description": "recompute every entry, root, signature and subject set",
  "cli.ledger.verify.against": "a checkpoint kept earlier: prove the log only grew since",
  "cli.ledger.verify.public_key":
    "trust this ledger public key (a regulator's pinned key) instead of the log key file's",
  "cli.ledger.verify.receipts":
    "recompute the receipts roots of the latest release of each agreement, or all",
  "cli.ledger.verify.vkey": "trust these verifier keys for a note checkpoint (default: the log key file's)",
  "cli.ledger.verify.checkpoint_label": "the checkpoint {{file}} ({{origin}}, signed by {{signers}})",
  "cli.ledger.verify.checkpoint_unreadable": "cannot read the checkpoint {{file}}",
  "cli.ledger.verify.checkpoint_json_hint": "it must be the JSON that `jikimi ledger checkpoint` wrote",
  "cli.ledger.verify.not_a_checkpoint": "{{file}} is not a checkpoint ({{paths}})",
  "cli.ledger.verify.ok": "ok: {{entries}}, root {{root}}{{against}}{{receipts}} ({{seconds}} s)",
  "cli.ledger.verify.consistent": "; consistent with the checkpoint of size {{size}}",
  "cli.ledger.verify.receipts_latest":
    "; receipts roots recomputed for {{checked}} of {{total}} releases (the latest of each agreement; --receipts all for every one)",
  "cli.ledger.verify.receipts_all": "; receipts roots recomputed for {{checked}} of {{total}} releases",
  "cli.ledger.verify.incremental":
    "a state file kept where the ledger's operators cannot write: verify only what was appended since the state in it (none yet: in full), then save the new state there when the verify passes",
  "cli.ledger.verify.since":
    "; incremental from entry {{from}} (the state of {{time}}: the sets, change rows, dictionary and consent events stored before it are left to a full verify)",
  "cli.ledger.verify.since_full":
    "; in full (a prune event since the saved state of {{time}} rewrote older rows)",
  "cli.ledger.verify.saved": "saved the verified state to {{file}}",
  "cli.ledger.verify.state_unreadable": "cannot read the verified state {{file}}",

  "cli.ledger.checkpoint.description":
    "write a signed checkpoint for a regulator to keep (a c2sp.org/tlog-checkpoint note; the older signed JSON with --format json)",
  "cli.ledger.checkpoint.output": "write to a file",
  "cli.ledger.vkey.description":
    "print the verifier key of the log's checkpoints (publish it: regulators and people verify with it)",
  "cli.ledger.vkey.all": "also the retired signing keys, which verify older checkpoints",
  "cli.ledger.proof.description":
    "an inclusion proof of one entry, or a consistency proof between two sizes (JSON in either format)",
  "cli.ledger.proof.seq": "entry number for an inclusion proof",
  "cli.ledger.proof.consistency": "prove the log of this size is a prefix of the current one",
  "cli.ledger.proof.size": "the tree size to prove against (default: the whole log)",
  "cli.ledger.proof.usage": "give an entry number, or --consistency SIZE",
  "cli.ledger.proof.usage_hint": "e.g. `jikimi ledger proof 12` or `jikimi ledger proof --consistency 10`",

  "cli.ledger.record.description":
    "record a release made outside the gateway, from a manifest (checked like a share)",
  "cli.ledger.record.manifest": "YAML or JSON manifest: the release and its subjects file",
  "cli.ledger.record.override": "record despite a hold (guards, time rules); the reason goes into the entry",
  "cli.ledger.record.not_recorded": "nothing was recorded: {{message}}",
  "cli.ledger.record.manifest_unreadable": "cannot read the manifest {{file}}",
  "cli.ledger.record.manifest_invalid": "the manifest is invalid",
  "cli.ledger.record.fix": "fix: {{hint}}",
  "cli.ledger.record.subjects_unreadable": "cannot read the subjects file {{file}}",
  "cli.ledger.record.columns_one": "{{count}} column",
  "cli.ledger.record.columns_other": "{{count}} columns",
  "cli.ledger.record.no_column": '{{file}}: the first line has no column "{{column}}" (it has {{columns}})',
  "cli.ledger.record.no_column_hint":
    "give the file a header line naming the subject key column, or set subjects.column to the header's name for it (omit it for a file of one key per line)",
  "cli.ledger.record.empty_key": "{{place}}: empty subject key",
  "cli.ledger.record.empty_key_hint": "remove the line or fill it in",
  "cli.ledger.record.recorded": "recorded entry {{seq}}: {{subjects}} ({{new}} new); root {{root}}",
  "cli.ledger.template.description":
    "print the manifest the gateway would declare for an agreement, to fill in and record",
  "cli.ledger.template.comment":
    '# the release as agreement "{{agreement}}" declares it; fill in records, files and the subjects file, then',
  "cli.ledger.prune.description":
    "remove entry details older than the retention period (at least 3 years), as a signed event",
  "cli.ledger.prune.before": "prune releases recorded before this day, YYYY-MM-DD",
  "cli.ledger.prune.operator": "who prunes (default: $USER)",
  "cli.ledger.prune.bad_before": "--before takes a day",
  "cli.ledger.prune.bad_before_hint": "use YYYY-MM-DD",
  "cli.ledger.prune.nothing": "nothing recorded before {{before}} to prune",
  "cli.ledger.prune.pruned":
    "pruned {{entries}} recorded before {{before}}; signed prune event {{seq}}; their leaf hashes remain",

  "cli.ledger.repair.description":
    "finish (or undo) releases interrupted between the ledger append and their files",
  "cli.ledger.repair.running": 'a release of "{{agreement}}" is running{{owner}}',
  "cli.ledger.repair.running_hint": "it finishes its own journal",
  "cli.ledger.repair.nothing": "nothing to repair: no release was interrupted",
  "cli.ledger.repair.skipped": "skipped: {{reason}}",

  "cli.ledger.witness.description":
    "send the log's checkpoint to the witnesses in jikimi.yaml and keep their cosignatures",
  "cli.ledger.witness.none_configured": "no witnesses are configured (jikimi.yaml ledger.witnesses)",
  "cli.ledger.witness.witnessed":
    "witnessed: checkpoint of size {{size}}, {{cosigned}} of {{quorum}} cosignatures{{names}}",
  "cli.ledger.witness.not_witnessed":
    "NOT witnessed: checkpoint of size {{size}}, {{cosigned}} of {{quorum}} cosignatures{{names}}",
  "cli.ledger.witness.short_warning":
    "warning: the checkpoint of size {{size}} has {{cosigned}} of {{quorum}} cosignatures ({{failures}}); run `jikimi ledger witness` later",

  "cli.ledger.monitor.description":
    "watch a published log with public keys only: report a fork, a rollback or growth without the witness quorum",
  "cli.ledger.monitor.tiles": "the folder or http(s) URL where the log is published",
  "cli.ledger.monitor.witness": "witnesses' cosigner keys: growth must carry their quorum",
  "cli.ledger.monitor.quorum": "how many of the witnesses must cosign (default: all)",
  "cli.ledger.monitor.state":
    "where to keep the last clean checkpoint (default: under ~/.local/state/jikimi)",
  "cli.ledger.monitor.ok": "ok",
  "cli.ledger.monitor.alert": "ALERT",
  "cli.ledger.monitor.witnesses": "witnesses: {{cosigned}} of {{quorum}} ({{names}})",

  "cli.ledger.publish.description":
    "publish the log as static tiles (c2sp.org/tlog-tiles) for anyone to verify",
  "cli.ledger.publish.dir": "the folder to publish into (created when missing); serve it at the log's URL",
  "cli.ledger.publish.running": "another `jikimi ledger publish` into {{dir}} is running{{owner}}",
  "cli.ledger.publish.running_hint": "wait for it to finish",
  "cli.ledger.publish.refused": "FAILED: the ledger does not verify ({{problems}}); nothing was published",
  "cli.ledger.publish.published": "published {{origin}} at size {{size}} to {{dir}} (root {{root}})",
  "cli.ledger.publish.into_empty": "into an empty folder",
  "cli.ledger.publish.since": "since the folder's checkpoint of size {{size}}",
  "cli.ledger.publish.new_entries_one": "{{n}} new entry {{since}}",
  "cli.ledger.publish.new_entries_other": "{{n}} new entries {{since}}",
  "cli.ledger.publish.wrote": "wrote {{tiles}}, {{bundles}}{{rewritten}} and the checkpoint: {{bytes}}",
  "cli.ledger.publish.tiles_one": "{{n}} hash tile",
  "cli.ledger.publish.tiles_other": "{{n}} hash tiles",
  "cli.ledger.publish.bundles_one": "{{n}} entry bundle",
  "cli.ledger.publish.bundles_other": "{{n}} entry bundles",
  "cli.ledger.publish.rewritten_one": ", {{n}} bundle rewritten with markers for entries pruned since",
  "cli.ledger.publish.rewritten_other": ", {{n}} bundles rewritten with markers for entries pruned since",
  "cli.ledger.publish.bytes_one": "{{n}} byte",
  "cli.ledger.publish.bytes_other": "{{n}} bytes",
  "cli.ledger.publish.mb": "{{mb}} MB",
  "cli.ledger.publish.unchanged_one": "{{n}} full tile or bundle already there, unchanged{{removed}}",
  "cli.ledger.publish.unchanged_other": "{{n}} full tiles and bundles already there, unchanged{{removed}}",
  "cli.ledger.publish.removed_one": "; {{n}} superseded partial tile removed",
  "cli.ledger.publish.removed_other": "; {{n}} superseded partial tiles removed",
} as const;

export const ko: KoreanOf<typeof en> = {
  "cli.ledger.description": "제공 원장: 모든 제공을 검증 가능하게 기록",
  "cli.ledger.subjects_other": "정보주체 {{count}}명",
  "cli.ledger.records_other": "레코드 {{count}}건",
  "cli.ledger.none": "없음",
  "cli.ledger.no_such_entry": "원장 항목 {{seq}}이(가) 없습니다",
  "cli.ledger.no_such_entry_hint": "`jikimi ledger log`를 보세요",

  "cli.ledger.log.description": "제공 목록 (최신순)",
  "cli.ledger.log.agreement": "이 제공 계약의 제공만",
  "cli.ledger.log.limit": "표시할 건수",
  "cli.ledger.log.empty": "원장에 아직 제공이 없습니다",
  "cli.ledger.log.pruned_entry": "({{date}} 파기: 리프 해시값만 남아 있습니다)",
  "cli.ledger.log.prune_event":
    "{{at}}  파기 {{before}} 이전에 기록된 {{entries}} (보존 기간 {{rule}}), 실행자 {{operator}}",
  "cli.ledger.log.hold_event":
    "{{at}}  보류   {{agreement}} {{recipient}} ({{country}})  {{subjects}}: {{reasons}}",
  "cli.ledger.log.recorded_late": " ({{at}} 기록)",
  "cli.ledger.log.counts": "{{subjects}}, {{records}}",
  "cli.ledger.log.override": "강제 승인: {{reason}}",

  "cli.ledger.show.description": "제공 1건의 전체 내용과 포함 증명",
  "cli.ledger.show.seq": "원장 항목 번호",
  "cli.ledger.show.pruned":
    "원장 항목 {{seq}}은(는) 보존 기간이 지나 {{at}}에 파기되었습니다: 리프 해시값만 남아 있습니다 (`jikimi ledger log`의 파기 이벤트 참고)",
  "cli.ledger.show.leaf": "리프 {{leaf}}",
  "cli.ledger.show.root": "루트 {{root}} (크기 {{size}})",

  "cli.ledger.subject.description": "이 사람의 정보를 누가, 언제, 왜, 무엇을 받았는지",
  "cli.ledger.subject.id": "정보주체 키, 예: 고객 번호",
  "cli.ledger.subject.none": "이 정보주체가 포함된 제공 기록이 없습니다",
  "cli.ledger.subject.line":
    "{{day}}  {{recipient}} ({{country}})  {{purposes}}  법적 근거: {{basis}}  항목: {{fields}}  [{{agreement}} #{{seq}}]",
  "cli.ledger.subject.total": "{{releases}} ({{ms}}ms)",

  "cli.ledger.receipt.description": "한 사람을 위한 영수증: 그 사람이 포함된 모든 제공의 증명",
  "cli.ledger.receipt.output": "영수증(jikimi-receipt/1 JSON, 모드 0600)을 쓸 파일",
  "cli.ledger.receipt.refused": "영수증이 로그의 키로 검증되지 않습니다({{codes}})",
  "cli.ledger.receipt.refused_hint":
    "원장이 변경되었을 수 있으며 아무것도 쓰지 않았습니다: `jikimi ledger verify`를 실행하세요",
  "cli.ledger.receipt.none": "이 정보주체가 포함된 제공 기록이 없어 영수증을 쓰지 않았습니다",
  "cli.ledger.receipt.skipped": "원장 항목 {{seq}} 건너뜀: {{reason}}",
  "cli.ledger.receipt.written":
    "{{releases}}에 대한 영수증을 {{file}}에 썼습니다. `jikimi verify receipt {{file}} --vkey VKEY`로 확인하세요",
  "cli.ledger.receipt.unprovable_other":
    "이 정보주체가 포함된 제공 {{count}}건 중 증명할 수 있는 것이 없어 영수증을 쓰지 않았습니다",

  "cli.ledger.verify.description": "모든 항목, 루트, 서명, 정보주체 집합을 다시 계산해 검증",
  "cli.ledger.verify.against": "이전에 보관한 체크포인트: 그 뒤로 로그가 늘어나기만 했음을 증명",
  "cli.ledger.verify.public_key": "로그 키 파일의 키 대신 이 원장 공개 키(감독기관이 고정한 키)를 신뢰",
  "cli.ledger.verify.receipts": "제공 계약별 최신 제공(latest) 또는 전부(all)의 영수증 루트를 다시 계산",
  "cli.ledger.verify.vkey": "노트 체크포인트에 대해 이 검증 키들을 신뢰 (기본값: 로그 키 파일의 키)",
  "cli.ledger.verify.checkpoint_label": "체크포인트 {{file}} ({{origin}}, 서명자 {{signers}})",
  "cli.ledger.verify.checkpoint_unreadable": "체크포인트 {{file}}을(를) 읽을 수 없습니다",
  "cli.ledger.verify.checkpoint_json_hint": "`jikimi ledger checkpoint`가 쓴 JSON이어야 합니다",
  "cli.ledger.verify.not_a_checkpoint": "{{file}}은(는) 체크포인트가 아닙니다({{paths}})",
  "cli.ledger.verify.ok": "정상: {{entries}}, 루트 {{root}}{{against}}{{receipts}} ({{seconds}}초)",
  "cli.ledger.verify.consistent": "; 크기 {{size}}의 체크포인트와 일관됨",
  "cli.ledger.verify.receipts_latest":
    "; 제공 {{total}}건 중 {{checked}}건의 영수증 루트를 다시 계산함 (제공 계약별 최신 제공; 전부는 --receipts all)",
  "cli.ledger.verify.receipts_all": "; 제공 {{total}}건 중 {{checked}}건의 영수증 루트를 다시 계산함",
  "cli.ledger.verify.incremental":
    "원장 운영자가 쓸 수 없는 곳에 보관하는 상태 파일: 그 상태 이후 추가된 것만 검증하고(파일이 없으면 전체 검증), 검증을 통과하면 새 상태를 그 파일에 저장",
  "cli.ledger.verify.since":
    "; 항목 {{from}}부터 증분 검증 ({{time}}의 상태: 그 전에 저장된 집합, 변경 행, 사전, 동의 이벤트는 전체 검증에 맡김)",
  "cli.ledger.verify.since_full":
    "; 전체 검증 ({{time}}에 저장된 상태 이후의 파기 항목이 이전 행을 다시 썼습니다)",
  "cli.ledger.verify.saved": "검증 상태를 {{file}}에 저장했습니다",
  "cli.ledger.verify.state_unreadable": "검증 상태 {{file}}을(를) 읽을 수 없습니다",

  "cli.ledger.checkpoint.description":
    "감독기관이 보관할 서명된 체크포인트 쓰기 (c2sp.org/tlog-checkpoint 노트; --format json이면 이전 형식의 서명된 JSON)",
  "cli.ledger.checkpoint.output": "파일에 쓰기",
  "cli.ledger.vkey.description":
    "로그 체크포인트의 검증 키 출력 (공개하세요: 감독기관과 정보주체가 이 키로 검증합니다)",
  "cli.ledger.vkey.all": "이전 체크포인트를 검증하는 퇴역한 서명 키도 함께",
  "cli.ledger.proof.description": "항목 1건의 포함 증명 또는 두 크기 사이의 일관성 증명 (어느 형식이든 JSON)",
  "cli.ledger.proof.seq": "포함 증명할 원장 항목 번호",
  "cli.ledger.proof.consistency": "이 크기의 로그가 현재 로그의 앞부분임을 증명",
  "cli.ledger.proof.size": "증명 기준 트리 크기 (기본값: 로그 전체)",
  "cli.ledger.proof.usage": "원장 항목 번호 또는 --consistency SIZE를 주세요",
  "cli.ledger.proof.usage_hint": "예: `jikimi ledger proof 12` 또는 `jikimi ledger proof --consistency 10`",

  "cli.ledger.record.description": "게이트웨이 밖에서 한 제공을 매니페스트로 기록 (share와 같은 검사를 거침)",
  "cli.ledger.record.manifest": "YAML 또는 JSON 매니페스트: 제공 내용과 정보주체 파일",
  "cli.ledger.record.override": "보류(가드, 시간 규칙)에도 기록. 사유는 원장 항목에 남습니다",
  "cli.ledger.record.not_recorded": "아무것도 기록하지 않았습니다: {{message}}",
  "cli.ledger.record.manifest_unreadable": "매니페스트 {{file}}을(를) 읽을 수 없습니다",
  "cli.ledger.record.manifest_invalid": "매니페스트가 올바르지 않습니다",
  "cli.ledger.record.fix": "해결: {{hint}}",
  "cli.ledger.record.subjects_unreadable": "정보주체 파일 {{file}}을(를) 읽을 수 없습니다",
  "cli.ledger.record.columns_other": "열 {{count}}개",
  "cli.ledger.record.no_column": '{{file}}: 첫 줄에 "{{column}}" 열이 없습니다({{columns}})',
  "cli.ledger.record.no_column_hint":
    "정보주체 키 열의 이름을 담은 머리글 줄을 넣거나, subjects.column을 그 머리글 이름으로 설정하세요 (한 줄에 키 하나인 파일이면 빼세요)",
  "cli.ledger.record.empty_key": "{{place}}: 정보주체 키가 비어 있습니다",
  "cli.ledger.record.empty_key_hint": "그 줄을 지우거나 채우세요",
  "cli.ledger.record.recorded":
    "원장 항목 {{seq}}을(를) 기록했습니다: {{subjects}} (신규 {{new}}명), 루트 {{root}}",
  "cli.ledger.template.description": "제공 계약에 대해 게이트웨이가 선언할 매니페스트 출력 (채워서 기록)",
  "cli.ledger.template.comment":
    '# 제공 계약 "{{agreement}}"이(가) 선언하는 제공입니다. records, files, 정보주체 파일을 채운 다음',
  "cli.ledger.prune.description": "보존 기간(최소 3년)이 지난 항목 내용을 서명된 이벤트로 파기",
  "cli.ledger.prune.before": "이 날짜 이전에 기록된 제공을 파기, YYYY-MM-DD",
  "cli.ledger.prune.operator": "파기 실행자 (기본값: $USER)",
  "cli.ledger.prune.bad_before": "--before에는 날짜를 써야 합니다",
  "cli.ledger.prune.bad_before_hint": "YYYY-MM-DD 형식으로 쓰세요",
  "cli.ledger.prune.nothing": "{{before}} 이전에 기록된 파기 대상이 없습니다",
  "cli.ledger.prune.pruned":
    "{{before}} 이전에 기록된 {{entries}}을(를) 파기했습니다. 서명된 파기 이벤트 {{seq}}, 리프 해시값은 남아 있습니다",

  "cli.ledger.repair.description": "원장 기록과 파일 배치 사이에 중단된 제공을 마무리(또는 취소)",
  "cli.ledger.repair.running": '"{{agreement}}" 제공이 실행 중입니다{{owner}}',
  "cli.ledger.repair.running_hint": "그 실행이 자신의 저널을 마무리합니다",
  "cli.ledger.repair.nothing": "복구할 것이 없습니다: 중단된 제공이 없습니다",
  "cli.ledger.repair.skipped": "건너뜀: {{reason}}",

  "cli.ledger.witness.description": "로그의 체크포인트를 jikimi.yaml의 증인에게 보내고 공동 서명을 보관",
  "cli.ledger.witness.none_configured": "설정된 증인이 없습니다 (jikimi.yaml ledger.witnesses)",
  "cli.ledger.witness.witnessed":
    "증인 서명 완료: 크기 {{size}}의 체크포인트, 공동 서명 {{quorum}}개 중 {{cosigned}}개{{names}}",
  "cli.ledger.witness.not_witnessed":
    "증인 서명 미달: 크기 {{size}}의 체크포인트, 공동 서명 {{quorum}}개 중 {{cosigned}}개{{names}}",
  "cli.ledger.witness.short_warning":
    "경고: 크기 {{size}}의 체크포인트에 공동 서명이 {{quorum}}개 중 {{cosigned}}개뿐입니다({{failures}}). 나중에 `jikimi ledger witness`를 실행하세요",

  "cli.ledger.monitor.description":
    "공개 키만으로 공개된 로그를 감시: 분기, 되돌림, 증인 정족수 없는 증가를 알림",
  "cli.ledger.monitor.tiles": "로그가 공개된 폴더 또는 http(s) URL",
  "cli.ledger.monitor.witness": "증인의 공동 서명 키: 로그가 늘면 정족수만큼 서명이 있어야 합니다",
  "cli.ledger.monitor.quorum": "공동 서명해야 하는 증인 수 (기본값: 전부)",
  "cli.ledger.monitor.state": "마지막 정상 체크포인트를 보관할 곳 (기본값: ~/.local/state/jikimi 아래)",
  "cli.ledger.monitor.ok": "정상",
  "cli.ledger.monitor.alert": "경보",
  "cli.ledger.monitor.witnesses": "증인: {{quorum}}개 중 {{cosigned}}개 ({{names}})",

  "cli.ledger.publish.description": "누구나 검증할 수 있도록 로그를 정적 타일(c2sp.org/tlog-tiles)로 공개",
  "cli.ledger.publish.dir": "공개할 폴더 (없으면 만듭니다). 로그의 URL로 제공하세요",
  "cli.ledger.publish.running": "{{dir}}에 대한 다른 `jikimi ledger publish`가 실행 중입니다{{owner}}",
  "cli.ledger.publish.running_hint": "끝날 때까지 기다리세요",
  "cli.ledger.publish.refused": "실패: 원장이 검증되지 않습니다({{problems}}). 아무것도 공개하지 않았습니다",
  "cli.ledger.publish.published": "{{origin}}을(를) 크기 {{size}}로 {{dir}}에 공개했습니다 (루트 {{root}})",
  "cli.ledger.publish.into_empty": "빈 폴더에",
  "cli.ledger.publish.since": "폴더의 크기 {{size}} 체크포인트 이후",
  "cli.ledger.publish.new_entries_other": "{{since}} 새 항목 {{n}}건",
  "cli.ledger.publish.wrote": "{{tiles}}, {{bundles}}{{rewritten}}와 체크포인트를 썼습니다: {{bytes}}",
  "cli.ledger.publish.tiles_other": "해시 타일 {{n}}개",
  "cli.ledger.publish.bundles_other": "항목 묶음 {{n}}개",
  "cli.ledger.publish.rewritten_other": ", 이후 파기된 항목 표시로 다시 쓴 묶음 {{n}}개",
  "cli.ledger.publish.bytes_other": "{{n}}바이트",
  "cli.ledger.publish.mb": "{{mb}}MB",
  "cli.ledger.publish.unchanged_other": "이미 있어 바꾸지 않은 온전한 타일과 묶음 {{n}}개{{removed}}",
  "cli.ledger.publish.removed_other": "; 대체된 부분 타일 {{n}}개 삭제",
};
