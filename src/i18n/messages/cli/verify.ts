// messages of `jikimi verify` (checkpoints, published logs, receipts with public keys only) and of the problem
// lines every verify prints.
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "cli.verify.description":
    "verify checkpoints, published logs and receipts with public keys only (no keyring)",
  "cli.verify.failed": "FAILED: {{problems}}",
  "cli.verify.at_entry": " at entry {{seq}}",
  "cli.verify.unreadable": "cannot read the {{what}} {{file}}",
  "cli.verify.witness": "witnesses' cosigner keys (`jikimi witness vkey`)",
  "cli.verify.quorum": "how many of the witnesses must have cosigned (default: all given)",
  "cli.verify.bad_quorum": "--quorum takes a whole number",
  "cli.verify.bad_quorum_hint": "give one from 0 to {{max}}",
  "cli.verify.cosigned_by":
    "cosigned by {{cosigned}} of the {{quorum}} witnesses required{{names}}{{missing}}",
  "cli.verify.missing": "; missing {{names}}",

  "cli.verify.checkpoint.description":
    "check a checkpoint's signature with the log's published verifier key, and its witness cosignatures",
  "cli.verify.checkpoint.file": "a checkpoint note (c2sp.org/tlog-checkpoint)",
  "cli.verify.checkpoint.what": "checkpoint",
  "cli.verify.checkpoint.ok": "ok: {{origin}} at size {{size}}, root {{root}}, signed by {{signers}}",
  "cli.verify.checkpoint.not_witnessed":
    "NOT WITNESSED: {{origin}} at size {{size}}, root {{root}}, signed by {{signers}}",

  "cli.verify.log.description":
    "verify a published log: signature, every tile, every entry, and that it only grew",
  "cli.verify.log.tiles": "the published log: the folder `jikimi ledger publish` wrote, or its URL",
  "cli.verify.log.against": "a checkpoint note kept earlier: prove the log only grew since",
  "cli.verify.log.timeout": "per request, for a URL",
  "cli.verify.log.bad_timeout": "--timeout {{value}} is not a number of seconds",
  "cli.verify.log.bad_timeout_hint": "give the seconds to wait per request, e.g. 30",
  "cli.verify.log.files_one": "{{count}} file",
  "cli.verify.log.files_other": "{{count}} files",
  "cli.verify.log.ok": "ok: {{origin}}, {{entries}}, root {{root}}{{against}} ({{files}}, {{seconds}} s)",
  "cli.verify.log.retained_one":
    "note: 1 entry listed by prune events is still served with its body (a mirror or cache may keep it; `jikimi ledger publish` replaces it with a marker)",
  "cli.verify.log.retained_other":
    "note: {{count}} entries listed by prune events are still served with their bodies (a mirror or cache may keep them; `jikimi ledger publish` replaces them with markers)",

  "cli.verify.receipt.description":
    "check a person's receipt: each release that contained them, proven in the log",
  "cli.verify.receipt.file": "a receipt (jikimi-receipt/1) from `jikimi ledger receipt`",
  "cli.verify.receipt.what": "receipt",
  "cli.verify.receipt.subject":
    "your subject key (e.g. your customer number): check the receipt is about you",
  "cli.verify.receipt.witness": "witnesses' cosigner keys: the receipt's checkpoint must carry their quorum",
  "cli.verify.receipt.checkpoint_is": "the checkpoint is {{witnesses}}",
  "cli.verify.receipt.cosignatures_bad": "the cosignatures do not verify",
  "cli.verify.receipt.ok": "ok: {{releases}} of {{origin}} proven in its log of {{entries}}",
  "cli.verify.receipt.ok_bound":
    "ok: {{releases}} of {{origin}} proven in its log of {{entries}}, bound to the subject key given",
} as const;

