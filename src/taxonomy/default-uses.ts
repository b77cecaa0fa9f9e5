// the default data uses (purposes in the abstract), subjects and legal bases.
import type { LegalBasisDef, TaxonomyEntry } from "./taxonomy.js";

export const DEFAULT_USES: TaxonomyEntry[] = [
  { key: "essential", name: "Providing the service the person asked for" },
  { key: "essential.service", name: "Operating the service" },
  { key: "essential.service.payment", name: "Executing payments" },
  { key: "essential.service.payment.settlement", name: "Settling payments with a partner" },
  { key: "essential.service.customer_support", name: "Customer support" },
  { key: "essential.fraud_detection", name: "Detecting fraud" },
  { key: "risk", name: "Risk assessment" },
  { key: "risk.credit_scoring", name: "Credit or solvency scoring" },
  { key: "risk.credit_scoring.model_building", name: "Building a scoring model" },
  { key: "marketing", name: "Marketing" },
  { key: "marketing.advertising", name: "Advertising" },
  { key: "analytics", name: "Analytics" },
  { key: "analytics.statistics", name: "Statistics" },
  { key: "research", name: "Scientific research" },
  { key: "archiving", name: "Archiving in the public interest" },
  { key: "legal", name: "Legal obligations" },
  { key: "legal.reporting", name: "Regulatory reporting" },
];

export const DEFAULT_SUBJECTS: TaxonomyEntry[] = [
  { key: "customer", name: "Customer" },
  { key: "customer.prospect", name: "Prospective customer" },
  { key: "employee", name: "Employee" },
  { key: "merchant_contact", name: "Merchant contact person" },
];

/** Legal bases a release may rest on; rules ask the basis for its properties, never its name. */
export const DEFAULT_BASES: LegalBasisDef[] = [
  { key: "consent", name: "Consent of the data subject", needs_consent: true, exempts_consent: false },
  {
    key: "entrustment",
    name: "Entrustment (outsourced processing for the controller)",
    needs_consent: false,
    exempts_consent: true,
    entrustment: true,
  },
  {
    key: "contract_necessity",
    name: "Necessary for a contract with the subject",
    needs_consent: false,
    exempts_consent: true,
    serves_subject: true,
    recipient_benefit: { KR: "refused", EU: "refused" },
    articles: ["pipa15_4", "pipa17", "gdpr6b"],
  },
  { key: "legal_obligation", name: "Legal obligation", needs_consent: false, exempts_consent: true },
  {
    key: "pseudonymised_research",
    name: "Pseudonymised data for statistics, research or archiving",
    needs_consent: false,
    exempts_consent: true,
    pseudonymised: true,
  },
  {
    key: "legitimate_interest",
    name: "Legitimate interest (GDPR Art. 6(1)(f); PIPA Art. 15(1)6: the controller's own, clearly overriding)",
    needs_consent: false,
    exempts_consent: false,
    recipient_benefit: { KR: "refused", EU: "weighed" },
    articles: ["pipa15_6", "pipa17_2", "gdpr6f"],
  },
  { key: "vital_interest", name: "Vital interest", needs_consent: false, exempts_consent: true },
];
