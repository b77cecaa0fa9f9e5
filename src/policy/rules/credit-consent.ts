// personal credit information goes to a third party only with separate consent or a listed exemption.
import { ARTICLES } from "../articles.js";
import { agreementsOf, appliesCIA, receivesForItself, recipientOf, releasedFields } from "../facts.js";
import { finding, type Rule } from "../rule.js";

export const creditConsent: Rule = {
  code: "credit_consent_required",
  title: "Credit information provided without consent",
  severity: "error",
  articles: [ARTICLES.cia32, ARTICLES.cia32e],
  description:
    "Under the Credit Information Act a provider must obtain prior, separate consent for each provision of personal credit information to a third party, and bears the burden of proving it, unless an Art. 32(6) exemption (entrustment, pseudonymised statistics or research, a legal obligation) applies. A released field with no category could be credit information: that is a gap, not a pass.",
  run(ws) {
    return agreementsOf(ws).flatMap((doc) => {
      const a = doc.value;
      const fields = releasedFields(ws, a);
      const basis = ws.taxonomy.bases.get(a.legal_basis);
      if (!ws.config.value.controller.credit_information_provider) return [];
      if (!receivesForItself(recipientOf(ws, a)?.value)) return [];
      if (basis?.exempts_consent || a.consent) return [];
      const unknown = fields.filter((f) => f.categories.length === 0).map((f) => f.name);
      if (!appliesCIA(ws, fields) && unknown.length > 0)
        return [
          finding(this, doc, {
            code: this.code,
            severity: "gap",
            subject: { kind: "agreement", id: a.id },
            path: ["legal_basis"],
            message: `"${a.legal_basis}" does not replace Art. 32 consent for credit information, and the released field${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} ${unknown.length > 1 ? "have" : "has"} no category to tell whether ${unknown.length > 1 ? "they are" : "it is"}`,
            fix: "declare the categories of every released field in the dataset, so the check can tell credit information apart",
            trace: [
              `legal_basis ${a.legal_basis}`,
              `no category: ${unknown.join(", ")}`,
              "recipient is a third party",
            ],
          }),
        ];
      if (!appliesCIA(ws, fields)) return [];
      return [
        finding(this, doc, {
          code: this.code,
          subject: { kind: "agreement", id: a.id },
          path: ["legal_basis"],
          message: `personal credit information goes to a third party on "${a.legal_basis}", which does not replace the consent Art. 32 requires`,
          fix: "obtain separate consent (declare consent: { purpose, notice }) or rely on an Art. 32(6) exemption that applies",
          trace: [`legal_basis ${a.legal_basis}`, "credit categories released", "recipient is a third party"],
        }),
      ];
    });
  },
};
