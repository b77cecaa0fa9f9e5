// a legal basis judged against what the declarations say: whom each purpose serves, the recipient's role and the
// laws that apply. The basis is asked for its properties (taxonomy), never for its name.
import type { Workspace } from "../../model/workspace.js";
import type { BasisLaw, LegalBasisDef } from "../../taxonomy/index.js";
import { ARTICLES, type Article } from "../articles.js";
import { agreementsOf, appliesCIA, appliesEU, appliesKR, recipientOf, releasedFields } from "../facts.js";
import type { Finding } from "../finding.js";
import { finding, type Rule } from "../rule.js";

const LAW_OF: Record<BasisLaw, Article["law"]> = { KR: "PIPA", EU: "GDPR" };

/** The provisions that define a basis, as articles. */
function basisArticles(basis: LegalBasisDef): Article[] {
  return (basis.articles ?? [])
    .map((id) => (Object.hasOwn(ARTICLES, id) ? ARTICLES[id as keyof typeof ARTICLES] : undefined))
    .filter((x): x is Article => x !== undefined);
}

/** Only the articles of the laws that apply; all of them when none would be left. */
function applying(articles: readonly Article[], laws: ReadonlySet<Article["law"]>): Article[] {
  const kept = articles.filter((x) => laws.has(x.law));
  return kept.length > 0 ? kept : [...articles];
}

function lawsOf(ws: Workspace, credit: boolean): { areas: BasisLaw[]; laws: Set<Article["law"]> } {
  const areas = (["KR", "EU"] as const).filter((j) => (j === "KR" ? appliesKR(ws) : appliesEU(ws)));
  const laws = new Set<Article["law"]>(areas.map((j) => LAW_OF[j]));
  if (credit) laws.add("CIA");
  return { areas, laws };
}

export const legalBasisFit: Rule = {
  code: "legal_basis_mismatch",
  title: "Legal basis does not fit the provision",
  severity: "error",
  articles: [
    ARTICLES.pipa15_4,
    ARTICLES.pipa15_6,
    ARTICLES.pipa17,
    ARTICLES.pipa17_2,
    ARTICLES.pipa26,
    ARTICLES.cia17,
    ARTICLES.cia32,
    ARTICLES.gdpr6b,
    ARTICLES.gdpr6f,
    ARTICLES.gdpr28,
  ],
  description:
    "A basis holds only for the provision it was made for. Contract necessity needs a contract with the subject that the provision serves, so its purposes must serve the subject and not the recipient's own ends. Legitimate interest cannot carry a purpose that serves the recipient under PIPA (Art. 15(1)6 needs the controller's own interest to clearly override the subject's rights; Art. 17(1)2 keeps provision within the purposes of collection); under GDPR Art. 6(1)(f) it needs a balancing test the declarations do not record (a gap). Personal credit information still needs Credit Information Act Art. 32 consent. Consent-based provision to a recipient declared an entrustee contradicts itself: entrustment is PIPA Art. 26, not provision under Art. 17.",
  run(ws) {
    const out: Finding[] = [];
    for (const doc of agreementsOf(ws)) {
      const a = doc.value;
      const basis = ws.taxonomy.bases.get(a.legal_basis);
      if (!basis) continue;
      const recipient = recipientOf(ws, a)?.value;
      const credit = appliesCIA(ws, releasedFields(ws, a));
      const { areas, laws } = lawsOf(ws, credit);
      const subject = { kind: "agreement", id: a.id } as const;
      const own = basisArticles(basis);
      const creditNote = credit && !a.consent ? [ARTICLES.cia32] : [];
      const jurisdictions = `jurisdictions: ${areas.join(", ") || "none"}`;

      a.purposes.forEach((pid, i) => {
        const benefits = ws.purposes.get(pid)?.value.benefits;
        if (!benefits) return;
        const trace = [`legal_basis ${a.legal_basis}`, `purpose ${pid} benefits: ${benefits.join(", ")}`];
        const treatments = areas.map((j) => basis.recipient_benefit?.[j]);
        if (benefits.includes("recipient") && treatments.includes("refused")) {
          const refusing = areas.filter((j) => basis.recipient_benefit?.[j] === "refused");
          out.push(
            finding(this, doc, {
              code: this.code,
              subject,
              path: ["purposes", i],
              message: `purpose "${pid}" serves the recipient's own ends, which the basis "${a.legal_basis}" cannot carry under ${refusing.map((j) => LAW_OF[j]).join(" or ")}`,
              fix: "rest the provision on the subjects' separate consent (with the notice), or stop sending data for the purpose that serves the recipient",
              trace: [
                ...trace,
                jurisdictions,
                `${a.legal_basis} refuses a recipient's benefit under ${refusing.join(", ")}`,
              ],
              articles: [...applying(own, new Set(refusing.map((j) => LAW_OF[j]))), ...creditNote],
            }),
          );
          return;
        }
        if (benefits.includes("recipient") && treatments.includes("weighed")) {
          out.push(
            finding(this, doc, {
              code: this.code,
              severity: "gap",
              subject,
              path: ["purposes", i],
              message: `purpose "${pid}" serves the recipient; the basis "${a.legal_basis}" holds for it only after a balancing test of the recipient's interest against the subjects' rights, which the declarations do not record`,
              fix: "document the balancing of the recipient's interest against the subjects' rights, or rest the provision on consent",
              trace: [...trace, jurisdictions, `${a.legal_basis} weighs a recipient's benefit`],
              articles: [...applying(own, laws), ...creditNote],
            }),
          );
          return;
        }
        if (basis.serves_subject && !benefits.includes("subject"))
          out.push(
            finding(this, doc, {
              code: this.code,
              subject,
              path: ["purposes", i],
              message: `purpose "${pid}" serves ${benefits.join(" and ")}, not the data subject: no contract with the subject needs this provision`,
              fix: "rest the provision on consent, or declare the purpose the subject's contract needs (benefits: [subject])",
              trace: [...trace, `${a.legal_basis} holds only for a provision that serves the subject`],
              articles: [...applying(own, laws), ...creditNote],
            }),
          );
      });

      if (basis.needs_consent && recipient?.role === "entrustee")
        out.push(
          finding(this, doc, {
            code: this.code,
            subject,
            path: ["recipient"],
            message: `the agreement provides data on consent, but recipient "${a.recipient}" is declared an entrustee: entrustment is processing for you under a contract (PIPA Art. 26), not a provision under Art. 17`,
            fix: "declare the recipient third_party if it uses the data for its own ends; if it only processes for you, rest the agreement on entrustment with a written contract and publish it",
            trace: [`legal_basis ${a.legal_basis} needs consent: a provision`, "recipient role entrustee"],
            articles: applying([ARTICLES.pipa17, ARTICLES.pipa26, ARTICLES.cia17, ARTICLES.gdpr28], laws),
          }),
        );
    }
    return out;
  },
};
