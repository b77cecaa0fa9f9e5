// messages of the personal disclosure statement (src/report/statement/): the plain words a person reads about
// who received their data, when, why, what, on which basis and how it was protected.
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "report.statement.title": "Who received your personal information",
  "report.statement.subtitle":
    "Statement of provision from {{from}} to {{to}} (Credit Information Act Art. 35, GDPR Art. 15)",
  "report.statement.h.summary": "Summary",
  "report.statement.h.provision": "{{recipient}} ({{country}})",
  "report.statement.h.verify": "How to check this statement",
  "report.statement.none": "Since {{from}}, no release recorded in the ledger contained your information.",
  "report.statement.intro_one":
    "Since {{from}}, your information was provided {{count}} time. Each recipient and the terms it received it on are below.",
  "report.statement.intro_other":
    "Since {{from}}, your information was provided {{count}} times. Each recipient and the terms it received it on are below.",
  "report.statement.sentence_once":
    "{{recipient}} in {{country}} received your information once, on {{first}}.",
  "report.statement.sentence":
    "{{recipient}} in {{country}} received your information {{count}} times, from {{first}} to {{last}}.",
  "report.statement.col.question": "Question",
  "report.statement.col.answer": "Answer",
  "report.statement.q.who": "Who received it",
  "report.statement.q.where": "In which country",
  "report.statement.q.when": "When",
  "report.statement.q.why": "Why (purpose)",
  "report.statement.q.what": "Which items",
  "report.statement.q.basis": "On which legal basis",
  "report.statement.q.protection": "How it was protected",
  "report.statement.q.agreement": "Agreement (version)",
  "report.statement.a.once": "once, on {{first}}",
  "report.statement.a.when": "{{count}} times, from {{first}} to {{last}}",
  "report.statement.transform.pseudonym": "replaced by a keyed pseudonym the recipient cannot reverse",
  "report.statement.transform.token": "replaced by a token only the company can reverse",
  "report.statement.transform.mask": "partly masked",
  "report.statement.transform.generalise": "generalised (made less precise)",
  "report.statement.transform.constant": "replaced by a fixed value",
  "report.statement.transform.keep": "provided as it is",
  "report.statement.transform.hash": "hashed",
  "report.statement.sheet": "Provision {{n}}",
  "report.statement.verify_one":
    "Every provision above is recorded in the company's transparency log, whose checkpoint of {{count}} entry is signed and published. A receipt proves each one with the log's public key alone.",
  "report.statement.verify_other":
    "Every provision above is recorded in the company's transparency log, whose checkpoint of {{count}} entries is signed and published. A receipt proves each one with the log's public key alone.",
  "report.statement.verify_api":
    "In the company's app: download your receipt (GET /v1/subjects/me/receipts).",
  "report.statement.verify_cli":
    "Then anyone can check it: jikimi verify receipt RECEIPT --vkey LOG_PUBLIC_KEY --subject YOUR_ID",
  "report.statement.rights":
    "You may ask the company to stop a provision based on your consent (withdraw consent), and to correct or delete your information, through its privacy officer.",
  "report.statement.fact.provisions": "Provisions",
  "report.statement.fact.count_one": "{{count}} release",
  "report.statement.fact.count_other": "{{count}} releases",
  "report.statement.fact.checkpoint": "Checked against checkpoint",
  "report.statement.fact.generated": "Generated",
  "report.statement.footer": "Jikimi personal disclosure statement · {{origin}} · checkpoint {{size}}",
} as const;

export const ko: KoreanOf<typeof en> = {
  "report.statement.title": "내 개인정보를 받은 곳",
  "report.statement.subtitle": "{{from}}부터 {{to}}까지의 제공 내역(신용정보법 제35조, GDPR 제15조)",
  "report.statement.h.summary": "요약",
  "report.statement.h.provision": "{{recipient}}({{country}})",
  "report.statement.h.verify": "이 내역을 확인하는 방법",
  "report.statement.none": "{{from}} 이후 원장에 기록된 제공 중 회원님의 정보가 들어 있는 것은 없습니다.",
  "report.statement.intro_other":
    "{{from}} 이후 회원님의 정보가 {{count}}번 제공되었습니다. 받은 곳과 조건은 아래와 같습니다.",
  "report.statement.sentence_once":
    "{{country}}의 {{recipient}}이(가) {{first}}에 회원님의 정보를 한 번 받았습니다.",
  "report.statement.sentence":
    "{{country}}의 {{recipient}}이(가) 회원님의 정보를 {{first}}부터 {{last}}까지 {{count}}번 받았습니다.",
  "report.statement.col.question": "질문",
  "report.statement.col.answer": "답",
  "report.statement.q.who": "누가 받았나요",
  "report.statement.q.where": "어느 나라로 갔나요",
  "report.statement.q.when": "언제 받았나요",
  "report.statement.q.why": "왜 받았나요(목적)",
  "report.statement.q.what": "어떤 항목을 받았나요",
  "report.statement.q.basis": "법적 근거는 무엇인가요",
  "report.statement.q.protection": "어떻게 보호했나요",
  "report.statement.q.agreement": "약정(버전)",
  "report.statement.a.once": "{{first}}에 한 번",
  "report.statement.a.when": "{{first}}부터 {{last}}까지 {{count}}번",
  "report.statement.transform.pseudonym": "받는 곳이 되돌릴 수 없는 키 기반 가명으로 바꿈",
  "report.statement.transform.token": "회사만 되돌릴 수 있는 토큰으로 바꿈",
  "report.statement.transform.mask": "일부를 가림",
  "report.statement.transform.generalise": "덜 정밀하게 일반화함",
  "report.statement.transform.constant": "고정된 값으로 바꿈",
  "report.statement.transform.keep": "그대로 제공함",
  "report.statement.transform.hash": "해시함",
  "report.statement.sheet": "제공 {{n}}",
  "report.statement.verify_other":
    "위의 모든 제공은 회사의 투명성 로그에 기록되어 있고, 항목 {{count}}건의 체크포인트는 서명되어 공개되어 있습니다. 영수증은 로그의 공개 키만으로 각 제공을 증명합니다.",
  "report.statement.verify_api": "회사 앱에서 영수증을 내려받으십시오(GET /v1/subjects/me/receipts).",
  "report.statement.verify_cli":
    "그러면 누구나 확인할 수 있습니다: jikimi verify receipt 영수증 --vkey 로그_공개키 --subject 회원_ID",
  "report.statement.rights":
    "동의에 근거한 제공은 동의를 철회해 멈추게 할 수 있으며, 정보의 정정과 삭제는 회사의 개인정보 보호책임자에게 요구할 수 있습니다.",
  "report.statement.fact.provisions": "제공",
  "report.statement.fact.count_other": "{{count}}건",
  "report.statement.fact.checkpoint": "확인한 체크포인트",
  "report.statement.fact.generated": "작성 시각",
  "report.statement.footer": "Jikimi 개인정보 제공 내역 통지서 · {{origin}} · 체크포인트 {{size}}",
};
