// messages of the dashboard's ledger page (web/src/pages/), spread into the web area (web.ts).
import type { KoreanOf } from "../catalogue.js";

export const en = {
  "web.ledger.title": "Ledger",
  "web.ledger.checkpoint": "Signed checkpoint",
  "web.ledger.checkpoint_met":
    "The log's latest checkpoint, signed by the log's key and cosigned by {{cosigned}} of the {{quorum}} witnesses the quorum needs.",
  "web.ledger.checkpoint_short":
    "The log's latest checkpoint is signed, but only {{cosigned}} witnesses cosigned it: the quorum is {{quorum}}. Run jikimi ledger witness.",
  "web.ledger.checkpoint_alone":
    "The log's latest checkpoint, signed by the log's key. No witness is configured.",
  "web.ledger.entries": "Entries",
  "web.ledger.origin": "Origin",
  "web.ledger.root": "Root hash",
  "web.ledger.signed_by": "Signed by",
  "web.ledger.witnesses": "Witness cosignatures: {{cosigned}} of {{count}} configured, quorum {{quorum}}",
  "web.ledger.no_witnesses": "No witness is configured (jikimi.yaml ledger.witnesses).",
  "web.ledger.col.witness": "Witness",
  "web.ledger.col.key_id": "Key ID",
  "web.ledger.col.cosigned": "Cosigned",
  "web.ledger.col.time": "Cosigned at (UTC)",
  "web.ledger.col.kind": "Kind",
  "web.ledger.col.entry": "Entry",
  "web.ledger.col.place": "Where",
  "web.ledger.col.message": "What was found",
  "web.ledger.yes": "yes",
  "web.ledger.no": "no",
  "web.ledger.monitor": "Monitor",
  "web.ledger.monitor_help":
    "The server reads its own log as tiles with public keys only, as jikimi ledger monitor does: a fork, a rollback or growth without the witness quorum is an alert.",
  "web.ledger.monitor_previous":
    "Compared with the checkpoint of {{size}} entries this server kept from its last clean pass.",
  "web.ledger.monitor_first":
    "No checkpoint was kept from an earlier pass on this server, so nothing was compared: this pass keeps the current one for the next.",
  "web.ledger.no_alerts": "No alerts.",
  "web.ledger.alerts": "Alerts",
  "web.ledger.alert": "Alert",
  "web.ledger.ok_event": "OK",
  "web.ledger.problems": "Problems found in the tiles",
  "web.ledger.verify": "Verify",
  "web.ledger.verify_help":
    "The full verify of jikimi ledger verify: every entry against the signed tree, the log's signatures, witness cosignatures, consent commitments and the latest receipts roots. It writes nothing.",
  "web.ledger.run_verify": "Run verify",
  "web.ledger.verifying": "Verifying…",
  "web.ledger.verify_ok":
    "Passed: {{size}} entries give root {{root}}; receipts roots recomputed: {{checked}} of {{total}} ({{seconds}} s).",
  "web.ledger.verify_failed_one": "FAILED: {{count}} problem found in {{size}} entries.",
  "web.ledger.verify_failed_other": "FAILED: {{count}} problems found in {{size}} entries.",
  "web.ledger.verify_error": "Verify could not run: {{message}}",
  "web.ledger.downloads": "Downloads",
  "web.ledger.downloads_help":
    "Files for checking the log elsewhere: jikimi verify checkpoint checkpoint.note --vkey, jikimi verify log --tiles.",
  "web.ledger.download_checkpoint": "Checkpoint (signed note)",
  "web.ledger.download_vkey": "Log verifier key",
  "web.ledger.download_tiles": "Tiles (tar archive)",
  "web.ledger.download_report": "Inspection report",
  "web.ledger.report_format": "Report format",
  "web.ledger.download_failed": "The download failed: {{message}}",
} as const;

