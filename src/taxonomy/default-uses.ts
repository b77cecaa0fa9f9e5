// the default data uses (purposes in the abstract), subjects and legal bases.
import type { LegalBasisDef, TaxonomyEntry } from "./taxonomy.js";

export const DEFAULT_USES: TaxonomyEntry[] = [
  {
    key: "essential",
    name: "Providing the service the person asked for",
    name_ko: "정보주체가 요청한 서비스 제공",
  },
  { key: "essential.service", name: "Operating the service", name_ko: "서비스 운영" },
  { key: "essential.service.payment", name: "Executing payments", name_ko: "결제 처리" },
  {
    key: "essential.service.payment.settlement",
    name: "Settling payments with a partner",
    name_ko: "제휴사와의 결제 정산",
  },
  { key: "essential.service.customer_support", name: "Customer support", name_ko: "고객 지원" },
  { key: "essential.fraud_detection", name: "Detecting fraud", name_ko: "이상거래 탐지" },
  { key: "risk", name: "Risk assessment", name_ko: "위험 평가" },
  { key: "risk.credit_scoring", name: "Credit or solvency scoring", name_ko: "신용 또는 지급능력 평가" },
  { key: "risk.credit_scoring.model_building", name: "Building a scoring model", name_ko: "평가 모형 개발" },
  { key: "marketing", name: "Marketing", name_ko: "마케팅" },
  { key: "marketing.advertising", name: "Advertising", name_ko: "광고" },
  { key: "analytics", name: "Analytics", name_ko: "분석" },
  { key: "analytics.statistics", name: "Statistics", name_ko: "통계 작성" },
  { key: "research", name: "Scientific research", name_ko: "과학적 연구" },
  { key: "archiving", name: "Archiving in the public interest", name_ko: "공익적 기록보존" },
  { key: "legal", name: "Legal obligations", name_ko: "법적 의무 이행" },
  { key: "legal.reporting", name: "Regulatory reporting", name_ko: "감독기관 보고" },
];

export const DEFAULT_SUBJECTS: TaxonomyEntry[] = [
  { key: "customer", name: "Customer", name_ko: "고객" },
  { key: "customer.prospect", name: "Prospective customer", name_ko: "잠재 고객" },
  { key: "employee", name: "Employee", name_ko: "임직원" },
  { key: "merchant_contact", name: "Merchant contact person", name_ko: "가맹점 담당자" },
];

/** Legal bases a release may rest on; rules ask the basis for its properties, never its name. */
export const DEFAULT_BASES: LegalBasisDef[] = [
  {
    key: "consent",
    name: "Consent of the data subject",
    name_ko: "정보주체의 동의",
    needs_consent: true,
    exempts_consent: false,
  },
  {
    key: "entrustment",
    name: "Entrustment (outsourced processing for the controller)",
    name_ko: "처리위탁(개인정보처리자를 위한 업무 위탁)",
    needs_consent: false,
    exempts_consent: true,
    entrustment: true,
  },
  {
    key: "contract_necessity",
    name: "Necessary for a contract with the subject",
    name_ko: "정보주체와의 계약 이행에 필요",
    needs_consent: false,
    // CIA Art. 32(6)2 exempts it only where it entrusts the processing (Art. 17(2)): a third party still needs consent
    exempts_consent: false,
    serves_subject: true,
    recipient_benefit: { KR: "refused", EU: "refused" },
    // PIPA Art. 17(1)2 leaves Art. 15(1)4 out: under Korean law it carries entrustment, never a provision
    provision_refused: ["KR"],
    articles: ["pipa15_4", "pipa17", "pipa17_2", "gdpr6b"],
  },
  {
    key: "legal_obligation",
    name: "Legal obligation",
    name_ko: "법령상 의무 준수",
    needs_consent: false,
    exempts_consent: true,
  },
  {
    key: "pseudonymised_research",
    name: "Pseudonymised data for statistics, research or archiving",
    name_ko: "통계작성·과학적 연구·공익적 기록보존을 위한 가명정보 처리",
    needs_consent: false,
    exempts_consent: true,
    pseudonymised: true,
  },
  {
    key: "legitimate_interest",
    name: "Legitimate interest (GDPR Art. 6(1)(f); PIPA Art. 15(1)6: the controller's own, clearly overriding)",
    name_ko:
      "정당한 이익(GDPR 제6조제1항(f); 개인정보 보호법 제15조제1항제6호: 개인정보처리자 자신의, 명백히 우선하는 이익)",
    needs_consent: false,
    exempts_consent: false,
    recipient_benefit: { KR: "refused", EU: "weighed" },
    articles: ["pipa15_6", "pipa17_2", "gdpr6f"],
  },
  {
    key: "vital_interest",
    name: "Vital interest",
    name_ko: "생명·신체의 이익 보호",
    needs_consent: false,
    exempts_consent: true,
  },
];
