// a consent basis needs a consent the subject gave after a notice with every item the law lists.
import type { NoticeItem } from "../../model/agreement.js";
import { ARTICLES } from "../articles.js";
import { agreementsOf, appliesKR, destinationOf } from "../facts.js";
import type { Finding } from "../finding.js";
import { list, noticeItem, pt } from "../messages.js";
import { finding, type Rule } from "../rule.js";

const PROVISION_ITEMS: NoticeItem[] = ["recipient", "purpose", "items", "retention", "right_to_refuse"];
const TRANSFER_ITEMS: NoticeItem[] = ["country", "time_and_method", "recipient_contact"];

export const consentNotice: Rule = {
  code: "consent_notice_incomplete",
  get title() {
    return pt("policy.consent_notice.title");
  },
  severity: "error",
  articles: [
    ARTICLES.pipa17n,
    ARTICLES.pipa28_8n,
    ARTICLES.pipa22,
    ARTICLES.cia32,
    ARTICLES.gdpr7,
    ARTICLES.gdpr13,
  ],
  get description() {
    return pt("policy.consent_notice.description");
  },
  run(ws) {
    const out: Finding[] = [];
    for (const doc of agreementsOf(ws)) {
      const a = doc.value;
      const consentBased = a.legal_basis === "consent" || a.cross_border?.basis === "consent";
      if (!consentBased) continue;
      const subject = { kind: "agreement", id: a.id } as const;
      if (!a.consent) {
        out.push(
          finding(this, doc, {
            code: this.code,
            subject,
            path: a.legal_basis === "consent" ? ["legal_basis"] : ["cross_border", "basis"],
            message: pt("policy.consent_notice.no_consent"),
            fix: pt("policy.consent_notice.no_consent_fix"),
            trace: [
              pt("policy.trace.legal_basis", { basis: a.legal_basis }),
              pt("policy.consent_notice.no_consent_trace"),
            ],
          }),
        );
        continue;
      }
      const abroad = appliesKR(ws) && destinationOf(ws, a) !== ws.config.value.controller.country;
      const required = [...PROVISION_ITEMS, ...(abroad ? TRANSFER_ITEMS : [])];
      const declared = a.consent.notice;
      const missing = required.filter((i) => !declared.includes(i));
      if (missing.length > 0)
        out.push(
          finding(this, doc, {
            code: this.code,
            subject,
            path: ["consent", "notice"],
            message: pt("policy.consent_notice.missing", { items: list(missing.map(noticeItem)) }),
            fix: pt("policy.consent_notice.missing_fix", { items: list(missing) }),
            trace: [
              pt("policy.consent_notice.required_trace", { items: list(required) }),
              pt("policy.consent_notice.declared_trace", {
                items: declared.length > 0 ? list(declared) : pt("policy.word.none"),
              }),
            ],
          }),
        );
      if (!a.consent.separate)
        out.push(
          finding(this, doc, {
            code: this.code,
            subject,
            path: ["consent", "separate"],
            message: pt("policy.consent_notice.bundled"),
            fix: pt("policy.consent_notice.bundled_fix"),
            trace: [pt("policy.consent_notice.bundled_trace")],
            articles: [ARTICLES.pipa22, ARTICLES.cia32],
          }),
        );
    }
    return out;
  },
};
