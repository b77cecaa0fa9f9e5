// messages of the dashboard's releases page past its first cut (web/src/pages/Releases.tsx, ReleaseDetail.tsx): the
// table's pages, the hold marks and a release's gates, manifest and proof; spread into the web area (web.ts).
import type { KoreanOf } from "../catalogue.js";

export const en = {
  "web.releases.page": "Page {{page}} of {{pages}}",
  "web.releases.prev": "Previous",
  "web.releases.next": "Next",
  "web.releases.pages_label": "Pages of the table",
  "web.releases.held_mark": "held: {{what}}",
  "web.detail.counts": "People {{people}} · records {{records}} · by {{operator}} over {{channel}}",
  "web.detail.gates": "Gates at release",
  "web.detail.validity_ok": "Released inside the agreement's validity.",
  "web.detail.validity_bad": "Released outside the agreement's validity.",
  "web.detail.time_ok": "Recorded on time, after the previous release.",
  "web.detail.time_late": "Back-dated: released at {{at}}, recorded later.",
  "web.detail.time_before": "Released before the previous release of the agreement.",
  "web.detail.no_consent_gate": "No consent gate: the legal basis needs no consent.",
  "web.detail.findings": "Findings in force at release: {{list}}",
  "web.detail.findings_none": "No finding of the check was in force at release.",
  "web.detail.finding": "{{code}} ({{articles}})",
  "web.detail.overridden": "Held by {{code}} (measured {{measured}}, limit {{limit}}) and released over it.",
  "web.detail.manifest": "Manifest",
  "web.detail.no_files": "The entry lists no file (recorded without an output file).",
  "web.detail.file": "{{name}} · {{bytes}} bytes · SHA-256 {{sha}}",
  "web.detail.subjects": "Subject set: {{count}} people, digest {{digest}}, key {{key}}",
  "web.detail.proof": "Proof",
  "web.detail.proof_pending": "Checking the proof in this browser…",
  "web.detail.proof_ok":
    "Checked in this browser: the entry hashes to leaf {{leaf}}, and its inclusion proof ({{steps}} hashes) gives the root of the signed checkpoint of {{size}} entries.",
  "web.detail.proof_bad":
    "FAILED: the entry or its proof does not give the signed checkpoint's root. Do not rely on this entry.",
  "web.detail.proof_later":
    "The entry is newer than the signed checkpoint ({{size}} entries): no signature covers it yet.",
  "web.detail.pruned": "The body was pruned on {{at}}: only its leaf hash remains.",
} as const;

export const ko: KoreanOf<typeof en> = {
  "web.releases.page": "{{pages}}쪽 중 {{page}}쪽",
  "web.releases.prev": "이전",
  "web.releases.next": "다음",
  "web.releases.pages_label": "표의 쪽",
  "web.releases.held_mark": "보류: {{what}}",
  "web.detail.counts": "인원 {{people}} · 레코드 {{records}} · 실행 {{operator}} · 경로 {{channel}}",
  "web.detail.gates": "제공 시 점검",
  "web.detail.validity_ok": "계약 유효기간 안에서 제공했습니다.",
  "web.detail.validity_bad": "계약 유효기간 밖에서 제공했습니다.",
  "web.detail.time_ok": "제때 기록되었고 직전 제공보다 뒤입니다.",
  "web.detail.time_late": "소급 기록: {{at}}에 제공하고 나중에 기록했습니다.",
  "web.detail.time_before": "같은 계약의 직전 제공보다 앞선 시각으로 제공했습니다.",
  "web.detail.no_consent_gate": "동의 점검 없음: 이 법적 근거는 동의가 필요하지 않습니다.",
  "web.detail.findings": "제공 시 유효했던 점검 결과: {{list}}",
  "web.detail.findings_none": "제공 시 유효했던 점검 결과가 없습니다.",
  "web.detail.finding": "{{code}} ({{articles}})",
  "web.detail.overridden":
    "{{code}}(측정 {{measured}}, 한도 {{limit}})로 보류되었으나 승인을 받아 제공했습니다.",
  "web.detail.manifest": "제공 파일 목록",
  "web.detail.no_files": "이 항목에는 파일이 없습니다(출력 파일 없이 기록됨).",
  "web.detail.file": "{{name}} · {{bytes}}바이트 · SHA-256 {{sha}}",
  "web.detail.subjects": "정보주체 집합: {{count}}명, 다이제스트 {{digest}}, 키 {{key}}",
  "web.detail.proof": "증명",
  "web.detail.proof_pending": "이 브라우저에서 증명을 확인하는 중…",
  "web.detail.proof_ok":
    "이 브라우저에서 확인했습니다: 항목의 해시가 잎 {{leaf}}와 같고, 포함 증명(해시 {{steps}}개)이 항목 {{size}}개의 서명된 체크포인트 루트와 일치합니다.",
  "web.detail.proof_bad":
    "실패: 항목이나 증명이 서명된 체크포인트의 루트와 맞지 않습니다. 이 항목을 믿지 마십시오.",
  "web.detail.proof_later": "이 항목은 서명된 체크포인트(항목 {{size}}개)보다 새로워 아직 서명이 없습니다.",
  "web.detail.pruned": "본문은 {{at}}에 파기되어 잎 해시만 남았습니다.",
};
