// personal credit information goes to a third party only with separate consent or a listed exemption.
import { ARTICLES } from "../articles.js";
import { agreementsOf, appliesCIA, receivesForItself, recipientOf, releasedFields } from "../facts.js";
import { list, pt } from "../messages.js";
import { finding, type Rule } from "../rule.js";

export const creditConsent: Rule = {
  code: "credit_consent_required",
  get title() {
    return pt("policy.credit_consent.title");
  },
  severity: "error",
  articles: [ARTICLES.cia32, ARTICLES.cia32e],
  get description() {
    return pt("policy.credit_consent.description");
  },
  run(ws) {
    return agreementsOf(ws).flatMap((doc) => {
      const a = doc.value;
      const fields = releasedFields(ws, a);
      const basis = ws.taxonomy.bases.get(a.legal_basis);
      if (!ws.config.value.controller.credit_information_provider) return [];
      if (!receivesForItself(recipientOf(ws, a)?.value)) return [];
      if (basis?.exempts_consent || a.consent) return [];
      const unknown = fields.filter((f) => f.categories.length === 0).map((f) => f.name);
      const legalBasis = pt("policy.trace.legal_basis", { basis: a.legal_basis });
      const thirdParty = pt("policy.trace.recipient_third_party");
      if (!appliesCIA(ws, fields) && unknown.length > 0)
        return [
          finding(this, doc, {
            code: this.code,
            severity: "gap",
            subject: { kind: "agreement", id: a.id },
            path: ["legal_basis"],
            message: pt("policy.credit_consent.unknown", {
              count: unknown.length,
              basis: a.legal_basis,
              fields: list(unknown),
            }),
            fix: pt("policy.credit_consent.unknown_fix"),
            trace: [
              legalBasis,
              pt("policy.credit_consent.unknown_trace", { fields: list(unknown) }),
              thirdParty,
            ],
          }),
        ];
      if (!appliesCIA(ws, fields)) return [];
      return [
        finding(this, doc, {
          code: this.code,
          subject: { kind: "agreement", id: a.id },
          path: ["legal_basis"],
          message: pt("policy.credit_consent.message", { basis: a.legal_basis }),
          fix: pt("policy.credit_consent.fix"),
          trace: [legalBasis, pt("policy.credit_consent.credit_trace"), thirdParty],
        }),
      ];
    });
  },
};
