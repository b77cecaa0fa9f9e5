// a consent basis needs a consent the subject gave after a notice with every item the law lists.
import type { NoticeItem } from "../../model/agreement.js";
import { ARTICLES } from "../articles.js";
import { agreementsOf, appliesKR, destinationOf } from "../facts.js";
import type { Finding } from "../finding.js";
import { finding, type Rule } from "../rule.js";

const PROVISION_ITEMS: NoticeItem[] = ["recipient", "purpose", "items", "retention", "right_to_refuse"];
const TRANSFER_ITEMS: NoticeItem[] = ["country", "time_and_method", "recipient_contact"];

export const consentNotice: Rule = {
  code: "consent_notice_incomplete",
  title: "Consent without the notice the law requires",
  severity: "error",
  articles: [
    ARTICLES.pipa17n,
    ARTICLES.pipa28_8n,
    ARTICLES.pipa22,
    ARTICLES.cia32,
    ARTICLES.gdpr7,
    ARTICLES.gdpr13,
  ],
  description:
    "Consent to a provision is valid only after a notice naming the recipient, its purpose, the items, the retention and the right to refuse (PIPA Art. 17(2)); a transfer abroad adds the country, the time and method and the recipient's contact (Art. 28-8(2)). Credit information needs separate consent (CIA Art. 32).",
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
            message:
              "the agreement relies on consent but names no consent purpose to check each subject against",
            fix: "declare consent: { purpose, notice: [...] } so only consenting subjects are released",
            trace: [`legal_basis ${a.legal_basis}`, "consent: absent"],
          }),
        );
        continue;
      }
      const abroad = appliesKR(ws) && destinationOf(ws, a) !== ws.config.value.controller.country;
      const required = [...PROVISION_ITEMS, ...(abroad ? TRANSFER_ITEMS : [])];
      const missing = required.filter((i) => !a.consent?.notice.includes(i));
      if (missing.length > 0)
        out.push(
          finding(this, doc, {
            code: this.code,
            subject,
            path: ["consent", "notice"],
            message: `the consent notice does not tell the subject: ${missing.join(", ")}`,
            fix: `add ${missing.join(", ")} to the notice text and list them under consent.notice`,
            trace: [`required: ${required.join(", ")}`, `declared: ${a.consent.notice.join(", ") || "none"}`],
          }),
        );
      if (!a.consent.separate)
        out.push(
          finding(this, doc, {
            code: this.code,
            subject,
            path: ["consent", "separate"],
            message: "consent to this provision is bundled with other consents",
            fix: "ask for this consent separately and set separate: true",
            trace: ["separate: false"],
            articles: [ARTICLES.pipa22, ARTICLES.cia32],
          }),
        );
    }
    return out;
  },
};
