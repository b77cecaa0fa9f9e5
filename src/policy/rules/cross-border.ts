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
  recipientOf,
} from "../facts.js";
import type { Finding } from "../finding.js";
import { finding, type Rule } from "../rule.js";

/** Why a declared PIPA basis does not hold, or undefined when it does. */
function pipaBasisGap(ws: Workspace, a: Agreement): string | undefined {
  const cb = a.cross_border;
  const recipient = recipientOf(ws, a)?.value;
  if (!cb) return "no cross_border basis is declared";
  if (cb.basis === "consent" && !a.consent)
    return "the basis is consent, but the agreement requires no consent";
  if (cb.basis === "certification" && !recipient?.certifications.includes("pipc_certified"))
    return "the basis is certification, but the recipient has no PIPC certification";
  if (cb.basis === "adequacy" && !recipient?.adequacy.includes("KR"))
    return "the basis is adequacy, but no PIPC adequacy recognition covers the recipient's country";
  if (cb.basis === "contract_necessity" && !cb.disclosed)
    return "contract necessity needs the transfer disclosed in the privacy policy";
  if (cb.basis === "contract_necessity") return contractGap(ws, a);
  return undefined;
}

function gdprBasisGap(ws: Workspace, a: Agreement, country: string): string | undefined {
  const recipient = recipientOf(ws, a)?.value;
  const adequate = EU_ADEQUATE.has(country) || recipient?.adequacy.includes("EU") === true;
  const mechanism = a.cross_border?.gdpr_mechanism;
  if (mechanism === undefined)
    return adequate
      ? undefined
      : `no GDPR Chapter V mechanism for ${country}, which has no adequacy decision`;
  if (mechanism === "adequacy" && !adequate) return `${country} has no EU adequacy decision`;
  if (mechanism === "derogation_explicit_consent" && !a.consent)
    return "explicit consent is claimed but the agreement requires no consent";
  if (mechanism === "derogation_contract") return contractGap(ws, a);
  return undefined;
}

/** Why contract necessity does not carry the transfer: a purpose no contract with the subject needs. */
function contractGap(ws: Workspace, a: Agreement): string | undefined {
  const beyond = purposesBeyondSubjectContract(ws, a);
  if (beyond.length === 0) return undefined;
  return `contract necessity needs a contract with the subject that the transfer serves, but purpose ${beyond.join(", ")} serves the recipient or not the subject`;
}

export const crossBorderWithoutBasis: Rule = {
  code: "cross_border_without_basis",
  title: "Cross-border transfer without a valid basis",
  severity: "error",
  articles: [ARTICLES.pipa28_8, ARTICLES.gdpr44],
  description:
    "Sending personal data to another country needs its own basis: under PIPA Art. 28-8 separate consent, a statute or treaty, necessity for a disclosed contract, a PIPC-certified recipient or a recognised country; under GDPR Chapter V adequacy, safeguards such as SCCs or BCRs, or a narrow derogation.",
  run(ws) {
    const out: Finding[] = [];
    const home = ws.config.value.controller.country;
    for (const doc of agreementsOf(ws) as Declared<Agreement>[]) {
      const country = destinationOf(ws, doc.value);
      if (!country) continue;
      const trace = [`controller in ${home}`, `data goes to ${country}`];
      const path = doc.value.cross_border ? ["cross_border", "basis"] : ["recipient"];
      const kr = appliesKR(ws) && country !== home ? pipaBasisGap(ws, doc.value) : undefined;
      if (kr)
        out.push(
          finding(this, doc, {
            code: this.code,
            articles: [ARTICLES.pipa28_8],
            subject: { kind: "agreement", id: doc.value.id },
            path,
            message: `personal data goes from ${home} to ${country}, but ${kr}`,
            fix: "declare cross_border with a basis that holds: separate consent (with the Art. 28-8(2) notice items), a certified recipient, or a disclosed contract necessity",
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
            message: `transfer of EU personal data to ${country}: ${eu}`,
            fix: "declare cross_border.gdpr_mechanism: sccs or bcrs with the safeguards, or rely on an adequacy decision that exists",
            trace: [...trace, eu],
          }),
        );
    }
    return out;
  },
};
