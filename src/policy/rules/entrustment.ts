// the entrustment test: the work serves the controller, the entrustee has no interest of its own,
// a written contract covers the task and supervision, and the entrustment is published.
import { ContractClause } from "../../model/agreement.js";
import { ARTICLES, type Article } from "../articles.js";
import { agreementsOf, recipientOf } from "../facts.js";
import type { Finding } from "../finding.js";
import { clause, list, pt, recipientRole } from "../messages.js";
import { finding, type Rule } from "../rule.js";

// every PIPA Art. 26(1) item a written entrustment contract must contain
const REQUIRED_CLAUSES = ContractClause.options;

export const entrustmentTest: Rule = {
  code: "entrustment_test_failed",
  get title() {
    return pt("policy.entrustment.title");
  },
  severity: "error",
  articles: [
    ARTICLES.pipa26,
    ARTICLES.pipa26d,
    ARTICLES.pipa26e,
    ARTICLES.pipa17,
    ARTICLES.cia17,
    ARTICLES.gdpr28,
  ],
  get description() {
    return pt("policy.entrustment.description");
  },
  run(ws) {
    const out: Finding[] = [];
    for (const doc of agreementsOf(ws)) {
      const a = doc.value;
      if (!ws.taxonomy.bases.get(a.legal_basis)?.entrustment) continue;
      const recipient = recipientOf(ws, a)?.value;
      const subject = { kind: "agreement", id: a.id } as const;
      const report = (
        path: PropertyKey[],
        message: string,
        fix: string,
        trace: string[],
        articles: Article[],
      ) =>
        out.push(
          finding(entrustmentTest, doc, {
            code: "entrustment_test_failed",
            subject,
            path,
            message,
            fix,
            trace,
            articles,
          }),
        );
      a.purposes.forEach((pid, i) => {
        const p = ws.purposes.get(pid)?.value;
        if (p?.benefits.includes("recipient"))
          report(
            ["purposes", i],
            pt("policy.entrustment.serves_recipient", { purpose: pid }),
            pt("policy.entrustment.serves_recipient_fix"),
            [
              pt("policy.trace.legal_basis", { basis: a.legal_basis }),
              pt("policy.trace.purpose_benefits", { purpose: pid, benefits: list(p.benefits) }),
            ],
            [ARTICLES.pipa26e, ARTICLES.pipa17, ARTICLES.cia32, ARTICLES.gdpr28],
          );
      });
      if (recipient && recipient.role !== "entrustee")
        report(
          ["recipient"],
          pt("policy.entrustment.not_entrustee", {
            recipient: a.recipient,
            role: recipientRole(recipient.role),
          }),
          pt("policy.entrustment.not_entrustee_fix"),
          [pt("policy.trace.recipient_role", { role: recipient.role })],
          [ARTICLES.pipa26, ARTICLES.gdpr28],
        );
      const uncovered = a.purposes.filter((p) => !a.contract?.covers.includes(p));
      if (!a.contract)
        report(
          ["legal_basis"],
          pt("policy.entrustment.no_contract"),
          pt("policy.entrustment.no_contract_fix"),
          [pt("policy.entrustment.no_contract_trace")],
          [ARTICLES.pipa26, ARTICLES.cia17, ARTICLES.gdpr28],
        );
      else if (uncovered.length > 0)
        report(
          ["contract", "covers"],
          pt("policy.entrustment.uncovered", { count: uncovered.length, purposes: list(uncovered) }),
          pt("policy.entrustment.uncovered_fix"),
          [
            pt("policy.entrustment.uncovered_trace", {
              reference: a.contract.reference,
              covers: a.contract.covers.length > 0 ? list(a.contract.covers) : pt("policy.word.nothing"),
            }),
          ],
          [ARTICLES.pipa26, ARTICLES.gdpr28],
        );
      else {
        const missing = REQUIRED_CLAUSES.filter((c) => !a.contract?.clauses.includes(c));
        if (missing.length > 0)
          out.push(
            finding(this, doc, {
              code: this.code,
              severity: "warning",
              subject,
              path: ["contract", "clauses"],
              message: pt("policy.entrustment.clauses", { clauses: list(missing.map(clause)) }),
              fix: pt("policy.entrustment.clauses_fix"),
              trace: [
                pt("policy.entrustment.clauses_trace", {
                  clauses: a.contract.clauses.length > 0 ? list(a.contract.clauses) : pt("policy.word.none"),
                }),
              ],
              articles: [ARTICLES.pipa26],
            }),
          );
      }
      if (!a.disclosure?.published)
        report(
          a.disclosure ? ["disclosure", "published"] : ["legal_basis"],
          pt("policy.entrustment.unpublished"),
          pt("policy.entrustment.unpublished_fix"),
          [pt("policy.entrustment.unpublished_trace")],
          [ARTICLES.pipa26d],
        );
    }
    return out;
  },
};