export const ko: KoreanOf<typeof en> = {
  "web.ledger.title": "원장",
  "web.ledger.checkpoint": "서명된 체크포인트",
  "web.ledger.checkpoint_met":
    "원장의 최신 체크포인트입니다. 원장 키로 서명되었고, 정족수에 필요한 {{quorum}}곳 가운데 증인 {{cosigned}}곳이 연서명했습니다.",
  "web.ledger.checkpoint_short":
    "원장의 최신 체크포인트는 서명되었지만 증인 {{cosigned}}곳만 연서명했습니다. 정족수는 {{quorum}}곳입니다. jikimi ledger witness를 실행하세요.",
  "web.ledger.checkpoint_alone":
    "원장의 최신 체크포인트입니다. 원장 키로 서명되었습니다. 설정된 증인이 없습니다.",
  "web.ledger.entries": "항목",
  "web.ledger.origin": "원장 이름",
  "web.ledger.root": "루트 해시",
  "web.ledger.signed_by": "서명",
  "web.ledger.witnesses": "증인 연서명: 설정된 {{count}}곳 가운데 {{cosigned}}곳, 정족수 {{quorum}}",
  "web.ledger.no_witnesses": "설정된 증인이 없습니다(jikimi.yaml ledger.witnesses).",
  "web.ledger.col.witness": "증인",
  "web.ledger.col.key_id": "키 ID",
  "web.ledger.col.cosigned": "연서명",
  "web.ledger.col.time": "연서명 시각(UTC)",
  "web.ledger.col.kind": "종류",
  "web.ledger.col.entry": "항목",
  "web.ledger.col.place": "위치",
  "web.ledger.col.message": "발견한 내용",
  "web.ledger.yes": "예",
  "web.ledger.no": "아니요",
  "web.ledger.monitor": "모니터",
  "web.ledger.monitor_help":
    "서버가 jikimi ledger monitor처럼 공개 키만으로 자신의 원장을 타일로 읽습니다. 분기, 되돌림, 증인 정족수 없는 증가는 경보입니다.",
  "web.ledger.monitor_previous":
    "이 서버가 지난번 이상 없던 점검에서 보관한 항목 {{size}}건의 체크포인트와 비교했습니다.",
  "web.ledger.monitor_first":
    "이 서버에서 앞선 점검으로 보관한 체크포인트가 없어 비교하지 않았습니다. 이번 점검이 현재 체크포인트를 다음 비교를 위해 보관합니다.",
  "web.ledger.no_alerts": "경보가 없습니다.",
  "web.ledger.alerts": "경보",
  "web.ledger.alert": "경보",
  "web.ledger.ok_event": "정상",
  "web.ledger.problems": "타일에서 발견한 문제",
  "web.ledger.verify": "검증",
  "web.ledger.verify_help":
    "jikimi ledger verify의 전체 검증입니다. 모든 항목을 서명된 트리와 대조하고, 원장 서명, 증인 연서명, 동의 약정, 최신 수령 확인 루트를 확인합니다. 아무것도 쓰지 않습니다.",
  "web.ledger.run_verify": "검증 실행",
  "web.ledger.verifying": "검증하는 중…",
  "web.ledger.verify_ok":
    "통과: 항목 {{size}}건이 루트 {{root}}를 냅니다. 다시 계산한 수령 확인 루트: {{total}}건 가운데 {{checked}}건({{seconds}}초).",
  "web.ledger.verify_failed_other": "실패: 항목 {{size}}건에서 문제 {{count}}건을 발견했습니다.",
  "web.ledger.verify_error": "검증을 실행하지 못했습니다: {{message}}",
  "web.ledger.downloads": "내려받기",
  "web.ledger.downloads_help":
    "원장을 다른 곳에서 확인하기 위한 파일입니다: jikimi verify checkpoint checkpoint.note --vkey, jikimi verify log --tiles.",
  "web.ledger.download_checkpoint": "체크포인트(서명된 노트)",
  "web.ledger.download_vkey": "원장 검증 키",
  "web.ledger.download_tiles": "타일(tar 묶음)",
  "web.ledger.download_report": "검사 보고서",
  "web.ledger.report_format": "보고서 형식",
  "web.ledger.download_failed": "내려받기에 실패했습니다: {{message}}",
};
