// a transfer abroad needs a PIPA Art. 28-8 basis (for a Korean controller) and a GDPR Chapter V one (for EU data).
import type { Agreement, Declared, Workspace } from "../../model/workspace.js";
import { ARTICLES } from "../articles.js";
import {
  agreementsOf,
  appliesEU,
  appliesKR,
  destinationOf,
  EEA,
  EU_ADEQUATE,
  purposesBeyondSubjectContract,
  receivesForItself,
  recipientOf,
} from "../facts.js";
import type { Finding } from "../finding.js";
import { list, pt, recipientRole } from "../messages.js";
import { finding, type Rule } from "../rule.js";

/** Why a declared PIPA basis does not hold, or undefined when it does. */
function pipaBasisGap(ws: Workspace, a: Agreement): string | undefined {
  const cb = a.cross_border;
  const recipient = recipientOf(ws, a)?.value;
  if (!cb) return pt("policy.cross_border.no_basis");
  if (cb.basis === "consent" && !a.consent) return pt("policy.cross_border.consent_without_consent");
  if (cb.basis === "certification" && !recipient?.certifications.includes("pipc_certified"))
    return pt("policy.cross_border.no_certification");
  if (cb.basis === "adequacy" && !recipient?.adequacy.includes("KR"))
    return pt("policy.cross_border.no_recognition");
  // Art. 28-8(1)3 covers entrusted processing and storage a contract with the subject needs, never a provision
  if (cb.basis === "contract_necessity" && recipient && receivesForItself(recipient))
    return pt("policy.cross_border.contract_not_entrusted", {
      recipient: a.recipient,
      role: recipientRole(recipient.role),
    });
  if (cb.basis === "contract_necessity" && !cb.disclosed) return pt("policy.cross_border.not_disclosed");
  if (cb.basis === "contract_necessity") return contractGap(ws, a);
  return undefined;
}

function gdprBasisGap(ws: Workspace, a: Agreement, country: string): string | undefined {
  const recipient = recipientOf(ws, a)?.value;
  const adequate = EU_ADEQUATE.has(country) || recipient?.adequacy.includes("EU") === true;
  const mechanism = a.cross_border?.gdpr_mechanism;
  if (mechanism === undefined)
    return adequate ? undefined : pt("policy.cross_border.no_mechanism", { country });
  if (mechanism === "adequacy" && !adequate) return pt("policy.cross_border.not_adequate", { country });
  if (mechanism === "derogation_explicit_consent" && !a.consent)
    return pt("policy.cross_border.explicit_consent_without_consent");
  if (mechanism === "derogation_contract") return contractGap(ws, a);
  return undefined;
}

/** Why contract necessity does not carry the transfer: a purpose no contract with the subject needs. */
function contractGap(ws: Workspace, a: Agreement): string | undefined {
  const beyond = purposesBeyondSubjectContract(ws, a);
  if (beyond.length === 0) return undefined;
  return pt("policy.cross_border.contract_beyond", { purposes: list(beyond) });
}

export const crossBorderWithoutBasis: Rule = {
  code: "cross_border_without_basis",
  get title() {
    return pt("policy.cross_border.title");
  },
  severity: "error",
  articles: [ARTICLES.pipa28_8, ARTICLES.gdpr44],
  get description() {
    return pt("policy.cross_border.description");
  },
  run(ws) {
    const out: Finding[] = [];
    const home = ws.config.value.controller.country;
    for (const doc of agreementsOf(ws) as Declared<Agreement>[]) {
      const country = destinationOf(ws, doc.value);
      if (!country) continue;
      const trace = [
        pt("policy.cross_border.trace_controller", { country: home }),
        pt("policy.cross_border.trace_destination", { country }),
      ];
      const path = doc.value.cross_border ? ["cross_border", "basis"] : ["recipient"];
      const kr = appliesKR(ws) && country !== home ? pipaBasisGap(ws, doc.value) : undefined;
      if (kr)
        out.push(
          finding(this, doc, {
            code: this.code,
            articles: [ARTICLES.pipa28_8],
            subject: { kind: "agreement", id: doc.value.id },
            path,
            message: pt("policy.cross_border.kr_message", { home, country, reason: kr }),
            fix: pt("policy.cross_border.kr_fix"),
            trace: [...trace, kr],
          }),
        );
      const eu = appliesEU(ws) && !EEA.has(country) ? gdprBasisGap(ws, doc.value, country) : undefined;
      if (eu)
        out.push(
          finding(this, doc, {
            code: this.code,
            articles: [ARTICLES.gdpr44],
            subject: { kind: "agreement", id: doc.value.id },
            path: doc.value.cross_border?.gdpr_mechanism ? ["cross_border", "gdpr_mechanism"] : path,
            message: pt("policy.cross_border.eu_message", { country, reason: eu }),
            fix: pt("policy.cross_border.eu_fix"),
            trace: [...trace, eu],
          }),
        );
    }
    return out;
  },
};