export const ko: KoreanOf<typeof en> = {
  "cli.verify.description": "공개 키만으로 체크포인트, 공개된 로그, 영수증 검증 (키링 불필요)",
  "cli.verify.failed": "실패: {{problems}}",
  "cli.verify.at_entry": " (원장 항목 {{seq}})",
  "cli.verify.unreadable": "{{what}} {{file}}을(를) 읽을 수 없습니다",
  "cli.verify.witness": "증인의 공동 서명 키 (`jikimi witness vkey`)",
  "cli.verify.quorum": "공동 서명해야 하는 증인 수 (기본값: 지정한 증인 전부)",
  "cli.verify.bad_quorum": "--quorum에는 정수를 써야 합니다",
  "cli.verify.bad_quorum_hint": "0부터 {{max}} 사이의 수를 주세요",
  "cli.verify.cosigned_by": "필요한 증인 {{quorum}}명 중 {{cosigned}}명이 공동 서명{{names}}{{missing}}",
  "cli.verify.missing": "; 누락 {{names}}",

  "cli.verify.checkpoint.description": "로그의 공개 검증 키로 체크포인트의 서명과 증인 공동 서명을 확인",
  "cli.verify.checkpoint.file": "체크포인트 노트 (c2sp.org/tlog-checkpoint)",
  "cli.verify.checkpoint.what": "체크포인트",
  "cli.verify.checkpoint.ok": "정상: {{origin}}, 크기 {{size}}, 루트 {{root}}, 서명자 {{signers}}",
  "cli.verify.checkpoint.not_witnessed":
    "증인 서명 미달: {{origin}}, 크기 {{size}}, 루트 {{root}}, 서명자 {{signers}}",

  "cli.verify.log.description": "공개된 로그 검증: 서명, 모든 타일, 모든 항목, 그리고 늘어나기만 했는지",
  "cli.verify.log.tiles": "공개된 로그: `jikimi ledger publish`가 쓴 폴더 또는 그 URL",
  "cli.verify.log.against": "이전에 보관한 체크포인트 노트: 그 뒤로 로그가 늘어나기만 했음을 증명",
  "cli.verify.log.timeout": "URL일 때 요청당 대기 시간(초)",
  "cli.verify.log.bad_timeout": "--timeout {{value}}은(는) 초 단위 수가 아닙니다",
  "cli.verify.log.bad_timeout_hint": "요청당 기다릴 초를 주세요, 예: 30",
  "cli.verify.log.files_other": "파일 {{count}}개",
  "cli.verify.log.ok": "정상: {{origin}}, {{entries}}, 루트 {{root}}{{against}} ({{files}}, {{seconds}}초)",
  "cli.verify.log.retained_other":
    "참고: 파기 이벤트에 있는 항목 {{count}}건이 아직 본문과 함께 제공되고 있습니다 (미러나 캐시가 보관 중일 수 있습니다. `jikimi ledger publish`가 표시로 바꿉니다)",

  "cli.verify.receipt.description": "한 사람의 영수증 확인: 그 사람이 포함된 각 제공을 로그에서 증명",
  "cli.verify.receipt.file": "`jikimi ledger receipt`가 만든 영수증 (jikimi-receipt/1)",
  "cli.verify.receipt.what": "영수증",
  "cli.verify.receipt.subject": "본인의 정보주체 키(예: 고객 번호): 영수증이 본인에 관한 것인지 확인",
  "cli.verify.receipt.witness": "증인의 공동 서명 키: 영수증의 체크포인트에 정족수만큼 서명이 있어야 합니다",
  "cli.verify.receipt.checkpoint_is": "체크포인트: {{witnesses}}",
  "cli.verify.receipt.cosignatures_bad": "공동 서명이 검증되지 않습니다",
  "cli.verify.receipt.ok": "정상: {{origin}}의 {{releases}}이 {{entries}}의 로그에서 증명됨",
  "cli.verify.receipt.ok_bound":
    "정상: {{origin}}의 {{releases}}이 {{entries}}의 로그에서 증명됨, 주어진 정보주체 키와 일치",
};
