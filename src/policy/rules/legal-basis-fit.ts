// a legal basis judged against what the declarations say: whom each purpose serves, the recipient's role and the
// laws that apply. The basis is asked for its properties (taxonomy), never for its name.
import type { Workspace } from "../../model/workspace.js";
import type { BasisLaw, LegalBasisDef } from "../../taxonomy/index.js";
import { ARTICLES, type Article } from "../articles.js";
import {
  agreementsOf,
  appliesCIA,
  appliesEU,
  appliesKR,
  receivesForItself,
  recipientOf,
  releasedFields,
} from "../facts.js";
import type { Finding } from "../finding.js";
import { andList, lawName, list, orList, party, pt, recipientRole } from "../messages.js";
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
  get title() {
    return pt("policy.legal_basis.title");
  },
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
  get description() {
    return pt("policy.legal_basis.description");
  },
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
      const jurisdictions = pt("policy.trace.jurisdictions", {
        list: areas.length > 0 ? list(areas) : pt("policy.word.none"),
      });

      // a recipient that uses the data for its own ends gets a provision; some bases carry none under some laws
      const blocked =
        recipient && receivesForItself(recipient)
          ? areas.filter((j) => basis.provision_refused?.includes(j))
          : [];
      if (recipient && blocked.length > 0)
        out.push(
          finding(this, doc, {
            code: this.code,
            subject,
            path: ["legal_basis"],
            message: pt("policy.legal_basis.third_party", {
              recipient: a.recipient,
              role: recipientRole(recipient.role),
              basis: a.legal_basis,
              laws: orList(blocked.map((j) => lawName(LAW_OF[j]))),
            }),
            fix: pt("policy.legal_basis.third_party_fix"),
            trace: [
              pt("policy.trace.legal_basis", { basis: a.legal_basis }),
              pt("policy.trace.recipient_role", { role: recipient.role }),
              jurisdictions,
              pt("policy.legal_basis.third_party_trace", { basis: a.legal_basis, areas: list(blocked) }),
            ],
            articles: [...applying(own, new Set(blocked.map((j) => LAW_OF[j]))), ...creditNote],
          }),
        );
      // the purposes are judged under the laws that let the basis carry the provision at all
      const judged = areas.filter((j) => !blocked.includes(j));
      const judgedLaws = new Set([...laws].filter((law) => !blocked.some((j) => LAW_OF[j] === law)));

      a.purposes.forEach((pid, i) => {
        const benefits = ws.purposes.get(pid)?.value.benefits;
        if (!benefits || (blocked.length > 0 && judged.length === 0)) return;
        const trace = [
          pt("policy.trace.legal_basis", { basis: a.legal_basis }),
          pt("policy.trace.purpose_benefits", { purpose: pid, benefits: list(benefits) }),
        ];
        const treatments = judged.map((j) => basis.recipient_benefit?.[j]);
        if (benefits.includes("recipient") && treatments.includes("refused")) {
          const refusing = judged.filter((j) => basis.recipient_benefit?.[j] === "refused");
          out.push(
            finding(this, doc, {
              code: this.code,
              subject,
              path: ["purposes", i],
              message: pt("policy.legal_basis.refused", {
                purpose: pid,
                basis: a.legal_basis,
                laws: orList(refusing.map((j) => lawName(LAW_OF[j]))),
              }),
              fix: pt("policy.legal_basis.refused_fix"),
              trace: [
                ...trace,
                jurisdictions,
                pt("policy.legal_basis.refused_trace", { basis: a.legal_basis, areas: list(refusing) }),
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
              message: pt("policy.legal_basis.weighed", { purpose: pid, basis: a.legal_basis }),
              fix: pt("policy.legal_basis.weighed_fix"),
              trace: [
                ...trace,
                jurisdictions,
                pt("policy.legal_basis.weighed_trace", { basis: a.legal_basis }),
              ],
              articles: [...applying(own, judgedLaws), ...creditNote],
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
              message: pt("policy.legal_basis.not_subject", {
                purpose: pid,
                who: andList(benefits.map(party)),
              }),
              fix: pt("policy.legal_basis.not_subject_fix"),
              trace: [...trace, pt("policy.legal_basis.not_subject_trace", { basis: a.legal_basis })],
              articles: [...applying(own, judgedLaws), ...creditNote],
            }),
          );
      });

      if (basis.needs_consent && recipient?.role === "entrustee")
        out.push(
          finding(this, doc, {
            code: this.code,
            subject,
            path: ["recipient"],
            message: pt("policy.legal_basis.entrustee", { recipient: a.recipient }),
            fix: pt("policy.legal_basis.entrustee_fix"),
            trace: [
              pt("policy.legal_basis.entrustee_trace", { basis: a.legal_basis }),
              pt("policy.legal_basis.entrustee_role_trace"),
            ],
            articles: applying([ARTICLES.pipa17, ARTICLES.pipa26, ARTICLES.cia17, ARTICLES.gdpr28], laws),
          }),
        );
    }
    return out;
  },
};
